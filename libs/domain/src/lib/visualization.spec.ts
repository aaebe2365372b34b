import {
  DEFAULT_VISUALIZATION,
  RelativePeriods,
  resolveRelativePeriods,
  visualizationFromQuery,
  visualizationProblems, layoutFitsDimension,
  visualizationToQuery,
  type VisualizationDefinition,
} from './visualization';

const codes = (relative: Parameters<typeof resolveRelativePeriods>[0], today: string) => resolveRelativePeriods(relative, today).map((p) => p.code);

describe('resolveRelativePeriods', () => {
  it('gives the last completed quarters, oldest first, across a year boundary', () => {
    expect(codes('LAST_4_QUARTERS', '2026-12-03')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    // On the first day of a quarter the one just ended is the newest.
    expect(codes('LAST_4_QUARTERS', '2026-01-01')).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(codes('LAST_8_QUARTERS', '2026-03-31')).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
  });

  it('gives the last completed school years: the current one (from 1 September) is left out', () => {
    expect(codes('LAST_5_SCHOOL_YEARS', '2026-12-03')).toEqual(['2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026']);
    expect(codes('LAST_5_SCHOOL_YEARS', '2026-08-31')).toEqual(['2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025']);
    expect(codes('LAST_3_SCHOOL_YEARS', '2026-09-01')).toEqual(['2023-2024', '2024-2025', '2025-2026']);
  });

  it('gives semesters around the mid-January boundary', () => {
    expect(codes('LAST_2_SEMESTERS', '2026-01-15')).toEqual(['2024-2025-S1', '2024-2025-S2']);
    expect(codes('LAST_2_SEMESTERS', '2026-01-16')).toEqual(['2024-2025-S2', '2025-2026-S1']);
    expect(codes('LAST_4_SEMESTERS', '2026-12-03')).toEqual(['2024-2025-S1', '2024-2025-S2', '2025-2026-S1', '2025-2026-S2']);
  });

  it('resolves every relative period to its count of periods of its type', () => {
    for (const r of RelativePeriods) {
      const periods = resolveRelativePeriods(r, '2026-12-03');
      expect(new Set(periods.map((p) => p.type)).size).toBe(1);
      expect(periods[periods.length - 1].end < '2026-12-03').toBe(true);
    }
  });
});

describe('a visualisation in the URL and as a favourite', () => {
  const def: VisualizationDefinition = { indicatorCodes: ['PASS_RATE', 'RETENTION'], dimension: 'UNIT_LEVEL', relativePeriod: 'LAST_4_SEMESTERS', centreType: 'GDNN_GDTX', layout: 'LINE' };

  it('round-trips through the query string', () => {
    const query = new URLSearchParams(visualizationToQuery(def));
    expect(query.toString()).toBe('i=PASS_RATE%2CRETENTION&d=UNIT_LEVEL&p=LAST_4_SEMESTERS&t=GDNN_GDTX&l=LINE');
    expect(visualizationFromQuery((n) => query.get(n))).toEqual(def);
  });

  it('leaves defaults out of the link and reads an empty link as the default', () => {
    expect(visualizationToQuery({ ...DEFAULT_VISUALIZATION, indicatorCodes: ['PASS_RATE'] })).toEqual({ i: 'PASS_RATE' });
    expect(visualizationFromQuery(() => null)).toEqual(DEFAULT_VISUALIZATION);
  });

  it('falls back to defaults for malformed parts of an edited link, and drops malformed codes', () => {
    const query = new URLSearchParams('i=PASS_RATE,drop;table,PASS_RATE&d=FUNDINGd=OWNERSHIP&p=LAST_99_YEARSp=LAST_99_YEARS&t=NOPE&l=PIE');
    expect(visualizationFromQuery((n) => query.get(n))).toEqual({ ...DEFAULT_VISUALIZATION, indicatorCodes: ['PASS_RATE'] });
  });

  it('names every invalid field of a definition', () => {
    expect(visualizationProblems(def)).toEqual([]);
    expect(visualizationProblems({ ...def, dimension: 'OWNERSHIP' })).toEqual([]);
    const bad = { indicatorCodes: [], dimension: 'FUNDING', relativePeriod: 'LAST_99_YEARS', centreType: 'NOPE', layout: 'PIE' } as unknown as VisualizationDefinition;
    expect(visualizationProblems(bad).map((p) => p.field)).toEqual(['indicatorCodes', 'dimension', 'relativePeriod', 'centreType', 'layout']);
    expect(visualizationProblems({ ...def, indicatorCodes: ['PASS_RATE', 'PASS_RATE'] }).map((p) => p.field)).toEqual(['indicatorCodes']);
    expect(visualizationProblems({ ...def, indicatorCodes: Array.from({ length: 11 }, (_, i) => `CODE_${i}`) }).map((p) => p.field)).toEqual(['indicatorCodes']);
  });

  it('draws a map only by unit: MAP with another dimension is a problem, and an edited link opens it as the pivot', () => {
    expect(visualizationProblems({ ...def, layout: 'MAP' })).toEqual([]);
    for (const dimension of ['NONE', 'AREA', 'CENTRE_TYPE', 'OWNERSHIP'] as const) {
      expect(layoutFitsDimension('MAP', dimension)).toBe(false);
      const problems = visualizationProblems({ ...def, dimension, layout: 'MAP' });
      expect(problems.map((p) => p.field)).toEqual(['layout']);
      expect(problems[0].messageVi).toContain('Bản đồ');
    }
    const map = new URLSearchParams('i=PASS_RATE&d=UNIT_LEVEL&l=MAP');
    expect(visualizationFromQuery((n) => map.get(n))).toMatchObject({ dimension: 'UNIT_LEVEL', layout: 'MAP' });
    const wrong = new URLSearchParams('i=PASS_RATE&d=CENTRE_TYPE&l=MAP');
    expect(visualizationFromQuery((n) => wrong.get(n))).toMatchObject({ dimension: 'CENTRE_TYPE', layout: 'PIVOT' });
  });
});
