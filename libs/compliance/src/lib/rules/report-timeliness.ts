import { addDays, compareIsoDates, vietnameseDate } from '@gdtx/domain';
import type { IsoDate, ReportClassification } from '@gdtx/domain';
import { LegalBasisVi } from './legal-basis';
import type { ComplianceParameters } from './parameters';
import type { FindingDraft } from './types';

export const TimelinessStatuses = ['ON_TIME', 'LATE', 'MISSING', 'NOT_REQUIRED', 'EXTENDED', 'NOT_DUE', 'RETURNED'] as const;
export type TimelinessStatus = (typeof TimelinessStatuses)[number];

/** One (template, period) a centre may owe, as the engine reads it. */
export interface ReportObligation {
  templateCode: string;
  templateNameVi: string;
  /** English names (fall back to the Vietnamese ones). */
  templateNameEn?: string;
  periodCode: string;
  periodLabelVi: string;
  periodLabelEn?: string;
  /** The reporting calendar's verdict (libs/domain classifyReport, through reporting's reportCalendar). */
  calendar: ReportClassification;
}

export interface Timeliness {
  status: TimelinessStatus;
  /** LATE: days after the due date; MISSING: days overdue so far. */
  days: number;
}

/**
 * @description Timeliness of one report, read from the reporting calendar (the rule is not repeated here):
 * ON_TIME, LATE (with days), MISSING (overdue, never submitted; days overdue), NOT_REQUIRED (the centre owed
 * nothing), EXTENDED (on time only thanks to an extension, or not yet due under one), NOT_DUE, RETURNED
 * (submitted, back with the centre: neither late nor missing).
 */
export function classifyTimeliness(o: ReportObligation): Timeliness {
  const c = o.calendar;
  switch (c.class) {
    case 'NOT_EXPECTED':
      return { status: 'NOT_REQUIRED', days: 0 };
    case 'NOT_YET_DUE':
      return { status: c.extended ? 'EXTENDED' : 'NOT_DUE', days: 0 };
    case 'MISSING':
      return { status: 'MISSING', days: c.days };
    case 'LATE':
      return { status: 'LATE', days: c.days };
    case 'RETURNED':
      return { status: 'RETURNED', days: 0 };
    case 'ON_TIME':
      return { status: c.extended && c.firstSubmittedOn && compareIsoDates(c.firstSubmittedOn, c.regularDueDate) > 0 ? 'EXTENDED' : 'ON_TIME', days: 0 };
  }
}

/**
 * @description Findings for the reports whose due date lies in the look-back window: a MISSING report is
 * REPORT_MISSING (MEDIUM, HIGH once overdue longer than the parameter), a LATE one REPORT_LATE (LOW).
 * A report filed later resolves its MISSING finding and, if late, opens a LATE one instead.
 * A late report stays late while it is back with the centre (RETURNED after a late submission): the obligation
 * was not met on time, whatever follows, so the finding neither closes on a return nor reopens on the
 * resubmission (one open interval, true "as of" every day since). It dates from the first late submission — for a
 * report first filed on time, returned with a new deadline and resubmitted after it, that resubmission's day.
 */
export function reportTimelinessFindings(obligations: readonly ReportObligation[], today: IsoDate, params: ComplianceParameters): FindingDraft[] {
  const from = addDays(today, -params.reportLookbackDays);
  const drafts: FindingDraft[] = [];
  for (const o of obligations) {
    const { dueDate, regularDueDate, extended, firstSubmittedOn, firstLateSubmittedOn, mostDaysLate } = o.calendar;
    if (compareIsoDates(dueDate, from) < 0) continue;
    const t = classifyTimeliness(o);
    const evidence = {
      templateCode: o.templateCode,
      periodCode: o.periodCode,
      dueDate,
      regularDueDate,
      extended,
      firstSubmittedOn,
      firstLateSubmittedOn,
      status: t.status,
      days: t.status === 'RETURNED' ? mostDaysLate : t.days,
    };
    const subjectKey = `${o.templateCode}:${o.periodCode}`;
    if (t.status === 'MISSING') {
      drafts.push({
        ruleCode: 'REPORT_MISSING',
        subjectKey,
        severity: t.days > params.reportMissingHighAfterDays ? 'HIGH' : 'MEDIUM',
        titleVi: `Chưa nộp ${o.templateNameVi} – ${o.periodLabelVi} (quá hạn ${t.days} ngày, hạn ${dueDate})`,
        titleEn: `${o.templateNameEn ?? o.templateNameVi} – ${o.periodLabelEn ?? o.periodLabelVi} not submitted (${t.days} days overdue, due ${vietnameseDate(dueDate)})`,
        legalBasisVi: LegalBasisVi.reportTimeliness,
        evidence,
        openedOn: addDays(dueDate, 1),
      });
    } else if (t.status === 'LATE' || (t.status === 'RETURNED' && firstLateSubmittedOn)) {
      const days = t.status === 'LATE' ? t.days : mostDaysLate;
      drafts.push({
        ruleCode: 'REPORT_LATE',
        subjectKey,
        severity: 'LOW',
        titleVi: `Nộp muộn ${days} ngày: ${o.templateNameVi} – ${o.periodLabelVi} (hạn ${dueDate}, nộp ${firstLateSubmittedOn ?? firstSubmittedOn})`,
        titleEn: `Submitted ${days} days late: ${o.templateNameEn ?? o.templateNameVi} – ${o.periodLabelEn ?? o.periodLabelVi} (due ${vietnameseDate(dueDate)}` +
          `${(firstLateSubmittedOn ?? firstSubmittedOn) ? `, submitted ${vietnameseDate((firstLateSubmittedOn ?? firstSubmittedOn)!)}` : ''})`,
        legalBasisVi: LegalBasisVi.reportTimeliness,
        evidence,
        // Known late from the day of the first late submission (until then it was missing — the REPORT_MISSING
        // finding — or on time).
        ...(firstLateSubmittedOn ? { openedOn: firstLateSubmittedOn } : {}),
      });
    }
  }
  return drafts;
}
