import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { TenantContext } from './tenant-context';
import { Errors } from '../errors/app-error';

/**
 * The only way application code reaches tenant data. Every unit of work runs in a transaction on the app
 * role's connection (not a superuser, owns nothing, so RLS always applies) and starts by setting its scope
 * with set_config(..., true) — transaction-local, so a pooled connection never carries a scope over.
 */
@Injectable()
export class TenantDb {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(ctx: TenantContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!ctx || !ctx.scope) throw Errors.unauthenticated('No tenant context');
    if (ctx.scope !== 'system' && !ctx.provinceId) throw Errors.forbidden('Tenant context without province');
    return this.dataSource.transaction(async (em) => {
      await applyScope(em, ctx);
      return work(em);
    });
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
            set_config('app.user_id', $5, true), set_config('app.area_paths', $6, true)`,
    [ctx.scope, ctx.provinceId ?? '', ctx.centreId ?? '', ctx.unitPath ?? '', ctx.userId ?? '', ctx.scope === 'area' ? (ctx.areaPaths ?? []).join(',') : ''],
  );
}

