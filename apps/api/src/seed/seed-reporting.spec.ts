import { findShippedTemplate, periodFromCode, validateValues } from '@gdtx/domain';
import type { TemplateDefinition } from '@gdtx/domain';
import { gdtxValues, languageValues, tthtcdValues } from './seed-reporting';

// The demo history must be data a centre could really have submitted: no rule errors in any generated report.
describe('seeded reporting values', () => {
  const year = findShippedTemplate('GDTX_SCHOOL_YEAR') as TemplateDefinition;
  const semester = findShippedTemplate('GDTX_SEMESTER') as TemplateDefinition;
  const quarterly = findShippedTemplate('LANGUAGE_IT_QUARTERLY') as TemplateDefinition;
  const errors = (t: TemplateDefinition, values: Record<string, unknown>, period: string, previous?: Record<string, unknown>) =>
    validateValues(t, values as never, { period, previous: previous as never }).filter((i) => i.severity === 'error' || i.explainable);

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('GDTX values pass every rule (k = %i), semester and year, and stay within ±50%% of the previous period', (k) => {
    expect(errors(year, gdtxValues(1, k), '2022-2023', gdtxValues(1, k + 1))).toEqual([]);
    expect(errors(semester, gdtxValues(0.5, k), '2022-2023-S1', gdtxValues(0.5, k + 1))).toEqual([]);
    expect(errors(semester, gdtxValues(0.3, k), '2022-2023-S1')).toEqual([]);
  });

  it('TTHTCĐ values pass every rule and need no explanation against the previous semester', () => {
    const template = findShippedTemplate('TTHTCD_SEMESTER') as TemplateDefinition;
    for (let k = 0; k < 10; k++) expect(errors(template, tthtcdValues(k), '2024-2025-S1', tthtcdValues(k + 1))).toEqual([]);
    expect(validateValues(template, tthtcdValues(0), { period: '2024-2025-S1' })).toEqual([]);
  });

  it('language-centre values pass every rule, active and dormant', () => {
    const licences = [
      { kind: 'ESTABLISHMENT', validFrom: '2016-05-10', state: 'IN_FORCE', number: '001/QĐ-SGDĐT', validTo: null },
      { kind: 'OPERATING_PERMISSION', validFrom: '2016-07-09', state: 'IN_FORCE', number: '001/QĐ-SGDĐT-HĐ', validTo: null },
      { kind: 'DIRECTOR_RECOGNITION', validFrom: '2016-06-09', state: 'IN_FORCE', number: '001/QĐ-SGDĐT-GĐ', validTo: '2028-06-30' },
    ];
    const period = periodFromCode('2025-Q2');
    for (let k = 0; k < 8; k++) {
      const active = languageValues({ type: 'LANGUAGE', licences, statuses: [{ status: 'ACTIVE', from: '2016-05-10', to: null }] }, period, k);
      expect(errors(quarterly, active, period.code)).toEqual([]);
      const dormant = languageValues({ type: 'LANGUAGE', licences, statuses: [{ status: 'NOT_ENROLLING', from: '2024-01-01', to: null }] }, period, k);
      expect(errors(quarterly, dormant, period.code)).toEqual([]);
      expect(dormant['operating_status']).toBe('NOT_ENROLLING');
    }
  });
});
