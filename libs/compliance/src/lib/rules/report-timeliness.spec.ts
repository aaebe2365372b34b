import { classifyReport, periodFromCode } from '@gdtx/domain';
import type { CentreCalendarFacts, IsoDate, SubmissionStep } from '@gdtx/domain';
import { classifyTimeliness, reportTimelinessFindings, ReportObligation } from './report-timeliness';
import { DEFAULT_PARAMETERS } from './parameters';

const licensed: CentreCalendarFacts = { requiredLicenceKinds: ['ESTABLISHMENT'], licences: [{ kind: 'ESTABLISHMENT', validFrom: '2020-01-01' }], statusHistory: [] };
const QUARTERLY = { kind: 'AFTER_PERIOD_END' as const, days: 5 };

/** An obligation as the engine builds it: the reporting calendar's verdict on `asOf`. */
function obligation(periodCode: string, asOf: IsoDate, o: { firstSubmittedOn?: IsoDate; extendedTo?: IsoDate; centre?: CentreCalendarFacts } = {}): ReportObligation {
  const period = periodFromCode(periodCode);
  return {
    templateCode: 'LANGUAGE_IT_QUARTERLY', templateNameVi: 'Báo cáo quý', templateNameEn: 'Quarterly report', periodCode, periodLabelVi: period.labelVi, periodLabelEn: period.labelEn,
    calendar: classifyReport({
      centre: o.centre ?? licensed, period, deadline: QUARTERLY, asOf, extendedDueDate: o.extendedTo,
      steps: o.firstSubmittedOn ? [{ action: 'SUBMITTED', on: o.firstSubmittedOn }] : [],
    }),
  };
}

describe('report timeliness (from the reporting calendar)', () => {
  it('on time on the due date, late by days the day after', () => {
    expect(classifyTimeliness(obligation('2026-Q2', '2026-08-01', { firstSubmittedOn: '2026-07-05' }))).toEqual({ status: 'ON_TIME', days: 0 });
    expect(classifyTimeliness(obligation('2026-Q2', '2026-08-01', { firstSubmittedOn: '2026-07-06' }))).toEqual({ status: 'LATE', days: 1 });
    expect(classifyTimeliness(obligation('2026-Q2', '2026-08-01', { firstSubmittedOn: '2026-07-12' }))).toEqual({ status: 'LATE', days: 7 });
  });

  it('missing once the due date has passed without a submission; not due before', () => {
    expect(classifyTimeliness(obligation('2026-Q2', '2026-07-05'))).toEqual({ status: 'NOT_DUE', days: 0 });
    expect(classifyTimeliness(obligation('2026-Q2', '2026-07-06'))).toEqual({ status: 'MISSING', days: 1 });
  });

  it('not required when the centre owed nothing (suspended, not yet licensed)', () => {
    const suspended = { ...licensed, statusHistory: [{ status: 'SUSPENDED' as const, from: '2026-01-01', to: null }] };
    expect(classifyTimeliness(obligation('2026-Q2', '2026-09-01', { centre: suspended })).status).toBe('NOT_REQUIRED');
    const later = { ...licensed, licences: [{ kind: 'ESTABLISHMENT', validFrom: '2026-08-01' }] };
    expect(classifyTimeliness(obligation('2026-Q2', '2026-09-01', { centre: later })).status).toBe('NOT_REQUIRED');
  });

  it('extended: on time only thanks to the extension, or waiting under it; late against the extended date', () => {
    const ext = { extendedTo: '2026-07-20' };
    expect(classifyTimeliness(obligation('2026-Q2', '2026-08-01', { ...ext, firstSubmittedOn: '2026-07-15' })).status).toBe('EXTENDED');
    expect(classifyTimeliness(obligation('2026-Q2', '2026-08-01', { ...ext, firstSubmittedOn: '2026-07-01' })).status).toBe('ON_TIME');
    expect(classifyTimeliness(obligation('2026-Q2', '2026-07-10', ext)).status).toBe('EXTENDED');
    expect(classifyTimeliness(obligation('2026-Q2', '2026-07-21', ext))).toEqual({ status: 'MISSING', days: 1 });
    expect(classifyTimeliness(obligation('2026-Q2', '2026-08-01', { ...ext, firstSubmittedOn: '2026-07-22' }))).toEqual({ status: 'LATE', days: 2 });
  });

  it('findings: MISSING (MEDIUM, HIGH after 30 days), LATE (LOW), none for on-time or outside the look-back window', () => {
    const asOf = '2026-07-20';
    const obligations: ReportObligation[] = [
      obligation('2026-Q2', asOf),
      obligation('2026-Q1', asOf),
      obligation('2025-Q4', asOf, { firstSubmittedOn: '2026-01-09' }),
      obligation('2025-Q3', asOf, { firstSubmittedOn: '2025-10-01' }),
      obligation('2024-Q1', asOf),
    ];
    const drafts = reportTimelinessFindings(obligations, asOf, DEFAULT_PARAMETERS);
    expect(drafts.map((d) => [d.ruleCode, d.subjectKey, d.severity])).toEqual([
      ['REPORT_MISSING', 'LANGUAGE_IT_QUARTERLY:2026-Q2', 'MEDIUM'],
      ['REPORT_MISSING', 'LANGUAGE_IT_QUARTERLY:2026-Q1', 'HIGH'],
      ['REPORT_LATE', 'LANGUAGE_IT_QUARTERLY:2025-Q4', 'LOW'],
    ]);
    expect(drafts[0].evidence).toMatchObject({ days: 15, dueDate: '2026-07-05' });
    expect(drafts[2].evidence).toMatchObject({ days: 4, firstSubmittedOn: '2026-01-09' });
    expect(drafts[2].titleVi).toContain('Nộp muộn 4 ngày');
    expect(drafts[2].titleEn).toMatch(/^Submitted 4 days late: Quarterly report – .* \(due \d{2}\/\d{2}\/\d{4}, submitted \d{2}\/\d{2}\/\d{4}\)$/);
  });

  // Issue 11 (docs/consistency.md, found by the consistency suite): a finding has one open interval, so a late
  // report must not stop being late when it is returned, and lateness dates from the late submission itself.
  describe('a late report back with the centre stays late; lateness dates from the first late submission', () => {
    const period = periodFromCode('2026-Q2'); // due 2026-07-05
    const withSteps = (asOf: IsoDate, steps: SubmissionStep[]): ReportObligation => ({
      templateCode: 'LANGUAGE_IT_QUARTERLY', templateNameVi: 'Báo cáo quý', periodCode: '2026-Q2', periodLabelVi: period.labelVi,
      calendar: classifyReport({ centre: licensed, period, deadline: QUARTERLY, asOf, steps }),
    });
    const late = (asOf: IsoDate, steps: SubmissionStep[]) => reportTimelinessFindings([withSteps(asOf, steps)], asOf, DEFAULT_PARAMETERS).filter((d) => d.ruleCode === 'REPORT_LATE');

    it('late, then returned: REPORT_LATE stays open from the late submission while the report is with the centre', () => {
      const steps: SubmissionStep[] = [{ action: 'SUBMITTED', on: '2026-07-09' }, { action: 'RETURNED', on: '2026-07-12' }];
      expect(withSteps('2026-07-20', steps).calendar).toMatchObject({ class: 'RETURNED', firstLateSubmittedOn: '2026-07-09', mostDaysLate: 4 });
      expect(late('2026-07-20', steps)).toEqual([expect.objectContaining({ openedOn: '2026-07-09', evidence: expect.objectContaining({ status: 'RETURNED', days: 4 }) })]);
      // Resubmitted: still the same finding, same opening day (nothing closes or reopens).
      const again = [...steps, { action: 'SUBMITTED' as const, on: '2026-07-25' }];
      expect(late('2026-07-30', again)).toEqual([expect.objectContaining({ openedOn: '2026-07-09', titleVi: expect.stringContaining('Nộp muộn 4 ngày') })]);
    });

    it('on time, returned with a new deadline, resubmitted after it: late from that resubmission, not from the first filing', () => {
      const steps: SubmissionStep[] = [{ action: 'SUBMITTED', on: '2026-07-01' }, { action: 'RETURNED', on: '2026-07-03', resubmitBy: '2026-07-10' }];
      expect(late('2026-07-12', steps)).toEqual([]); // back with the centre, nothing late yet
      const resubmitted = [...steps, { action: 'SUBMITTED' as const, on: '2026-07-14' }];
      const [finding] = late('2026-07-20', resubmitted);
      expect(finding).toMatchObject({ openedOn: '2026-07-14', evidence: { firstSubmittedOn: '2026-07-01', firstLateSubmittedOn: '2026-07-14', days: 4 } });
    });

    it('on time, returned without a new deadline: never late', () => {
      const steps: SubmissionStep[] = [{ action: 'SUBMITTED', on: '2026-07-01' }, { action: 'RETURNED', on: '2026-07-03' }, { action: 'SUBMITTED', on: '2026-08-20' }];
      expect(late('2026-08-25', steps)).toEqual([]);
      expect(late('2026-07-10', steps.slice(0, 2))).toEqual([]);
    });
  });
});

