#!/usr/bin/env node
// The fault suite (apps/api/test/faults) and the Redis-outage tests start redis-server binaries of their own on
// their own ports (never the machine's shared Redis), so the binary must be installed. Like ensure-chromium.js:
// found on PATH → nothing to do; missing and running as root → `apt-get install redis-server`; otherwise exit 1
// with one line saying what to run. Used by `npm test` (scripts/test.js) before jest starts.
const { spawnSync } = require('child_process');

function hasRedisServer() {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

function aptInstallRedis() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
  if (update.status !== 0) return { status: update.status ?? 1, output: `${update.stderr || ''}${update.error ? update.error.message : ''}` };
  // Only the binary is wanted: no service started by the package's scripts where policy-rc.d forbids it.
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { env, encoding: 'utf8' });
  return { status: install.status ?? 1, output: `${install.stderr || ''}${install.error ? install.error.message : ''}` };
}

/**
 * @param {{ isRoot?: boolean, found?: () => boolean, install?: () => { status: number, output: string }, log?: (line: string) => void }} [options]
 * @returns {{ ok: true, installed: boolean } | { ok: false, message: string }}
 */
function ensureRedisServer(options = {}) {
  const found = options.found ?? hasRedisServer;
  const isRoot = options.isRoot ?? (typeof process.getuid === 'function' && process.getuid() === 0);
  const install = options.install ?? aptInstallRedis;
  const log = options.log ?? ((line) => console.log(line));
  if (found()) return { ok: true, installed: false };
  const howTo = 'run as root: apt-get update && apt-get install -y redis-server';
  if (!isRoot) return { ok: false, message: `redis-server not found on PATH (the fault tests start their own): ${howTo}` };
  log('redis-server not found: installing it with apt-get…');
  const result = install();
  if (result.status !== 0 || !found()) {
    const reason = (result.output || '').trim().split('\n').filter(Boolean).slice(-1)[0] || `exit ${result.status}`;
    return { ok: false, message: `redis-server could not be installed (apt-get: ${reason}): ${howTo}` };
  }
  return { ok: true, installed: true };
}

module.exports = { ensureRedisServer };

if (require.main === module) {
  const result = ensureRedisServer();
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
