import { Injectable, Logger } from '@nestjs/common';
import { todayInVietnam } from '@gdtx/domain';
import type { IsoDate } from '@gdtx/domain';
import { provinceLineageOf } from '@gdtx/org';
import type { EntityManager } from 'typeorm';
import { systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import { markProvinceComputed, writeRollupRows } from './status-rollup';
import { TemplateService } from './template.service';

/** Advisory-lock namespace of a province's rollup recomputation (one at a time per province, across processes). */
const ROLLUP_LOCK = 'reporting_status_rollup';

/**
 * Keeps the completeness rollup (status-rollup.ts) current: a centre's rows in the caller's transaction, a
 * province's in full (job, or the first read of a new day), every province (the daily job).
 */
@Injectable()
export class StatusRollupService {
  private readonly logger = new Logger('StatusRollupService');

  constructor(private readonly db: TenantDb, private readonly templates: TemplateService) {}

  /**
   * @description Recomputes the rows of the given centres in the caller's transaction (reporting's own changes:
   * the picture includes the change as soon as it commits). The calendar reads what the transaction sees.
   */
  async refreshCentresIn(em: EntityManager, ctx: TenantContext, centreIds: readonly string[], today: IsoDate = todayInVietnam()): Promise<number> {
    if (!centreIds.length || !ctx.provinceId) return 0;
    const templates = await this.templates.latestDefinitions(em, ctx, null);
    return writeRollupRows(em, { provinceId: ctx.provinceId, templates, today, centreIds });
  }

  /** @description The rows of some centres of a province recomputed by a system job of that province (events). */
  async refreshCentres(provinceId: string | null, centreIds: readonly string[], today: IsoDate = todayInVietnam()): Promise<number> {
    if (!provinceId) return 0;
    const ctx = await this.jobContext(provinceId, today, 'status rollup: centres');
    return this.db.run(ctx, (em) => this.refreshCentresIn(em, ctx, centreIds, today));
  }

  /**
   * A system job of the province carrying its lineage (ADR 0015 §2b): a centre of a merged province has its earlier
   * submissions and licences under its predecessor, and the calendar must read them as the Sở's requests do.
   */
  private async jobContext(provinceId: string, today: IsoDate, reason: string): Promise<TenantContext> {
    const lineage = await this.db.run(systemContext(provinceId, reason), (em) => provinceLineageOf(em, provinceId, today));
    return { ...systemContext(provinceId, reason), provinceLineage: lineage };
  }

  /**
   * @description Recomputes every row of one province for `today` and marks it computed for that day. With
   * `wait: false` it gives up (returns null) when another transaction is already recomputing the province, so a
   * burst of first-of-the-day reads does the work once and the others answer live meanwhile.
   */
  async refreshProvince(provinceId: string, today: IsoDate = todayInVietnam(), opts: { wait?: boolean } = {}): Promise<number | null> {
    const ctx = await this.jobContext(provinceId, today, 'status rollup: province');
    return this.db.run(ctx, async (em) => {
      const lock = `hashtext('${ROLLUP_LOCK}'), hashtext($1::text)`;
      if (opts.wait === false) {
        const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock(${lock}) AS locked`, [provinceId])) as { locked: boolean }[];
        if (!locked) return null;
      } else {
        await em.query(`SELECT pg_advisory_xact_lock(${lock})`, [provinceId]);
      }
      const templates = await this.templates.latestDefinitions(em, ctx, null);
      const rows = await writeRollupRows(em, { provinceId, templates, today });
      await markProvinceComputed(em, provinceId, today, rows);
      return rows;
    });
  }

  /** @description Every province recomputed for `today` (the daily job), each in its own transaction. */
  async refreshAll(today: IsoDate = todayInVietnam(), progress?: (percent: number) => unknown): Promise<{ provinces: number; rows: number }> {
    const provinceIds = await this.db.run(systemContext(null, 'status rollup: provinces'), async (em) =>
      ((await em.query(`SELECT DISTINCT province_id AS "provinceId" FROM org_unit_ref ORDER BY 1`)) as { provinceId: string }[]).map((r) => r.provinceId));
    let rows = 0;
    for (const [i, provinceId] of provinceIds.entries()) {
      rows += (await this.refreshProvince(provinceId, today)) ?? 0;
      await progress?.(Math.round(((i + 1) / provinceIds.length) * 100));
    }
    this.logger.log(`status rollup for ${today}: ${provinceIds.length} province(s), ${rows} report(s)`);
    return { provinces: provinceIds.length, rows };
  }
}
