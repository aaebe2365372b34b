/**
 * Pure helpers of the compliance work screens (apps/web/src/pages/CompliancePage.tsx): the findings filter kept
 * in the URL, the due date a finding carries in its evidence, which findings can be closed by hand, and the
 * administrative units inside a supervisor's area.
 */
import type { ComplianceRuleCode, FindingSeverity, FindingStatus } from '../../gql/__generated__/graphql';

export type Severity = FindingSeverity;
export type FindingStatusValue = FindingStatus;

const SEVERITY_VALUES: readonly string[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const STATUS_VALUES: readonly string[] = ['OPEN', 'RESOLVED'];
const RULE_VALUES: readonly string[] = [
  'REPORT_MISSING', 'REPORT_LATE', 'LICENCE_MISSING', 'LICENCE_EXPIRED', 'LICENCE_EXPIRING', 'DORMANT_CENTRE',
  'NO_ACTIVITY_AFTER_ESTABLISHMENT', 'FOREIGN_TEACHER_DOSSIER_INCOMPLETE', 'FOREIGN_TEACHER_UNQUALIFIED',
  'INSPECTION_FINDING', 'INSPECTION_REMEDIATION_OVERDUE',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FindingUrlFilter {
  status?: FindingStatusValue;
  severity?: Severity;
  ruleCode?: ComplianceRuleCode;
  unitId?: string;
  centreId?: string;
}

/**
 * The findings filter from the page's URL. A missing status means "open" (what a specialist comes for);
 * `status=ALL` shows both. Unknown values (a hand-edited or old link) are dropped rather than sent to the API.
 */
export function findingFilterFromParams(params: URLSearchParams): FindingUrlFilter {
  const filter: FindingUrlFilter = {};
  const status = params.get('status') ?? 'OPEN';
  if (STATUS_VALUES.includes(status)) filter.status = status as FindingStatusValue;
  const severity = params.get('severity');
  if (severity && SEVERITY_VALUES.includes(severity)) filter.severity = severity as Severity;
  const rule = params.get('rule');
  if (rule && RULE_VALUES.includes(rule)) filter.ruleCode = rule as ComplianceRuleCode;
  const unit = params.get('unit');
  if (unit && UUID.test(unit)) filter.unitId = unit;
  const centre = params.get('centre');
  if (centre && UUID.test(centre)) filter.centreId = centre;
  return filter;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The deadline a finding is about, from its evidence (JSON): the remediation deadline of an inspection finding,
 * the (extended) due date of a report; none for the others.
 */
export function findingDueDate(evidence: unknown): string | null {
  if (!isRecord(evidence)) return null;
  for (const key of ['remediationDue', 'dueDate'] as const) {
    const v = evidence[key];
    if (typeof v === 'string' && ISO_DATE.test(v)) return v;
  }
  return null;
}

/** Titles written by the rules carry ISO dates ("Kết luận kiểm tra ngày 2026-10-02"): shown as dd/mm/yyyy. */
export function isoDatesToVietnamese(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => `${d}/${m}/${y}`);
}

/** Only inspection findings are closed by hand (with a note); the others close when the data is put right. */
export function canResolveByHand(f: { ruleCode: string; status: string }): boolean {
  return f.status === 'OPEN' && (f.ruleCode === 'INSPECTION_FINDING' || f.ruleCode === 'INSPECTION_REMEDIATION_OVERDUE');
}

export interface UnitNode {
  id: string;
  parentId?: string | null;
}

/** The units in the subtree of `rootId` (itself included), in the order given; everything without a root. */
export function unitsWithin<T extends UnitNode>(units: readonly T[], rootId: string | null | undefined): T[] {
  if (!rootId) return [...units];
  const parent = new Map(units.map((u) => [u.id, u.parentId ?? null]));
  const inside = (id: string): boolean => {
    const seen = new Set<string>();
    for (let cur: string | null = id; cur && !seen.has(cur); cur = parent.get(cur) ?? null) {
      if (cur === rootId) return true;
      seen.add(cur);
    }
    return false;
  };
  return units.filter((u) => inside(u.id));
}
