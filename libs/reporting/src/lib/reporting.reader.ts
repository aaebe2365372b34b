/**
 * Readers other contexts call instead of reading reporting's tables (architecture §9). Each takes the caller's
 * transaction (`em`), so the caller's RLS scope and transaction still apply.
 */
import type { EntityManager } from 'typeorm';
import { isExpected, periodFromCode } from '@gdtx/domain';
import type { CentreStatusInterval, CentreType, IsoDate, Period, PeriodType } from '@gdtx/domain';
import { licensedFrom } from './expected-reports';
import { NEEDS_OPERATING_PERMISSION } from './reporting.service';

/** One report the reporting calendar expects: a centre owes `templateCode` for `periodCode`. */
export interface ExpectedReportRef {
  centreId: string;
  centreType: CentreType;
  templateCode: string;
  periodCode: string;
  /** The centre's unit path as of the period's end (the same rule as the fact rows, so groupings line up). */
  unitPath: string;
}

export interface ExpectedReportsQuery {
  templateCodes: readonly string[];
  periodCodes: readonly string[];
  /** Only centres whose unit (as of the period's end) is under this path. */
  unitPathPrefix?: string | null;
  centreType?: CentreType | null;
}

export const ReportingReader = {
  /**
   * @description The (centre, template, period) reports the reporting calendar expects, for every centre the
   * caller's scope can see. This is the one definition of "expected" that other contexts use (analytics'
   * `IndicatorCoverage.expected`): TO BE BACKED BY THE REPORTING CALENDAR (issue 11, Build 2) — only the
   * internals change then, not the signature. Until then it applies the rule of `dueReports`: a centre of one of
   * the template's centre types is expected for a period of the template's type when it was licensed and neither
   * SUSPENDED nor DISSOLVED on at least one day of the period (`isExpected`), or when it has a report for it anyway.
   */
  async expectedReports(em: EntityManager, q: ExpectedReportsQuery): Promise<ExpectedReportRef[]> {
    if (!q.templateCodes.length || !q.periodCodes.length) return [];
    const templates: { code: string; periodType: PeriodType; centreTypes: CentreType[] }[] = await em.query(
      `SELECT DISTINCT ON (v.code) v.code, v.definition->>'periodType' AS "periodType", v.definition->'centreTypes' AS "centreTypes"
       FROM report_template_version v WHERE v.published_at IS NOT NULL AND v.code = ANY($1)
       ORDER BY v.code, (v.province_id IS NULL), v.version DESC`,
      [q.templateCodes],
    );
    const periods = new Map<string, Period>();
    for (const code of q.periodCodes) {
      try {
        periods.set(code, periodFromCode(code));
      } catch {
        // Not a period code: nothing is expected for it.
      }
    }
    // Only templates with a period of their type among those asked, and only periods some template has: a
    // quarterly template asked about school years expects nothing, so its centres are not even read.
    const periodTypes = new Set([...periods.values()].map((p) => p.type));
    const relevant = templates.filter((t) => periodTypes.has(t.periodType));
    const periodList = [...periods.values()].filter((p) => relevant.some((t) => t.periodType === p.type));
    const centreTypes = [...new Set(relevant.flatMap((t) => t.centreTypes))].filter((t) => !q.centreType || t === q.centreType);
    if (!centreTypes.length || !periodList.length) return [];
    const centres: { id: string; type: CentreType; establishedOn: IsoDate | null; periodCode: string; unitPath: string }[] = await em.query(
      `SELECT c.id, c.type, to_char(c.established_on, 'YYYY-MM-DD') AS "establishedOn", p.code AS "periodCode", coalesce(up.path, c.unit_path) AS "unitPath"
       FROM centre c CROSS JOIN unnest($2::text[], $3::date[]) AS p(code, end_date)
       LEFT JOIN LATERAL (
         SELECT u.path FROM centre_unit_history h JOIN administrative_unit u ON u.id = h.admin_unit_id
         WHERE h.centre_id = c.id AND h.valid_from <= p.end_date AND (h.valid_to IS NULL OR h.valid_to >= p.end_date)
         ORDER BY h.valid_from DESC LIMIT 1
       ) up ON true
       WHERE c.type = ANY($1)`,
      [centreTypes, periodList.map((p) => p.code), periodList.map((p) => p.end)],
    );
    const inScope = centres.filter((c) => !q.unitPathPrefix || c.unitPath.startsWith(q.unitPathPrefix));
    const ids = [...new Set(inScope.map((c) => c.id))];
    if (!ids.length) return [];
    const licences: { centreId: string; kind: string; validFrom: IsoDate; state: string }[] = await em.query(
      `SELECT centre_id AS "centreId", kind, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", state FROM licence_record WHERE centre_id = ANY($1::uuid[])`,
      [ids],
    );
    const statuses: ({ centreId: string } & CentreStatusInterval)[] = await em.query(
      `SELECT centre_id AS "centreId", status, to_char(valid_from, 'YYYY-MM-DD') AS "from", to_char(valid_to, 'YYYY-MM-DD') AS "to"
       FROM centre_status_history WHERE centre_id = ANY($1::uuid[])`,
      [ids],
    );
    const filed: { key: string }[] = await em.query(
      `SELECT DISTINCT centre_id || '|' || template_code || '|' || period_code AS key FROM submission
       WHERE centre_id = ANY($1::uuid[]) AND template_code = ANY($2) AND period_code = ANY($3)`,
      [ids, q.templateCodes, periodList.map((p) => p.code)],
    );
    const hasReport = new Set(filed.map((f) => f.key));
    const licencesOf = groupByCentre(licences);
    const statusesOf = groupByCentre(statuses);
    const lifecycles = new Map<string, Parameters<typeof isExpected>[1]>();
    const lifecycleOf = (c: (typeof inScope)[number]) => {
      let l = lifecycles.get(c.id);
      if (!l) {
        l = {
          licensedFrom: licensedFrom({
            requiresOperatingPermission: NEEDS_OPERATING_PERMISSION.includes(c.type),
            licences: licencesOf.get(c.id) ?? [],
            establishedOn: c.establishedOn,
          }),
          statusIntervals: (statusesOf.get(c.id) ?? []).map(({ status, from, to }) => ({ status, from, to })),
        };
        lifecycles.set(c.id, l);
      }
      return l;
    };
    const out: ExpectedReportRef[] = [];
    for (const c of inScope) {
      const period = periods.get(c.periodCode)!;
      for (const t of relevant) {
        if (t.periodType !== period.type || !t.centreTypes.includes(c.type)) continue;
        if (!hasReport.has(`${c.id}|${t.code}|${period.code}`) && !isExpected(period, lifecycleOf(c))) continue;
        out.push({ centreId: c.id, centreType: c.type, templateCode: t.code, periodCode: period.code, unitPath: c.unitPath });
      }
    }
    return out;
  }
};

function groupByCentre<T extends { centreId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.centreId);
    if (list) list.push(r);
    else out.set(r.centreId, [r]);
  }
  return out;
}
