// The Chromium check used by `npm test` and `.ci/run`: found → nothing; missing as root → apt; missing otherwise →
// one line at once. The refusal path is also run as a real process under an unprivileged user.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const { ensureChromium } = require('./ensure-chromium.js') as typeof import('./ensure-chromium.js');

const script = path.join(__dirname, 'ensure-chromium.js');
const missing = path.join(os.tmpdir(), `no-chromium-${process.pid}`, 'chromium');

describe('ensureChromium', () => {
  it('accepts an executable it finds and installs nothing', () => {
    const install = jest.fn();
    const result = ensureChromium({ env: {}, defaultPath: process.execPath, isRoot: true, install, log: () => undefined });
    expect(result).toEqual({ ok: true, path: process.execPath, installed: false });
    expect(install).not.toHaveBeenCalled();
  });

  it('refuses at once when Chromium is missing and it is not root, saying in one line what to run', () => {
    const install = jest.fn();
    const result = ensureChromium({ env: {}, defaultPath: missing, isRoot: false, install, log: () => undefined });
    expect(install).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(
      `Chromium not found at ${missing} (the browser tests need Debian's chromium): run as root: apt-get update && apt-get install -y chromium`,
    );
    expect(result.message).not.toContain('\n');
  });

  it('installs with apt when missing as root, and checks the binary is there afterwards', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
    const binary = path.join(dir, 'chromium');
    const install = jest.fn(() => {
      fs.writeFileSync(binary, '#!/bin/sh\n', { mode: 0o755 });
      return { status: 0, output: '' };
    });
    const result = ensureChromium({ env: {}, defaultPath: binary, isRoot: true, install, log: () => undefined });
    expect(install).toHaveBeenCalledTimes(1);
    expect(result).toEqual({ ok: true, path: binary, installed: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports apt failing as one line with apt’s last words', () => {
    const install = () => ({ status: 100, output: 'E: Unable to locate package chromium\n' });
    const result = ensureChromium({ env: {}, defaultPath: missing, isRoot: true, install, log: () => undefined });
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.message).toBe(
      'Chromium could not be installed (apt-get: E: Unable to locate package chromium): run as root: apt-get update && apt-get install -y chromium',
    );
  });

  it('never installs over a CHROMIUM_PATH that points nowhere, even as root', () => {
    const install = jest.fn();
    const result = ensureChromium({ env: { CHROMIUM_PATH: missing }, isRoot: true, install, log: () => undefined });
    expect(install).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false });
  });

  it('as a process run by a user who is not root: exit 1 before any install, one line on stderr, nothing installed', () => {
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    // As root, drop to `nobody` (runuser is util-linux, on every Debian); otherwise this user already is not root.
    const command = asRoot ? 'runuser' : process.execPath;
    const args = asRoot ? ['-u', 'nobody', '--', process.execPath, script] : [script];
    // CHROMIUM_PATH cannot be used here (it has its own message); the default path is what a fresh machine misses,
    // so the script is pointed at a missing default through a copy that differs only in that constant.
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-chromium-')), 'ensure-chromium.js');
    fs.writeFileSync(copy, fs.readFileSync(script, 'utf8').replace("'/usr/bin/chromium'", JSON.stringify(missing)));
    fs.chmodSync(path.dirname(copy), 0o755);
    args[args.length - 1] = copy;
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
    const run = spawnSync(command, args, { encoding: 'utf8', env, cwd: os.tmpdir(), timeout: 20000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      `Chromium not found at ${missing} (the browser tests need Debian's chromium): run as root: apt-get update && apt-get install -y chromium`,
    ]);
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  });
});
