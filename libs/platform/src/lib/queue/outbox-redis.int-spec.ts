// Outbox → relay → BullMQ on real Redis, against a real PostgreSQL database cloned from the test template.
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { Job } from 'bullmq';
import { audit } from '../database/audit';
import { systemContext } from '../database/tenant-context';
import { QUEUE_CONFIG } from './queue.tokens';
import type { QueueConfig } from './queue-config';
import { enqueueOutbox } from './outbox';
import { OutboxRelay } from './outbox-relay.service';
import { EventSubscriber } from './job-handler';
import { JobRegistry } from './job-registry.service';
import { EventData, jobIdFor, subscriberJobName, SystemJobs } from './jobs';
import {
  Booted, bootJobs, createTestDatabase, median, ownerQuery, percentile, queueTestEnv, REAL_REDIS, seeded, Seeded,
  TestDatabase, UNREACHABLE_REDIS, waitFor, waitForState,
} from './queue-test-kit';

declare module './jobs' {
  interface EventPayloads {
    'test.redis-event': { thingId: string };
  }
}

/** Two subscribers of one event: one always throws (recording when each attempt ran, to see the backoff). */
const attemptTimes: number[] = [];
@EventSubscriber('test.redis-event', 'analytics')
class AlwaysFailingSubscriber {
  async handle(_job: Job<EventData<'test.redis-event'>>): Promise<never> {
    attemptTimes.push(Date.now());
    throw new Error('cố ý thất bại / deliberate failure');
  }
}
/** The other succeeds: its own job, run once, whatever the failing one does. */
const succeededWith: EventData<'test.redis-event'>[] = [];
@EventSubscriber('test.redis-event', 'compliance')
class SucceedingSubscriber {
  async handle(job: Job<EventData<'test.redis-event'>>): Promise<string> {
    succeededWith.push(job.data);
    return job.data.thingId;
  }
}
@Module({ providers: [AlwaysFailingSubscriber, SucceedingSubscriber] })
class FailingHandlerModule {}

let db: TestDatabase;
let jobs: Booted;
let seed: Seeded;

beforeAll(async () => {
  db = await createTestDatabase();
  queueTestEnv(db, REAL_REDIS);
  seed = await seeded(db);
  jobs = await bootJobs({ runWorkers: true, extraModules: [FailingHandlerModule] });
  // The running relay would race the assertions below; they drive relays by hand.
  await jobs.relay.stop();
});

afterAll(async () => {
  await jobs?.close();
  await db?.drop();
});

function ping(pingId = randomUUID()) {
  return { topic: SystemJobs.ping, payload: { pingId }, dedupeKey: `system.ping:${pingId}` } as const;
}

describe('transactional outbox on Redis', () => {
  it('does not relay a row whose transaction rolled back', async () => {
    const msg = ping();
    await expect(
      jobs.db.run(seed.ctx, async (em) => {
        await enqueueOutbox(em, seed.ctx, msg);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await jobs.relay.drainOnce()).toEqual({ relayed: 0, failed: 0 });
    expect(await ownerQuery(db, 'SELECT 1 FROM outbox WHERE dedupe_key = $1', [msg.dedupeKey])).toHaveLength(0);
    expect(await jobs.queues.findJob(jobIdFor(msg.topic, msg.dedupeKey))).toBeUndefined();
  });

  it('relays a committed row exactly once even with two relays draining concurrently', async () => {
    const messages = Array.from({ length: 40 }, () => ping());
    await jobs.db.run(seed.ctx, async (em) => {
      for (const m of messages) await enqueueOutbox(em, seed.ctx, m);
    });
    const config = jobs.moduleRef.get<QueueConfig>(QUEUE_CONFIG);
    const small = { ...config, outboxBatchSize: 7 };
    const registry = jobs.moduleRef.get(JobRegistry);
    const relays = [new OutboxRelay(jobs.db, jobs.queues, registry, small), new OutboxRelay(jobs.db, jobs.queues, registry, small)];
    const drainAll = async (r: OutboxRelay) => {
      let total = 0;
      for (let n = (await r.drainOnce()).relayed; n > 0; n = (await r.drainOnce()).relayed) total += n;
      return total;
    };
    const [a, b] = await Promise.all(relays.map(drainAll));
    expect(a + b).toBe(40);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const rows = await ownerQuery<{ attempts: number; sent: boolean }>(
      db, 'SELECT attempts, sent_at IS NOT NULL AS sent FROM outbox WHERE dedupe_key = ANY($1)', [messages.map((m) => m.dedupeKey)],
    );
    expect(rows).toHaveLength(40);
    // attempts counts relay passes: a row claimed twice would show 2.
    expect(rows.every((r) => r.sent && r.attempts === 1)).toBe(true);
    for (const m of messages) await waitForState(jobs.queues, jobIdFor(m.topic, m.dedupeKey), ['completed']);
    const pings = await ownerQuery(db, 'SELECT 1 FROM job_ping WHERE ping_id = ANY($1::uuid[])', [messages.map((m) => m.payload.pingId)]);
    expect(pings).toHaveLength(40);
  });

  it('keeps one job for one job id, and one outbox row for one dedupe key', async () => {
    const msg = ping();
    const first = await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
    const second = await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
    expect([first, second]).toEqual([true, false]);
    expect(await ownerQuery(db, 'SELECT 1 FROM outbox WHERE dedupe_key = $1', [msg.dedupeKey])).toHaveLength(1);

    const data = { pingId: randomUUID(), provinceId: seed.provinceId, centreId: null, requestedBy: seed.userId };
    const job = { name: SystemJobs.ping, data, businessKey: `dup:${data.pingId}` } as const;
    await jobs.queues.addAll([job, job]);
    await jobs.queues.addAll([job]);
    const id = jobIdFor(job.name, job.businessKey);
    await waitForState(jobs.queues, id, ['completed']);
    const all = await jobs.queues.queue('system').getJobs(['completed', 'waiting', 'active', 'delayed', 'failed']);
    expect(all.filter((j) => j.id === id)).toHaveLength(1);
  });

  it('runs a processor twice to the same state (idempotent by natural key)', async () => {
    const msg = ping();
    await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
    await jobs.relay.drainOnce();
    const id = jobIdFor(msg.topic, msg.dedupeKey);
    const done = await waitForState(jobs.queues, id, ['completed']);
    expect(done.returnvalue).toEqual({ pingId: msg.payload.pingId, recorded: true });
    const snapshot = () => ownerQuery(db, 'SELECT * FROM job_ping WHERE ping_id = $1', [msg.payload.pingId]);
    const before = await snapshot();

    await done.retry('completed'); // the same job again, through the worker
    const again = await waitFor(async () => {
      const j = await jobs.queues.findJob(id);
      return j && (await j.getState()) === 'completed' && j.returnvalue?.recorded === false ? j : undefined;
    });
    expect(again.returnvalue).toEqual({ pingId: msg.payload.pingId, recorded: false });
    expect(await snapshot()).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('gives each subscriber of an event its own job: a throwing one is retried with exponential backoff, then left failed and retryable, and the other runs once', async () => {
    attemptTimes.length = 0;
    succeededWith.length = 0;
    const thingId = randomUUID();
    const msg = { topic: 'test.redis-event', payload: { thingId }, dedupeKey: `thing:${thingId}:changed` } as const;
    await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
    expect(await jobs.relay.drainOnce()).toEqual({ relayed: 1, failed: 0 });
    // Each subscriber's job runs on its own context's queue.
    const other = await waitForState(jobs.queues, jobIdFor(subscriberJobName(msg.topic, 'compliance'), msg.dedupeKey), ['completed']);
    expect(other.queueName).toBe('system');
    expect(other.data).toMatchObject({ thingId, topic: 'test.redis-event', provinceId: seed.provinceId, requestedBy: seed.userId });
    const id = jobIdFor(subscriberJobName(msg.topic, 'analytics'), msg.dedupeKey);
    const failed = await waitForState(jobs.queues, id, ['failed']);
    expect(failed.attemptsMade).toBe(3); // JOB_ATTEMPTS
    expect(failed.failedReason).toContain('deliberate failure');
    expect(failed.opts.backoff).toEqual({ type: 'exponential', delay: 100 });
    expect(attemptTimes).toHaveLength(3);
    // exponential: ~100 ms, then ~200 ms between attempts
    expect(attemptTimes[1] - attemptTimes[0]).toBeGreaterThanOrEqual(90);
    expect(attemptTimes[2] - attemptTimes[1]).toBeGreaterThanOrEqual(190);
    const failedIds = (await jobs.queues.queue('analytics').getFailed()).map((j) => j.id);
    expect(failedIds).toContain(id);

    await failed.retry('failed');
    await waitFor(async () => attemptTimes.length >= 4);
    await waitForState(jobs.queues, id, ['failed']);
    // Four attempts of the failing subscriber; the other ran once.
    expect(succeededWith).toHaveLength(1);
  });

  it('commits state changes while Redis is unreachable and relays them once it is back', async () => {
    const down = await bootJobs({ runWorkers: false, redisUrl: UNREACHABLE_REDIS });
    try {
      const msg = ping();
      // A business change (here an audit event) and its outbox row commit although the queue is away.
      await down.db.run(seed.ctx, async (em) => {
        await audit(em, seed.ctx, { provinceId: seed.provinceId, action: 'test.change', entity: 'test', entityId: msg.payload.pingId });
        await enqueueOutbox(em, seed.ctx, msg);
      });
      const started = Date.now();
      const result = await down.relay.drainOnce();
      expect(result.relayed).toBe(0);
      expect(result.failed).toBeGreaterThanOrEqual(1);
      expect(Date.now() - started).toBeLessThan(8000);
      const [row] = await ownerQuery<{ sent_at: Date | null; attempts: number; last_error: string }>(
        db, 'SELECT sent_at, attempts, last_error FROM outbox WHERE dedupe_key = $1', [msg.dedupeKey],
      );
      expect(row.sent_at).toBeNull();
      expect(row.attempts).toBe(1);
      expect(row.last_error).toBeTruthy();
      expect(await ownerQuery(db, `SELECT 1 FROM audit_event WHERE action = 'test.change' AND entity_id = $1`, [msg.payload.pingId])).toHaveLength(1);

      // The relay loop keeps running (backing off) without throwing.
      down.relay.start();
      await new Promise((r) => setTimeout(r, 300));
      await down.relay.stop();

      // Redis is back (the real one): the waiting row is relayed and processed.
      process.env['REDIS_URL'] = REAL_REDIS;
      expect((await jobs.relay.drainOnce()).relayed).toBeGreaterThanOrEqual(1);
      await waitForState(jobs.queues, jobIdFor(msg.topic, msg.dedupeKey), ['completed']);
      expect(await ownerQuery(db, 'SELECT 1 FROM job_ping WHERE ping_id = $1', [msg.payload.pingId])).toHaveLength(1);
    } finally {
      await down.close();
      process.env['REDIS_URL'] = REAL_REDIS;
    }
  });

  it('keeps running while its Redis is stopped and relays the waiting rows when that Redis starts again', async () => {
    // A private redis-server this test starts and stops (by its own PID), on a port nothing else uses.
    const port = 20000 + Math.floor(Math.random() * 20000);
    const startRedis = () => spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const own = await bootJobs({ runWorkers: false, redisUrl: `redis://127.0.0.1:${port}` });
    let redis: ChildProcess | null = null;
    try {
      own.relay.start();
      const msg = ping();
      await own.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
      const unsent = () => ownerQuery<{ sent: boolean; attempts: number }>(db, 'SELECT sent_at IS NOT NULL AS sent, attempts FROM outbox WHERE dedupe_key = $1', [msg.dedupeKey]);
      await waitFor(async () => (await unsent())[0]?.attempts >= 1, 10_000, 50);
      expect((await unsent())[0].sent).toBe(false);

      redis = startRedis();
      // Reconnect (ioredis backoff) plus the relay's own backoff: well under the 30 s cap here.
      await waitFor(async () => (await unsent())[0]?.sent, 25_000, 100);
      const job = await own.queues.findJob(jobIdFor(msg.topic, msg.dedupeKey));
      expect(job?.data).toMatchObject({ pingId: msg.payload.pingId, requestedBy: seed.userId });
    } finally {
      process.env['REDIS_URL'] = REAL_REDIS;
      await own.relay.stop();
      await own.close();
      if (redis) {
        redis.kill('SIGTERM');
        await new Promise((r) => redis!.once('exit', r));
      }
    }
  }, 45_000);

  it('measures the outbox round trip (commit → processed) with the relay loop running', async () => {
    const probeCtx = systemContext(null, 'latency probe');
    jobs.relay.start();
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const msg = ping();
      await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
      const committed = Date.now();
      await waitFor(async () => (await jobs.db.run(probeCtx, (em) => em.query('SELECT 1 FROM job_ping WHERE ping_id = $1', [msg.payload.pingId]))).length > 0, 10_000, 2);
      latencies.push(Date.now() - committed);
    }
    await jobs.relay.stop();
    const [dbSide] = await ownerQuery<{ p50: number }>(
      db,
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.processed_at - o.created_at) * 1000) AS p50
         FROM outbox o JOIN job_ping p ON p.ping_id = (o.payload->>'pingId')::uuid
        WHERE o.id IN (SELECT id FROM outbox ORDER BY id DESC LIMIT 50)`,
    );
    console.log(`outbox round trip on Redis (LISTEN/NOTIFY, fallback poll ${jobs.queues.config.outboxPollMs} ms): median ${median(latencies)} ms, p95 ${percentile(latencies, 95)} ms (client-observed); median ${Math.round(dbSide.p50)} ms (database clock, insert → processed)`);
    expect(median(latencies)).toBeLessThan(2000);
  });
});
