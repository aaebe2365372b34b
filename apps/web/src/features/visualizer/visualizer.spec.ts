import { DEFAULT_VISUALIZATION, type VisualizationDefinition } from '@gdtx/domain';
import { buildPivot, drillDownLink, drillQuery, drillRows, indicatorFitsPeriod, reportLinkOf, visualizerVariables, type PivotRow, type PivotValue } from './visualizer';

const v = (over: Partial<PivotValue>): PivotValue => ({
  code: 'PASS_RATE', nameVi: 'Tỷ lệ đỗ', nameEn: 'Pass rate', unit: '%', value: null, periodCode: null, unitId: null, unitName: null,
  areaId: null, areaName: null, centreType: null, centreCount: 1, coverage: { reporting: 1, expected: 1 }, ...over,
});
const def: VisualizationDefinition = { ...DEFAULT_VISUALIZATION, indicatorCodes: ['PASS_RATE'], dimension: 'UNIT_LEVEL', relativePeriod: 'LAST_3_SCHOOL_YEARS' };

describe('the visualizer table', () => {
  it('asks indicatorValues for the cells and each kind of total over the resolved periods', () => {
    const { periods, variables } = visualizerVariables(def, '2026-12-03');
    expect(periods).toEqual(['2023-2024', '2024-2025', '2025-2026']);
    expect(variables.cells).toMatchObject({ codes: ['PASS_RATE'], periodFrom: '2023-2024', periodTo: '2025-2026', groupBy: ['PERIOD', 'UNIT_LEVEL'], asOf: '2026-12-03' });
    expect(variables.rowTotals.groupBy).toEqual(['UNIT_LEVEL']);
    expect(variables.columnTotals.groupBy).toEqual(['PERIOD']);
    expect(variables.grandTotals.groupBy).toEqual([]);
    expect(visualizerVariables({ ...def, dimension: 'NONE' }, '2026-12-03').variables).toMatchObject({ byDimension: false, cells: { groupBy: ['PERIOD'] } });
  });

  it('puts groups by name (the ungrouped last, empty ones out) and the totals from the API, never summed', () => {
    const periods = ['2024-2025', '2025-2026'];
    const pivot = buildPivot(def, periods, {
      cells: [
        v({ periodCode: '2024-2025', unitId: 'b', unitName: 'Xã Bắc', value: 50 }),
        v({ periodCode: '2025-2026', unitId: 'a', unitName: 'Phường Ánh', value: 80 }),
        v({ periodCode: '2025-2026', unitId: null, unitName: null, value: 90 }),
        v({ periodCode: '2025-2026', unitId: 'z', unitName: 'Xã Trống', value: null, centreCount: 0, coverage: { reporting: 0, expected: 0 } }),
      ],
      rowTotals: [v({ unitId: 'a', value: 80 }), v({ unitId: 'b', value: 50 }), v({ unitId: null, value: 90 })],
      columnTotals: [v({ periodCode: '2024-2025', value: 50 }), v({ periodCode: '2025-2026', value: 84.5 })],
      grandTotals: [v({ value: 71.3 })],
    }, (x) => x.unitName ?? 'Cấp tỉnh');
    expect(pivot.rows.map((r) => [r.memberName, r.cells['2024-2025']?.value ?? null, r.cells['2025-2026']?.value ?? null, r.rangeTotal?.value ?? null, r.isTotal])).toEqual([
      ['Phường Ánh', null, 80, 80, false],
      ['Xã Bắc', 50, null, 50, false],
      ['Cấp tỉnh', null, 90, 90, false],
      [null, 50, 84.5, 71.3, true],
    ]);
  });

  it('drills to the centres of the commune or type, keeping the centre-type filter; not from an area', () => {
    const row = (memberId: string | null, isTotal = false) => ({ memberId, isTotal } as Parameters<typeof drillDownLink>[1]);
    expect(drillDownLink({ ...def, centreType: 'GDNN_GDTX' }, row('u1'))).toBe('/centres?unitId=u1&type=GDNN_GDTX');
    expect(drillDownLink({ ...def, dimension: 'CENTRE_TYPE' }, row('LANGUAGE'))).toBe('/centres?type=LANGUAGE');
    expect(drillDownLink(def, row(null, true))).toBe('/centres');
    expect(drillDownLink({ ...def, dimension: 'AREA' }, row('area-1'))).toBeNull();
    expect(drillDownLink({ ...def, dimension: 'OWNERSHIP' }, row('PRIVATE'))).toBeNull();
    expect(drillDownLink({ ...def, dimension: 'OWNERSHIP', centreType: 'LANGUAGE' }, row(null, true))).toBe('/centres?type=LANGUAGE');
  });

  it('offers an indicator for a relative period only when its reports have that period type', () => {
    expect(indicatorFitsPeriod(['LANGUAGE_IT_QUARTERLY'], 'LAST_4_QUARTERS')).toBe(true);
    expect(indicatorFitsPeriod(['LANGUAGE_IT_QUARTERLY'], 'LAST_5_SCHOOL_YEARS')).toBe(false);
    expect(indicatorFitsPeriod(['GDTX_SCHOOL_YEAR', 'GDTX_SEMESTER'], 'LAST_4_SEMESTERS')).toBe(true);
    expect(indicatorFitsPeriod(['A_PROVINCE_TEMPLATE'], 'LAST_4_QUARTERS')).toBe(true);
  });

  it("drills a cell with the cell's own query grouped by centre, and keeps the row's centres only", () => {
    const row = { key: 'PASS_RATE|u1', indicatorCode: 'PASS_RATE', memberId: 'u1', isTotal: false } as PivotRow;
    expect(drillQuery(def, '2026-12-03', { indicatorCode: 'PASS_RATE', periodCode: '2024-2025', row })).toEqual({
      codes: ['PASS_RATE'], periodCode: '2024-2025', centreType: undefined, asOf: '2026-12-03', groupBy: ['CENTRE', 'CENTRE_TYPE', 'UNIT_LEVEL'],
    });
    // The whole range's cell: the same range as the table; a centre-type row needs no third grouping.
    expect(drillQuery({ ...def, dimension: 'CENTRE_TYPE', centreType: 'GDNN_GDTX' }, '2026-12-03', { indicatorCode: 'PASS_RATE', periodCode: null, row })).toEqual({
      codes: ['PASS_RATE'], periodFrom: '2023-2024', periodTo: '2025-2026', centreType: 'GDNN_GDTX', asOf: '2026-12-03', groupBy: ['CENTRE', 'CENTRE_TYPE'],
    });
    const values = [
      { ...v({ unitId: 'u1', centreType: 'GDNN_GDTX' }), centreId: 'c1', numerator: 5 },
      { ...v({ unitId: 'u2', centreType: 'GDNN_GDTX' }), centreId: 'c2', numerator: 50 },
      { ...v({ unitId: 'u1', centreType: 'GDNN_GDTX' }), centreId: 'c3', numerator: 9 },
    ];
    expect(drillRows(def, { indicatorCode: 'PASS_RATE', periodCode: '2024-2025', row }, values).map((x) => x.centreId)).toEqual(['c3', 'c1']);
    expect(drillRows(def, { indicatorCode: 'PASS_RATE', periodCode: '2024-2025', row: { ...row, isTotal: true, memberId: null } }, values).map((x) => x.centreId)).toEqual(['c2', 'c3', 'c1']);
  });

  it("links a centre's figure to its report: the template of the centre's type and the period's kind", () => {
    // GDTX_SEMESTER and GDTX_SCHOOL_YEAR both feed a GDTX indicator: the school year's cell opens the school-year report.
    expect(reportLinkOf(['GDTX_SEMESTER', 'GDTX_SCHOOL_YEAR'], 'c1', 'GDNN_GDTX', '2024-2025')).toBe('/reports/c1/GDTX_SCHOOL_YEAR/2024-2025');
    expect(reportLinkOf(['GDTX_SEMESTER', 'GDTX_SCHOOL_YEAR'], 'c1', 'GDNN_GDTX', '2024-2025-S1')).toBe('/reports/c1/GDTX_SEMESTER/2024-2025-S1');
    // No template fits (a language centre in a GDTX indicator): no link rather than a wrong one.
    expect(reportLinkOf(['GDTX_SCHOOL_YEAR'], 'c1', 'LANGUAGE', '2024-2025')).toBeNull();
  });
});
