import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Configuration is validated once at boot (style rule 13): a bad variable stops the process with a message
 * that names it, instead of failing later in a request.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Owner connection: migrations and seeding. Without it, `npm start` runs an embedded PostgreSQL. */
  DATABASE_URL: z.string().url().optional(),
  /** The application's connection: a role that owns nothing and is not a superuser, so RLS always applies. */
  APP_DATABASE_URL: z.string().url().optional(),
  APP_DB_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('gdtx_app'),
  /** Required in production; elsewhere a development default (the embedded demo writes a random one per data directory). */
  APP_DB_PASSWORD: z.string().min(1).optional(),
  /**
   * Background work's connection (issue 13, Build 5): the only role that may take the system scope, so SQL that
   * a request could inject into the app role's connection can never bypass RLS. Defaults as the app role's.
   */
  JOBS_DATABASE_URL: z.string().url().optional(),
  JOBS_DB_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('gdtx_jobs'),
  JOBS_DB_PASSWORD: z.string().min(1).optional(),
  /**
   * The embedded queue backend's connection (BullMQ on PostgreSQL, used when REDIS_URL is unset): a role that owns
   * the `bullmq` schema and nothing else, with no grant on the application's tables and no system scope (issue 13,
   * Build 5). Defaults to DATABASE_URL with this role's credentials.
   */
  QUEUE_DATABASE_URL: z.string().url().optional(),
  QUEUE_DB_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('gdtx_queue'),
  QUEUE_DB_PASSWORD: z.string().min(1).optional(),
  /**
   * The primary itself, bypassing a connection pooler (PgBouncer in transaction mode, docs/adr/0022-read-replica.md):
   * the owner's connection for the migrations (their session-level advisory lock) and, with the app role's
   * credentials, the outbox relay's LISTEN. Unset: DATABASE_URL (no pooler in between).
   */
  DATABASE_DIRECT_URL: z.string().url().optional(),
  /**
   * A streaming read replica of the primary (host, port, database; the app role's credentials replace any in it,
   * as they do for DATABASE_URL). Dashboards and analytics read there (TenantDb.read); unset: they read the primary.
   */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  REPLICA_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Read-your-writes (ADR 0022): after a user's transaction wrote, a replica read for that user waits at most this
   * long for the replica to replay the commit, then reads the primary instead.
   */
  READ_YOUR_WRITES_WAIT_MS: z.coerce.number().int().min(0).max(5000).default(200),
  /** How long the primary's commit position of a user's last write is kept (in Redis, seen by every API process). */
  READ_YOUR_WRITES_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  JOBS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(5),
  REDIS_URL: z.string().url().optional(),
  /**
   * No default (issue 13): a public default would let anyone mint a SYSTEM_ADMIN token. `npm start` with its embedded
   * database writes a random one per data directory (scripts/start.js); tests get a random one per process.
   */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET phải dài ít nhất 32 ký tự').optional(),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /**
   * How long an API process may use a session (the user's role, scope and token_version) from memory before it
   * reads the row again (ADR 0003, issue 14): the safety net behind the Redis invalidations. 0 turns the cache off.
   */
  SESSION_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  SESSION_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(50_000),
  /**
   * The bearer that /metrics (API) and the worker's metrics port require (docs/operations.md, "Metrics"). Unset:
   * metrics answer only to direct loopback connections without X-Forwarded-For.
   */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN phải dài ít nhất 16 ký tự').optional(),
  /** The worker's own metrics endpoint (http://…:METRICS_PORT/metrics); 0 picks a free port (tests). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /**
   * Which proxies' X-Forwarded-For Express believes (the client address of the login limits, the audit): Express's
   * `trust proxy` as a list of `loopback`, `linklocal`, `uniquelocal`, addresses and CIDR ranges (the ingress), or a
   * hop count. Default loopback only; behind an ingress on another host set its range, else every client is the
   * ingress's address to the per-address login limit.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?))*)$/, 'TRUST_PROXY: loopback, linklocal, uniquelocal, địa chỉ hoặc dải CIDR (cách nhau bởi dấu phẩy), hoặc số hop')
    .default('loopback'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(100),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(20000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(20),
  GRAPHQL_INTROSPECTION: booleanString.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('gdtx-monitor <no-reply@gdtx.local>'),
});

export type AppConfig = Omit<z.infer<typeof ConfigSchema>, 'JWT_SECRET' | 'APP_DB_PASSWORD' | 'JOBS_DB_PASSWORD' | 'QUEUE_DB_PASSWORD'> & {
  JWT_SECRET: string;
  APP_DB_PASSWORD: string;
  JOBS_DB_PASSWORD: string;
  /** null: the queue role cannot log in (production on Redis never needs it); see queueDbPassword. */
  QUEUE_DB_PASSWORD: string | null;
  /** Derived: introspection and the sandbox are off in production unless asked for. */
  graphqlIntrospection: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Cấu hình không hợp lệ / invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "not set" (a common shell/compose habit), not "invalid".
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const c = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  let jwtSecret = c.JWT_SECRET;
  if (!jwtSecret && c.NODE_ENV === 'test') {
    // One random secret per test process, put back into the environment so the processes a test starts share it.
    jwtSecret = randomBytes(32).toString('hex');
    if (env === process.env) process.env['JWT_SECRET'] = jwtSecret;
  }
  if (!jwtSecret) {
    problems.push({
      variable: 'JWT_SECRET',
      message:
        'chưa được đặt: đặt một chuỗi ngẫu nhiên ≥ 32 ký tự (openssl rand -hex 32); `npm start` không có DATABASE_URL tự tạo một khoá trong .data / ' +
        'not set: set a random string of at least 32 characters; `npm start` without DATABASE_URL generates one under .data',
    });
  }
  if (!c.APP_DB_PASSWORD && c.NODE_ENV === 'production') {
    problems.push({ variable: 'APP_DB_PASSWORD', message: 'chưa được đặt (bắt buộc khi NODE_ENV=production) / must be set in production' });
  }
  if (!c.JOBS_DB_PASSWORD && !c.JOBS_DATABASE_URL && c.NODE_ENV === 'production') {
    problems.push({ variable: 'JOBS_DB_PASSWORD', message: 'chưa được đặt (bắt buộc khi NODE_ENV=production) / must be set in production' });
  }
  if (c.JOBS_DB_ROLE === c.APP_DB_ROLE) {
    problems.push({ variable: 'JOBS_DB_ROLE', message: 'phải khác APP_DB_ROLE / must differ from APP_DB_ROLE (only the jobs role may take the system scope)' });
  }
  if (c.QUEUE_DB_ROLE === c.APP_DB_ROLE || c.QUEUE_DB_ROLE === c.JOBS_DB_ROLE) {
    problems.push({ variable: 'QUEUE_DB_ROLE', message: 'phải khác APP_DB_ROLE và JOBS_DB_ROLE / must differ from APP_DB_ROLE and JOBS_DB_ROLE' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...c,
    JWT_SECRET: jwtSecret!,
    APP_DB_PASSWORD: c.APP_DB_PASSWORD ?? DEVELOPMENT_APP_DB_PASSWORD,
    JOBS_DB_PASSWORD: c.JOBS_DB_PASSWORD ?? c.APP_DB_PASSWORD ?? DEVELOPMENT_APP_DB_PASSWORD,
    QUEUE_DB_PASSWORD: queueDbPassword(c),
    graphqlIntrospection: c.GRAPHQL_INTROSPECTION ?? c.NODE_ENV !== 'production',
  };
}

/** Outside production only: the app role's password where none is set (trust-authenticated local services). */
const DEVELOPMENT_APP_DB_PASSWORD = 'gdtx_app_dev_password';

/** The application connection string: APP_DATABASE_URL, or DATABASE_URL with the app role's credentials. */
export function appDatabaseUrl(config: AppConfig): string {
  if (config.APP_DATABASE_URL) return config.APP_DATABASE_URL;
  if (!config.DATABASE_URL) throw new ConfigError([{ variable: 'DATABASE_URL', message: 'required' }]);
  const url = new URL(config.DATABASE_URL);
  url.username = config.APP_DB_ROLE;
  url.password = config.APP_DB_PASSWORD;
  return url.toString();
}

/** The read replica's connection string as the app role (RLS applies there too), or null: read the primary. */
export function replicaDatabaseUrl(config: AppConfig): string | null {
  if (!config.DATABASE_REPLICA_URL) return null;
  return withCredentials(config.DATABASE_REPLICA_URL, config.APP_DB_ROLE, config.APP_DB_PASSWORD);
}

/**
 * The app role's connection to the primary that bypasses the pooler, for what needs a session of its own (the
 * outbox relay's LISTEN): DATABASE_DIRECT_URL with the app role's credentials, else the app's usual connection.
 */
export function appDirectDatabaseUrl(config: AppConfig): string {
  if (!config.DATABASE_DIRECT_URL) return appDatabaseUrl(config);
  return withCredentials(config.DATABASE_DIRECT_URL, config.APP_DB_ROLE, config.APP_DB_PASSWORD);
}

function withCredentials(raw: string, role: string, password: string): string {
  const url = new URL(raw);
  url.username = role;
  url.password = password;
  return url.toString();
}

/** The jobs connection string: JOBS_DATABASE_URL, or DATABASE_URL with the jobs role's credentials. */
export function jobsDatabaseUrl(config: AppConfig): string {
  if (config.JOBS_DATABASE_URL) return config.JOBS_DATABASE_URL;
  if (!config.DATABASE_URL) throw new ConfigError([{ variable: 'DATABASE_URL', message: 'required' }]);
  const url = new URL(config.DATABASE_URL);
  url.username = config.JOBS_DB_ROLE;
  url.password = config.JOBS_DB_PASSWORD;
  return url.toString();
}

/** What the queue role's credentials are derived from (the configuration, or the raw variables the queue reads). */
export interface QueueRoleVariables {
  NODE_ENV?: string;
  DATABASE_URL?: string;
  QUEUE_DATABASE_URL?: string;
  QUEUE_DB_ROLE?: string;
  QUEUE_DB_PASSWORD?: string | null;
  JOBS_DB_PASSWORD?: string;
  APP_DB_PASSWORD?: string;
}

/**
 * The queue role's password: its own; else, outside production, the jobs role's (or the development default). In
 * production without one the role is created without login: deployments on Redis never connect as it.
 */
export function queueDbPassword(v: QueueRoleVariables): string | null {
  if (v.QUEUE_DB_PASSWORD) return v.QUEUE_DB_PASSWORD;
  if (v.NODE_ENV === 'production') return null;
  return v.JOBS_DB_PASSWORD || v.APP_DB_PASSWORD || DEVELOPMENT_APP_DB_PASSWORD;
}

/** The embedded queue backend's connection string: QUEUE_DATABASE_URL, or DATABASE_URL with the queue role's credentials. */
export function queueDatabaseUrl(v: QueueRoleVariables): string {
  if (v.QUEUE_DATABASE_URL) return v.QUEUE_DATABASE_URL;
  if (!v.DATABASE_URL) {
    throw new ConfigError([{ variable: 'QUEUE_DATABASE_URL', message: 'cần REDIS_URL, QUEUE_DATABASE_URL hoặc DATABASE_URL / REDIS_URL or DATABASE_URL (or QUEUE_DATABASE_URL) is required for the job queues' }]);
  }
  const password = queueDbPassword(v);
  if (password === null) {
    throw new ConfigError([{ variable: 'QUEUE_DB_PASSWORD', message: 'chưa được đặt (bắt buộc khi NODE_ENV=production và không có REDIS_URL) / must be set in production without REDIS_URL' }]);
  }
  const url = new URL(v.DATABASE_URL);
  url.username = v.QUEUE_DB_ROLE || 'gdtx_queue';
  url.password = password;
  return url.toString();
}
