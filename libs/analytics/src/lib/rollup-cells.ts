/**
 * Rollup cells (docs/adr/0020-rollups.md): the sums of one indicator over the centres of one cell — a period, the
 * unit path the facts place a centre on, its centre type and ownership — and the sums of cells into the groups a
 * dashboard asks for. Pure: the per-centre values come from IndicatorService's evaluation (combine over
 * reportParts, the one rule), so a cell is a sum of what the rule computed for each centre and a group a sum of
 * cells. Distinct centres add up because a centre is in exactly one cell per period and indicator.
 */
import type { CentreType, Ownership } from '@gdtx/domain';
import type { GroupByDimension, IndicatorValue } from './analytics.types';

/** One centre's value of one indicator in one period, as combine computed it (grouped by the cell grain and CENTRE). */
export interface CentreValue {
  code: string;
  periodCode: string | null;
  unitPath?: string | null;
  centreType: CentreType | null;
  ownership?: Ownership | null;
  centreId: string | null;
  numerator: number;
  denominator: number | null;
  centreCount: number;
  coverage: { reporting: number; expected: number };
  computedAt: Date | null;
  reportRows: number;
}

export interface RollupCell {
  indicatorCode: string;
  periodCode: string;
  unitPath: string;
  centreType: CentreType;
  ownership: Ownership | null;
  reportRows: number;
  numerator: number;
  denominator: number | null;
  reportingCentres: number;
  expectedCentres: number;
  computedAt: Date | null;
  lflCentres: number;
  lflNumerator: number;
  lflDenominator: number | null;
  lflPreviousNumerator: number;
  lflPreviousDenominator: number | null;
  lflComputedAt: Date | null;
}

/** The like-for-like figures of a group: this period and the previous one over the centres holding every part in both. */
export interface LikeForLike {
  centres: number;
  numerator: number;
  denominator: number | null;
  previousNumerator: number;
  previousDenominator: number | null;
  computedAt: Date | null;
}

const cellKey = (v: { unitPath?: string | null; centreType: string | null; ownership?: string | null }) =>
  `${v.unitPath ?? ''}|${v.centreType ?? ''}|${v.ownership ?? ''}`;

/**
 * The cells of one indicator for `periods` from its per-centre values (those of `periods` and of each one's
 * previous period, `previousOf`). `hasDenominator`: a ratio (denominators are summed) or a sum (null).
 */
export function cellsOf(
  code: string, hasDenominator: boolean, centreValues: readonly CentreValue[], periods: readonly string[], previousOf: ReadonlyMap<string, string>,
): RollupCell[] {
  const byPeriod = new Map<string, CentreValue[]>();
  for (const v of centreValues) {
    if (v.code !== code || !v.periodCode) continue;
    const list = byPeriod.get(v.periodCode) ?? [];
    list.push(v);
    byPeriod.set(v.periodCode, list);
  }
  const zero = hasDenominator ? 0 : null;
  const out: RollupCell[] = [];
  for (const period of periods) {
    const cells = new Map<string, RollupCell>();
    const cellOf = (v: CentreValue) => {
      const k = cellKey(v);
      let c = cells.get(k);
      if (!c) {
        cells.set(k, (c = {
          indicatorCode: code, periodCode: period, unitPath: v.unitPath ?? '', centreType: v.centreType as CentreType, ownership: v.ownership ?? null,
          reportRows: 0, numerator: 0, denominator: zero, reportingCentres: 0, expectedCentres: 0, computedAt: null,
          lflCentres: 0, lflNumerator: 0, lflDenominator: zero, lflPreviousNumerator: 0, lflPreviousDenominator: zero, lflComputedAt: null,
        }));
      }
      return c;
    };
    const current = byPeriod.get(period) ?? [];
    for (const v of current) {
      const c = cellOf(v);
      c.reportRows += v.reportRows;
      c.numerator += v.numerator;
      if (c.denominator !== null) c.denominator += v.denominator ?? 0;
      c.reportingCentres += v.centreCount;
      c.expectedCentres += v.coverage.expected;
      c.computedAt = later(c.computedAt, v.computedAt);
    }
    // Like for like: a centre counts when it holds every part in both periods; it is placed in this period's cell.
    const prev = previousOf.get(period);
    const previous = new Map<string, CentreValue[]>();
    for (const v of prev ? byPeriod.get(prev) ?? [] : []) {
      if (!v.centreCount || !v.centreId) continue;
      previous.set(v.centreId, [...(previous.get(v.centreId) ?? []), v]);
    }
    const reportingNow = new Map<string, CentreValue[]>();
    for (const v of current) {
      if (!v.centreCount || !v.centreId) continue;
      reportingNow.set(v.centreId, [...(reportingNow.get(v.centreId) ?? []), v]);
    }
    for (const [centreId, nowValues] of reportingNow) {
      const before = previous.get(centreId);
      if (!before) continue;
      const c = cellOf(nowValues[0]);
      c.lflCentres += 1;
      for (const v of nowValues) {
        c.lflNumerator += v.numerator;
        if (c.lflDenominator !== null) c.lflDenominator += v.denominator ?? 0;
        c.lflComputedAt = later(c.lflComputedAt, v.computedAt);
      }
      for (const v of before) {
        c.lflPreviousNumerator += v.numerator;
        if (c.lflPreviousDenominator !== null) c.lflPreviousDenominator += v.denominator ?? 0;
        c.lflComputedAt = later(c.lflComputedAt, v.computedAt);
      }
    }
    out.push(...cells.values());
  }
  return out;
}

/** The groups a query asks for, as sums of cells; `unitOf` maps a cell's unit path to the UNIT_LEVEL child. */
export interface SummedGroup {
  key: string;
  unitId: string | null;
  centreType: CentreType | null;
  periodCode: string | null;
  ownership: Ownership | null;
  reportRows: number;
  numerator: number;
  denominator: number | null;
  reporting: number;
  expected: number;
  computedAt: Date | null;
  likeForLike: LikeForLike;
}

export const ROLLUP_DIMENSIONS: readonly GroupByDimension[] = ['UNIT_LEVEL', 'CENTRE_TYPE', 'PERIOD', 'OWNERSHIP'];

export function sumCells(
  cells: readonly RollupCell[], hasDenominator: boolean, groupBy: readonly GroupByDimension[], unitOf: (unitPath: string) => string | null,
): Map<string, SummedGroup> {
  const zero = hasDenominator ? 0 : null;
  const groups = new Map<string, SummedGroup>();
  for (const c of cells) {
    const unitId = groupBy.includes('UNIT_LEVEL') ? unitOf(c.unitPath) : null;
    const dims = {
      unitId,
      centreType: groupBy.includes('CENTRE_TYPE') ? c.centreType : null,
      periodCode: groupBy.includes('PERIOD') ? c.periodCode : null,
      ownership: groupBy.includes('OWNERSHIP') ? c.ownership : null,
    };
    const key = groupKey(groupBy, dims);
    let g = groups.get(key);
    if (!g) {
      groups.set(key, (g = {
        key, ...dims, reportRows: 0, numerator: 0, denominator: zero, reporting: 0, expected: 0, computedAt: null,
        likeForLike: { centres: 0, numerator: 0, denominator: zero, previousNumerator: 0, previousDenominator: zero, computedAt: null },
      }));
    }
    g.reportRows += c.reportRows;
    g.numerator += c.numerator;
    if (g.denominator !== null) g.denominator += c.denominator ?? 0;
    g.reporting += c.reportingCentres;
    g.expected += c.expectedCentres;
    g.computedAt = later(g.computedAt, c.computedAt);
    const l = g.likeForLike;
    l.centres += c.lflCentres;
    l.numerator += c.lflNumerator;
    if (l.denominator !== null) l.denominator += c.lflDenominator ?? 0;
    l.previousNumerator += c.lflPreviousNumerator;
    if (l.previousDenominator !== null) l.previousDenominator += c.lflPreviousDenominator ?? 0;
    l.computedAt = later(l.computedAt, c.lflComputedAt);
  }
  return groups;
}

/** The key of a group, as combine keys it (the dimensions asked for, in order, '' for none). */
export function groupKey(groupBy: readonly GroupByDimension[], d: { unitId: string | null; centreType: string | null; periodCode: string | null; ownership: string | null }): string {
  const col = { UNIT_LEVEL: d.unitId, CENTRE_TYPE: d.centreType, PERIOD: d.periodCode, OWNERSHIP: d.ownership } as Record<string, string | null>;
  return groupBy.map((g) => String(col[g] ?? '')).join('|');
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a) return b ? new Date(b) : null;
  if (!b) return a;
  return new Date(Math.max(new Date(a).getTime(), new Date(b).getTime()));
}

export type { IndicatorValue };
