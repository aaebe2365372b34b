import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { TenantContext } from './tenant-context';
import { Errors } from '../errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig, jobsDatabaseUrl } from '../config/config';

/**
 * The only way application code reaches tenant data. Every unit of work runs in a transaction and starts by
 * setting its scope with set_config(..., true) — transaction-local, so a pooled connection never carries a scope
 * over. Requests run on the app role's connection (not a superuser, owns nothing, so RLS always applies);
 * system work runs on the jobs role's, the only role for which PostgreSQL honours the system scope (issue 13,
 * Build 5: SQL injected into a request's connection cannot take it). Neither bypasses RLS.
 */
@Injectable()
export class TenantDb implements OnModuleDestroy {
  private jobs: Promise<DataSource> | null = null;
  private jobsOpen: DataSource | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T>(ctx: TenantContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!ctx || !ctx.scope) throw Errors.unauthenticated('No tenant context');
    if (ctx.scope !== 'system' && !ctx.provinceId) throw Errors.forbidden('Tenant context without province');
    const source = ctx.scope === 'system' ? await this.jobsSource() : this.dataSource;
    return source.transaction(async (em) => {
      await applyScope(em, ctx);
      return work(em);
    });
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

