import { Injectable } from '@nestjs/common';
import { dueDate, periodFromCode } from '@gdtx/domain';
import type { DeadlineRule } from '@gdtx/domain';
import { Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { IndicatorService } from './indicator.service';
import type { GroupByDimension } from './analytics.types';
import type { ReportingRate } from './overview.types';

/**
 * Reporting rates per template and period: expected, submitted, on time, late, missing. The denominator is the
 * expected reports — centres of the template's types that were established by the period's end and were not
 * suspended or dissolved before it began — and only expected reports are counted, so rates never exceed 100%.
 */
@Injectable()
export class ReportingRateService {
  constructor(
    private readonly db: TenantDb,
    private readonly indicators: IndicatorService,
  ) {}

  async rates(
    ctx: TenantContext,
    args: { templateCode: string; periodFrom: string; periodTo?: string | null; unitId?: string | null; groupBy?: GroupByDimension[] | null },
  ): Promise<ReportingRate[]> {
    return this.db.run(ctx, async (em) => {
      const [tpl] = await em.query(
        `SELECT t.code, t.period_type AS "periodType", t.centre_types AS "centreTypes", v.definition->'deadline' AS deadline
         FROM report_template t JOIN report_template_version v ON v.template_id = t.id AND v.published_at IS NOT NULL
         WHERE t.code = $1 ORDER BY v.version DESC LIMIT 1`,
        [args.templateCode],
      );
      if (!tpl) throw Errors.notFound({ vi: 'biểu mẫu báo cáo', en: 'Report template' }, args.templateCode);
      let from;
      let to;
      try {
        from = periodFromCode(args.periodFrom);
        to = periodFromCode(args.periodTo ?? args.periodFrom);
      } catch {
        throw Errors.badInput('Mã kỳ không hợp lệ', 'Invalid period code', { field: 'periodFrom' });
      }
      const periods: { code: string; start: string; end: string }[] = await em.query(
        `SELECT code, to_char(start_date,'YYYY-MM-DD') AS start, to_char(end_date,'YYYY-MM-DD') AS "end" FROM reporting_period
         WHERE type = $1 AND start_date >= $2 AND end_date <= $3 ORDER BY start_date`,
        [tpl.periodType, from.start, to.end],
      );
      if (!periods.length) return [];
      const dues = periods.map((p) => dueDate(periodFromCode(p.code), tpl.deadline as DeadlineRule));
      const prefix = await this.indicators.prefixFor(em, ctx, args.unitId);
      const groupBy = (args.groupBy ?? []).filter((g) => g !== 'CENTRE_TYPE' || true);
      const groupCols = groupBy.map((g) =>
        g === 'UNIT_LEVEL' ? `nullif(split_part(substr(e.unit_path, length($6) + 1), '/', 1), '') AS unit_id`
          : g === 'CENTRE_TYPE' ? 'e.centre_type' : g === 'PERIOD' ? 'e.period_code' : 'e.centre_id',
      );
      const rows = await em.query(
        `WITH p AS (SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::date[]) AS p(code, start_date, end_date, due)),
         e AS (
           SELECT c.id AS centre_id, c.type AS centre_type, c.unit_path, p.code AS period_code,
                  coalesce(x.due_date, p.due) AS due, s.submitted_at, s.status
           FROM centre c CROSS JOIN p
           LEFT JOIN deadline_extension x ON x.centre_id = c.id AND x.template_code = $5 AND x.period_code = p.code
           LEFT JOIN submission s ON s.centre_id = c.id AND s.template_code = $5 AND s.period_code = p.code
           WHERE c.type = ANY($7) AND c.unit_path LIKE $6 || '%'
             AND coalesce(c.established_on, '1900-01-01') <= p.end_date
             AND NOT EXISTS (SELECT 1 FROM centre_status_history h WHERE h.centre_id = c.id AND h.status IN ('SUSPENDED','DISSOLVED')
                             AND h.valid_from <= p.start_date AND (h.valid_to IS NULL OR h.valid_to >= p.end_date))
         )
         SELECT ${[...groupCols, ''].join(', ')} count(*)::int AS expected,
                count(*) FILTER (WHERE submitted_at IS NOT NULL)::int AS submitted,
                count(*) FILTER (WHERE submitted_at IS NOT NULL AND (submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= due)::int AS on_time,
                count(*) FILTER (WHERE status = 'ACCEPTED')::int AS accepted
         FROM e ${groupBy.length ? `GROUP BY ${groupBy.map((_, i) => i + 1).join(', ')}` : ''}`,
        [periods.map((p) => p.code), periods.map((p) => p.start), periods.map((p) => p.end), dues, tpl.code, prefix, tpl.centreTypes],
      );
      const unitIds = rows.map((r: { unit_id?: string }) => r.unit_id).filter(Boolean);
      const names = new Map<string, string>(
        unitIds.length ? (await em.query(`SELECT id, name FROM administrative_unit WHERE id = ANY($1::uuid[])`, [unitIds])).map((u: { id: string; name: string }) => [u.id, u.name]) : [],
      );
      const computedAt = new Date();
      return rows.map((r: { unit_id?: string; centre_type?: string; period_code?: string; centre_id?: string; expected: number; submitted: number; on_time: number; accepted: number }) => ({
        templateCode: tpl.code,
        unitId: r.unit_id ?? null,
        unitName: r.unit_id ? names.get(r.unit_id) ?? null : null,
        centreType: r.centre_type ?? null,
        periodCode: r.period_code ?? null,
        centreId: r.centre_id ?? null,
        expected: r.expected,
        submitted: r.submitted,
        onTime: r.on_time,
        late: r.submitted - r.on_time,
        missing: r.expected - r.submitted,
        accepted: r.accepted,
        submittedRate: r.expected ? round1((r.submitted / r.expected) * 100) : null,
        onTimeRate: r.expected ? round1((r.on_time / r.expected) * 100) : null,
        computedAt,
      }));
    });
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
