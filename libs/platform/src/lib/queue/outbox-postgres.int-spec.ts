// The embedded default: no REDIS_URL, so BullMQ runs on its PostgreSQL backend (schema `bullmq` of the
// application database) with the same relay and processors. Real PostgreSQL, no Redis involved.
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { Job } from 'bullmq';
import { systemContext } from '../database/tenant-context';
import { enqueueOutbox } from './outbox';
import { JobHandler } from './job-handler';
import { AnalyticsJobs, JobData, jobIdFor, SystemJobs } from './jobs';
import {
  Booted, bootJobs, createTestDatabase, median, ownerQuery, percentile, queueTestEnv, seeded, Seeded, TestDatabase, waitFor, waitForState,
} from './queue-test-kit';

let attempts = 0;
@JobHandler(AnalyticsJobs.centreStatusChanged)
class AlwaysFailingHandler {
  async handle(_job: Job<JobData<'centre.status-changed'>>): Promise<never> {
    attempts++;
    throw new Error('deliberate failure');
  }
}
@Module({ providers: [AlwaysFailingHandler] })
class FailingHandlerModule {}

let db: TestDatabase;
let jobs: Booted;
let seed: Seeded;

beforeAll(async () => {
  db = await createTestDatabase();
  queueTestEnv(db, null);
  seed = await seeded(db);
  jobs = await bootJobs({ runWorkers: true, extraModules: [FailingHandlerModule] });
});

afterAll(async () => {
  await jobs?.close();
  await db?.drop();
});

function ping(pingId = randomUUID()) {
  return { topic: SystemJobs.ping, payload: { pingId }, dedupeKey: `system.ping:${pingId}` } as const;
}

describe('jobs on the BullMQ PostgreSQL backend (no Redis)', () => {
  it('uses the postgres backend and registers the nightly scheduler', async () => {
    expect(jobs.queues.config.backend).toBe('postgres');
    const scheduler = await waitFor(async () => (await jobs.queues.queue('system').getJobSchedulers()).find((s) => s.key === SystemJobs.nightlyRebuild));
    expect(scheduler).toMatchObject({ name: SystemJobs.nightlyRebuild, pattern: '0 30 1 * * *', tz: 'Asia/Ho_Chi_Minh' });
    // BullMQ migrated its own schema inside the application database.
    expect(await ownerQuery(db, `SELECT 1 FROM information_schema.schemata WHERE schema_name = 'bullmq'`)).toHaveLength(1);
  });

  it('relays a committed outbox row and processes it; one job per job id', async () => {
    const msg = ping();
    await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
    const id = jobIdFor(msg.topic, msg.dedupeKey);
    const done = await waitForState(jobs.queues, id, ['completed']);
    expect(done.returnvalue).toEqual({ pingId: msg.payload.pingId, recorded: true });
    expect(done.data).toMatchObject({ pingId: msg.payload.pingId, provinceId: seed.provinceId, requestedBy: seed.userId });

    await jobs.queues.addAll([{ name: SystemJobs.ping, data: done.data, businessKey: msg.dedupeKey }]);
    const all = await jobs.queues.queue('system').getJobs(['completed', 'waiting', 'active', 'delayed']);
    expect(all.filter((j) => j.id === id)).toHaveLength(1);
    expect(await ownerQuery(db, 'SELECT 1 FROM job_ping WHERE ping_id = $1', [msg.payload.pingId])).toHaveLength(1);
  });

  it('retries a failing processor and ends in failed state', async () => {
    const centreId = randomUUID();
    const msg = { topic: AnalyticsJobs.centreStatusChanged, payload: { centreId }, dedupeKey: `centre:${centreId}:status:1` } as const;
    await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
    const failed = await waitForState(jobs.queues, jobIdFor(msg.topic, msg.dedupeKey), ['failed']);
    expect(failed.attemptsMade).toBe(3);
    expect(attempts).toBe(3);
    expect(failed.failedReason).toBe('deliberate failure');
  });

  it('measures the outbox round trip (commit → processed)', async () => {
    const probeCtx = systemContext(null, 'latency probe');
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const msg = ping();
      await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
      const committed = Date.now();
      await waitFor(async () => (await jobs.db.run(probeCtx, (em) => em.query('SELECT 1 FROM job_ping WHERE ping_id = $1', [msg.payload.pingId]))).length > 0, 10_000, 2);
      latencies.push(Date.now() - committed);
    }
    console.log(`outbox round trip on the PostgreSQL backend (LISTEN/NOTIFY, fallback poll ${jobs.queues.config.outboxPollMs} ms): median ${median(latencies)} ms, p95 ${percentile(latencies, 95)} ms`);
    expect(median(latencies)).toBeLessThan(2000);
  });
});
