// Shared by the queue integration specs (not exported from the library): boots the jobs infrastructure on
// a cloned test database, with a queue prefix unique to the run so parallel suites never share jobs.
import { randomBytes } from 'node:crypto';
import { DynamicModule, Logger, Module, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import type { Job } from 'bullmq';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../testing';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { TenantDb } from '../database/tenant-db.service';
import type { TenantContext } from '../database/tenant-context';
import { QueueModule } from './queue.module';
import { JobsRuntimeModule } from './jobs-runtime.module';
import { JobQueues } from './job-queues.service';
import { OutboxRelay } from './outbox-relay.service';
import type { EventDeclaration } from './job-handler';

export const REAL_REDIS = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
export const UNREACHABLE_REDIS = 'redis://127.0.0.1:6390';

export interface Booted {
  moduleRef: TestingModule;
  db: TenantDb;
  queues: JobQueues;
  relay: OutboxRelay;
  close(): Promise<void>;
}

export interface Seeded {
  provinceId: string;
  userId: string;
  ctx: TenantContext;
}

/** Sets the environment the modules read at boot; `redisUrl: null` selects the PostgreSQL backend. */
export function queueTestEnv(db: TestDatabase, redisUrl: string | null, extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    DATABASE_URL: db.ownerUrl,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `gdtx-test-${randomBytes(4).toString('hex')}`,
    JOB_ATTEMPTS: '3',
    JOB_BACKOFF_MS: '100',
    OUTBOX_ADD_TIMEOUT_MS: '1000',
    ...extra,
  });
  if (redisUrl) process.env['REDIS_URL'] = redisUrl;
  else delete process.env['REDIS_URL'];
}

export async function bootJobs(opts: {
  runWorkers: boolean;
  redisUrl?: string | null;
  extraModules?: (Type | DynamicModule)[];
  events?: readonly EventDeclaration[];
}): Promise<Booted> {
  if (opts.redisUrl !== undefined) {
    if (opts.redisUrl) process.env['REDIS_URL'] = opts.redisUrl;
    else delete process.env['REDIS_URL'];
  }
  @Module({ imports: [ConfigModule, DatabaseModule, QueueModule, JobsRuntimeModule.forRoot({ runWorkers: opts.runWorkers, events: opts.events }), ...(opts.extraModules ?? [])] })
  class JobsTestModule {}
  const moduleRef = await Test.createTestingModule({ imports: [JobsTestModule] }).setLogger(quietLogger).compile();
  await moduleRef.init();
  return {
    moduleRef,
    db: moduleRef.get(TenantDb),
    queues: moduleRef.get(JobQueues),
    relay: moduleRef.get(OutboxRelay),
    close: () => moduleRef.close(),
  };
}

export async function seeded(db: TestDatabase): Promise<Seeded> {
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT id, province_id, role FROM app_user WHERE username = 'so.quantri'`);
    const u = rows[0];
    return { provinceId: u.province_id, userId: u.id, ctx: { scope: 'province', provinceId: u.province_id, userId: u.id, role: u.role } };
  } finally {
    await c.end();
  }
}

/** Reads as the owner (bypasses RLS) to check what really is in the database. */
export async function ownerQuery<T = Record<string, unknown>>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function waitForState(queues: JobQueues, jobId: string, states: string[], timeoutMs = 15_000): Promise<Job> {
  return waitFor(async () => {
    const job = await queues.findJob(jobId);
    // Re-read after the state matched: the first read may predate the completion (no returnvalue yet).
    return job && states.includes(await job.getState()) ? queues.findJob(jobId) : undefined;
  }, timeoutMs);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const ignore = (): void => undefined;
/** Nest's own logger would print the expected "queue away" warnings; QUEUE_TEST_LOGS=1 shows them. */
const quietLogger = process.env['QUEUE_TEST_LOGS'] === '1' ? new Logger() : { log: ignore, error: ignore, warn: ignore, debug: ignore, verbose: ignore, fatal: ignore };

export { createTestDatabase };
export type { TestDatabase };
