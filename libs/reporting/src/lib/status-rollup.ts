/**
 * The completeness rollup (issue 14 item 2, issue 15 item 1; docs/adr/0021-completeness-rollup.md).
 *
 * What the landing pages show is the reporting calendar's classification of every expected (centre, template,
 * current period) on today's Vietnamese date. `glanceEntries` is the ONE computation of it (reportCalendar →
 * libs/domain classifyReport over currentReportingPeriods); the live answer and the rollup rows both come from it,
 * so there is no second copy of the rule in SQL. The rollup stores those classified entries, one row per report,
 * stamped with the date they were computed for; the read side counts and lists them with two indexed queries.
 *
 * Maintained three ways, all idempotent (delete + insert of the centre's or province's rows):
 * - in the transaction of reporting's own changes (submit, return, accept, reopen, extension): read-your-writes;
 * - by events (org's centre and licence events, and reporting's own as a repair) through reporting's subscribers;
 * - by the date (a period becomes overdue the day after its due date, a future-dated status change takes effect,
 *   a new period starts): the daily job just after midnight Vietnam time recomputes every province for the new
 *   day, and a read that finds its province computed for an earlier day recomputes it first (or, when another
 *   request is already doing so, answers live from the calendar), so a stale picture is never served.
 */
import { currentReportingPeriods, isWaitingForReview } from '@gdtx/domain';
import type { IsoDate, ReportClass, TemplateDefinition } from '@gdtx/domain';
import { readCentreCalendarFacts, type CentreCalendarRecord } from '@gdtx/org';
import type { EntityManager } from 'typeorm';
import type { TenantContext } from '@gdtx/platform';
import { reportCalendar, type CalendarEntry } from './report-calendar';

/** Order of the "needs action" list: what the supervisor must chase first (a report not listed is not here). */
const ACTION_ORDER: Partial<Record<ReportClass, number>> = { MISSING: 0, RETURNED: 1, LATE: 2, ON_TIME: 3 };

/** @description Whether a classified report needs action (missing, returned, or waiting for review). */
export function needsAction(e: CalendarEntry): boolean {
  return e.classification.class === 'MISSING' || e.classification.class === 'RETURNED' || isWaitingForReview(e.classification.class, e.submission?.status);
}

/** @description The report's place in the "needs action" order (lower first), or null when it needs none. */
export function actionRank(e: CalendarEntry): number | null {
  return needsAction(e) ? ACTION_ORDER[e.classification.class] ?? null : null;
}

/** One classified report of the current periods, with what the landing pages show of its centre and template. */
export interface GlanceEntry extends CalendarEntry {
  centre: CentreCalendarRecord;
  template: TemplateDefinition;
  /** The template's place in the published-templates order (the order of the page's periods). */
  templateRank: number;
}

/**
 * @description The calendar's picture of the current periods on `today` for the given centres (or every centre
 * the transaction may see) and the templates: every expected report classified (NOT_EXPECTED ones dropped).
 */
export async function glanceEntries(em: EntityManager, input: {
  templates: readonly TemplateDefinition[];
  today: IsoDate;
  centreIds?: readonly string[];
}): Promise<GlanceEntry[]> {
  const { templates, today } = input;
  const types = [...new Set(templates.flatMap((t) => t.centreTypes))];
  const centres = types.length ? await readCentreCalendarFacts(em, { types, ...(input.centreIds ? { centreIds: input.centreIds } : {}) }) : [];
  const entries = await reportCalendar(em, { centres, templates, periodsOf: (t) => currentReportingPeriods(t.periodType, today), asOf: today });
  const centreOf = new Map(centres.map((c) => [c.centreId, c]));
  const rankOf = new Map(templates.map((t, i) => [t.code, i]));
  return entries
    .filter((e) => e.classification.class !== 'NOT_EXPECTED')
    .map((e) => ({ ...e, centre: centreOf.get(e.centreId)!, template: templates[rankOf.get(e.templateCode)!], templateRank: rankOf.get(e.templateCode)! }));
}

/** The rollup's columns, in the order written (jsonb_to_recordset's record type). */
const ROW_TYPE = `province_id uuid, centre_id uuid, centre_code text, centre_name text, centre_type text, unit_path text,
  template_code text, template_rank int, template_name_vi text, template_name_en text,
  period_code text, period_start date, period_label_vi text, period_label_en text,
  due_date date, regular_due_date date, report_class text, days int, submission_id uuid, submission_status text,
  waiting_review boolean, action_rank int, as_of date`;
const COLUMNS = ROW_TYPE.split(',').map((c) => c.trim().split(/\s+/)[0]).join(', ');

function rowOf(e: GlanceEntry, asOf: IsoDate) {
  return {
    province_id: e.centre.provinceId, centre_id: e.centreId, centre_code: e.centre.code, centre_name: e.centre.name, centre_type: e.centre.type,
    unit_path: e.centre.unitPath, template_code: e.templateCode, template_rank: e.templateRank, template_name_vi: e.template.nameVi,
    template_name_en: e.template.nameEn, period_code: e.period.code, period_start: e.period.start, period_label_vi: e.period.labelVi,
    period_label_en: e.period.labelEn, due_date: e.classification.dueDate, regular_due_date: e.classification.regularDueDate,
    report_class: e.classification.class, days: e.classification.days, submission_id: e.submission?.id ?? null,
    submission_status: e.submission?.status ?? null, waiting_review: isWaitingForReview(e.classification.class, e.submission?.status),
    action_rank: actionRank(e), as_of: asOf,
  };
}

/**
 * @description Replaces the rollup rows of `provinceId` (of some of its centres, or of all) by the calendar's entries
 * computed for `today`. The transaction may read more (a merged province reads its predecessors' submissions and
 * licences: the history of its centres); it writes only the province's own rows. Returns the number written.
 */
export async function writeRollupRows(em: EntityManager, input: {
  provinceId: string;
  templates: readonly TemplateDefinition[];
  today: IsoDate;
  centreIds?: readonly string[];
}): Promise<number> {
  const entries = (await glanceEntries(em, input)).filter((e) => e.centre.provinceId === input.provinceId);
  if (input.centreIds) {
    await em.query(`DELETE FROM reporting_status_rollup WHERE province_id = $1 AND centre_id = ANY($2::uuid[])`, [input.provinceId, [...input.centreIds]]);
  } else {
    await em.query(`DELETE FROM reporting_status_rollup WHERE province_id = $1`, [input.provinceId]);
  }
  if (entries.length) {
    await em.query(
      `INSERT INTO reporting_status_rollup (${COLUMNS}) SELECT ${COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS x(${ROW_TYPE})`,
      [JSON.stringify(entries.map((e) => rowOf(e, input.today)))],
    );
  }
  return entries.length;
}

/** @description Marks a province computed in full for `asOf` (the read side serves the rollup only for that day). */
export async function markProvinceComputed(em: EntityManager, provinceId: string, asOf: IsoDate, reportCount: number): Promise<void> {
  await em.query(
    `INSERT INTO reporting_status_rollup_run (province_id, as_of, report_count, computed_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (province_id) DO UPDATE SET as_of = EXCLUDED.as_of, report_count = EXCLUDED.report_count, computed_at = now()`,
    [provinceId, asOf, reportCount],
  );
}

/**
 * @description Forgets that a province was computed (a template published or changed: what is expected changed for
 * every centre of its types), so the next read or the job recomputes it; until then reads answer live.
 */
export async function invalidateProvinceRollup(em: EntityManager, provinceId: string): Promise<void> {
  await em.query(`DELETE FROM reporting_status_rollup_run WHERE province_id = $1`, [provinceId]);
}

/**
 * @description The date each province the caller reads rollup rows of (its own and, after a merger, its
 * predecessors': ADR 0015) was last computed in full for; null for one never computed (or invalidated).
 */
export async function provinceRollupDates(em: EntityManager, ctx: TenantContext): Promise<Map<string, IsoDate | null>> {
  const provinces = ctx.provinceId ? [ctx.provinceId, ...(ctx.provinceLineage ?? [])] : [];
  const rows = (await em.query(
    `SELECT province_id AS "provinceId", to_char(as_of, 'YYYY-MM-DD') AS "asOf" FROM reporting_status_rollup_run WHERE province_id = ANY($1::uuid[])`,
    [provinces],
  )) as { provinceId: string; asOf: IsoDate }[];
  const dates = new Map<string, IsoDate | null>(provinces.map((p) => [p, null]));
  for (const r of rows) dates.set(r.provinceId, r.asOf);
  return dates;
}
