// glibc's allocator settings for the processes `npm start` runs (issue 13, Build 8): the same values as the runtime
// images (deploy/Dockerfile.*; deploy/malloc-env.spec.ts checks they agree). Without them the API keeps argon2id's
// 19 MiB blocks resident in per-thread arenas after a burst of logins (docs/reliability.md, "Memory after load").
const { spawn } = require('child_process');

const MALLOC_ENV = Object.freeze({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576' });

/**
 * Runs `main` in this process when the settings are in its environment; otherwise runs this same script again in a
 * child that has them (glibc reads them only when a process starts), passing signals on and exiting with its code.
 * A value the user set stays theirs.
 */
function ensureMallocEnv(main) {
  if (Object.keys(MALLOC_ENV).every((k) => process.env[k])) return main();
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...MALLOC_ENV, ...process.env },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (require('os').constants.signals[signal] || 0) : 0)));
  return undefined;
}

module.exports = { MALLOC_ENV, ensureMallocEnv };
