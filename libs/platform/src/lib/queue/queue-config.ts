import { z } from 'zod';
import type { ConnectionOptions } from 'bullmq';
import { queueDatabaseUrl } from '../config/config';

/**
 * Queue settings, validated once like the rest of the configuration (kept here rather than in the main
 * schema so the jobs infrastructure owns its knobs). Empty strings mean "not set".
 */
const booleanString = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const QueueConfigSchema = z.object({
  REDIS_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  /** The queue role's credentials (see queueDatabaseUrl in the configuration). */
  QUEUE_DATABASE_URL: z.string().url().optional(),
  QUEUE_DB_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('gdtx_queue'),
  QUEUE_DB_PASSWORD: z.string().optional(),
  JOBS_DB_PASSWORD: z.string().optional(),
  APP_DB_PASSWORD: z.string().optional(),
  NODE_ENV: z.string().optional(),
  /**
   * Redis key prefix. Defaults to one derived from the database name, so two databases (test suites,
   * tenants of a shared Redis, developers) never consume each other's jobs.
   */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]+$/).optional(),
  /** Run the relay and the processors inside this process (the API in the embedded default). */
  RUN_WORKERS_IN_PROCESS: booleanString.optional(),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  JOB_BACKOFF_MS: z.coerce.number().int().min(1).default(5000),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Fallback poll; new rows normally wake the relay at once through LISTEN/NOTIFY. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  OUTBOX_MAX_BACKOFF_MS: z.coerce.number().int().min(100).default(30_000),
  /** How long the relay waits for the queue backend before it counts a pass as failed. */
  OUTBOX_ADD_TIMEOUT_MS: z.coerce.number().int().min(50).default(5000),
  QUEUE_DASHBOARD_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  /** How often the relay checks that the jobs it marked sent are still in the queue backend (or done). */
  OUTBOX_RECONCILE_MS: z.coerce.number().int().min(50).default(30_000),
  /** A job is checked only once it is this old (and again this long after its last check). */
  OUTBOX_RECONCILE_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * A worker's lock on its job, renewed every half of it; a worker killed mid-job loses the lock after this
   * long and another worker takes the job over at its next stalled-job check (every JOB_STALLED_INTERVAL_MS).
   * 4 s + 3 s leaves room for the job itself within 10 s (BullMQ's 30 s + 30 s gave about a minute, issue 13). The
   * lock is renewed every 2 s, so only an event loop blocked for 4 s loses a live worker its job (which then runs
   * twice: handlers are idempotent).
   */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(4000),
  JOB_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(3000),
});

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueConfig {
  backend: QueueBackendKind;
  /** BullMQ connection options: ioredis options for Redis, a pg pool config for PostgreSQL. */
  connection: ConnectionOptions | PostgresQueueConnection;
  /** Redis only (the PostgreSQL backend namespaces by schema inside the application database). */
  prefix: string;
  runWorkersInProcess: boolean;
  attempts: number;
  backoffMs: number;
  concurrency: number;
  outboxPollMs: number;
  outboxBatchSize: number;
  outboxMaxBackoffMs: number;
  outboxAddTimeoutMs: number;
  dashboardTtlSeconds: number;
  reconcileEveryMs: number;
  reconcileGraceMs: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
}

export interface PostgresQueueConnection {
  connectionString: string;
  /**
   * false: the schema is BullMQ's, migrated by `npm run migrate` as the owner and handed to the queue role
   * (prepareQueueSchema), so this connection needs no right to create anything. A schema behind this BullMQ
   * version makes the worker report SchemaMigrationRequiredError (stack.md §4): run the migrations.
   */
  migrate: false;
  max: number;
  application_name: string;
}

export function loadQueueConfig(env: NodeJS.ProcessEnv = process.env): QueueConfig {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const c = QueueConfigSchema.parse(cleaned);
  const backend: QueueBackendKind = c.REDIS_URL ? 'redis' : 'postgres';
  let connection: QueueConfig['connection'];
  if (c.REDIS_URL) {
    connection = redisConnection(c.REDIS_URL);
  } else {
    if (!c.DATABASE_URL && !c.QUEUE_DATABASE_URL) throw new Error('REDIS_URL or DATABASE_URL is required for the job queues');
    // The queue role (issue 13): owns BullMQ's schema and nothing else; never the owner or a superuser.
    connection = { connectionString: queueDatabaseUrl(c), migrate: false, max: 3, application_name: 'gdtx-monitor-queue' };
  }
  return {
    backend,
    connection,
    prefix: c.QUEUE_PREFIX ?? defaultPrefix(c.DATABASE_URL),
    runWorkersInProcess: c.RUN_WORKERS_IN_PROCESS ?? !c.REDIS_URL,
    attempts: c.JOB_ATTEMPTS,
    backoffMs: c.JOB_BACKOFF_MS,
    concurrency: c.JOB_CONCURRENCY,
    outboxPollMs: c.OUTBOX_POLL_MS,
    outboxBatchSize: c.OUTBOX_BATCH_SIZE,
    outboxMaxBackoffMs: c.OUTBOX_MAX_BACKOFF_MS,
    outboxAddTimeoutMs: c.OUTBOX_ADD_TIMEOUT_MS,
    dashboardTtlSeconds: c.QUEUE_DASHBOARD_TTL_SECONDS,
    reconcileEveryMs: c.OUTBOX_RECONCILE_MS,
    reconcileGraceMs: c.OUTBOX_RECONCILE_GRACE_MS,
    lockDurationMs: c.JOB_LOCK_MS,
    stalledIntervalMs: c.JOB_STALLED_INTERVAL_MS,
  };
}

/**
 * ioredis options from a URL. Producers fail fast when Redis is away (no offline queue), so the outbox
 * relay learns about it at once and keeps the rows instead of hanging; workers get their own blocking
 * connection from BullMQ, which sets maxRetriesPerRequest: null on it.
 */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    // Reconnect with a capped delay forever: Redis coming back must be noticed without a restart.
    retryStrategy: (times: number) => Math.min(200 * 2 ** Math.min(times, 8), 10_000),
  };
}

function defaultPrefix(databaseUrl: string | undefined): string {
  const db = databaseUrl ? new URL(databaseUrl).pathname.replace(/^\//, '') : '';
  return `gdtx-${db || 'default'}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
