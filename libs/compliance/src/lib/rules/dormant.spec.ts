import { dormantFindings, noActivityAfterEstablishmentFindings, QuarterIntake } from './dormant';
import { DEFAULT_PARAMETERS } from './parameters';

const q = (periodCode: string, newLearners: number, activeLearners = newLearners, classes = newLearners ? 2 : 0): QuarterIntake => {
  const [y, n] = periodCode.split('-Q').map(Number);
  const startMonth = (n - 1) * 3 + 1;
  const end = new Date(Date.UTC(y, startMonth + 2, 0)).toISOString().slice(0, 10);
  return { periodCode, periodStart: `${y}-${String(startMonth).padStart(2, '0')}-01`, periodEnd: end, newLearners, activeLearners, classes };
};
const recent = ['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4'];

describe('dormant centres', () => {
  it('NOT_ENROLLING status alone is a dormant finding (the seed 004 case)', () => {
    const [f] = dormantFindings({ status: 'NOT_ENROLLING', statusSince: '2022-06-01', establishedOn: '2017-03-01', quarters: [], recentQuarterCodes: recent, asOf: '2026-11-22' }, DEFAULT_PARAMETERS);
    expect(f).toMatchObject({ ruleCode: 'DORMANT_CENTRE', subjectKey: 'centre', severity: 'MEDIUM' });
    expect(f.evidence).toMatchObject({ reasons: ['NOT_ENROLLING'], statusSince: '2022-06-01' });
  });

  it('N consecutive reported quarters with no new learners: 2 by default; 1 zero quarter is not enough', () => {
    const input = { status: 'ACTIVE' as const, statusSince: '2020-01-01', establishedOn: '2020-01-01', recentQuarterCodes: recent, asOf: '2026-11-22' };
    expect(dormantFindings({ ...input, quarters: [q('2026-Q3', 0), q('2026-Q2', 12)] }, DEFAULT_PARAMETERS)).toEqual([]);
    const [f] = dormantFindings({ ...input, quarters: [q('2026-Q3', 0), q('2026-Q2', 0), q('2026-Q1', 40)] }, DEFAULT_PARAMETERS);
    expect(f.evidence).toMatchObject({ reasons: ['NO_INTAKE'], zeroIntakeQuarters: ['2026-Q3', '2026-Q2'] });
    expect(dormantFindings({ ...input, quarters: [q('2026-Q3', 0), q('2026-Q2', 0)] }, { dormantQuarters: 3 })).toEqual([]);
  });

  it('a quarter without a report breaks the run (missing is not zero)', () => {
    const input = { status: 'ACTIVE' as const, statusSince: '2020-01-01', establishedOn: '2020-01-01', recentQuarterCodes: recent, asOf: '2026-11-22' };
    expect(dormantFindings({ ...input, quarters: [q('2026-Q3', 0), q('2026-Q1', 0)] }, DEFAULT_PARAMETERS)).toEqual([]);
  });

  it('both reasons give one finding listing both', () => {
    const [f, ...rest] = dormantFindings(
      { status: 'NOT_ENROLLING', statusSince: '2024-01-01', establishedOn: '2019-01-01', quarters: [q('2026-Q3', 0), q('2026-Q2', 0)], recentQuarterCodes: recent, asOf: '2026-11-22' },
      DEFAULT_PARAMETERS,
    );
    expect(rest).toEqual([]);
    expect(f.evidence['reasons']).toEqual(['NOT_ENROLLING', 'NO_INTAKE']);
  });

  it('no activity within one year of establishment: fires after 365 days, not at 365, not with a class in year one', () => {
    const input = { status: 'ACTIVE' as const, establishedOn: '2025-07-01', quarters: [q('2025-Q3', 0), q('2025-Q4', 0), q('2026-Q1', 0), q('2026-Q2', 0)] };
    expect(noActivityAfterEstablishmentFindings({ ...input, asOf: '2026-07-01' }, DEFAULT_PARAMETERS)).toEqual([]);
    const [f] = noActivityAfterEstablishmentFindings({ ...input, asOf: '2026-07-02' }, DEFAULT_PARAMETERS);
    expect(f).toMatchObject({ ruleCode: 'NO_ACTIVITY_AFTER_ESTABLISHMENT', severity: 'HIGH', evidence: { graceEnd: '2026-07-01' } });
    const active = { ...input, quarters: [...input.quarters.slice(0, 3), q('2026-Q2', 0, 15, 1)] };
    expect(noActivityAfterEstablishmentFindings({ ...active, asOf: '2026-07-02' }, DEFAULT_PARAMETERS)).toEqual([]);
  });

  it('old centres (records predating the system) are not judged on their first year', () => {
    expect(noActivityAfterEstablishmentFindings({ status: 'ACTIVE', establishedOn: '2017-03-01', quarters: [], asOf: '2026-11-22' }, DEFAULT_PARAMETERS)).toEqual([]);
  });
});
