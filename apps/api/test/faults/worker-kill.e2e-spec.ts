// Fault suite (issue 13): a worker killed (SIGKILL) in the middle of a job; another worker process completes it
// once the dead one's lock lapses (JOB_LOCK_MS, 4 s) at its next stalled-job check (JOB_STALLED_INTERVAL_MS, 3 s):
// the defaults, which the worker processes here run with.
// Two real worker processes (apps/worker), the test's own redis-server, a cloned database. The job is the
// nightly fact rebuild, held mid-job on the advisory lock it takes, which the test holds until the kill.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@gdtx/platform/testing';
import { freePort, OwnRedis, waitUntil } from './fault-kit';

const root = join(__dirname, '../../../..');

describe('fault: a worker killed mid-job (e2e)', () => {
  const redis = new OwnRedis(freePort(28390));
  const prefix = `gdtx-fault-${randomBytes(4).toString('hex')}`;
  let db: TestDatabase;
  let owner: Client;
  let queue: Queue;
  const workers: ChildProcess[] = [];

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/worker/src/main.ts'], {
      cwd: root,
      stdio: 'ignore',
      env: {
        ...process.env, DATABASE_URL: db.ownerUrl, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, NODE_ENV: 'test', LOG_LEVEL: 'silent',
      },
    });
    workers.push(child);
    return child;
  }

  const analyticsWorkers = async () => (await queue.getWorkers()).length;

  beforeAll(async () => {
    await redis.start();
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    queue = new Queue('analytics', { connection: { host: '127.0.0.1', port: redis.port }, prefix });
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await queue?.close();
    await owner?.end();
    await db?.drop();
    await redis.stop();
  });

  it('completes the job in another worker after the first is killed in the middle of it', async () => {
    // The rebuild waits on this lock as soon as it starts: the job is active, in the middle, for as long as we hold it.
    await owner.query(`SELECT pg_advisory_lock(727010)`);
    startWorker();
    await waitUntil(async () => (await analyticsWorkers()) > 0, 90_000, 'first worker connected', 250);
    const job = await queue.add('analytics.rebuild-facts', { provinceId: null, centreId: null, requestedBy: null }, { jobId: 'fault-rebuild', attempts: 3 });
    await waitUntil(async () => (await job.getState()) === 'active', 30_000, 'job active in the first worker');

    const before = await analyticsWorkers();
    const second = startWorker();
    await waitUntil(async () => (await analyticsWorkers()) > before, 90_000, 'second worker connected', 250);

    workers[0].kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => workers[0].once('exit', r));
    await owner.query(`SELECT pg_advisory_unlock(727010)`);

    await waitUntil(async () => (await queue.getJobState('fault-rebuild')) === 'completed', 60_000, 'job completed elsewhere', 100);
    const recoveredInMs = Date.now() - killedAt;
    const done = (await queue.getJob('fault-rebuild'))!;
    expect(done.returnvalue).toEqual({ rows: expect.any(Number) });
    expect(done.returnvalue.rows).toBeGreaterThan(0);
    expect(second.exitCode).toBeNull();
    // A generous bound (the measured figure, ≤ 10 s, is in docs/reliability.md): BullMQ's defaults took ~64 s.
    expect(recoveredInMs).toBeLessThan(30_000);
    if (process.env['FAULT_REPORT']) {
      console.log(`worker-kill: job completed in the other worker ${recoveredInMs} ms after the kill (its second run took ${done.finishedOn! - done.processedOn!} ms)`);
    }
  }, 150_000);
});
