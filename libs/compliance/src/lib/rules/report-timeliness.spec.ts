import { classifyTimeliness, reportTimelinessFindings, ReportObligation } from './report-timeliness';
import { DEFAULT_PARAMETERS } from './parameters';

const base: ReportObligation = {
  templateCode: 'LANGUAGE_IT_QUARTERLY', templateNameVi: 'Báo cáo quý', periodCode: '2026-Q2', periodLabelVi: 'Quý 2/2026',
  expectation: 'EXPECTED', dueDate: '2026-07-05', regularDueDate: '2026-07-05', firstSubmittedOn: null,
};

describe('report timeliness', () => {
  it('on time on the due date, late by days the day after', () => {
    expect(classifyTimeliness({ ...base, firstSubmittedOn: '2026-07-05' }, '2026-08-01')).toEqual({ status: 'ON_TIME', days: 0 });
    expect(classifyTimeliness({ ...base, firstSubmittedOn: '2026-07-06' }, '2026-08-01')).toEqual({ status: 'LATE', days: 1 });
    expect(classifyTimeliness({ ...base, firstSubmittedOn: '2026-07-12' }, '2026-08-01')).toEqual({ status: 'LATE', days: 7 });
  });

  it('missing once the due date has passed without a submission; not due before', () => {
    expect(classifyTimeliness(base, '2026-07-05')).toEqual({ status: 'NOT_DUE', days: 0 });
    expect(classifyTimeliness(base, '2026-07-06')).toEqual({ status: 'MISSING', days: 1 });
  });

  it('not required when the centre owed nothing (suspended, not yet licensed)', () => {
    expect(classifyTimeliness({ ...base, expectation: 'INACTIVE_WHOLE_PERIOD' }, '2026-09-01').status).toBe('NOT_REQUIRED');
    expect(classifyTimeliness({ ...base, expectation: 'LICENSED_AFTER_PERIOD' }, '2026-09-01').status).toBe('NOT_REQUIRED');
  });

  it('extended: on time only thanks to the extension, or waiting under it; late against the extended date', () => {
    const ext = { ...base, dueDate: '2026-07-20' };
    expect(classifyTimeliness({ ...ext, firstSubmittedOn: '2026-07-15' }, '2026-08-01').status).toBe('EXTENDED');
    expect(classifyTimeliness({ ...ext, firstSubmittedOn: '2026-07-01' }, '2026-08-01').status).toBe('ON_TIME');
    expect(classifyTimeliness(ext, '2026-07-10').status).toBe('EXTENDED');
    expect(classifyTimeliness(ext, '2026-07-21')).toEqual({ status: 'MISSING', days: 1 });
    expect(classifyTimeliness({ ...ext, firstSubmittedOn: '2026-07-22' }, '2026-08-01')).toEqual({ status: 'LATE', days: 2 });
  });

  it('findings: MISSING (MEDIUM, HIGH after 30 days), LATE (LOW), none for on-time or outside the look-back window', () => {
    const obligations: ReportObligation[] = [
      { ...base, periodCode: '2026-Q2' },
      { ...base, periodCode: '2026-Q1', dueDate: '2026-04-05', regularDueDate: '2026-04-05' },
      { ...base, periodCode: '2025-Q4', dueDate: '2026-01-05', regularDueDate: '2026-01-05', firstSubmittedOn: '2026-01-09' },
      { ...base, periodCode: '2025-Q3', dueDate: '2025-10-05', regularDueDate: '2025-10-05', firstSubmittedOn: '2025-10-01' },
      { ...base, periodCode: '2024-Q1', dueDate: '2024-04-05', regularDueDate: '2024-04-05' },
    ];
    const drafts = reportTimelinessFindings(obligations, '2026-07-20', DEFAULT_PARAMETERS);
    expect(drafts.map((d) => [d.ruleCode, d.subjectKey, d.severity])).toEqual([
      ['REPORT_MISSING', 'LANGUAGE_IT_QUARTERLY:2026-Q2', 'MEDIUM'],
      ['REPORT_MISSING', 'LANGUAGE_IT_QUARTERLY:2026-Q1', 'HIGH'],
      ['REPORT_LATE', 'LANGUAGE_IT_QUARTERLY:2025-Q4', 'LOW'],
    ]);
    expect(drafts[0].evidence).toMatchObject({ days: 15, dueDate: '2026-07-05' });
    expect(drafts[2].evidence).toMatchObject({ days: 4, firstSubmittedOn: '2026-01-09' });
    expect(drafts[2].titleVi).toContain('Nộp muộn 4 ngày');
  });
});
