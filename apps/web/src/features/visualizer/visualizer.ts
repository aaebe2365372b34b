/**
 * The data visualizer's table (pure: no React, unit-tested in visualizer.spec.ts). It arranges figures that
 * `indicatorValues` computed; it never adds or divides them itself: a row total is the indicator over the whole
 * range for that group, a column total the indicator over the whole scope for that period (so a ratio's total is
 * its ratio of sums, not a sum of percentages).
 */
import {
  findShippedTemplate, linkTo, periodTypeOfCode, resolveRelativePeriods, RELATIVE_PERIODS,
  type CentreType, type IsoDate, type Ownership, type PeriodType, type VisualizationDefinition, type VisualizationDimension,
} from '@gdtx/domain';

/** The parts of an IndicatorValue the table reads. */
export interface PivotValue {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  value: number | null;
  periodCode: string | null;
  unitId: string | null;
  unitName: string | null;
  areaId?: string | null;
  areaName?: string | null;
  centreType: CentreType | null;
  ownership?: Ownership | null;
  centreCount: number;
  coverage: { reporting: number; expected: number };
}

export interface PivotCell {
  value: number | null;
  centreCount: number;
  coverage: { reporting: number; expected: number };
}

export interface PivotRow {
  key: string;
  indicatorCode: string;
  indicatorNameVi: string;
  indicatorNameEn: string;
  unit: string;
  /** The group (commune id, area id, centre type); null: outside every group, or no dimension. */
  memberId: string | null;
  memberName: string | null;
  /** True for the scope's row of an indicator (the column totals). */
  isTotal: boolean;
  cells: Record<string, PivotCell | undefined>;
  /** The indicator over every period of the range, for this group. */
  rangeTotal: PivotCell | undefined;
}

export interface PivotTable {
  periods: string[];
  rows: PivotRow[];
}

/** The query variables for one visualisation on `today`: the cells and the three kinds of total. */
export function visualizerVariables(def: VisualizationDefinition, today: IsoDate) {
  const periods = resolveRelativePeriods(def.relativePeriod, today).map((p) => p.code);
  const byDimension = def.dimension !== 'NONE';
  const base = {
    codes: def.indicatorCodes,
    periodFrom: periods[0],
    periodTo: periods[periods.length - 1],
    centreType: def.centreType ?? undefined,
    // Communes and areas of today's structure: a report filed before the 2025 reform counts in its successor.
    asOf: today,
  };
  const dimension = byDimension ? [def.dimension as Exclude<VisualizationDimension, 'NONE'>] : [];
  return {
    periods,
    variables: {
      cells: { ...base, groupBy: ['PERIOD' as const, ...dimension] },
      rowTotals: { ...base, groupBy: dimension },
      columnTotals: { ...base, groupBy: ['PERIOD' as const] },
      grandTotals: { ...base, groupBy: [] },
      byDimension,
    },
  };
}

export function memberIdOf(v: Pick<PivotValue, 'unitId' | 'areaId' | 'centreType' | 'ownership'>, dimension: VisualizationDimension): string | null {
  switch (dimension) {
    case 'UNIT_LEVEL': return v.unitId;
    case 'AREA': return v.areaId ?? null;
    case 'CENTRE_TYPE': return v.centreType;
    case 'OWNERSHIP': return v.ownership ?? null;
    case 'NONE': return null;
  }
}

const cellOf = (v: PivotValue): PivotCell => ({ value: v.value, centreCount: v.centreCount, coverage: v.coverage });

/**
 * Rows: per indicator (in the order chosen), its groups sorted by name (the ungrouped one last), then the scope's
 * total row. A group with nothing expected and nothing reported in every period is left out (a commune without
 * centres). Without a dimension, one row per indicator.
 */
export function buildPivot(
  def: VisualizationDefinition,
  periods: string[],
  data: { cells: PivotValue[]; rowTotals: PivotValue[]; columnTotals?: PivotValue[] | null; grandTotals?: PivotValue[] | null },
  nameOf: (v: PivotValue) => string,
): PivotTable {
  const rows: PivotRow[] = [];
  const dimension = def.dimension;
  for (const code of def.indicatorCodes) {
    const cells = data.cells.filter((v) => v.code === code);
    const sample = cells[0] ?? data.rowTotals.find((v) => v.code === code);
    if (!sample) continue;
    const rowOf = (memberId: string | null, memberName: string | null, isTotal: boolean, values: PivotValue[], rangeTotal: PivotValue | undefined): PivotRow => ({
      key: `${code}|${isTotal ? '*' : memberId ?? '-'}`,
      indicatorCode: code, indicatorNameVi: sample.nameVi, indicatorNameEn: sample.nameEn, unit: sample.unit,
      memberId, memberName, isTotal,
      cells: Object.fromEntries(periods.map((p) => {
        const v = values.find((x) => x.periodCode === p);
        return [p, v ? cellOf(v) : undefined];
      })),
      rangeTotal: rangeTotal ? cellOf(rangeTotal) : undefined,
    });
    if (dimension === 'NONE') {
      rows.push(rowOf(null, null, false, cells, data.rowTotals.find((v) => v.code === code)));
      continue;
    }
    const members = new Map<string, PivotValue[]>();
    for (const v of cells) {
      const id = memberIdOf(v, dimension) ?? '';
      members.set(id, [...(members.get(id) ?? []), v]);
    }
    const groupRows = [...members.entries()]
      .filter(([, values]) => values.some((v) => v.coverage.expected > 0 || v.centreCount > 0))
      .map(([id, values]) => rowOf(id || null, nameOf(values[0]), false, values,
        data.rowTotals.find((v) => v.code === code && (memberIdOf(v, dimension) ?? '') === id)))
      .sort((a, b) => Number(a.memberId === null) - Number(b.memberId === null) || (a.memberName ?? '').localeCompare(b.memberName ?? '', 'vi'));
    rows.push(...groupRows);
    rows.push(rowOf(null, null, true, (data.columnTotals ?? []).filter((v) => v.code === code), (data.grandTotals ?? []).find((v) => v.code === code)));
  }
  return { periods, rows };
}

/**
 * Where a cell leads: the centres list filtered by the row's commune or centre type (and the visualisation's
 * centre-type filter). Areas and ownership are not filters of the centres list, so their rows do not link (yet).
 */
export function drillDownLink(def: VisualizationDefinition, row: PivotRow): string | null {
  if ((def.dimension === 'AREA' || def.dimension === 'OWNERSHIP') && !row.isTotal) return null;
  const type = def.dimension === 'CENTRE_TYPE' && !row.isTotal ? row.memberId : def.centreType;
  const unitId = def.dimension === 'UNIT_LEVEL' && !row.isTotal ? row.memberId : null;
  if (def.dimension === 'UNIT_LEVEL' && !row.isTotal && !unitId) return null;
  return linkTo('centres', {}, { unitId, type });
}

/** Whether an indicator reads reports of the relative period's type (shipped templates; a Sở's own: assumed yes). */
export function indicatorFitsPeriod(templateCodes: readonly string[], relative: VisualizationDefinition['relativePeriod']): boolean {
  const type: PeriodType = RELATIVE_PERIODS[relative].type;
  const known = templateCodes.map((c) => findShippedTemplate(c)?.periodType).filter(Boolean);
  return known.length < templateCodes.length || known.includes(type);
}

/** A cell chosen for drilling: one indicator, one period (or the whole range: null), one row. */
export interface DrillTarget {
  indicatorCode: string;
  periodCode: string | null;
  row: PivotRow;
}

/**
 * The query behind a cell, per centre: the same indicator, period (or range), centre-type filter and structure
 * date as the cell, grouped by CENTRE (and CENTRE_TYPE, to find each centre's report; and the dimension, to keep
 * the row's group). So the centres' figures add up to the cell by the same rule, and `drillRows` only filters.
 */
export function drillQuery(def: VisualizationDefinition, today: IsoDate, target: DrillTarget) {
  const periods = resolveRelativePeriods(def.relativePeriod, today).map((p) => p.code);
  const dimension = def.dimension === 'NONE' || def.dimension === 'CENTRE_TYPE' ? [] : [def.dimension];
  return {
    codes: [target.indicatorCode],
    ...(target.periodCode ? { periodCode: target.periodCode } : { periodFrom: periods[0], periodTo: periods[periods.length - 1] }),
    centreType: def.centreType ?? undefined,
    asOf: today,
    groupBy: ['CENTRE' as const, 'CENTRE_TYPE' as const, ...dimension],
  };
}

/** The centres of the cell's row (all of them on the scope's total row), largest numerator first. */
export function drillRows<V extends Pick<PivotValue, 'unitId' | 'areaId' | 'centreType' | 'ownership'> & { centreId?: string | null; numerator: number }>(def: VisualizationDefinition, target: DrillTarget, values: V[]): V[] {
  const mine = target.row.isTotal || def.dimension === 'NONE'
    ? values
    : values.filter((v) => (memberIdOf(v, def.dimension) ?? null) === target.row.memberId);
  return [...mine].sort((a, b) => b.numerator - a.numerator || (a.centreId ?? '').localeCompare(b.centreId ?? ''));
}

/**
 * Where a centre's figure in a cell comes from: its report of that period, of the indicator's template that fits the
 * centre's type and the period's kind (shipped templates; a Sở's own template is taken when it is the only one).
 */
export function reportLinkOf(templateCodes: readonly string[], centreId: string, centreType: CentreType | null, periodCode: string): string | null {
  const type = periodTypeOfCode(periodCode);
  const fits = templateCodes.filter((code) => {
    const t = findShippedTemplate(code);
    return !t || ((!centreType || t.centreTypes.includes(centreType)) && (!type || t.periodType === type));
  });
  return fits.length === 1 ? linkTo('reportForm', { centreId, templateCode: fits[0], periodCode }) : null;
}

