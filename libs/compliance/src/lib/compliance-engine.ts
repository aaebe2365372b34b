import { addDays, compareIsoDates, linkTo, periodFromCode, periodsBetween, vietnameseDate } from '@gdtx/domain';
import type { CentreStatus, IsoDate, Role } from '@gdtx/domain';
import { centreRecordOf, centreStatesOn, licenceRecordsOf, readCentreCalendarFacts, requiredLicenceKinds } from '@gdtx/org';
import { duePeriodWindow, reportCalendar, ReportingReader } from '@gdtx/reporting';
import type { NotificationRequest, Sql } from '@gdtx/notify';
import {
  dormantFindings, FindingDraft, foreignTeacherFindings, inspectionFindings, InspectionFindingFact, licenceFindings, LicenceFact,
  noActivityAfterEstablishmentFindings, parametersFrom, QuarterIntake, ReportObligation, reportTimelinessFindings, Severity,
} from './rules';
import type { ComplianceParameters } from './rules';
import type { RuleCode } from './rules/types';
import { FindingRuleText, SeverityLabel } from './finding-texts';

export type { Sql };

const QUARTERLY = 'LANGUAGE_IT_QUARTERLY';

export interface CentreFacts {
  id: string;
  provinceId: string;
  code: string;
  name: string;
  type: string;
  status: CentreStatus;
  statusSince: IsoDate;
  establishedOn: IsoDate | null;
}

export interface EvaluationOutcome {
  centreId: string;
  provinceId: string;
  opened: number;
  reopened: number;
  updated: number;
  resolved: number;
  open: number;
  /** Open findings to notify about (new in the last days, or an expiry alert window crossed). */
  toNotify: NotifiableFinding[];
}

export interface NotifiableFinding {
  id: string;
  centreId: string;
  centreName: string;
  ruleCode: string;
  severity: Severity;
  titleVi: string;
  /** Null on a finding not evaluated since titles were written in English too. */
  titleEn: string | null;
  legalBasisVi: string;
  foundOn: IsoDate;
  evidence: Record<string, unknown>;
}

/** Parameters in force on `asOf` for a province: its own rows over the national ones, latest valid_from first. */
export async function loadParameters(sql: Sql, provinceId: string, asOf: IsoDate): Promise<ComplianceParameters> {
  const rows = await sql(
    `SELECT DISTINCT ON (code) code, value FROM compliance_rule_parameter
     WHERE (province_id IS NULL OR province_id = $1) AND valid_from <= $2
     ORDER BY code, (province_id IS NULL), valid_from DESC`,
    [provinceId, asOf],
  );
  return parametersFrom(rows);
}

/** Everything the rules need about one centre, read with the caller's scope. */
async function loadCentre(sql: Sql, centreId: string): Promise<CentreFacts | null> {
  const c = await centreRecordOf({ query: sql }, centreId);
  return c
    ? { id: c.id, provinceId: c.provinceId, code: c.code, name: c.name, type: c.type, status: c.status, statusSince: c.statusSince, establishedOn: c.establishedOn }
    : null;
}

/** Draft findings for one centre on `asOf` (pure rules over the centre's data). */
export async function draftFindings(sql: Sql, centre: CentreFacts, asOf: IsoDate, params: ComplianceParameters): Promise<FindingDraft[]> {
  // A dissolved centre has no obligations from its dissolution on, but the reports it owed while in operation stay
  // owed, as the reporting calendar (and so reportingRates) counts them: only its timeliness findings remain.
  const dissolved = centre.status === 'DISSOLVED';
  const required = await requiredLicenceKinds({ query: sql }, centre.type);
  const licences = (await licenceRecordsOf({ query: sql }, centre.id)) as LicenceFact[];
  // Which templates the centre reports on: reporting's reader (the province's own version shadows a national one).
  const templates = await ReportingReader.applicableTemplates({ query: sql }, { centreType: centre.type, provinceId: centre.provinceId });
  const submissions = await ReportingReader.reportsOfCentre({ query: sql }, centre.id, QUARTERLY);
  const inspections = (await sql(
    `SELECT f.id, f.inspection_id AS "inspectionId", to_char(i.inspected_on,'YYYY-MM-DD') AS "inspectedOn", f.category, f.description_vi AS "descriptionVi",
            f.severity, to_char(f.remediation_due,'YYYY-MM-DD') AS "remediationDue", to_char(f.remediated_on,'YYYY-MM-DD') AS "remediatedOn"
     FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id WHERE f.centre_id = $1`,
    [centre.id],
  )) as InspectionFindingFact[];

  // Timeliness is the reporting calendar's verdict, from org's facts and reporting's timelines (one rule).
  const db = { query: sql };
  const calendar = await reportCalendar(db, {
    centres: await readCentreCalendarFacts(db, { centreIds: [centre.id] }),
    templates,
    periodsOf: (t) => duePeriodWindow(t.periodType, asOf, params.reportLookbackDays + 400),
    asOf,
  });
  const obligations: ReportObligation[] = calendar.map((entry) => ({
    templateCode: entry.templateCode,
    templateNameVi: templates.find((t) => t.code === entry.templateCode)!.nameVi,
    templateNameEn: templates.find((t) => t.code === entry.templateCode)!.nameEn,
    periodCode: entry.period.code,
    periodLabelVi: entry.period.labelVi,
    periodLabelEn: entry.period.labelEn,
    calendar: entry.classification,
  }));
  if (dissolved) return reportTimelinessFindings(obligations, asOf, params);

  const quarters: (QuarterIntake & { values: Record<string, unknown> })[] = submissions
    .filter((s) => s.values)
    .map((s) => {
      const period = periodFromCode(s.periodCode);
      const values = s.values as Record<string, unknown>;
      return { periodCode: s.periodCode, periodStart: period.start, periodEnd: period.end, values, ...gridTotals(values) };
    })
    .sort((a, b) => compareIsoDates(b.periodEnd, a.periodEnd));
  const recentQuarterCodes = periodsBetween('QUARTER', addDays(asOf, -800), asOf)
    .filter((p) => compareIsoDates(p.end, asOf) < 0)
    .map((p) => p.code)
    .reverse();
  const latest = quarters[0];
  const dormancy = { status: centre.status, statusSince: centre.statusSince, establishedOn: centre.establishedOn, quarters, recentQuarterCodes, asOf };

  return [
    ...reportTimelinessFindings(obligations, asOf, params),
    // A required decision never held has been missing since the centre was established (when that is known).
    ...licenceFindings(required, licences, asOf, params).map((d) =>
      d.ruleCode === 'LICENCE_MISSING' && !d.openedOn && centre.establishedOn ? { ...d, openedOn: centre.establishedOn } : d),
    ...dormantFindings(dormancy, params),
    ...(templates.some((t) => t.code === QUARTERLY) ? noActivityAfterEstablishmentFindings(dormancy, params) : []),
    ...foreignTeacherFindings(latest ? {
      periodCode: latest.periodCode,
      teachersForeign: numberOrNull(latest.values['teachers_foreign']),
      dossierComplete: numberOrNull(latest.values['foreign_teachers_dossier_complete']),
      qualified: numberOrNull(latest.values['foreign_teachers_qualified']),
    } : null),
    ...inspectionFindings(inspections, asOf),
  ];
}

/** JSON with sorted keys: jsonb does not keep key order, so a plain stringify would see a change where there is none. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Totals of the classes_learners grid (classes, new and active learners over every subject row). */
export function gridTotals(values: Record<string, unknown>): { classes: number; newLearners: number; activeLearners: number } {
  const sum = (measure: string) =>
    Object.entries(values)
      .filter(([k, v]) => k.startsWith('classes_learners.') && k.endsWith(`.${measure}`) && typeof v === 'number')
      .reduce((s, [, v]) => s + (v as number), 0);
  return { classes: sum('classes'), newLearners: sum('new_learners'), activeLearners: sum('active_learners') };
}

/**
 * Evaluates one centre on `asOf` and stores the result by natural key (centre, rule, subject): a finding still
 * true is updated in place, a new one inserted, one no longer true resolved (AUTO). Running it twice changes
 * nothing the second time. Inspection findings closed by remediation stay closed (they are no longer drafted).
 */
export async function evaluateCentreWith(sql: Sql, centreId: string, asOf: IsoDate): Promise<EvaluationOutcome | null> {
  const registered = await loadCentre(sql, centreId);
  if (!registered) return null;
  // Status on the evaluation date from org's history (a future-dated suspension is not in force before its date).
  const [state] = await centreStatesOn({ query: sql }, asOf, [registered.id]);
  const centre: CentreFacts = state ? { ...registered, status: state.status, statusSince: state.statusSince } : registered;
  const params = await loadParameters(sql, centre.provinceId, asOf);
  const drafts = await draftFindings(sql, centre, asOf, params);
  const existing = new Map<string, { id: string; ruleCode: string; subjectKey: string; status: string; severity: string; evidence: unknown; titleVi: string; titleEn: string | null; openedOn: IsoDate }>(
    (await sql(
      `SELECT id, rule_code AS "ruleCode", subject_key AS "subjectKey", status, severity, evidence, title_vi AS "titleVi", title_en AS "titleEn",
              to_char(opened_on, 'YYYY-MM-DD') AS "openedOn" FROM finding WHERE centre_id = $1`,
      [centre.id],
    )).map((r) => [`${r.ruleCode}|${r.subjectKey}`, r]),
  );
  const outcome: EvaluationOutcome = { centreId: centre.id, provinceId: centre.provinceId, opened: 0, reopened: 0, updated: 0, resolved: 0, open: drafts.length, toNotify: [] };
  const seen = new Set<string>();
  for (const d of drafts) {
    const key = `${d.ruleCode}|${d.subjectKey}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = existing.get(key);
    const evidence = JSON.stringify(d.evidence);
    const openedOn = openingDate(d, asOf);
    if (!row) {
      await sql(
        `INSERT INTO finding (province_id, centre_id, rule_code, subject_key, severity, status, title_vi, legal_basis_vi, evidence, found_on, opened_on, last_evaluated_on, title_en)
         VALUES ($1,$2,$3,$4,$5,'OPEN',$6,$7,$8,$9,$10,$9,$11)
         ON CONFLICT (centre_id, rule_code, subject_key) DO NOTHING`,
        [centre.provinceId, centre.id, d.ruleCode, d.subjectKey, d.severity, d.titleVi, d.legalBasisVi, evidence, asOf, openedOn, d.titleEn],
      );
      outcome.opened++;
    } else if (row.status === 'RESOLVED') {
      // The row holds one open interval: a reopening starts a new one (the earlier interval is not kept).
      await sql(
        `UPDATE finding SET status = 'OPEN', severity = $2, title_vi = $3, legal_basis_vi = $4, evidence = $5, found_on = $6, last_evaluated_on = $6,
                opened_on = $7, closed_on = NULL, resolved_on = NULL, resolution = NULL, resolution_note = NULL, resolved_by = NULL, title_en = $8, updated_at = now() WHERE id = $1`,
        [row.id, d.severity, d.titleVi, d.legalBasisVi, evidence, asOf, openedOn, d.titleEn],
      );
      outcome.reopened++;
    } else if (row.severity !== d.severity || row.titleVi !== d.titleVi || row.titleEn !== d.titleEn || canonicalJson(row.evidence) !== canonicalJson(d.evidence) || (d.openedOn && row.openedOn !== openedOn)) {
      // The data may have been corrected (a decision's end date, a due date extended): the opening follows it.
      await sql(
        `UPDATE finding SET severity = $2, title_vi = $3, legal_basis_vi = $4, evidence = $5, last_evaluated_on = $6,
                opened_on = coalesce($7::date, opened_on), title_en = $8, updated_at = now() WHERE id = $1`,
        [row.id, d.severity, d.titleVi, d.legalBasisVi, evidence, asOf, d.openedOn ? openedOn : null, d.titleEn],
      );
      outcome.updated++;
    }
  }
  const stale = [...existing.entries()].filter(([key, r]) => r.status === 'OPEN' && !seen.has(key)).map(([, r]) => r);
  for (const r of stale) {
    await sql(
      `UPDATE finding SET status = 'RESOLVED', resolved_on = $2, closed_on = greatest(opened_on, $3::date), resolution = 'AUTO', last_evaluated_on = $2, updated_at = now()
       WHERE id = $1`,
      [r.id, asOf, closingDate(r, drafts, asOf)],
    );
  }
  outcome.resolved = stale.length;
  // Notify about what is recent, not only what this run opened: if notifying failed after an evaluation, the
  // next one (nightly at the latest) retries, and the notification's event key prevents a second copy.
  outcome.toNotify = await sql(
    `SELECT f.id, f.centre_id AS "centreId", $3::text AS "centreName", f.rule_code AS "ruleCode", f.severity, f.title_vi AS "titleVi", f.title_en AS "titleEn",
            f.legal_basis_vi AS "legalBasisVi", to_char(f.found_on,'YYYY-MM-DD') AS "foundOn", f.evidence
     FROM finding f
     WHERE f.centre_id = $1 AND f.status = 'OPEN' AND (f.found_on >= $2::date - 7 OR f.rule_code = 'LICENCE_EXPIRING')`,
    [centre.id, asOf, centre.name],
  );
  return outcome;
}

/** opened_on of a draft: the day its condition began, never after the evaluation date. */
export function openingDate(d: Pick<FindingDraft, 'openedOn'>, asOf: IsoDate): IsoDate {
  return d.openedOn && compareIsoDates(d.openedOn, asOf) < 0 ? d.openedOn : asOf;
}

/**
 * closed_on of a finding no longer drafted: the day its condition stopped when the data says — a missing report
 * stops being missing the day it is filed (the REPORT_LATE draft of the same subject carries that day) —
 * otherwise the evaluation date.
 */
export function closingDate(f: { ruleCode: string; subjectKey: string }, drafts: readonly FindingDraft[], asOf: IsoDate): IsoDate {
  if (f.ruleCode === 'REPORT_MISSING') {
    const late = drafts.find((d) => d.ruleCode === 'REPORT_LATE' && d.subjectKey === f.subjectKey);
    if (late?.openedOn && compareIsoDates(late.openedOn, asOf) <= 0) return late.openedOn;
  }
  return asOf;
}

const CENTRE_ROLES: Role[] = ['CENTRE_DIRECTOR'];
const OVERSIGHT_ROLES: Role[] = ['CENTRE_DIRECTOR', 'SUPERVISOR', 'SO_SPECIALIST'];

/**
 * The notification for a finding: the centre's directors always; the supervising officers and the Sở
 * specialists as well when it is HIGH or CRITICAL (so they are told what needs action, not every late report).
 * Licence findings are LICENCE_EXPIRY notifications, one per alert window crossed.
 */
export function findingNotification(provinceId: string, f: NotifiableFinding): NotificationRequest {
  const serious = f.severity === 'HIGH' || f.severity === 'CRITICAL';
  const licence = f.ruleCode === 'LICENCE_EXPIRING' || f.ruleCode === 'LICENCE_EXPIRED';
  const stage = f.ruleCode === 'LICENCE_EXPIRING' ? `alert${String(f.evidence['alertDays'] ?? '')}` : 'opened';
  return {
    provinceId,
    recipients: { centreId: f.centreId, roles: serious ? OVERSIGHT_ROLES : CENTRE_ROLES },
    centreId: f.centreId,
    kind: licence ? 'LICENCE_EXPIRY' : 'FINDING_OPENED',
    eventKey: `finding:${f.id}:${f.foundOn}:${stage}`,
    // The finding's own title says what was found (its dates as dd/mm/yyyy); the body what to do, not the legal
    // basis (shown on demand with the finding, where the link leads).
    ...findingNotificationText(f),
    // The centre's page shows its compliance to every recipient (centre users have no compliance menu).
    link: linkTo('centre', { id: f.centreId }),
  };
}

/** The notification text of a finding, in both languages: what was found, the severity and date, what to do. */
export function findingNotificationText(f: NotifiableFinding): { titleVi: string; bodyVi: string; titleEn: string; bodyEn: string } {
  const rule = FindingRuleText[f.ruleCode as RuleCode];
  const severity = SeverityLabel[f.severity];
  const foundOn = vietnameseDate(f.foundOn);
  return {
    titleVi: `${f.centreName}: ${isoDatesAsVietnamese(f.titleVi)}`,
    bodyVi: `Mức độ: ${severity.vi}; phát hiện ngày ${foundOn}. ${rule?.actionVi ?? 'Đề nghị xem chi tiết và xử lý.'}`,
    titleEn: `${f.centreName}: ${f.titleEn ?? rule?.en ?? f.ruleCode}`,
    bodyEn: `Severity: ${severity.en}; found on ${foundOn}. ${rule?.actionEn ?? 'Please open the finding and act on it.'}`,
  };
}

/** Finding titles written before dates were dd/mm/yyyy keep their ISO dates in the table: shown as dd/mm/yyyy. */
export function isoDatesAsVietnamese(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_m, y: string, m: string, d: string) => `${d}/${m}/${y}`);
}
