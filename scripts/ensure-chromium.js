#!/usr/bin/env node
// The browser tests drive Debian's Chromium through playwright-core: no browser can be downloaded on these
// machines, only Debian's package installed. This is the one place that checks for it and installs it, used by
// `npm test` (scripts/test.js, before jest starts) and by `.ci/run`.
//
// Found → nothing to do. Missing at the default path and running as root → `apt-get install chromium`.
// Otherwise → exit 1 at once with one line saying what to run (nobody waits for a jest run that cannot pass).
const fs = require('fs');
const { spawnSync } = require('child_process');

const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function aptInstallChromium() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
  if (update.status !== 0) return { status: update.status ?? 1, output: `${update.stderr || ''}${update.error ? update.error.message : ''}` };
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { env, encoding: 'utf8' });
  return { status: install.status ?? 1, output: `${install.stderr || ''}${install.error ? install.error.message : ''}` };
}

/**
 * @param {{ env?: NodeJS.ProcessEnv, defaultPath?: string, isRoot?: boolean,
 *           install?: () => { status: number, output: string }, log?: (line: string) => void }} [options]
 * @returns {{ ok: true, path: string, installed: boolean } | { ok: false, path: string, message: string }}
 */
function ensureChromium(options = {}) {
  const env = options.env ?? process.env;
  const defaultPath = options.defaultPath ?? DEFAULT_CHROMIUM_PATH;
  const isRoot = options.isRoot ?? (typeof process.getuid === 'function' && process.getuid() === 0);
  const install = options.install ?? aptInstallChromium;
  const log = options.log ?? ((line) => console.log(line));
  const custom = Boolean(env.CHROMIUM_PATH);
  const file = custom ? env.CHROMIUM_PATH : defaultPath;

  if (isExecutable(file)) return { ok: true, path: file, installed: false };
  const howTo = 'run as root: apt-get update && apt-get install -y chromium';
  if (custom) {
    return { ok: false, path: file, message: `Chromium not found at CHROMIUM_PATH=${file}: point CHROMIUM_PATH at a Chromium binary, or unset it and ${howTo}` };
  }
  if (!isRoot) {
    return { ok: false, path: file, message: `Chromium not found at ${file} (the browser tests need Debian's chromium): ${howTo}` };
  }
  const started = Date.now();
  log(`Chromium not found at ${file}: installing Debian's chromium with apt-get…`);
  const result = install();
  if (result.status !== 0 || !isExecutable(file)) {
    const reason = (result.output || '').trim().split('\n').filter(Boolean).slice(-1)[0] || `exit ${result.status}`;
    return { ok: false, path: file, message: `Chromium could not be installed (apt-get: ${reason}): ${howTo}` };
  }
  log(`Chromium installed at ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ok: true, path: file, installed: true };
}

module.exports = { ensureChromium, DEFAULT_CHROMIUM_PATH };

if (require.main === module) {
  const result = ensureChromium();
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
