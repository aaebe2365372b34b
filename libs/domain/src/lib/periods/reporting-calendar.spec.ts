import fc from 'fast-check';
import type { DeadlineRule } from '../template-types';
import { addDays, compareIsoDates, fromDayNumber, toDayNumber } from './iso-date';
import { periodContaining, periodFromCode, periodsBetween } from './periods';
import { classifyReport, currentReportingPeriods, daysLateOfNextSubmission, deadlineOfNextSubmission, expectedFrom, isWaitingForReview, ReportClasses, tallyReports } from './reporting-calendar';
import type { CentreCalendarFacts, ReportClass, SubmissionStep } from './reporting-calendar';

const QUARTERLY: DeadlineRule = { kind: 'AFTER_PERIOD_END', days: 10 };
const LANGUAGE_KINDS = ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'];
const licensed = (from: string, kinds = LANGUAGE_KINDS): CentreCalendarFacts => ({
  requiredLicenceKinds: kinds,
  licences: kinds.map((kind) => ({ kind, validFrom: from })),
  statusHistory: [],
});
const q3 = periodFromCode('2026-Q3'); // 1 Jul – 30 Sep 2026, due 10 Oct 2026

describe('reporting calendar: who is expected', () => {
  it('a centre reports from the latest start among its required licence kinds', () => {
    const centre: CentreCalendarFacts = {
      requiredLicenceKinds: LANGUAGE_KINDS,
      licences: [
        { kind: 'ESTABLISHMENT', validFrom: '2020-01-01' },
        { kind: 'DIRECTOR_RECOGNITION', validFrom: '2020-02-01' },
        { kind: 'OPERATING_PERMISSION', validFrom: '2026-10-05' },
        { kind: 'OPERATING_PERMISSION', validFrom: '2019-01-01', state: 'REVOKED' },
      ],
      statusHistory: [],
    };
    expect(expectedFrom(centre)).toBe('2026-10-05');
    // Defect 2: before its operating permission the centre owes nothing, even though it was established.
    expect(classifyReport({ centre, period: q3, deadline: QUARTERLY, asOf: '2026-12-02' }).class).toBe('NOT_EXPECTED');
    expect(classifyReport({ centre, period: periodFromCode('2026-Q4'), deadline: QUARTERLY, asOf: '2026-12-02' }).class).toBe('NOT_YET_DUE');
  });

  it('a centre lacking a required decision is never expected; a public centre needs only its establishment', () => {
    expect(expectedFrom({ requiredLicenceKinds: LANGUAGE_KINDS, licences: [], statusHistory: [] })).toBeNull();
    expect(classifyReport({ centre: { requiredLicenceKinds: LANGUAGE_KINDS, licences: [], statusHistory: [] }, period: q3, deadline: QUARTERLY, asOf: '2027-01-01' }).class)
      .toBe('NOT_EXPECTED');
    expect(expectedFrom(licensed('2018-03-01', ['ESTABLISHMENT']))).toBe('2018-03-01');
    expect(expectedFrom({ requiredLicenceKinds: [], licences: [], statusHistory: [], establishedOn: '2001-05-05' })).toBe('2001-05-05');
  });

  it('a future-dated suspension takes effect on its date: the centre reports until then', () => {
    const centre = { ...licensed('2020-01-01'), statusHistory: [{ status: 'SUSPENDED' as const, from: '2027-01-01', to: null }] };
    expect(classifyReport({ centre, period: periodFromCode('2026-Q4'), deadline: QUARTERLY, asOf: '2026-12-02' }).class).toBe('NOT_YET_DUE');
    expect(classifyReport({ centre, period: periodFromCode('2027-Q1'), deadline: QUARTERLY, asOf: '2026-12-02' }).class).toBe('NOT_EXPECTED');
    // Active one day of the quarter is enough.
    const partly = { ...licensed('2020-01-01'), statusHistory: [{ status: 'SUSPENDED' as const, from: '2026-07-02', to: null }] };
    expect(classifyReport({ centre: partly, period: q3, deadline: QUARTERLY, asOf: '2026-12-02' }).class).toBe('MISSING');
  });
});

describe('reporting calendar: where a report stands', () => {
  const centre = licensed('2020-01-01');
  const classify = (steps: SubmissionStep[], asOf = '2026-12-02', extendedDueDate?: string) =>
    classifyReport({ centre, period: q3, deadline: QUARTERLY, steps, asOf, extendedDueDate });

  it('defect 4: nothing submitted is NOT_YET_DUE through the due date, MISSING the day after', () => {
    expect(classify([], '2026-10-10')).toMatchObject({ class: 'NOT_YET_DUE', dueDate: '2026-10-10', days: 0 });
    expect(classify([], '2026-10-11')).toMatchObject({ class: 'MISSING', days: 1 });
  });

  it('defect 3: on time, returned, resubmitted late is ON_TIME (judged on the first submission)', () => {
    const steps: SubmissionStep[] = [
      { action: 'SUBMITTED', on: '2026-10-08' },
      { action: 'RETURNED', on: '2026-10-11' },
      { action: 'SUBMITTED', on: '2026-10-25' },
      { action: 'ACCEPTED', on: '2026-10-26' },
    ];
    expect(classify(steps)).toMatchObject({ class: 'ON_TIME', days: 0, firstSubmittedOn: '2026-10-08' });
  });

  it('a resubmission after a return with a deadline is judged against that deadline', () => {
    const steps: SubmissionStep[] = [
      { action: 'SUBMITTED', on: '2026-10-08' },
      { action: 'RETURNED', on: '2026-10-11', resubmitBy: '2026-10-20' },
      { action: 'SUBMITTED', on: '2026-10-25' },
    ];
    expect(classify(steps)).toMatchObject({ class: 'LATE', days: 5 });
    expect(classify([...steps.slice(0, 2), { action: 'SUBMITTED', on: '2026-10-20' }])).toMatchObject({ class: 'ON_TIME' });
  });

  it('defect 5: a returned (or reopened) report is RETURNED, not submitted; "as of" before the return it was on time', () => {
    const steps: SubmissionStep[] = [{ action: 'SUBMITTED', on: '2026-10-08' }, { action: 'ACCEPTED', on: '2026-10-09' }, { action: 'REOPENED', on: '2026-11-01' }];
    expect(classify(steps).class).toBe('RETURNED');
    expect(classify(steps, '2026-10-31').class).toBe('ON_TIME');
    expect(tallyReports(['RETURNED'])).toMatchObject({ expected: 1, returned: 1, submitted: 0, submittedRate: 0 });
  });

  it('an extension replaces the due date when later and is flagged', () => {
    expect(classify([{ action: 'SUBMITTED', on: '2026-10-15' }], '2026-12-02', '2026-10-20')).toMatchObject({ class: 'ON_TIME', extended: true, dueDate: '2026-10-20', regularDueDate: '2026-10-10' });
    expect(classify([{ action: 'SUBMITTED', on: '2026-10-15' }], '2026-12-02', '2026-10-01')).toMatchObject({ class: 'LATE', days: 5, extended: false });
  });

  it('the tally: nothing due yet gives no rate', () => {
    expect(tallyReports(['NOT_YET_DUE', 'NOT_EXPECTED'])).toEqual({
      expected: 1, notDue: 1, onTime: 0, late: 0, returned: 0, missing: 0, submitted: 0, submittedRate: null, onTimeRate: null,
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over generated centres and timelines.

const DAY0 = toDayNumber('2024-01-01');
const day = (min = 0, max = 1400) => fc.integer({ min, max }).map((n) => fromDayNumber(DAY0 + n));
const facts: fc.Arbitrary<CentreCalendarFacts> = fc.record({
  requiredLicenceKinds: fc.subarray(LANGUAGE_KINDS),
  licences: fc.array(fc.record({ kind: fc.constantFrom(...LANGUAGE_KINDS), validFrom: day(), state: fc.constantFrom('IN_FORCE', 'SUPERSEDED', 'REVOKED') }), { maxLength: 4 }),
  statusHistory: fc.array(
    fc.record({ status: fc.constantFrom('ACTIVE', 'NOT_ENROLLING', 'SUSPENDED', 'DISSOLVED' as const), from: day(), length: fc.option(fc.integer({ min: 0, max: 400 })) })
      .map(({ status, from, length }) => ({ status, from, to: length === null ? null : addDays(from, length) })),
    { maxLength: 3 },
  ),
  establishedOn: fc.option(day()),
});
const steps: fc.Arbitrary<SubmissionStep[]> = fc.array(
  fc.record({ action: fc.constantFrom('SUBMITTED', 'RETURNED', 'REOPENED', 'ACCEPTED' as const), on: day(), resubmitBy: fc.option(day()) }),
  { maxLength: 6 },
);
const report = fc.record({
  centre: facts,
  period: day(0, 1300).map((d) => periodContaining('QUARTER', d)),
  deadline: fc.integer({ min: 0, max: 30 }).map((days): DeadlineRule => ({ kind: 'AFTER_PERIOD_END', days })),
  extendedDueDate: fc.option(day()),
  steps,
  asOf: day(),
});
// fast-check prints the seed and path of any failure; pass them back as { seed, path } to replay it.
const runs = { numRuns: 200 };

describe('reporting calendar: properties', () => {
  it('expected = notDue + onTime + late + returned + missing, submitted = onTime + late, no rate above 100 %', () => {
    fc.assert(fc.property(fc.array(report, { maxLength: 25 }), (reports) => {
      const classes = reports.map((r) => classifyReport(r).class);
      const t = tallyReports(classes);
      expect(t.expected).toBe(t.notDue + t.onTime + t.late + t.returned + t.missing);
      expect(t.expected).toBe(classes.filter((c) => c !== 'NOT_EXPECTED').length);
      expect(t.submitted).toBe(t.onTime + t.late);
      for (const rate of [t.submittedRate, t.onTimeRate]) {
        if (rate === null) continue;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(100);
      }
      if (t.expected === t.notDue) expect(t.submittedRate).toBeNull();
    }), runs);
  });

  it('nothing not yet due is missing, and a report is missing only when nothing was submitted by the date', () => {
    fc.assert(fc.property(report, (r) => {
      const c = classifyReport(r);
      expect(ReportClasses).toContain(c.class);
      if (compareIsoDates(r.asOf, c.dueDate) <= 0) expect(c.class).not.toBe('MISSING');
      const submittedBy = r.steps.some((s) => s.action === 'SUBMITTED' && compareIsoDates(s.on, r.asOf) <= 0);
      if (c.class === 'MISSING' || c.class === 'NOT_YET_DUE') expect(submittedBy).toBe(false);
      if (c.class === 'ON_TIME' || c.class === 'LATE' || c.class === 'RETURNED') expect(submittedBy).toBe(true);
      if (c.class === 'LATE') expect(c.days).toBeGreaterThan(0);
    }), runs);
  });

  it('steps after the date do not change the answer "as of" that date', () => {
    fc.assert(fc.property(report, steps, (r, later) => {
      const shifted = later.map((s) => ({ ...s, on: addDays(r.asOf, 1 + (toDayNumber(s.on) % 50)) }));
      expect(classifyReport({ ...r, steps: [...r.steps, ...shifted] })).toEqual(classifyReport(r));
    }), runs);
  });

  it('no period that ended before the obligation began is expected, and none at all without every required decision', () => {
    fc.assert(fc.property(facts, day(), (centre, asOf) => {
      const from = expectedFrom(centre);
      const quarters = periodsBetween('QUARTER', '2024-01-01', '2027-12-31');
      const expected = quarters.filter((p) => classifyReport({ centre, period: p, deadline: QUARTERLY, asOf }).class !== 'NOT_EXPECTED');
      if (from === null) expect(expected).toEqual([]);
      for (const p of expected) expect(compareIsoDates(p.end, from!)).toBeGreaterThanOrEqual(0);
    }), runs);
  });

  it('the tally counts each class once', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom<ReportClass>(...ReportClasses)), (classes) => {
      const t = tallyReports(classes);
      expect(t.notDue).toBe(classes.filter((c) => c === 'NOT_YET_DUE').length);
      expect(t.returned).toBe(classes.filter((c) => c === 'RETURNED').length);
      expect(t.missing).toBe(classes.filter((c) => c === 'MISSING').length);
    }), runs);
  });
});

describe('reporting calendar: the deadline a submission is judged against (the late reason)', () => {
  const due = '2026-10-10';
  it('the first submission against the due date; a resubmission against the return\'s day, or not at all', () => {
    expect(deadlineOfNextSubmission([], due)).toBe(due);
    expect(daysLateOfNextSubmission([], due, '2026-10-10')).toBe(0);
    expect(daysLateOfNextSubmission([], due, '2026-10-13')).toBe(3);
    const returnedWithDay: SubmissionStep[] = [{ action: 'SUBMITTED', on: '2026-10-01' }, { action: 'RETURNED', on: '2026-10-03', resubmitBy: '2026-10-20' }];
    expect(deadlineOfNextSubmission(returnedWithDay, due)).toBe('2026-10-20');
    expect(daysLateOfNextSubmission(returnedWithDay, due, '2026-10-25')).toBe(5);
    const returnedWithoutDay: SubmissionStep[] = [{ action: 'SUBMITTED', on: '2026-10-01' }, { action: 'RETURNED', on: '2026-10-03' }];
    expect(deadlineOfNextSubmission(returnedWithoutDay, due)).toBeNull();
    expect(daysLateOfNextSubmission(returnedWithoutDay, due, '2027-03-01')).toBe(0);
    const reopened: SubmissionStep[] = [{ action: 'SUBMITTED', on: '2026-10-01' }, { action: 'ACCEPTED', on: '2026-10-02' }, { action: 'REOPENED', on: '2026-11-01', resubmitBy: '2026-11-05' }];
    expect(daysLateOfNextSubmission(reopened, due, '2026-11-06')).toBe(1);
  });

  it('agrees with classifyReport: a report is LATE by exactly the most days any of its submissions was asked a reason for', () => {
    const centre = licensed('2020-01-01');
    const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-10-01', n));
    const step = fc.record({
      action: fc.constantFrom<SubmissionStep['action']>('SUBMITTED', 'RETURNED', 'REOPENED', 'ACCEPTED'),
      on: day,
      resubmitBy: fc.option(day, { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), (raw) => {
        const steps = [...raw].sort((a, b) => compareIsoDates(a.on, b.on));
        const c = classifyReport({ centre, period: q3, deadline: QUARTERLY, steps, asOf: '2027-01-01' });
        if (!steps.some((s) => s.action === 'SUBMITTED') || c.class === 'RETURNED') return;
        const asked = steps.map((s, i) => (s.action === 'SUBMITTED' ? daysLateOfNextSubmission(steps.slice(0, i), c.dueDate, s.on) : 0));
        const worst = Math.max(...asked);
        expect(c.class).toBe(worst > 0 ? 'LATE' : 'ON_TIME');
        expect(c.days).toBe(worst);
      }),
      { numRuns: 300 },
    );
  });
});

describe('currentReportingPeriods (the landing pages\' "current periods")', () => {
  it('is the period ended last and the one running, for every period type', () => {
    expect(currentReportingPeriods('SEMESTER', '2026-03-10').map((p) => p.code)).toEqual(['2025-2026-S1', '2025-2026-S2']);
    expect(currentReportingPeriods('MONTH', '2026-01-05').map((p) => p.code)).toEqual(['2025-M12', '2026-M01']);
    expect(currentReportingPeriods('SCHOOL_YEAR', '2026-12-03').map((p) => p.code)).toEqual(['2025-2026', '2026-2027']);
  });
});

describe('isWaitingForReview', () => {
  it('is a submitted report (on time or late) not yet accepted; a returned or accepted one is not waiting', () => {
    expect(isWaitingForReview('ON_TIME', 'SUBMITTED')).toBe(true);
    expect(isWaitingForReview('LATE', 'SUBMITTED')).toBe(true);
    expect(isWaitingForReview('ON_TIME', 'ACCEPTED')).toBe(false);
    expect(isWaitingForReview('RETURNED', 'RETURNED')).toBe(false);
    expect(isWaitingForReview('MISSING', null)).toBe(false);
  });
});
