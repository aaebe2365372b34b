import type { DeadlineRule } from '../template-types';
import { findShippedTemplate } from '../templates/shipped-templates';
import { addDays, daysBetween, isIsoDate, vietnamDateOf, vietnamWallClock } from './iso-date';
import {
  dueDate,
  daysLate,
  isExpected,
  nextPeriod,
  PeriodCodeError,
  periodContaining,
  periodFromCode,
  periodLabelVi,
  periodsBetween,
  previousPeriod,
  reportExpectation,
  type CentreLifecycle, recentPeriodCodes } from './periods';

const span = (code: string) => {
  const period = periodFromCode(code);
  return [period.start, period.end];
};

describe('period codes', () => {
  it('resolves each kind of code to its dates and labels', () => {
    const codes = ['2024-M07', '2024-Q3', '2024-2025-S1', '2024-2025-S2', '2024-2025', 'XMC-2024-2025'];
    expect(codes.map((code) => periodFromCode(code))).toEqual([
      { code: '2024-M07', type: 'MONTH', start: '2024-07-01', end: '2024-07-31', labelVi: 'Tháng 7/2024', labelEn: 'July 2024' },
      { code: '2024-Q3', type: 'QUARTER', start: '2024-07-01', end: '2024-09-30', labelVi: 'Quý 3/2024', labelEn: 'Q3 2024' },
      { code: '2024-2025-S1', type: 'SEMESTER', start: '2024-09-01', end: '2025-01-15', labelVi: 'Học kỳ I năm học 2024-2025', labelEn: 'Semester 1, school year 2024-2025' },
      { code: '2024-2025-S2', type: 'SEMESTER', start: '2025-01-16', end: '2025-08-31', labelVi: 'Học kỳ II năm học 2024-2025', labelEn: 'Semester 2, school year 2024-2025' },
      { code: '2024-2025', type: 'SCHOOL_YEAR', start: '2024-09-01', end: '2025-08-31', labelVi: 'Năm học 2024-2025', labelEn: 'School year 2024-2025' },
      { code: 'XMC-2024-2025', type: 'LITERACY_YEAR', start: '2024-10-01', end: '2025-09-30', labelVi: 'Năm XMC 2024-2025', labelEn: 'Literacy year 2024-2025' },
    ]);
  });

  it('rejects malformed codes', () => {
    const malformed = ['2024-Q5', '2024-M13', '2024-M7', '2024-2026', 'XMC-2024-2026', '2024-2025-S3', '2024-2025-s1', 'Q3-2024', ''];
    for (const code of malformed) expect(() => periodFromCode(code)).toThrow(PeriodCodeError);
  });

  it('handles leap years, including the century rule', () => {
    expect(span('2024-M02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(span('2023-M02')[1]).toBe('2023-02-28');
    expect(span('2000-M02')[1]).toBe('2000-02-29');
    expect(span('1900-M02')[1]).toBe('1900-02-28');
    expect(span('2023-2024-S2')).toEqual(['2024-01-16', '2024-08-31']);
    expect(daysBetween(...(span('XMC-2023-2024') as [string, string])) + 1).toBe(366);
    expect(daysBetween(...(span('XMC-2024-2025') as [string, string])) + 1).toBe(365);
  });
});

describe('periodContaining', () => {
  it('finds the period of each type containing a date, at the boundaries', () => {
    const cases = [
      ['SEMESTER', '2024-09-01', '2024-2025-S1'],
      ['SEMESTER', '2025-01-15', '2024-2025-S1'],
      ['SEMESTER', '2025-01-16', '2024-2025-S2'],
      ['SEMESTER', '2025-08-31', '2024-2025-S2'],
      ['SCHOOL_YEAR', '2025-08-31', '2024-2025'],
      ['SCHOOL_YEAR', '2025-09-01', '2025-2026'],
      ['LITERACY_YEAR', '2025-09-30', 'XMC-2024-2025'],
      ['LITERACY_YEAR', '2025-10-01', 'XMC-2025-2026'],
      ['QUARTER', '2024-12-31', '2024-Q4'],
      ['MONTH', '2024-02-29', '2024-M02'],
    ] as const;
    expect(cases.map(([type, date]) => periodContaining(type, date).code)).toEqual(cases.map(([, , code]) => code));
  });

  it('rejects an impossible date', () => {
    expect(() => periodContaining('MONTH', '2023-02-29')).toThrow(RangeError);
  });
});

describe('previous, next and ranges', () => {
  it('steps back and forth one period of the same type', () => {
    const pairs = [
      ['2024-Q1', '2023-Q4'],
      ['2024-M01', '2023-M12'],
      ['2024-2025-S1', '2023-2024-S2'],
      ['2024-2025-S2', '2024-2025-S1'],
      ['2024-2025', '2023-2024'],
      ['XMC-2024-2025', 'XMC-2023-2024'],
    ];
    expect(pairs.map(([code]) => previousPeriod(code).code)).toEqual(pairs.map(([, previous]) => previous));
    expect(pairs.map(([, previous]) => nextPeriod(previous).code)).toEqual(pairs.map(([code]) => code));
  });

  it('lists the periods overlapping a date range, with dates or period codes as bounds', () => {
    expect(periodsBetween('QUARTER', '2024-02-10', '2024-08-01').map((period) => period.code)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3']);
    expect(periodsBetween('SEMESTER', '2024-2025', '2024-2025').map((period) => period.code)).toEqual(['2024-2025-S1', '2024-2025-S2']);
    expect(periodsBetween('MONTH', '2024-Q4', '2025-M01')).toHaveLength(4);
    expect(periodsBetween('QUARTER', '2024-12-01', '2024-01-01')).toEqual([]);
  });

  it('tiles the school year with its two semesters, without gap or overlap', () => {
    const [first, second] = periodsBetween('SEMESTER', '2023-2024', '2023-2024');
    expect(first.start).toBe(periodFromCode('2023-2024').start);
    expect(addDays(first.end, 1)).toBe(second.start);
    expect(second.end).toBe(periodFromCode('2023-2024').end);
  });
});

describe('due dates and lateness', () => {
  const deadlineOf = (code: string) => findShippedTemplate(code)!.deadline;

  it('computes the due date of each shipped template', () => {
    const cases = [
      ['GDTX_SEMESTER', '2024-2025-S1', '2025-01-17'],
      ['GDTX_SEMESTER', '2024-2025-S2', '2025-09-02'],
      ['GDTX_SCHOOL_YEAR', '2024-2025', '2025-09-15'],
      ['TTHTCD_SEMESTER', '2024-2025-S1', '2025-01-25'],
      ['LANGUAGE_IT_QUARTERLY', '2024-Q3', '2024-10-05'],
      ['LANGUAGE_IT_QUARTERLY', '2024-Q4', '2025-01-05'],
      ['XMC_COMMUNE_YEARLY', 'XMC-2024-2025', '2025-10-02'],
    ];
    expect(cases.map(([templateCode, periodCode]) => dueDate(periodCode, deadlineOf(templateCode)))).toEqual(cases.map(([, , due]) => due));
  });

  it('puts the GDTX semester 1 deadline before 18 January, as the Ministry frame requires', () => {
    for (const code of ['2023-2024-S1', '2024-2025-S1', '2025-2026-S1']) {
      expect(dueDate(code, deadlineOf('GDTX_SEMESTER')) < `${code.slice(5, 9)}-01-18`).toBe(true);
    }
  });

  it('adds extension days, and refuses negative or fractional ones', () => {
    expect(dueDate('XMC-2024-2025', deadlineOf('XMC_COMMUNE_YEARLY'), 3)).toBe('2025-10-05');
    expect(() => dueDate('2024-Q3', deadlineOf('LANGUAGE_IT_QUARTERLY'), -1)).toThrow(RangeError);
    expect(() => dueDate('2024-Q3', deadlineOf('LANGUAGE_IT_QUARTERLY'), 1.5)).toThrow(RangeError);
  });

  it('counts days after the period across a leap day, and clamps 29 February in common years', () => {
    const fivePastEnd: DeadlineRule = { kind: 'AFTER_PERIOD_END', days: 5 };
    expect(dueDate('2024-M02', fivePastEnd)).toBe('2024-03-05');
    expect(dueDate('2024-M01', { kind: 'AFTER_PERIOD_END', days: 29 })).toBe('2024-02-29');
    const leapDay: DeadlineRule = { kind: 'FIXED_DATE', month: 2, day: 29, yearOffset: 1 };
    expect(dueDate('2023-M06', leapDay)).toBe('2024-02-29');
    expect(dueDate('2024-M06', leapDay)).toBe('2025-02-28');
  });

  it('counts whole days late, 0 when on time', () => {
    expect(daysLate('2025-01-17', '2025-01-17')).toBe(0);
    expect(daysLate('2025-01-17', '2025-01-10')).toBe(0);
    expect(daysLate('2025-01-17', '2025-01-20')).toBe(3);
    expect(daysLate('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysLate('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysLate('2024-12-30', '2025-01-02')).toBe(3);
  });

  it('takes the submission date in Vietnam (UTC+7), not in UTC', () => {
    expect(vietnamDateOf('2025-01-17T16:59:59Z')).toBe('2025-01-17');
    expect(vietnamDateOf('2025-01-17T17:00:00Z')).toBe('2025-01-18');
    expect(vietnamDateOf(new Date(Date.UTC(2024, 1, 28, 20)))).toBe('2024-02-29');
  });

  it('gives the wall-clock time in Hà Nội as UTC fields (for spreadsheet cells and HH:mm labels)', () => {
    expect(vietnamWallClock('2025-01-17T18:30:00Z').toISOString()).toBe('2025-01-18T01:30:00.000Z');
    expect(vietnamWallClock(Date.UTC(2026, 11, 31, 16, 59)).toISOString()).toBe('2026-12-31T23:59:00.000Z');
    expect(() => vietnamWallClock('không phải ngày')).toThrow(RangeError);
  });

  it('validates ISO dates strictly', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(['2023-02-29', '2024-13-01', '2024-1-01', '17/01/2025', 20240101].some(isIsoDate)).toBe(false);
  });
});

describe('expected reports', () => {
  const lifecycle = (licensedFrom: string | null, statusIntervals: CentreLifecycle['statusIntervals'] = []): CentreLifecycle => ({
    licensedFrom,
    statusIntervals,
  });

  it('does not expect a report from a centre that is not licensed, or licensed after the period', () => {
    expect(reportExpectation('2024-Q3', lifecycle(null))).toBe('NOT_LICENSED');
    expect(reportExpectation('2024-Q3', lifecycle('2024-10-01'))).toBe('LICENSED_AFTER_PERIOD');
  });

  it('expects a report from a centre licensed part-way through the period, even on its last day', () => {
    expect(isExpected('2024-Q3', lifecycle('2024-08-15'))).toBe(true);
    expect(isExpected('2024-Q3', lifecycle('2024-09-30'))).toBe(true);
  });

  it('does not expect a report from a centre suspended or dissolved for the whole period', () => {
    expect(reportExpectation('2024-Q3', lifecycle('2020-01-01', [{ status: 'SUSPENDED', from: '2024-06-15', to: '2024-12-31' }]))).toBe(
      'INACTIVE_WHOLE_PERIOD',
    );
    expect(isExpected('2024-Q3', lifecycle('2020-01-01', [{ status: 'DISSOLVED', from: '2023-03-01', to: null }]))).toBe(false);
    const suspendedThenDissolved = lifecycle('2020-01-01', [
      { status: 'SUSPENDED', from: '2024-05-01', to: '2024-08-10' },
      { status: 'DISSOLVED', from: '2024-08-11', to: null },
    ]);
    expect(isExpected('2024-Q3', suspendedThenDissolved)).toBe(false);
  });

  it('expects a report when the centre was active on at least one day of the period', () => {
    expect(isExpected('2024-Q3', lifecycle('2020-01-01', [{ status: 'SUSPENDED', from: '2024-07-02', to: null }]))).toBe(true);
    expect(isExpected('2024-Q3', lifecycle('2020-01-01', [{ status: 'SUSPENDED', from: '2024-01-01', to: '2024-09-29' }]))).toBe(true);
    const gap = lifecycle('2020-01-01', [
      { status: 'SUSPENDED', from: '2024-06-01', to: '2024-07-31' },
      { status: 'DISSOLVED', from: '2024-08-02', to: null },
    ]);
    expect(isExpected('2024-Q3', gap)).toBe(true);
  });

  it('still expects a report from a centre that is not enrolling', () => {
    expect(isExpected('2024-Q3', lifecycle('2020-01-01', [{ status: 'NOT_ENROLLING', from: '2023-01-01', to: null }]))).toBe(true);
  });

  it('lets a later status supersede an earlier open-ended one', () => {
    const resumed = lifecycle('2020-01-01', [
      { status: 'SUSPENDED', from: '2024-01-01', to: null },
      { status: 'ACTIVE', from: '2024-09-01', to: null },
    ]);
    expect(isExpected('2024-Q3', resumed)).toBe(true);
    expect(isExpected('2024-Q2', resumed)).toBe(false);
  });

  it('labels periods in Vietnamese for reminders', () => {
    expect(periodLabelVi('2024-Q3')).toBe('Quý 3/2024');
  });
});

describe('recentPeriodCodes', () => {
  it('the ended periods newest first, or from the current one', () => {
    expect(recentPeriodCodes('QUARTER', 3, '2026-12-03')).toEqual(['2026-Q3', '2026-Q2', '2026-Q1']);
    expect(recentPeriodCodes('QUARTER', 2, '2026-12-03', { includeCurrent: true })).toEqual(['2026-Q4', '2026-Q3']);
    expect(recentPeriodCodes('LITERACY_YEAR', 2, '2026-12-03', { includeCurrent: true })).toEqual(['XMC-2026-2027', 'XMC-2025-2026']);
    expect(recentPeriodCodes('SCHOOL_YEAR', 1, '2026-08-31')).toEqual(['2024-2025']);
  });
});
