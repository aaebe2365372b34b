import { addDays, compareIsoDates, daysBetween } from '@gdtx/domain';
import type { IsoDate, ReportExpectationReason } from '@gdtx/domain';
import { LegalBasisVi } from './legal-basis';
import type { ComplianceParameters } from './parameters';
import type { FindingDraft } from './types';

export const TimelinessStatuses = ['ON_TIME', 'LATE', 'MISSING', 'NOT_REQUIRED', 'EXTENDED', 'NOT_DUE'] as const;
export type TimelinessStatus = (typeof TimelinessStatuses)[number];

/** One (template, period) a centre may owe, as the engine reads it. */
export interface ReportObligation {
  templateCode: string;
  templateNameVi: string;
  periodCode: string;
  periodLabelVi: string;
  /** From libs/domain reportExpectation: whether the centre owed this report at all. */
  expectation: ReportExpectationReason;
  /** Due date after any extension. */
  dueDate: IsoDate;
  /** Due date by the template's rule alone. */
  regularDueDate: IsoDate;
  /** Vietnam date of the first submission (timeliness is judged on the first one), or null. */
  firstSubmittedOn: IsoDate | null;
}

export interface Timeliness {
  status: TimelinessStatus;
  /** LATE: days after the due date; MISSING: days overdue so far. */
  days: number;
}

/**
 * @description Timeliness of one report on `today`: ON_TIME, LATE (with days), MISSING (past due, not submitted),
 * NOT_REQUIRED (the centre owed nothing and sent nothing), EXTENDED (on time only thanks to an extension, or
 * not yet due under an extension), NOT_DUE.
 */
export function classifyTimeliness(o: ReportObligation, today: IsoDate): Timeliness {
  const extended = compareIsoDates(o.dueDate, o.regularDueDate) > 0;
  if (o.firstSubmittedOn) {
    const late = daysBetween(o.dueDate, o.firstSubmittedOn);
    if (late > 0) return { status: 'LATE', days: late };
    if (extended && compareIsoDates(o.firstSubmittedOn, o.regularDueDate) > 0) return { status: 'EXTENDED', days: 0 };
    return { status: 'ON_TIME', days: 0 };
  }
  if (o.expectation !== 'EXPECTED') return { status: 'NOT_REQUIRED', days: 0 };
  if (compareIsoDates(today, o.dueDate) > 0) return { status: 'MISSING', days: daysBetween(o.dueDate, today) };
  return { status: extended ? 'EXTENDED' : 'NOT_DUE', days: 0 };
}

/**
 * @description Findings for the reports whose due date lies in the look-back window: a MISSING report is
 * REPORT_MISSING (MEDIUM, HIGH once overdue longer than the parameter), a LATE one REPORT_LATE (LOW).
 * A report filed later resolves its MISSING finding and, if late, opens a LATE one instead.
 */
export function reportTimelinessFindings(obligations: readonly ReportObligation[], today: IsoDate, params: ComplianceParameters): FindingDraft[] {
  const from = addDays(today, -params.reportLookbackDays);
  const drafts: FindingDraft[] = [];
  for (const o of obligations) {
    if (compareIsoDates(o.dueDate, from) < 0) continue;
    const t = classifyTimeliness(o, today);
    const evidence = {
      templateCode: o.templateCode,
      periodCode: o.periodCode,
      dueDate: o.dueDate,
      regularDueDate: o.regularDueDate,
      extended: o.dueDate !== o.regularDueDate,
      firstSubmittedOn: o.firstSubmittedOn,
      status: t.status,
      days: t.days,
    };
    const subjectKey = `${o.templateCode}:${o.periodCode}`;
    if (t.status === 'MISSING') {
      drafts.push({
        ruleCode: 'REPORT_MISSING',
        subjectKey,
        severity: t.days > params.reportMissingHighAfterDays ? 'HIGH' : 'MEDIUM',
        titleVi: `Chưa nộp ${o.templateNameVi} – ${o.periodLabelVi} (quá hạn ${t.days} ngày, hạn ${o.dueDate})`,
        legalBasisVi: LegalBasisVi.reportTimeliness,
        evidence,
        openedOn: addDays(o.dueDate, 1),
      });
    } else if (t.status === 'LATE') {
      drafts.push({
        ruleCode: 'REPORT_LATE',
        subjectKey,
        severity: 'LOW',
        titleVi: `Nộp muộn ${t.days} ngày: ${o.templateNameVi} – ${o.periodLabelVi} (hạn ${o.dueDate}, nộp ${o.firstSubmittedOn})`,
        legalBasisVi: LegalBasisVi.reportTimeliness,
        evidence,
        // Known late from the day it was filed (until then it was missing: the REPORT_MISSING finding).
        ...(o.firstSubmittedOn ? { openedOn: o.firstSubmittedOn } : {}),
      });
    }
  }
  return drafts;
}
