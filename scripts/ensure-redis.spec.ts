import { ensureRedisServer } from './ensure-redis';

describe('ensureRedisServer', () => {
  const quiet = () => undefined;

  it('does nothing when redis-server is on PATH', () => {
    let installs = 0;
    const r = ensureRedisServer({ found: () => true, isRoot: true, install: () => ((installs++), { status: 0, output: '' }), log: quiet });
    expect(r).toEqual({ ok: true, installed: false });
    expect(installs).toBe(0);
  });

  it('installs it with apt-get as root', () => {
    let present = false;
    const r = ensureRedisServer({ found: () => present, isRoot: true, install: () => ((present = true), { status: 0, output: '' }), log: quiet });
    expect(r).toEqual({ ok: true, installed: true });
  });

  it('says what to run when it cannot install', () => {
    expect(ensureRedisServer({ found: () => false, isRoot: false, log: quiet })).toMatchObject({ ok: false, message: expect.stringContaining('apt-get install -y redis-server') });
    const failed = ensureRedisServer({ found: () => false, isRoot: true, install: () => ({ status: 100, output: 'E: Unable to locate package redis-server\n' }), log: quiet });
    expect(failed).toMatchObject({ ok: false, message: expect.stringContaining('Unable to locate package') });
  });
});
