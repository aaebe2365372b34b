import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@gdtx/domain';
import { provinceLineageOf } from '@gdtx/org';
import { assertUuid, systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import { NotificationService } from '@gdtx/notify';
import { evaluateCentreWith, EvaluationOutcome, findingNotification, NotifiableFinding } from './compliance-engine';
import { asOfOrToday, centresOf } from './compliance.store';

/** Evaluation: the rules of one centre (or every centre) on a date, stored as findings, then notified. */
@Injectable()
export class ComplianceEvaluationService {
  constructor(
    private readonly db: TenantDb,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * Evaluates one centre's rules on `asOf` (default today) and stores the findings by natural key; then notifies
   * about new ones (directors; also supervisors and Sở specialists when serious). Idempotent.
   */
  async evaluateCentre(ctx: TenantContext, centreId: string, asOf?: string | null): Promise<Omit<EvaluationOutcome, 'toNotify'> | null> {
    assertUuid(centreId, 'centreId');
    const date = asOfOrToday(asOf);
    const scoped = await this.withLineage(ctx);
    const outcome = await this.db.run(scoped, (em) => evaluateCentreWith((sql, params) => em.query(sql, params), centreId, date));
    if (!outcome) return null;
    await this.notifyFindings(outcome.provinceId, outcome.toNotify);
    const { toNotify: _n, ...counts } = outcome;
    return counts;
  }

  /** Every centre of a province (or of all provinces, for the nightly job), one transaction per centre. */
  async evaluateAll(provinceId: string | null, asOf?: string | null, progress?: (pct: number) => Promise<unknown>): Promise<{ centres: number; open: number }> {
    const date = asOfOrToday(asOf);
    const centres = await this.db.run(systemContext(provinceId, 'compliance.evaluate-all'), (em) => centresOf(em, provinceId));
    let open = 0;
    for (const [i, c] of centres.entries()) {
      const r = await this.evaluateCentre(systemContext(c.provinceId, 'compliance.evaluate-all'), c.id, date);
      open += r?.open ?? 0;
      if (progress && i % 20 === 19) await progress(Math.round(((i + 1) / centres.length) * 100));
    }
    return { centres: centres.length, open };
  }

  /**
   * A system job of a merged province reads its predecessors' history (ADR 0015 §2b): a centre that came with the
   * merger keeps its licences, status history and earlier reports as the absorbed province's rows, and judging it
   * without them would find every licence missing. Writes stay with the province (the write rules ignore the lineage).
   */
  private async withLineage(ctx: TenantContext): Promise<TenantContext> {
    if (ctx.scope !== 'system' || !ctx.provinceId || ctx.provinceLineage) return ctx;
    const provinceId = ctx.provinceId;
    const lineage = await this.db.run(ctx, (em) => provinceLineageOf(em, provinceId, todayInVietnam()));
    return lineage.length ? { ...ctx, provinceLineage: lineage } : ctx;
  }

  private async notifyFindings(provinceId: string, findings: readonly NotifiableFinding[]): Promise<void> {
    if (!findings.length) return;
    await this.db.run(systemContext(provinceId, 'compliance.notify'), async (em) => {
      for (const f of findings) await this.notifications.notifyIn(em, findingNotification(provinceId, f));
    });
  }
}
