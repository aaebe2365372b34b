import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePgbouncer } from './ensure-pgbouncer';

describe('ensurePgbouncer', () => {
  const quiet = () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ensure-pgbouncer-'));
  const binary = join(dir, 'pgbouncer');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('does nothing when the binary is there', () => {
    writeFileSync(binary, '#!/bin/sh\n', { mode: 0o755 });
    let installs = 0;
    const r = ensurePgbouncer({ env: {}, defaultPath: binary, isRoot: true, install: () => ((installs++), { status: 0, output: '' }), log: quiet });
    expect(r).toEqual({ ok: true, path: binary, installed: false });
    expect(installs).toBe(0);
    rmSync(binary);
  });

  it('installs it with apt-get as root', () => {
    const r = ensurePgbouncer({ env: {}, defaultPath: binary, isRoot: true, install: () => (writeFileSync(binary, '#!/bin/sh\n', { mode: 0o755 }), { status: 0, output: '' }), log: quiet });
    expect(r).toEqual({ ok: true, path: binary, installed: true });
    rmSync(binary);
  });

  it('says what to run when it cannot install, and never installs over a PGBOUNCER_PATH that is wrong', () => {
    expect(ensurePgbouncer({ env: {}, defaultPath: binary, isRoot: false, log: quiet })).toMatchObject({ ok: false, message: expect.stringContaining('apt-get install -y pgbouncer') });
    const failed = ensurePgbouncer({ env: {}, defaultPath: binary, isRoot: true, install: () => ({ status: 100, output: 'E: Unable to locate package pgbouncer\n' }), log: quiet });
    expect(failed).toMatchObject({ ok: false, message: expect.stringContaining('Unable to locate package') });
    let installs = 0;
    const custom = ensurePgbouncer({ env: { PGBOUNCER_PATH: join(dir, 'nope') }, isRoot: true, install: () => ((installs++), { status: 0, output: '' }), log: quiet });
    expect(custom).toMatchObject({ ok: false, message: expect.stringContaining('PGBOUNCER_PATH') });
    expect(installs).toBe(0);
  });
});
