#!/usr/bin/env node
// The replica test (apps/api/test/replica.e2e-spec.ts) puts Debian's PgBouncer, in transaction mode, in front of a
// PostgreSQL primary of its own. Like ensure-redis.js: found → nothing to do; missing and running as root →
// `apt-get install pgbouncer` (the binary only: the package's service is never started); otherwise exit 1 with one
// line saying what to run. Used by `npm test` (scripts/test.js) before jest starts, and by the test itself.
const fs = require('fs');
const { spawnSync } = require('child_process');

/** Debian installs it outside a normal user's PATH. */
const DEFAULT_PGBOUNCER_PATH = '/usr/sbin/pgbouncer';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function aptInstallPgbouncer() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
  if (update.status !== 0) return { status: update.status ?? 1, output: `${update.stderr || ''}${update.error ? update.error.message : ''}` };
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'pgbouncer'], { env, encoding: 'utf8' });
  return { status: install.status ?? 1, output: `${install.stderr || ''}${install.error ? install.error.message : ''}` };
}

/**
 * @param {{ env?: NodeJS.ProcessEnv, defaultPath?: string, isRoot?: boolean,
 *           install?: () => { status: number, output: string }, log?: (line: string) => void }} [options]
 * @returns {{ ok: true, path: string, installed: boolean } | { ok: false, path: string, message: string }}
 */
function ensurePgbouncer(options = {}) {
  const env = options.env ?? process.env;
  const file = env.PGBOUNCER_PATH || options.defaultPath || DEFAULT_PGBOUNCER_PATH;
  const isRoot = options.isRoot ?? (typeof process.getuid === 'function' && process.getuid() === 0);
  const install = options.install ?? aptInstallPgbouncer;
  const log = options.log ?? ((line) => console.log(line));
  if (isExecutable(file)) return { ok: true, path: file, installed: false };
  const howTo = 'run as root: apt-get update && apt-get install -y pgbouncer';
  if (env.PGBOUNCER_PATH) return { ok: false, path: file, message: `PgBouncer not found at PGBOUNCER_PATH=${file}: point it at the binary, or unset it and ${howTo}` };
  if (!isRoot) return { ok: false, path: file, message: `PgBouncer not found at ${file} (the replica test needs Debian's pgbouncer): ${howTo}` };
  const started = Date.now();
  log(`PgBouncer not found at ${file}: installing Debian's pgbouncer with apt-get…`);
  const result = install();
  if (result.status !== 0 || !isExecutable(file)) {
    const reason = (result.output || '').trim().split('\n').filter(Boolean).slice(-1)[0] || `exit ${result.status}`;
    return { ok: false, path: file, message: `PgBouncer could not be installed (apt-get: ${reason}): ${howTo}` };
  }
  log(`PgBouncer installed at ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ok: true, path: file, installed: true };
}

module.exports = { ensurePgbouncer, DEFAULT_PGBOUNCER_PATH };

if (require.main === module) {
  const result = ensurePgbouncer();
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
