import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { TenantContext } from './tenant-context';
import { Errors } from '../errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig, appDirectDatabaseUrl, jobsDatabaseUrl, replicaDatabaseUrl } from '../config/config';
import { WritePositions } from './write-positions';

/** Why a read went where it went (gdtx_db_reads_total): the replica, or the primary and the reason. */
export type ReadRoute = 'replica' | 'primary_no_replica' | 'primary_not_replayed' | 'primary_position_unknown' | 'primary_replica_unavailable';

/**
 * The only way application code reaches tenant data. Every unit of work runs in a transaction and starts by
 * setting its scope with set_config(..., true) — transaction-local, so a pooled connection never carries a scope
 * over. Requests run on the app role's connection (not a superuser, owns nothing, so RLS always applies);
 * system work runs on the jobs role's, the only role for which PostgreSQL honours the system scope (issue 13,
 * Build 5: SQL injected into a request's connection cannot take it). Neither bypasses RLS.
 *
 * `read` is for work that only reads (dashboards, analytics): with DATABASE_REPLICA_URL it runs on the streaming
 * replica, under the same scope (RLS applies there too: the replica is the same database). Read-your-writes
 * (ADR 0022): `run` notes where a user's writing transaction ended on the primary (WritePositions, in Redis, seen
 * by every API process); `read` for that user waits up to READ_YOUR_WRITES_WAIT_MS for the replica to replay that
 * far, else reads the primary. Nothing holds session state across transactions, so PgBouncer in transaction mode
 * may sit in front of the primary.
 */
@Injectable()
export class TenantDb implements OnModuleDestroy {
  private jobs: Promise<DataSource> | null = null;
  private jobsOpen: DataSource | null = null;
  private replica: Promise<DataSource> | null = null;
  private replicaOpen: DataSource | null = null;
  private readonly replicaUrl: string | null;
  private readonly positions: WritePositions | null;
  private readonly routes = new Map<ReadRoute, number>();
  /** After a replica failure, reads go straight to the primary until then (no connection attempt per request). */
  private replicaDownUntil = 0;
  private readonly log = new Logger('TenantDb');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.replicaUrl = replicaDatabaseUrl(config);
    // Positions matter only when reads may go to a replica: no Redis connection otherwise.
    this.positions = this.replicaUrl ? new WritePositions(config.READ_YOUR_WRITES_TTL_SECONDS) : null;
  }

  async run<T>(ctx: TenantContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
    assertContext(ctx);
    const source = ctx.scope === 'system' ? await this.jobsSource() : this.dataSource;
    // A user's own transactions, when a replica serves reads: did this one write (an xid was assigned)?
    const userId = this.positions && ctx.scope !== 'system' ? ctx.userId : null;
    let wrote = false;
    const result = await source.transaction(async (em) => {
      await applyScope(em, ctx);
      const value = await work(em);
      if (userId) {
        const [row] = await em.query(`SELECT txid_current_if_assigned() IS NOT NULL AS wrote`);
        wrote = row.wrote === true;
      }
      return value;
    });
    if (userId && wrote) await this.recordWritePosition(userId);
    return result;
  }

  /**
   * Read-only work (dashboards, analytics): on the replica when there is one and it has replayed this user's last
   * write (waiting up to READ_YOUR_WRITES_WAIT_MS), else on the primary. Same scope, same RLS, either way.
   * The work must not write (the replica refuses: a hot standby is read-only).
   */
  async read<T>(ctx: TenantContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
    assertContext(ctx);
    if (!this.replicaUrl || !this.positions || ctx.scope === 'system') return this.counted('primary_no_replica', this.run(ctx, work));
    const needed = ctx.userId ? await this.positions.lastWrite(ctx.userId) : null;
    if (needed === 'unknown') return this.counted('primary_position_unknown', this.run(ctx, work));
    if (Date.now() < this.replicaDownUntil) return this.counted('primary_replica_unavailable', this.run(ctx, work));
    let replica: DataSource;
    try {
      replica = await this.replicaSource();
      if (needed && !(await this.replayedUpTo(replica, needed))) return this.counted('primary_not_replayed', this.run(ctx, work));
    } catch (e) {
      return this.replicaFailed(e, ctx, work);
    }
    try {
      const value = await replica.transaction(async (em) => {
        await applyScope(em, ctx);
        return work(em);
      });
      this.count('replica');
      return value;
    } catch (e) {
      if (!isReplicaUnavailable(e)) throw e;
      return this.replicaFailed(e, ctx, work);
    }
  }

  /** The app role's connection string to the primary itself, bypassing a pooler (the outbox relay's LISTEN). */
  get directUrl(): string {
    return appDirectDatabaseUrl(this.config);
  }

  /** How many reads went where since this process started (gdtx_db_reads_total). */
  readRoutes(): ReadonlyMap<ReadRoute, number> {
    return this.routes;
  }

  /**
   * The replica's lag behind the primary (gdtx_replica_lag_*): bytes of WAL not replayed yet, and seconds since
   * the last transaction it replayed when it is behind (0 when it has replayed everything it received). Null
   * without a replica; rejects when either cannot be asked.
   */
  async replicaLag(): Promise<{ bytes: number; seconds: number } | null> {
    if (!this.replicaUrl) return null;
    const replica = await this.replicaSource();
    const [[primary], [standby]] = await Promise.all([
      this.dataSource.query(`SELECT pg_current_wal_lsn()::text AS lsn`),
      replica.query(`SELECT pg_last_wal_replay_lsn()::text AS lsn,
                            CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                                 ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0) END::float8 AS seconds`),
    ]);
    const [{ bytes }] = await this.dataSource.query(`SELECT greatest(pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn), 0)::float8 AS bytes`, [primary.lsn, standby.lsn]);
    return { bytes: Number(bytes), seconds: Number(standby.seconds) };
  }

  /** The replica's pg pool once it is open (metrics: pool use), else null. */
  replicaPool(): unknown {
    return this.replicaOpen?.isInitialized ? (this.replicaOpen.driver as unknown as { master?: unknown }).master ?? null : null;
  }

  private count(route: ReadRoute): void {
    this.routes.set(route, (this.routes.get(route) ?? 0) + 1);
  }

  private async counted<T>(route: ReadRoute, work: Promise<T>): Promise<T> {
    this.count(route);
    return work;
  }

  private async replicaFailed<T>(e: unknown, ctx: TenantContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
    // A query cancelled by a replay conflict (40001) says nothing about the next one; anything else does.
    const conflict = ((e as { driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code) === '40001';
    if (!conflict) {
      if (Date.now() >= this.replicaDownUntil) this.log.warn(`replica unavailable, reading the primary for ${REPLICA_RETRY_MS / 1000} s: ${e instanceof Error ? e.message : e}`);
      this.replicaDownUntil = Date.now() + REPLICA_RETRY_MS;
    }
    return this.counted('primary_replica_unavailable', this.run(ctx, work));
  }

  /** After a user's writing commit: where the primary's WAL ends now is at or past that commit. */
  private async recordWritePosition(userId: string): Promise<void> {
    try {
      const [{ lsn }] = await this.dataSource.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
      await this.positions!.recordWrite(userId, lsn);
    } catch (e) {
      // The write is committed: the request succeeds. Its reads go to the primary for a while (the highest position).
      this.log.warn(`could not note a write position: ${e instanceof Error ? e.message : e}`);
      await this.positions!.recordWrite(userId, 'FFFFFFFF/FFFFFFFF').catch(() => undefined);
    }
  }

  /** Whether the replica has replayed up to `lsn`, asking again every 10 ms for at most READ_YOUR_WRITES_WAIT_MS. */
  private async replayedUpTo(replica: DataSource, lsn: string): Promise<boolean> {
    const deadline = Date.now() + this.config.READ_YOUR_WRITES_WAIT_MS;
    for (;;) {
      const [row] = await replica.query(`SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS replayed`, [lsn]);
      if (row.replayed === true) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The replica's pool (the app role, RLS as on the primary), opened on first use. */
  private replicaSource(): Promise<DataSource> {
    this.replica ??= new DataSource({
      ...this.dataSource.options,
      url: this.replicaUrl!,
      entities: this.dataSource.entityMetadatas.map((m) => m.target),
      // A replica that does not answer must not hold a request: give up connecting after 2 s (then the primary).
      extra: { ...(this.dataSource.options as { extra?: object }).extra, max: this.config.REPLICA_DB_POOL_SIZE, application_name: 'gdtx-monitor-replica', connectionTimeoutMillis: 2000 },
    } as typeof this.dataSource.options)
      .initialize()
      .then((ds) => (this.replicaOpen = ds))
      .catch((e) => {
        this.replica = null; // the next read tries again
        throw e;
      });
    return this.replica;
  }

  /** The jobs role's pool, opened on first use with the same entities as the app role's. */
  private jobsSource(): Promise<DataSource> {
    this.jobs ??= new DataSource({
      ...this.dataSource.options,
      url: jobsDatabaseUrl(this.config),
      entities: this.dataSource.entityMetadatas.map((m) => m.target),
      extra: { ...(this.dataSource.options as { extra?: object }).extra, max: this.config.JOBS_DB_POOL_SIZE, application_name: 'gdtx-monitor-jobs' },
    } as typeof this.dataSource.options)
      .initialize()
      .then((ds) => (this.jobsOpen = ds))
      .catch((e) => {
        this.jobs = null; // let the next call try again (PostgreSQL down at that moment)
        throw e;
      });
    return this.jobs;
  }

  async onModuleDestroy(): Promise<void> {
    const jobs = await this.jobs?.catch(() => null);
    if (jobs?.isInitialized) await jobs.destroy();
    const replica = await this.replica?.catch(() => null);
    if (replica?.isInitialized) await replica.destroy();
    await this.positions?.close();
  }

  /** The jobs role's pg pool once it is open (metrics: pool use), else null. */
  jobsPool(): unknown {
    return this.jobsOpen?.isInitialized ? (this.jobsOpen.driver as unknown as { master?: unknown }).master ?? null : null;
  }

  /** For health checks and diagnostics only: no tenant data is reachable without a scope. */
  get raw(): DataSource {
    return this.dataSource;
  }
}

/** How long reads skip a replica that just failed before trying it again. */
const REPLICA_RETRY_MS = 5000;

function assertContext(ctx: TenantContext): void {
  if (!ctx || !ctx.scope) throw Errors.unauthenticated('No tenant context');
  if (ctx.scope !== 'system' && !ctx.provinceId) throw Errors.forbidden('Tenant context without province');
}

/**
 * Errors after which the same read is answered by the primary: the replica cannot be reached or went away
 * (class 08, 57P), or cancelled the query because replay needed its rows (40001 "conflict with recovery").
 */
function isReplicaUnavailable(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.driverError?.code ?? err.code ?? '';
  if (/^(08|57P)/.test(code) || code === '40001' || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(err.message ?? '');
}

export async function applyScope(em: EntityManager, ctx: TenantContext): Promise<void> {
  await em.query(
    `SELECT set_config('app.scope', $1, true), set_config('app.province_id', $2, true),
            set_config('app.centre_id', $3, true), set_config('app.unit_path', $4, true),
            set_config('app.user_id', $5, true), set_config('app.area_paths', $6, true),
            set_config('app.province_lineage', $7, true)`,
    [ctx.scope, ctx.provinceId ?? '', ctx.centreId ?? '', ctx.unitPath ?? '', ctx.userId ?? '', ctx.scope === 'area' ? (ctx.areaPaths ?? []).join(',') : '',
      // A lineage only widens what the province reads (never what it writes: ADR 0015). A system job stays on its
      // own province unless its context carries the lineage on purpose (a job that reads a merged province's history).
      ctx.provinceId ? (ctx.provinceLineage ?? []).join(',') : ''],
  );
}

