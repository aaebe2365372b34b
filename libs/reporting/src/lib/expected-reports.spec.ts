import { findShippedTemplate } from '@gdtx/domain';
import type { CentreLifecycle, TemplateDefinition } from '@gdtx/domain';
import { duePeriodWindow, dueStatus, expectedReports, licensedFrom, type ExistingSubmission } from './expected-reports';

const quarterly = findShippedTemplate('LANGUAGE_IT_QUARTERLY') as TemplateDefinition;
const semester = findShippedTemplate('GDTX_SEMESTER') as TemplateDefinition;
const active: CentreLifecycle = { licensedFrom: '2018-01-01', statusIntervals: [{ status: 'ACTIVE', from: '2018-01-01', to: null }] };

function sub(periodCode: string, status: ExistingSubmission['status'], firstSubmittedAt: string | null = null, templateCode = quarterly.code): ExistingSubmission {
  return { id: `s-${periodCode}`, templateCode, periodCode, status, version: 3, firstSubmittedAt };
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
    const items = expectedReports({
      templates: [quarterly],
      lifecycle: active,
      submissions: [sub('2026-Q3', 'SUBMITTED', '2026-10-08T03:00:00Z'), sub('2026-Q1', 'ACCEPTED', '2026-04-02T03:00:00Z')],
      extensions: [],
      today,
    });
    const byPeriod = Object.fromEntries(items.map((i) => [i.period.code, i]));
    expect(byPeriod['2026-Q4']).toMatchObject({ status: 'NOT_STARTED', dueDate: '2027-01-05', daysLeft: 44, daysLate: null });
    expect(byPeriod['2026-Q3']).toMatchObject({ status: 'SUBMITTED', dueDate: '2026-10-05', daysLate: 3, daysLeft: -48 });
    expect(byPeriod['2026-Q2']).toMatchObject({ status: 'OVERDUE', dueDate: '2026-07-05', submissionId: null });
    expect(byPeriod['2026-Q1']).toMatchObject({ status: 'ACCEPTED', daysLate: 0 });
    expect(items.map((i) => i.status)).toEqual(['OVERDUE', 'OVERDUE', 'NOT_STARTED', 'SUBMITTED', 'ACCEPTED']);
  });

  it('applies an extension only when it moves the due date later', () => {
    const items = expectedReports({
      templates: [quarterly],
      lifecycle: active,
      submissions: [],
      extensions: [
        { templateCode: quarterly.code, periodCode: '2026-Q3', dueDate: '2026-12-01' },
        { templateCode: quarterly.code, periodCode: '2026-Q2', dueDate: '2026-07-01' },
      ],
      today,
    });
    const q3 = items.find((i) => i.period.code === '2026-Q3')!;
    expect(q3).toMatchObject({ dueDate: '2026-12-01', regularDueDate: '2026-10-05', extended: true, status: 'NOT_STARTED', daysLeft: 9 });
    expect(items.find((i) => i.period.code === '2026-Q2')).toMatchObject({ dueDate: '2026-07-05', extended: false, status: 'OVERDUE' });
  });

  it('expects nothing before the licence or while suspended or dissolved for a whole period', () => {
    const lifecycle: CentreLifecycle = {
      licensedFrom: '2026-02-10',
      statusIntervals: [
        { status: 'ACTIVE', from: '2026-02-10', to: '2026-07-14' },
        { status: 'SUSPENDED', from: '2026-07-15', to: null },
      ],
    };
    const codes = expectedReports({ templates: [quarterly], lifecycle, submissions: [], extensions: [], today }).map((i) => i.period.code);
    // Licensed part-way through Q1 and suspended part-way through Q3: both still report; Q4 (fully suspended) does not.
    expect(codes.sort()).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(expectedReports({ templates: [quarterly], lifecycle: { licensedFrom: null, statusIntervals: [] }, submissions: [], extensions: [], today })).toEqual([]);
  });

  it('a NOT_ENROLLING centre still reports, and an existing submission is listed even when not expected', () => {
    const dormant: CentreLifecycle = { licensedFrom: '2019-01-01', statusIntervals: [{ status: 'NOT_ENROLLING', from: '2024-01-01', to: null }] };
    expect(expectedReports({ templates: [quarterly], lifecycle: dormant, submissions: [], extensions: [], today })).toHaveLength(5);
    const dissolved: CentreLifecycle = { licensedFrom: '2019-01-01', statusIntervals: [{ status: 'DISSOLVED', from: '2025-01-01', to: null }] };
    const items = expectedReports({ templates: [quarterly], lifecycle: dissolved, submissions: [sub('2026-Q1', 'SUBMITTED', '2026-04-01T00:00:00Z')], extensions: [], today });
    expect(items.map((i) => i.period.code)).toEqual(['2026-Q1']);
  });

  it('semester reports fall due two days after the semester (17 January, 2 September)', () => {
    const items = expectedReports({ templates: [semester], lifecycle: active, submissions: [], extensions: [], today });
    expect(items.map((i) => [i.period.code, i.dueDate])).toEqual(
      expect.arrayContaining([['2025-2026-S1', '2026-01-17'], ['2025-2026-S2', '2026-09-02'], ['2026-2027-S1', '2027-01-17']]),
    );
  });
});

describe('licensedFrom', () => {
  const licences = [
    { kind: 'ESTABLISHMENT', validFrom: '2016-05-10', state: 'IN_FORCE' },
    { kind: 'OPERATING_PERMISSION', validFrom: '2016-09-01', state: 'SUPERSEDED' },
    { kind: 'OPERATING_PERMISSION', validFrom: '2021-09-01', state: 'IN_FORCE' },
    { kind: 'OPERATING_PERMISSION', validFrom: '2015-01-01', state: 'REVOKED' },
  ];
  it('uses the first operating permission for private centres, the establishment otherwise', () => {
    expect(licensedFrom({ requiresOperatingPermission: true, licences, establishedOn: '2016-05-10' })).toBe('2016-09-01');
    expect(licensedFrom({ requiresOperatingPermission: false, licences, establishedOn: '2010-01-01' })).toBe('2016-05-10');
    expect(licensedFrom({ requiresOperatingPermission: false, licences: [], establishedOn: '2010-01-01' })).toBe('2010-01-01');
    expect(licensedFrom({ requiresOperatingPermission: true, licences: [], establishedOn: '2010-01-01' })).toBeNull();
  });
});
