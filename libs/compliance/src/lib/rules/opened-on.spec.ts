import { closingDate, openingDate } from '../compliance-engine';
import { inspectionFindings } from './inspection';
import { licenceFindings } from './licence';
import { reportTimelinessFindings, type ReportObligation } from './report-timeliness';
import { DEFAULT_PARAMETERS } from './parameters';

// Issue 11, defect 9: each rule says the day its condition began, so a finding is open on the dates it was true.
describe('openedOn of the drafts', () => {
  const obligation = (firstSubmittedOn: string | null): ReportObligation => ({
    templateCode: 'T', templateNameVi: 'Báo cáo', periodCode: '2026-Q2', periodLabelVi: 'Quý 2/2026',
    calendar: {
      class: firstSubmittedOn ? 'LATE' : 'MISSING', expectation: 'EXPECTED', dueDate: '2026-07-15', regularDueDate: '2026-07-15', extended: false,
      days: firstSubmittedOn ? 18 : 48, firstSubmittedOn, firstLateSubmittedOn: firstSubmittedOn, mostDaysLate: firstSubmittedOn ? 18 : 0,
    },
  });

  it('a missing report from the day after its due date; a late one from the day it was filed', () => {
    const [missing] = reportTimelinessFindings([obligation(null)], '2026-09-01', DEFAULT_PARAMETERS);
    expect(missing).toMatchObject({ ruleCode: 'REPORT_MISSING', openedOn: '2026-07-16' });
    const [late] = reportTimelinessFindings([obligation('2026-08-02')], '2026-09-01', DEFAULT_PARAMETERS);
    expect(late).toMatchObject({ ruleCode: 'REPORT_LATE', openedOn: '2026-08-02' });
    // The missing finding closes the day the report was filed, not the day of the evaluation.
    expect(closingDate({ ruleCode: 'REPORT_MISSING', subjectKey: 'T:2026-Q2' }, [late], '2026-09-01')).toBe('2026-08-02');
    expect(closingDate({ ruleCode: 'LICENCE_EXPIRED', subjectKey: 'X' }, [late], '2026-09-01')).toBe('2026-09-01');
  });

  it('an expired decision from the day after its end; an expiring one from the largest alert window', () => {
    const licence = { kind: 'DIRECTOR_RECOGNITION' as const, decisionNumber: '1/QĐ', validFrom: '2020-09-01', validTo: '2025-08-31', state: 'IN_FORCE' };
    expect(licenceFindings(['DIRECTOR_RECOGNITION'], [licence], '2026-01-10', DEFAULT_PARAMETERS)[0]).toMatchObject({ ruleCode: 'LICENCE_EXPIRED', openedOn: '2025-09-01' });
    const expiring = licenceFindings(['DIRECTOR_RECOGNITION'], [licence], '2025-08-20', { licenceExpiryAlertDays: [90, 30, 7] })[0];
    expect(expiring).toMatchObject({ ruleCode: 'LICENCE_EXPIRING', openedOn: '2025-06-02' });
  });

  it('an inspection finding from the inspection date, its overdue remediation from the day after the deadline', () => {
    const drafts = inspectionFindings([{
      id: 'f1', inspectionId: 'i1', inspectedOn: '2026-03-01', category: 'C', descriptionVi: 'Thiếu hồ sơ', severity: 'LOW', remediationDue: '2026-04-01', remediatedOn: null,
    }], '2026-06-01');
    expect(drafts.map((d) => [d.ruleCode, d.openedOn])).toEqual([['INSPECTION_FINDING', '2026-03-01'], ['INSPECTION_REMEDIATION_OVERDUE', '2026-04-02']]);
  });

  it('opened_on is never after the evaluation date, and the evaluation date when the rule does not know', () => {
    expect(openingDate({ openedOn: '2026-01-01' }, '2026-06-01')).toBe('2026-01-01');
    expect(openingDate({ openedOn: '2026-07-01' }, '2026-06-01')).toBe('2026-06-01');
    expect(openingDate({}, '2026-06-01')).toBe('2026-06-01');
  });
});
