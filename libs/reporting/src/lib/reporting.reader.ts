/**
 * Readers other contexts call instead of reading reporting's tables (architecture §9). Each takes the caller's
 * transaction (`em`), so the caller's RLS scope and transaction still apply.
 */
import type { EntityManager } from 'typeorm';
import { indexTemplate, periodFromCode, todayInVietnam, valueKeyLabel } from '@gdtx/domain';
import { centresPlacedAtPeriodEnds, readCentreCalendarFacts } from '@gdtx/org';
import type { CallerTx } from '@gdtx/org';
import type { CentreType, DeadlineRule, Period, PeriodType, SubmissionStatus, TemplateDefinition, ValueKind, ValueMap } from '@gdtx/domain';
import { reportCalendar } from './report-calendar';
import type { CalendarQueryable, CalendarTemplate } from './report-calendar';

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
  /** The date the calendar is asked on (default: today in Vietnam). */
  asOf?: string;
}

export interface ApplicableTemplatesQuery {
  /** Templates whose definition lists this centre type. */
  centreType: string;
  /** Only national templates and this province's own (a system caller sees every province). */
  provinceId?: string | null;
}

/** One value key of a published template version, as other contexts may know it. */
export interface PublishedTemplateField {
  key: string;
  /** How the value is read: numbers (integer, decimal and percent fields, grid cells), booleans or text. */
  kind: ValueKind;
  labelVi: string;
  labelEn: string;
}

/** A published version of a template with its value keys (what an indicator definition is checked against). */
/** A report as data-quality checks read it: its values and its template version's definition. */
export interface ReportForChecks {
  id: string;
  provinceId: string;
  centreId: string;
  templateCode: string;
  templateVersion: number;
  periodCode: string;
  status: SubmissionStatus;
  values: ValueMap;
  definition: TemplateDefinition;
}

export interface PublishedTemplateVersion {
  templateCode: string;
  version: number;
  /** null: a national template; otherwise the province whose own template this is. */
  provinceId: string | null;
  nameVi: string;
  fields: PublishedTemplateField[];
}

/** An accepted report as ReportingReader.acceptedReports gives it. */
export interface AcceptedReportRef {
  centreId: string;
  values: ValueMap;
  periodCode: string;
  acceptedAt: Date | null;
  /** The period's last day ('YYYY-MM-DD'). */
  periodEnd: string;
  firstSubmittedAt: Date | null;
}

/** A report of a centre as ReportingReader.reportsOfCentre gives it. */
export interface CentreReportRef {
  templateCode: string;
  periodCode: string;
  status: SubmissionStatus;
  values: Record<string, unknown> | null;
}

/** What a notice about a returned report needs (ReportingReader.returnedReportNotice). */
export interface ReturnedReportNotice {
  id: string;
  provinceId: string;
  centreId: string;
  templateCode: string;
  periodCode: string;
  periodLabelVi: string;
  templateNameVi: string | null;
  comment: string | null;
}

/**
 * What a notice about a step of a report's workflow needs (ReportingReader.submissionNotice): the report in both
 * languages, and the newest step of the asked actions with its actor (a user id: identity's reader names them).
 */
export interface SubmissionNotice {
  id: string;
  provinceId: string;
  centreId: string;
  templateCode: string;
  periodCode: string;
  periodLabelVi: string;
  periodLabelEn: string;
  templateNameVi: string | null;
  templateNameEn: string | null;
  status: string;
  actorUserId: string | null;
  actorName: string | null;
  comment: string | null;
  /** The day of the step, in Vietnam (YYYY-MM-DD). */
  actedOn: string | null;
  /** The day a returned report is to be filed again, when the reviewer set one. */
  resubmitBy: string | null;
}

export const ReportingReader = {
  /** @description A report and its newest step among `actions` (SUBMITTED, RETURNED, ACCEPTED…), or null (not visible). */
  async submissionNotice(em: CallerTx, submissionId: string, actions: readonly string[]): Promise<SubmissionNotice | null> {
    const [row] = await em.query(
      `SELECT s.id, s.province_id AS "provinceId", s.centre_id AS "centreId", s.template_code AS "templateCode", s.period_code AS "periodCode",
              p.label_vi AS "periodLabelVi", p.label_en AS "periodLabelEn", s.status,
              t.definition->>'nameVi' AS "templateNameVi", t.definition->>'nameEn' AS "templateNameEn",
              e.actor_user_id AS "actorUserId", e.actor_name AS "actorName", e.comment,
              to_char((e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS "actedOn",
              to_char(e.resubmit_by, 'YYYY-MM-DD') AS "resubmitBy"
       FROM submission s JOIN reporting_period p ON p.code = s.period_code
       LEFT JOIN LATERAL (SELECT v.definition FROM report_template_version v WHERE v.code = s.template_code AND v.version = s.template_version
                            AND (v.province_id IS NULL OR v.province_id = s.province_id) ORDER BY (v.province_id IS NULL) LIMIT 1) t ON true
       LEFT JOIN LATERAL (SELECT e.* FROM submission_event e WHERE e.submission_id = s.id AND e.action = ANY($2::text[]) ORDER BY e.id DESC LIMIT 1) e ON true
       WHERE s.id = $1`,
      [submissionId, [...actions]],
    );
    return row ?? null;
  },

  /**
   * @description The newest published definition of every template that applies to a centre type, a province's
   * own version shadowing a national one of the same code: which template a centre reports on (the rule of
   * TemplateService, for the contexts that may not read report_template_version).
   */
  async applicableTemplates(em: CalendarQueryable, q: ApplicableTemplatesQuery): Promise<TemplateDefinition[]> {
    const rows = (await em.query(
      `SELECT DISTINCT ON (v.code) v.definition FROM report_template_version v
       WHERE v.published_at IS NOT NULL AND v.definition->'centreTypes' ? $1::text AND ($2::uuid IS NULL OR v.province_id IS NULL OR v.province_id = $2)
       ORDER BY v.code, (v.province_id IS NULL), v.version DESC`,
      [q.centreType, q.provinceId ?? null],
    )) as { definition: TemplateDefinition }[];
    return rows.map((r) => r.definition);
  },

  /**
   * @description Every published version of the given templates that the caller's scope sees (national ones
   * and the caller's province's own), oldest first, with its value keys, their kinds and Vietnamese labels.
   */
  async publishedTemplateVersions(em: EntityManager, templateCodes: readonly string[]): Promise<PublishedTemplateVersion[]> {
    if (!templateCodes.length) return [];
    const rows: { code: string; version: number; provinceId: string | null; definition: TemplateDefinition }[] = await em.query(
      `SELECT code, version, province_id AS "provinceId", definition FROM report_template_version
       WHERE published_at IS NOT NULL AND code = ANY($1) ORDER BY code, (province_id IS NULL) DESC, version`,
      [templateCodes],
    );
    return rows.map((r) => {
      const index = indexTemplate(r.definition);
      return {
        templateCode: r.code,
        version: r.version,
        provinceId: r.provinceId,
        nameVi: r.definition.nameVi,
        fields: index.keys.map((key) => ({ key, kind: index.kinds.get(key)!, labelVi: valueKeyLabel(r.definition, key, 'vi'), labelEn: valueKeyLabel(r.definition, key, 'en') })),
      };
    });
  },


  /**
   * @description What a notice about a returned (or reopened) report tells its centre: the report, its period's
   * label, the template's name (the province's own version first) and the reviewer's last comment. Null when the
   * caller may not see the report.
   */
  async returnedReportNotice(em: CallerTx, submissionId: string): Promise<ReturnedReportNotice | null> {
    const [row] = await em.query(
      `SELECT s.id, s.province_id AS "provinceId", s.centre_id AS "centreId", s.template_code AS "templateCode", s.period_code AS "periodCode",
              p.label_vi AS "periodLabelVi",
              (SELECT v.definition->>'nameVi' FROM report_template_version v WHERE v.code = s.template_code AND v.version = s.template_version
                 AND (v.province_id IS NULL OR v.province_id = s.province_id) ORDER BY (v.province_id IS NULL) LIMIT 1) AS "templateNameVi",
              (SELECT e.comment FROM submission_event e WHERE e.submission_id = s.id AND e.action IN ('RETURNED','REOPENED') ORDER BY e.id DESC LIMIT 1) AS comment
       FROM submission s JOIN reporting_period p ON p.code = s.period_code WHERE s.id = $1`,
      [submissionId],
    );
    return row ?? null;
  },

  /**
   * @description The accepted reports of a template in a period with their values (what the ministry exports
   * carry, issue 15 item 7), those the caller can see.
   */
  async acceptedValues(em: CallerTx, templateCode: string, periodCode: string): Promise<{ submissionId: string; centreId: string; values: ValueMap }[]> {
    return em.query(
      `SELECT id AS "submissionId", centre_id AS "centreId", "values" FROM reporting_accepted_submission WHERE template_code = $1 AND period_code = $2`,
      [templateCode, periodCode],
    );
  },

  /**
   * @description A report's current values (the draft as last saved, or the version filed) with its template
   * version's definition, for checks on them (analytics' data quality, issue 15 item 4). Null when the caller may
   * not see the report.
   */
  async reportForChecks(em: CallerTx, submissionId: string): Promise<ReportForChecks | null> {
    const [row] = await em.query(
      `SELECT s.id, s.province_id AS "provinceId", s.centre_id AS "centreId", s.template_code AS "templateCode", s.template_version AS "templateVersion",
              s.period_code AS "periodCode", s.status, s."values",
              (SELECT v.definition FROM report_template_version v WHERE v.code = s.template_code AND v.version = s.template_version
                 AND (v.province_id IS NULL OR v.province_id = s.province_id) ORDER BY (v.province_id IS NULL) LIMIT 1) AS definition
       FROM submission s WHERE s.id = $1`,
      [submissionId],
    );
    return row ?? null;
  },

  /**
   * @description Every report of a centre (drafts included) with its status; the stored values only of the
   * reports of `valuesOfTemplate` that have left draft (what compliance's activity rules read), null otherwise.
   */
  async reportsOfCentre(em: CallerTx, centreId: string, valuesOfTemplate: string): Promise<CentreReportRef[]> {
    return em.query(
      `SELECT s.template_code AS "templateCode", s.period_code AS "periodCode", s.status,
              CASE WHEN s.template_code = $2 AND s.status <> 'DRAFT' THEN s."values" END AS "values"
       FROM submission s WHERE s.centre_id = $1`,
      [centreId, valuesOfTemplate],
    );
  },

  /** How many reports of a period the caller sees, per status (sorted by status). */
  async submissionCountsByStatus(em: CallerTx, periodCode: string): Promise<{ key: SubmissionStatus; count: number }[]> {
    return em.query(`SELECT status AS key, count(*)::int AS count FROM submission WHERE period_code = $1 GROUP BY 1 ORDER BY 1`, [periodCode]);
  },

  /** The codes of the templates with a published version of `periodType` (sorted). */
  async publishedTemplateCodes(em: CallerTx, periodType: PeriodType): Promise<string[]> {
    const rows: { code: string }[] = await em.query(
      `SELECT DISTINCT code FROM report_template_version WHERE published_at IS NOT NULL AND definition->>'periodType' = $1 ORDER BY code`,
      [periodType],
    );
    return rows.map((r) => r.code);
  },

  /**
   * The newest published version of a template as the reporting calendar needs it (the province's own version
   * shadowing the national one, as RLS lets the caller see them), or null when none is published.
   */
  async calendarTemplate(em: CallerTx, templateCode: string): Promise<CalendarTemplate | null> {
    const [tpl] = await em.query(
      `SELECT DISTINCT ON (v.code) v.code, v.definition->>'periodType' AS "periodType", v.definition->'centreTypes' AS "centreTypes", v.definition->'deadline' AS deadline
       FROM report_template_version v WHERE v.code = $1 AND v.published_at IS NOT NULL
       ORDER BY v.code, (v.province_id IS NULL), v.version DESC`,
      [templateCode],
    );
    return tpl ? { code: tpl.code, periodType: tpl.periodType as PeriodType, deadline: tpl.deadline as DeadlineRule, centreTypes: tpl.centreTypes as string[] } : null;
  },

  /**
   * @description The accepted reports of a template and periods in a province that the caller may see, ordered
   * by centre and period end, each with its period's end and the moment it was first submitted (its first version,
   * else its submission or acceptance): what a figure "as recorded" needs.
   */
  async acceptedReports(em: CallerTx, q: { provinceId: string; templateCode: string; periodCodes: readonly string[] }): Promise<AcceptedReportRef[]> {
    return em.query(
      `SELECT s.centre_id AS "centreId", s."values", s.period_code AS "periodCode", s.accepted_at AS "acceptedAt",
              to_char(p.end_date, 'YYYY-MM-DD') AS "periodEnd",
              coalesce((SELECT min(v.submitted_at) FROM submission_version v WHERE v.submission_id = s.id), s.submitted_at, s.accepted_at) AS "firstSubmittedAt"
       FROM submission s
       JOIN reporting_period p ON p.code = s.period_code
       WHERE s.province_id = $1 AND s.template_code = $2 AND s.period_code = ANY($3::text[]) AND s.status = 'ACCEPTED'
       ORDER BY s.centre_id, p.end_date`,
      [q.provinceId, q.templateCode, [...q.periodCodes]],
    );
  },

  /** The centre a report belongs to, or null when the caller may not see it. */
  async centreOfSubmission(em: CallerTx, submissionId: string): Promise<string | null> {
    const [row] = await em.query(`SELECT centre_id AS "centreId" FROM submission WHERE id = $1`, [submissionId]);
    return row?.centreId ?? null;
  },

  /**
   * @description The codes of the reporting periods of `type` that lie within [start, end] (both inclusive),
   * in calendar order: a range of periods as the reporting calendar knows them.
   */
  async periodCodesWithin(em: CallerTx, type: PeriodType, start: string, end: string): Promise<string[]> {
    const rows: { code: string }[] = await em.query(
      `SELECT code FROM reporting_period WHERE type = $3 AND start_date >= $1 AND end_date <= $2 ORDER BY start_date`,
      [start, end, type],
    );
    return rows.map((r) => r.code);
  },

  /** The reporting period of the same type that ends the day before `code` starts, or null. */
  async previousPeriodCode(em: CallerTx, code: string): Promise<string | null> {
    const [row] = await em.query(
      `SELECT prev.code FROM reporting_period cur JOIN reporting_period prev ON prev.type = cur.type AND prev.end_date = cur.start_date - 1 WHERE cur.code = $1`,
      [code],
    );
    return row?.code ?? null;
  },

  /**
   * @description The (centre, template, period) reports the reporting calendar expects (every class but
   * NOT_EXPECTED), for every centre the caller's scope can see: the one definition of "expected" that other
   * contexts use (analytics' `IndicatorCoverage.expected`), the same classification as dueReports and
   * reportingRates.
   */
  async expectedReports(em: EntityManager, q: ExpectedReportsQuery): Promise<ExpectedReportRef[]> {
    if (!q.templateCodes.length || !q.periodCodes.length) return [];
    const rows: { code: string; periodType: PeriodType; centreTypes: CentreType[]; deadline: DeadlineRule }[] = await em.query(
      `SELECT DISTINCT ON (v.code) v.code, v.definition->>'periodType' AS "periodType", v.definition->'centreTypes' AS "centreTypes", v.definition->'deadline' AS deadline
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
    const templates: CalendarTemplate[] = rows
      .filter((t) => periodTypes.has(t.periodType))
      .map((t) => ({ code: t.code, periodType: t.periodType, deadline: t.deadline, centreTypes: t.centreTypes.filter((c) => !q.centreType || c === q.centreType) }))
      .filter((t) => t.centreTypes.length > 0);
    const periodList = [...periods.values()].filter((p) => templates.some((t) => t.periodType === p.type));
    const centreTypes = [...new Set(templates.flatMap((t) => t.centreTypes))];
    if (!centreTypes.length || !periodList.length) return [];
    // The one rule of "expected": the reporting calendar (libs/domain classifyReport), asked on today's date.
    const centres = await readCentreCalendarFacts(em, { types: centreTypes });
    const entries = (
      await reportCalendar(em as CalendarQueryable, {
        centres,
        templates,
        periodsOf: (t) => periodList.filter((p) => p.type === t.periodType),
        asOf: q.asOf ?? todayInVietnam(),
      })
    ).filter((e) => e.classification.class !== 'NOT_EXPECTED');
    if (!entries.length) return [];
    // Each expected report is placed in the centre's unit as of the period's end, like its fact rows.
    const placed = await centresPlacedAtPeriodEnds(em, [...new Set(entries.map((e) => e.centreId))], periodList);
    const placeOf = new Map(placed.map((r) => [`${r.centreId}|${r.periodCode}`, r]));
    const out: ExpectedReportRef[] = [];
    for (const e of entries) {
      const place = placeOf.get(`${e.centreId}|${e.period.code}`);
      if (!place) continue;
      if (q.unitPathPrefix && !place.unitPath.startsWith(q.unitPathPrefix)) continue;
      out.push({ centreId: e.centreId, centreType: place.type, templateCode: e.templateCode, periodCode: e.period.code, unitPath: place.unitPath });
    }
    return out;
  }
};
