import { findShippedTemplate, validateValues } from '@gdtx/domain';
import type { TemplateDefinition } from '@gdtx/domain';
import { evaluateCommune, ND20_2014 } from '@gdtx/literacy';
import { PROFILES, xmcValues } from './seed-literacy';

// The demo literacy reports must be data a commune could really have submitted, and give the verdicts the
// literacy e2e test and docs/literacy.md rely on.
describe('seeded literacy values', () => {
  const template = findShippedTemplate('XMC_COMMUNE_YEARLY', 1) as TemplateDefinition;

  it.each(Object.keys(PROFILES))('%s: every year passes every rule and needs no explanation against the previous year', (name) => {
    for (let year = 2022; year <= 2027; year++) {
      const values = xmcValues(PROFILES[name], year);
      const issues = validateValues(template, values as never, { period: `XMC-${year - 1}-${year}`, previous: xmcValues(PROFILES[name], year - 1) as never })
        .filter((i) => i.severity === 'error' || i.explainable);
      expect(issues).toEqual([]);
    }
  });

  it.each([
    ['Xã Nam Giang', 0],
    ['Xã Lũng Niêm', 1],
    ['Xã Thành Sơn', 2],
    ['Xã Lương Nội', 1],
    ['Xã Phú Lâm', 1],
    ['Phường Điện Biên', 2],
    ['Thị trấn Cành Nàng', 2],
  ] as const)('%s is at level %i in literacy year 2023-2024', (name, level) => {
    const v = xmcValues(PROFILES[name], 2024) as Record<string, number>;
    const band = (b: string) => ({ population: v[`population.${b}.total`], literateL1: v[`population.${b}.literate_l1`], literateL2: v[`population.${b}.literate_l2`] });
    const r = evaluateCommune({ unitId: name, name, dbkk: PROFILES[name].dbkk === true, bands: { '15_25': band('15_25'), '15_35': band('15_35'), '15_60': band('15_60') } }, ND20_2014);
    expect(r.level).toBe(level);
  });
});
