// Start-up time and idle memory of the API, compiled (dist/, scripts/build.js) against transpiled at start-up
// (scripts/register.js, how production ran before issue 14) — a measurement, not part of `npm test`:
//   node scripts/build.js && npm exec -- node -r ./scripts/register.js scripts/bench/startup.ts
// Each run starts a fresh process (NODE_ENV=production, on a database cloned from the test template, Redis on
// 127.0.0.1) and measures the time from spawn to the first 200 of /health/ready, then RSS (from /proc) after
// STARTUP_IDLE_SECONDS (10) of idling, with the runtime images' malloc settings. STARTUP_RUNS (5) runs of each
// kind, alternating; prints one JSON line `STARTUP_RESULT {...}` with the medians (ms, MB) and every run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase } from '@gdtx/platform/testing';
import { freePort, rssMB } from './kit';

const RUNS = Number(process.env['STARTUP_RUNS'] ?? 5);
const IDLE_SECONDS = Number(process.env['STARTUP_IDLE_SECONDS'] ?? 10);
const root = join(__dirname, '../..');
const KINDS = {
  transpiled: ['-r', './scripts/register.js', 'apps/api/src/main.ts'],
  compiled: ['--enable-source-maps', 'dist/apps/api/src/main.js'],
} as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function startOnce(argv: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ readyMs: number; rssMB: number }> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...argv], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env, PORT: String(port) } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  try {
    let readyMs = NaN;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr.slice(-2000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
      if (ok) {
        readyMs = Number(process.hrtime.bigint() - started) / 1e6;
        break;
      }
      if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs) throw new Error(`not ready in ${timeoutMs} ms: ${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    return { readyMs: Math.round(readyMs), rssMB: rssMB(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

async function main() {
  if (!existsSync(join(root, 'dist/apps/api/src/main.js'))) throw new Error('run `node scripts/build.js` first');
  const db = await createTestDatabase();
  const env = {
    DATABASE_URL: db.ownerUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: randomBytes(32).toString('hex'),
    APP_DB_PASSWORD: 'gdtx_app_dev_password', JOBS_DB_PASSWORD: 'gdtx_app_dev_password',
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: `gdtx-startup-${Date.now()}`,
    MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576',
  };
  const runs: Record<string, { readyMs: number; rssMB: number }[]> = { transpiled: [], compiled: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const [kind, argv] of Object.entries(KINDS)) {
        const r = await startOnce(argv, env);
        runs[kind].push(r);
        console.log(`[startup] ${kind} #${i + 1}: ready ${r.readyMs} ms, idle RSS ${r.rssMB} MB`);
      }
    }
  } finally {
    await db.drop();
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([k, rs]) => [k, { readyMsMedian: median(rs.map((r) => r.readyMs)), rssMBMedian: median(rs.map((r) => r.rssMB)), runs: rs }]),
  );
  console.log(`STARTUP_RESULT ${JSON.stringify({ node: process.version, idleSeconds: IDLE_SECONDS, ...summary })}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
