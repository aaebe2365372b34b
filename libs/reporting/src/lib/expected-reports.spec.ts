import { classifyReport, findShippedTemplate } from '@gdtx/domain';
import type { CentreCalendarFacts, SubmissionStatus, SubmissionStep, TemplateDefinition } from '@gdtx/domain';
import { duePeriodWindow, dueStatus, expectedReports } from './expected-reports';
import type { CalendarEntry } from './report-calendar';

const quarterly = findShippedTemplate('LANGUAGE_IT_QUARTERLY') as TemplateDefinition;
const semester = findShippedTemplate('GDTX_SEMESTER') as TemplateDefinition;
const licensed = (from: string | null, statusHistory: CentreCalendarFacts['statusHistory'] = []): CentreCalendarFacts => ({
  requiredLicenceKinds: ['ESTABLISHMENT', 'OPERATING_PERMISSION'],
  licences: from ? [{ kind: 'ESTABLISHMENT', validFrom: from }, { kind: 'OPERATING_PERMISSION', validFrom: from }] : [],
  statusHistory,
});
const active = licensed('2018-01-01', [{ status: 'ACTIVE', from: '2018-01-01', to: null }]);

interface Sub { periodCode: string; status: SubmissionStatus; steps: SubmissionStep[] }
function sub(periodCode: string, status: SubmissionStatus, firstSubmittedOn: string | null = null): Sub {
  return { periodCode, status, steps: firstSubmittedOn ? [{ action: 'SUBMITTED', on: firstSubmittedOn }] : [] };
}

/** What reportCalendar returns for one centre, without the database. */
function due(input: { templates: TemplateDefinition[]; facts: CentreCalendarFacts; submissions?: Sub[]; extensions?: { periodCode: string; dueDate: string }[]; today: string }) {
  const entries: CalendarEntry[] = input.templates.flatMap((t) => duePeriodWindow(t.periodType, input.today).map((period) => {
    const s = input.submissions?.find((x) => x.periodCode === period.code);
    return {
      centreId: 'c', templateCode: t.code, period,
      classification: classifyReport({
        centre: input.facts, period, deadline: t.deadline, asOf: input.today, steps: s?.steps ?? [],
        extendedDueDate: input.extensions?.find((x) => x.periodCode === period.code)?.dueDate ?? null,
      }),
      submission: s ? { id: `s-${period.code}`, status: s.status, version: 3 } : null,
    };
  }));
  return expectedReports({ templates: input.templates, entries, today: input.today });
}
describe('duePeriodWindow', () => {
  it('lists periods that ended within the last year plus the current one', () => {
    expect(duePeriodWindow('QUARTER', '2026-11-22').map((p) => p.code)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(duePeriodWindow('SEMESTER', '2026-11-22').map((p) => p.code)).toEqual(['2025-2026-S1', '2025-2026-S2', '2026-2027-S1']);
    // The window is 366 days: on 1 Sep 2026 the year that ended 31 Aug 2025 is still inside it, a day later it is not.
    expect(duePeriodWindow('SCHOOL_YEAR', '2026-09-01').map((p) => p.code)).toEqual(['2024-2025', '2025-2026', '2026-2027']);
    expect(duePeriodWindow('SCHOOL_YEAR', '2026-09-02').map((p) => p.code)).toEqual(['2025-2026', '2026-2027']);
  });
});

describe('dueStatus', () => {
  const sub = (periodCode: string, status: SubmissionStatus) => ({ periodCode, status });
  it('is NOT_STARTED or DRAFT until the due date, then OVERDUE; filed reports keep their status', () => {
    expect(dueStatus(undefined, '2026-10-05', '2026-10-05')).toBe('NOT_STARTED');
    expect(dueStatus(undefined, '2026-10-05', '2026-10-06')).toBe('OVERDUE');
    expect(dueStatus(sub('2026-Q3', 'DRAFT'), '2026-10-05', '2026-10-01')).toBe('DRAFT');
    expect(dueStatus(sub('2026-Q3', 'DRAFT'), '2026-10-05', '2026-10-06')).toBe('OVERDUE');
    expect(dueStatus(sub('2026-Q3', 'RETURNED'), '2026-10-05', '2026-12-01')).toBe('RETURNED');
    expect(dueStatus(sub('2026-Q3', 'SUBMITTED'), '2026-10-05', '2026-12-01')).toBe('SUBMITTED');
    expect(dueStatus(sub('2026-Q3', 'ACCEPTED'), '2026-10-05', '2026-12-01')).toBe('ACCEPTED');
  });
});

describe('expectedReports', () => {
  const today = '2026-11-22';

  it('computes due dates from the template rule, days left, lateness and status, action items first', () => {
    const items = due({
      templates: [quarterly],
      facts: active,
      submissions: [sub('2026-Q3', 'SUBMITTED', '2026-10-08'), sub('2026-Q1', 'ACCEPTED', '2026-04-02')],
      today,
    });
    const byPeriod = Object.fromEntries(items.map((i) => [i.period.code, i]));
    expect(byPeriod['2026-Q4']).toMatchObject({ status: 'NOT_STARTED', calendarStatus: 'NOT_YET_DUE', dueDate: '2027-01-05', daysLeft: 44, daysLate: null });
    expect(byPeriod['2026-Q3']).toMatchObject({ status: 'SUBMITTED', calendarStatus: 'LATE', dueDate: '2026-10-05', daysLate: 3, daysLeft: -48 });
    expect(byPeriod['2026-Q2']).toMatchObject({ status: 'OVERDUE', calendarStatus: 'MISSING', dueDate: '2026-07-05', submissionId: null });
    expect(byPeriod['2026-Q1']).toMatchObject({ status: 'ACCEPTED', calendarStatus: 'ON_TIME', daysLate: 0 });
    expect(items.map((i) => i.status)).toEqual(['OVERDUE', 'OVERDUE', 'NOT_STARTED', 'SUBMITTED', 'ACCEPTED']);
  });

  it('applies an extension only when it moves the due date later', () => {
    const items = due({
      templates: [quarterly],
      facts: active,
      extensions: [
        { periodCode: '2026-Q3', dueDate: '2026-12-01' },
        { periodCode: '2026-Q2', dueDate: '2026-07-01' },
      ],
      today,
    });
    const q3 = items.find((i) => i.period.code === '2026-Q3')!;
    expect(q3).toMatchObject({ dueDate: '2026-12-01', regularDueDate: '2026-10-05', extended: true, status: 'NOT_STARTED', daysLeft: 9 });
    expect(items.find((i) => i.period.code === '2026-Q2')).toMatchObject({ dueDate: '2026-07-05', extended: false, status: 'OVERDUE' });
  });

  it('expects nothing before the licence or while suspended or dissolved for a whole period', () => {
    const facts = licensed('2026-02-10', [
      { status: 'ACTIVE', from: '2026-02-10', to: '2026-07-14' },
      { status: 'SUSPENDED', from: '2026-07-15', to: null },
    ]);
    const codes = due({ templates: [quarterly], facts, today }).map((i) => i.period.code);
    // Licensed part-way through Q1 and suspended part-way through Q3: both still report; Q4 (fully suspended) does not.
    expect(codes.sort()).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(due({ templates: [quarterly], facts: licensed(null), today })).toEqual([]);
  });

  it('a NOT_ENROLLING centre still reports, and an existing submission is listed even when not expected', () => {
    const dormant = licensed('2019-01-01', [{ status: 'NOT_ENROLLING', from: '2024-01-01', to: null }]);
    expect(due({ templates: [quarterly], facts: dormant, today })).toHaveLength(5);
    const dissolved = licensed('2019-01-01', [{ status: 'DISSOLVED', from: '2025-01-01', to: null }]);
    const items = due({ templates: [quarterly], facts: dissolved, submissions: [sub('2026-Q1', 'SUBMITTED', '2026-04-01')], today });
    expect(items.map((i) => [i.period.code, i.calendarStatus])).toEqual([['2026-Q1', 'NOT_EXPECTED']]);
  });

  it('semester reports fall due two days after the semester (17 January, 2 September)', () => {
    const items = due({ templates: [semester], facts: active, today });
    expect(items.map((i) => [i.period.code, i.dueDate])).toEqual(
      expect.arrayContaining([['2025-2026-S1', '2026-01-17'], ['2025-2026-S2', '2026-09-02'], ['2026-2027-S1', '2027-01-17']]),
    );
  });
});
