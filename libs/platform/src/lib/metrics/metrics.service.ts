import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { AppError, Errors } from '../errors/app-error';
import { systemContext } from '../database/tenant-context';
import { TenantDb } from '../database/tenant-db.service';

/** Seconds: from 2.5 ms (the cheapest request) to 10 s. */
const REQUEST_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: from 10 ms to 10 minutes (a full fact rebuild). */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 180, 600];
/** Operation names are chosen by clients: at most this many distinct ones become labels, the rest are `other`. */
const MAX_OPERATION_LABELS = 300;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface QueueDepthSource {
  /** Counts of each queue by state; rejects (or times out) when the queue backend is away. */
  (): Promise<{ queue: string; counts: Record<string, number> }[]>;
}

/**
 * Prometheus metrics of this process (issue 14, slice B), with prom-client, in a registry of its own per
 * application (two Nest apps in one test process do not collide). Labels never carry a tenant: no province,
 * centre or user id or name, only operation names (from the schema's clients), routes, queue and job names.
 * Who may read them: `metricsAccess` (docs/operations.md, "Metrics").
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly graphqlDuration: Histogram<'operation' | 'type' | 'outcome'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly jobDuration: Histogram<'queue' | 'name' | 'outcome'>;
  readonly jobFailures: Counter<'queue' | 'name'>;
  private readonly operations = new Set<string>();
  private queueDepth: QueueDepthSource | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: TenantDb,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'gdtx_' });
    this.graphqlDuration = new Histogram({
      name: 'gdtx_graphql_request_duration_seconds',
      help: 'GraphQL requests by operation name (anonymous ones by their first root field, "~me"), type and outcome',
      labelNames: ['operation', 'type', 'outcome'], buckets: REQUEST_BUCKETS, registers,
    });
    this.httpDuration = new Histogram({
      name: 'gdtx_http_request_duration_seconds',
      help: 'HTTP requests by method, matched route (unmatched: "other") and status',
      labelNames: ['method', 'route', 'status'], buckets: REQUEST_BUCKETS, registers,
    });
    this.jobDuration = new Histogram({
      name: 'gdtx_job_duration_seconds',
      help: 'Background job runs in this process by queue, job name and outcome (completed, failed)',
      labelNames: ['queue', 'name', 'outcome'], buckets: JOB_BUCKETS, registers,
    });
    this.jobFailures = new Counter({
      name: 'gdtx_job_failures_total', help: 'Failed job attempts in this process by queue and job name', labelNames: ['queue', 'name'], registers,
    });
    const pools = () => this.pools();
    const sizes = { app: this.config.DB_POOL_SIZE, jobs: this.config.JOBS_DB_POOL_SIZE, replica: this.config.REPLICA_DB_POOL_SIZE };
    // One read of each source per scrape, shared by the gauges that show it.
    const queues = sharedPerScrape(() => this.readQueueDepth());
    const readOutbox = sharedPerScrape(() => this.readOutbox());
    const readLag = sharedPerScrape(() => this.readReplicaLag());
    const tenantDb = this.db;
    const replicaConfigured = Boolean(this.config.DATABASE_REPLICA_URL);
    new Counter({
      name: 'gdtx_db_reads_total',
      help: 'Read-only units of work (TenantDb.read) by where they ran: replica, or primary and why (no replica, not replayed yet, position unknown, replica unavailable)',
      labelNames: ['route'], registers,
      collect() {
        this.reset();
        for (const [route, n] of tenantDb.readRoutes()) this.inc({ route }, n);
      },
    });
    if (replicaConfigured) {
      new Gauge({
        name: 'gdtx_replica_up', help: '1 when the read replica answered this scrape', registers,
        async collect() {
          this.set((await readLag()) ? 1 : 0);
        },
      });
      new Gauge({
        name: 'gdtx_replica_lag_bytes', help: 'WAL bytes the read replica has not replayed yet (primary position minus replay position)', registers,
        async collect() {
          const lag = await readLag();
          if (lag) this.set(lag.bytes);
        },
      });
      new Gauge({
        name: 'gdtx_replica_lag_seconds', help: 'Seconds since the last transaction the replica replayed, while it is behind (0 when caught up)', registers,
        async collect() {
          const lag = await readLag();
          if (lag) this.set(lag.seconds);
        },
      });
    }
    new Gauge({
      name: 'gdtx_queue_jobs', help: 'Jobs in each queue by state (waiting, active, delayed, prioritized, failed), shared by every process',
      labelNames: ['queue', 'state'], registers,
      async collect() {
        this.reset();
        for (const { queue, counts } of (await queues()) ?? []) {
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
        }
      },
    });
    new Gauge({
      name: 'gdtx_queue_backend_up', help: '1 when the queue backend answered this scrape', registers,
      async collect() {
        this.set((await queues()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'gdtx_outbox_oldest_unsent_age_seconds', help: 'Age of the oldest outbox row not yet handed to the queue (0: none); the relay\'s lag', registers,
      async collect() {
        const o = await readOutbox();
        if (o) this.set(o.age);
      },
    });
    new Gauge({
      name: 'gdtx_outbox_unsent', help: 'Outbox rows not yet handed to the queue', registers,
      async collect() {
        const o = await readOutbox();
        if (o) this.set(o.unsent);
      },
    });
    new Gauge({
      name: 'gdtx_db_pool_connections', help: 'Database pool connections by pool (app, jobs, replica) and state (total, idle, waiting clients)',
      labelNames: ['pool', 'state'], registers,
      collect() {
        this.reset();
        for (const { name, pool } of pools()) {
          this.set({ pool: name, state: 'total' }, pool.totalCount);
          this.set({ pool: name, state: 'idle' }, pool.idleCount);
          this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
        }
      },
    });
    new Gauge({
      name: 'gdtx_db_pool_max', help: 'Configured size of each database pool', labelNames: ['pool'], registers,
      collect() {
        this.set({ pool: 'app' }, sizes.app);
        this.set({ pool: 'jobs' }, sizes.jobs);
        if (replicaConfigured) this.set({ pool: 'replica' }, sizes.replica);
      },
    });
  }

  setQueueDepthSource(source: QueueDepthSource): void {
    this.queueDepth = source;
  }

  /** The label of a GraphQL operation: its name (bounded), else `~` and its first root field. */
  operationLabel(name: string | null | undefined, operation: OperationDefinitionNode | null | undefined): string {
    if (name) {
      if (!OPERATION_NAME.test(name)) return 'other';
      if (this.operations.has(name)) return name;
      if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
      this.operations.add(name);
      return name;
    }
    const first = operation?.selectionSet.selections.find((s) => s.kind === 'Field');
    return first && first.kind === 'Field' ? `~${first.name.value}` : '~anonymous';
  }

  /** Times one job run; a throw counts as a failure and is passed on. */
  async timeJob<T>(queue: string, name: string, work: () => Promise<T>): Promise<T> {
    const end = this.jobDuration.startTimer({ queue, name });
    try {
      const result = await work();
      end({ outcome: 'completed' });
      return result;
    } catch (e) {
      end({ outcome: 'failed' });
      this.jobFailures.inc({ queue, name });
      throw e;
    }
  }

  private async readQueueDepth(): Promise<{ queue: string; counts: Record<string, number> }[] | null> {
    if (!this.queueDepth) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.queueDepth(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 1000))),
      ]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private async readOutbox(): Promise<{ unsent: number; age: number } | null> {
    try {
      const [row] = await this.db.run(systemContext(null, 'metrics'), (em) =>
        em.query(`SELECT count(*)::int AS unsent, coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)::float8 AS age FROM outbox WHERE sent_at IS NULL`),
      );
      return { unsent: row.unsent, age: row.age };
    } catch {
      return null;
    }
  }

  private async readReplicaLag(): Promise<{ bytes: number; seconds: number } | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.db.replicaLag(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 1000))),
      ]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private pools(): { name: string; pool: PgPool }[] {
    const out: { name: string; pool: PgPool }[] = [];
    const app = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (app) out.push({ name: 'app', pool: app });
    const jobs = this.db.jobsPool();
    if (jobs) out.push({ name: 'jobs', pool: jobs as PgPool });
    const replica = this.db.replicaPool();
    if (replica) out.push({ name: 'replica', pool: replica as PgPool });
    return out;
  }

  /** The Apollo plugin that feeds gdtx_graphql_request_duration_seconds. */
  graphqlPlugin(): ApolloServerPlugin {
    const histogram = this.graphqlDuration;
    const label = (name: string | null | undefined, op: OperationDefinitionNode | null | undefined) => this.operationLabel(name, op);
    return {
      async requestDidStart() {
        const end = histogram.startTimer();
        let operation = 'unparsed';
        let type = 'unknown';
        return {
          async didResolveOperation({ operationName, operation: op }) {
            operation = label(operationName, op);
            type = op?.operation ?? 'unknown';
          },
          async willSendResponse({ response, errors }) {
            const failed = !!errors?.length || (response.body.kind === 'single' && !!response.body.singleResult.errors?.length);
            end({ operation, type, outcome: failed ? 'error' : 'ok' });
          },
        };
      },
    };
  }

  /** Express middleware that feeds gdtx_http_request_duration_seconds (the route is the matched pattern). */
  httpMiddleware() {
    return (req: { method: string; baseUrl?: string; route?: { path?: unknown } }, res: { statusCode: number; once: (e: string, f: () => void) => void }, next: () => void) => {
      const end = this.httpDuration.startTimer();
      res.once('finish', () => {
        const path = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : 'other';
        end({ method: req.method, route: path, status: String(res.statusCode) });
      });
      next();
    };
  }

  /**
   * Who may read /metrics: with METRICS_TOKEN set, a request bearing it (`Authorization: Bearer …`); without it,
   * only a direct loopback connection (a sidecar or `kubectl port-forward`), never one a proxy forwarded (it would
   * carry X-Forwarded-For). Throws the refusal (UNAUTHENTICATED / FORBIDDEN, in Vietnamese).
   */
  assertMayRead(req: Pick<IncomingMessage, 'headers' | 'socket'>): void {
    metricsAccess(this.config.METRICS_TOKEN, req);
  }
}

/** Calls made while one is in flight share it (the gauges of one scrape collect at the same moment). */
function sharedPerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= read().finally(() => {
      pending = null;
    }));
}

type PgPool = { totalCount: number; idleCount: number; waitingCount: number };

export function metricsAccess(token: string | undefined, req: Pick<IncomingMessage, 'headers' | 'socket'>): void {
  const header = req.headers['authorization'];
  if (token) {
    const given = typeof header === 'string' && header.startsWith('Bearer ') ? Buffer.from(header.slice(7).trim()) : Buffer.alloc(0);
    const want = Buffer.from(token);
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw Errors.unauthenticated('The metrics need the METRICS_TOKEN bearer', 'Cần mã truy cập số liệu vận hành (METRICS_TOKEN)');
    }
    return;
  }
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
  if (!loopback || req.headers['x-forwarded-for'] !== undefined || req.headers['forwarded'] !== undefined) {
    throw new AppError('FORBIDDEN', 'Số liệu vận hành chỉ đọc được từ máy chủ (loopback) hoặc với METRICS_TOKEN', 'Metrics are served to loopback only unless METRICS_TOKEN is set');
  }
}
