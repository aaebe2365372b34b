// The embedded default: no REDIS_URL, so BullMQ runs on its PostgreSQL backend (schema `bullmq` of the
// application database) with the same relay and processors. Real PostgreSQL, no Redis involved.
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { Job } from 'bullmq';
import { systemContext } from '../database/tenant-context';
import { enqueueOutbox } from './outbox';
import { EventSubscriber, JobHandler } from './job-handler';
import { JobWorkers } from './job-workers.service';
import { EventData, JobData, jobIdFor, subscriberJobName, SystemJobs } from './jobs';
import {
  Booted, bootJobs, createTestDatabase, median, ownerQuery, percentile, queueTestEnv, seeded, Seeded, TestDatabase, waitFor, waitForState,
} from './queue-test-kit';

declare module './jobs' {
  interface JobPayloads {
    'test.scheduled': { scheduled?: true };
  }
  interface EventPayloads {
    'test.postgres-event': { thingId: string };
  }
}

let attempts = 0;
@EventSubscriber('test.postgres-event', 'analytics')
class AlwaysFailingHandler {
  async handle(_job: Job<EventData<'test.postgres-event'>>): Promise<never> {
    attempts++;
    throw new Error('deliberate failure');
  }
}
@JobHandler('test.scheduled', { cron: '0 30 1 * * *' })
class ScheduledHandler {
  async handle(job: Job<JobData<'test.scheduled'>>): Promise<string> {
    return job.name;
  }
}
@Module({ providers: [AlwaysFailingHandler, ScheduledHandler] })
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
  it('uses the postgres backend, registers the declared schedulers and removes retired ones', async () => {
    expect(jobs.queues.config.backend).toBe('postgres');
    const system = jobs.queues.queue('system');
    const scheduler = await waitFor(async () => (await system.getJobSchedulers()).find((s) => s.key === 'test.scheduled'));
    expect(scheduler).toMatchObject({ name: 'test.scheduled', pattern: '0 30 1 * * *', tz: 'Asia/Ho_Chi_Minh' });
    // A scheduler of an earlier release whose job no longer exists (e.g. the placeholder `nightly.rebuild`).
    await system.upsertJobScheduler('nightly.rebuild', { pattern: '0 30 1 * * *', tz: 'Asia/Ho_Chi_Minh' }, { name: 'nightly.rebuild', data: {} });
    await jobs.moduleRef.get(JobWorkers).registerSchedulers();
    expect((await system.getJobSchedulers()).map((s) => s.key)).toEqual(['test.scheduled']);
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
    const thingId = randomUUID();
    const msg = { topic: 'test.postgres-event', payload: { thingId }, dedupeKey: `thing:${thingId}:changed` } as const;
    await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, msg));
    const failed = await waitForState(jobs.queues, jobIdFor(subscriberJobName(msg.topic, 'analytics'), msg.dedupeKey), ['failed']);
    expect(failed.attemptsMade).toBe(3);
    expect(attempts).toBe(3);
    expect(failed.failedReason).toBe('deliberate failure');
  });

  it('connects as the queue role, which owns BullMQ\'s schema and can reach nothing else (issue 13)', async () => {
    // Every session of the backend, as PostgreSQL sees it: the queue role, never the owner or a superuser.
    const sessions = await ownerQuery<{ usename: string; super: boolean }>(
      db,
      `SELECT a.usename, r.rolsuper AS super FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = current_database() AND a.application_name = 'gdtx-monitor-queue'`,
    );
    expect(sessions.length).toBeGreaterThan(0);
    expect(new Set(sessions.map((s) => s.usename))).toEqual(new Set(['gdtx_queue']));
    expect(sessions.every((s) => !s.super)).toBe(true);
    const [role] = await ownerQuery<Record<string, boolean>>(
      db,
      `SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls,
              has_database_privilege('gdtx_queue', current_database(), 'CREATE') AS create_schema,
              pg_has_role('gdtx_queue', 'gdtx_app', 'MEMBER') AS app_member,
              pg_has_role('gdtx_queue', 'gdtx_app_system', 'MEMBER') AS system_member,
              has_table_privilege('gdtx_queue', 'public.centre', 'SELECT') AS reads_centres,
              has_table_privilege('gdtx_queue', 'public.outbox', 'SELECT') AS reads_outbox,
              has_schema_privilege('gdtx_app', 'bullmq', 'USAGE') AS app_uses_queue_schema,
              (SELECT pg_get_userbyid(nspowner) = 'gdtx_queue' FROM pg_namespace WHERE nspname = 'bullmq') AS owns_schema,
              (SELECT bool_and(pg_get_userbyid(relowner) = 'gdtx_queue') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'bullmq') AS owns_tables,
              (SELECT bool_and(pg_get_userbyid(proowner) = 'gdtx_queue') FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'bullmq') AS owns_functions
         FROM pg_roles WHERE rolname = 'gdtx_queue'`,
    );
    expect(role).toEqual({
      rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false, create_schema: false,
      app_member: false, system_member: false, reads_centres: false, reads_outbox: false, app_uses_queue_schema: false,
      owns_schema: true, owns_tables: true, owns_functions: true,
    });
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
