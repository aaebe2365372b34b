import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { periodFromCode } from '@gdtx/domain';
import type { CentreType } from '@gdtx/domain';
import { unitPathOf } from '@gdtx/org';
import { Errors, TenantContext, TenantDb } from '@gdtx/platform';
import type { GroupByDimension, IndicatorDefinitionDto, IndicatorQuery, IndicatorValue } from './analytics.types';

interface Definition {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  templateCodes: string[];
  numeratorKeys: string[];
  denominatorKeys: string[] | null;
  denominatorPreviousPeriod: boolean;
  factor: number;
  descriptionVi: string | null;
}

interface AggRow {
  template_code: string;
  unit_id?: string;
  centre_type?: CentreType;
  period_code?: string;
  centre_id?: string;
  value_key: string;
  v: number;
  centres: number;
  ca: Date;
}

interface Scope {
  prefix: string;
  /** Explicit too (RLS applies anyway): RLS's OR-ed predicate cannot drive an index, this can. */
  provinceId: string | null;
  centreType?: CentreType;
}

/**
 * Indicator values are computed from the fact table at query time (ratio of sums over any unit subtree, centre
 * type and period range). The facts themselves are the stored computation (refreshed within seconds of an
 * accept), and every value carries `computedAt`: the newest refresh among the facts it was computed from.
 * Scope is enforced by RLS on fact_value: a supervisor's aggregate only ever contains their subtree.
 */
@Injectable()
export class IndicatorService {
  constructor(private readonly db: TenantDb) {}

  definitions(ctx: TenantContext): Promise<IndicatorDefinitionDto[]> {
    return this.db.run(ctx, async (em) => (await this.loadDefinitions(em, null)).map(({ code, nameVi, nameEn, unit, templateCodes, descriptionVi }) => ({ code, nameVi, nameEn, unit, templateCodes, descriptionVi })));
  }

  async indicatorValues(ctx: TenantContext, q: IndicatorQuery): Promise<IndicatorValue[]> {
    const groupBy = [...new Set(q.groupBy ?? [])];
    return this.db.run(ctx, async (em) => {
      const defs = await this.loadDefinitions(em, q.codes);
      const periods = await this.resolvePeriods(em, q);
      const scope: Scope = { prefix: await this.prefixFor(em, ctx, q.unitId), provinceId: ctx.provinceId, centreType: q.centreType };
      const out = await this.evaluateAll(em, defs, periods, scope, groupBy);
      await this.attachNames(em, out);
      return out;
    });
  }

  /** Value of each indicator in one period and the one before it (the dashboard's trend), in one pass. */
  async compareWithPrevious(ctx: TenantContext, periodCode: string, codes: string[] | null) {
    return this.db.run(ctx, async (em) => {
      const defs = await this.loadDefinitions(em, codes);
      const previous = await this.previousPeriodCode(em, periodCode);
      const scope: Scope = { prefix: await this.prefixFor(em, ctx, null), provinceId: ctx.provinceId };
      const values = await this.evaluateAll(em, defs, previous ? [periodCode, previous] : [periodCode], scope, ['PERIOD']);
      return defs.map((def) => {
        const pick = (p: string) => values.find((v) => v.code === def.code && v.periodCode === p) ?? emptyValue(def, p);
        return { current: pick(periodCode), previous: previous ? pick(previous) : null, previousPeriodCode: previous };
      });
    });
  }

  /**
   * Evaluates many indicators with two aggregate queries in all (one for numerators and plain denominators,
   * one for "target set the period before" denominators), grouped by template so each indicator only sums
   * the templates it is defined on.
   */
  private async evaluateAll(em: EntityManager, defs: Definition[], periods: string[], scope: Scope, groupBy: GroupByDimension[]): Promise<IndicatorValue[]> {
    const templates = unique(defs.flatMap((d) => d.templateCodes));
    const keys = unique(defs.flatMap((d) => [...d.numeratorKeys, ...(d.denominatorPreviousPeriod ? [] : d.denominatorKeys ?? [])]));
    const rows = await this.aggregate(em, templates, keys, periods, scope, groupBy);
    let previousRows: AggRow[] = [];
    const withPrevious = defs.filter((d) => d.denominatorPreviousPeriod && d.denominatorKeys?.length);
    if (withPrevious.length) {
      // Achievement compares this period's actual with the target set in the period before.
      const pairs = await Promise.all(periods.map(async (p) => [p, await this.previousPeriodCode(em, p)] as const));
      const prevToCurrent = new Map(pairs.filter(([, prev]) => prev).map(([p, prev]) => [prev as string, p]));
      const prevKeys = unique(withPrevious.flatMap((d) => d.denominatorKeys ?? []));
      previousRows = (await this.aggregate(em, templates, prevKeys, [...prevToCurrent.keys()], scope, groupBy)).map((r) =>
        r.period_code ? { ...r, period_code: prevToCurrent.get(r.period_code) } : r,
      );
    }
    return defs.flatMap((def) => {
      const mine = (r: AggRow) => def.templateCodes.includes(r.template_code);
      const denominators = def.denominatorPreviousPeriod ? previousRows.filter(mine) : rows.filter(mine);
      return this.combine(def, rows.filter(mine), denominators, groupBy);
    });
  }

  private combine(def: Definition, numeratorRows: AggRow[], denominatorRows: AggRow[], groupBy: GroupByDimension[]): IndicatorValue[] {
    const groups = new Map<string, { sample: AggRow; num: number; den: number | null; centres: number; ca: Date | null; hasNum: boolean }>();
    const keyOf = (r: AggRow) => groupBy.map((g) => String(r[dimColumn(g)] ?? '')).join('|');
    const ensure = (r: AggRow) => {
      const k = keyOf(r);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { sample: r, num: 0, den: def.denominatorKeys?.length ? 0 : null, centres: 0, ca: null, hasNum: false }));
      return g;
    };
    for (const r of numeratorRows) {
      if (!def.numeratorKeys.includes(r.value_key)) continue;
      const g = ensure(r);
      g.num += Number(r.v);
      g.hasNum = true;
      g.centres = Math.max(g.centres, r.centres);
      g.ca = maxDate(g.ca, r.ca);
    }
    for (const r of denominatorRows) {
      if (!def.denominatorKeys?.includes(r.value_key)) continue;
      const g = ensure(r);
      g.den = (g.den ?? 0) + Number(r.v);
      g.ca = maxDate(g.ca, r.ca);
    }
    if (!groups.size && !groupBy.length) {
      groups.set('', { sample: { template_code: '', value_key: '', v: 0, centres: 0, ca: new Date(0) }, num: 0, den: null, centres: 0, ca: null, hasNum: false });
    }
    return [...groups.values()].map((g) => ({
      code: def.code,
      nameVi: def.nameVi,
      nameEn: def.nameEn,
      unit: def.unit,
      numerator: g.num,
      denominator: g.den,
      value: !g.hasNum ? null : g.den === null ? g.num * def.factor : g.den > 0 ? round((g.num / g.den) * def.factor, 4) : null,
      unitId: g.sample.unit_id || null,
      unitName: null,
      centreType: g.sample.centre_type ?? null,
      periodCode: g.sample.period_code ?? null,
      centreId: g.sample.centre_id ?? null,
      centreName: null,
      centreCount: g.centres,
      computedAt: g.ca,
    }));
  }

  private async aggregate(em: EntityManager, templates: string[], keys: string[], periods: string[], scope: Scope, groupBy: GroupByDimension[]): Promise<AggRow[]> {
    if (!periods.length) return [];
    // The partition key (year of the period's end) is given explicitly so the planner prunes partitions at
    // plan time: planning over all 22 partitions with the RLS predicate cost more than executing the query.
    const years = unique(periods.map(endYearOf).filter((y): y is number => y !== null));
    const params: unknown[] = [templates, keys, periods, scope.prefix, years];
    const cols = groupBy.map((g) => dimSql(g));
    let where = `year = ANY($5::int[]) AND template_code = ANY($1) AND value_key = ANY($2) AND period_code = ANY($3) AND unit_path LIKE $4 || '%'`;
    if (scope.provinceId) where += ` AND province_id = $${params.push(scope.provinceId)}`;
    if (scope.centreType) where += ` AND centre_type = $${params.push(scope.centreType)}`;
    const select = [...cols, 'template_code', 'value_key'].join(', ');
    return em.query(
      `SELECT ${select}, sum(value)::float8 AS v, count(DISTINCT centre_id)::int AS centres, max(computed_at) AS ca
       FROM fact_value WHERE ${where} GROUP BY ${[...cols.keys(), cols.length, cols.length + 1].map((i) => i + 1).join(', ')}`,
      params,
    );
  }

  private async loadDefinitions(em: EntityManager, codes: string[] | null): Promise<Definition[]> {
    const rows: Definition[] = await em.query(
      `SELECT code, name_vi AS "nameVi", name_en AS "nameEn", unit, template_codes AS "templateCodes", numerator_keys AS "numeratorKeys",
              denominator_keys AS "denominatorKeys", denominator_previous_period AS "denominatorPreviousPeriod", factor::float8 AS factor,
              description_vi AS "descriptionVi"
       FROM indicator_definition WHERE $1::text[] IS NULL OR code = ANY($1) ORDER BY sort_order, code`,
      [codes],
    );
    if (codes) {
      const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
      if (unknown.length) throw Errors.badInput(`Không có chỉ số: ${unknown.join(', ')}`, `Unknown indicator: ${unknown.join(', ')}`, { codes: unknown });
    }
    return rows;
  }

  private async resolvePeriods(em: EntityManager, q: IndicatorQuery): Promise<string[]> {
    if (q.periodCode) return [q.periodCode];
    if (q.periodFrom && q.periodTo) {
      const from = safePeriod(q.periodFrom);
      const to = safePeriod(q.periodTo);
      // A range is a run of periods of one type: the type of periodFrom (2016-2017 → school years, 2024-Q1 → quarters).
      const rows = await em.query(`SELECT code FROM reporting_period WHERE type = $3 AND start_date >= $1 AND end_date <= $2 ORDER BY start_date`, [from.start, to.end, from.type]);
      return rows.map((r: { code: string }) => r.code);
    }
    throw Errors.badInput('Cần chọn một kỳ (periodCode) hoặc khoảng kỳ (periodFrom, periodTo)', 'periodCode or periodFrom+periodTo is required', { field: 'periodCode' });
  }

  async previousPeriodCode(em: EntityManager, code: string): Promise<string | null> {
    const [row] = await em.query(
      `SELECT prev.code FROM reporting_period cur JOIN reporting_period prev ON prev.type = cur.type AND prev.end_date = cur.start_date - 1 WHERE cur.code = $1`,
      [code],
    );
    return row?.code ?? null;
  }

  async prefixFor(em: EntityManager, ctx: TenantContext, unitId: string | null | undefined): Promise<string> {
    if (unitId) return unitPathOf(em, unitId);
    // RLS already limits what a supervisor or a centre sees; the prefix only decides the UNIT_LEVEL grouping.
    return ctx.scope === 'unit' && ctx.unitPath ? ctx.unitPath : `/${ctx.provinceId}/`;
  }

  private async attachNames(em: EntityManager, values: IndicatorValue[]): Promise<void> {
    const unitIds = [...new Set(values.map((v) => v.unitId).filter(Boolean))] as string[];
    const centreIds = [...new Set(values.map((v) => v.centreId).filter(Boolean))] as string[];
    const units = unitIds.length ? await em.query(`SELECT id, name FROM administrative_unit WHERE id = ANY($1::uuid[])`, [unitIds]) : [];
    const centres = centreIds.length ? await em.query(`SELECT id, name FROM centre WHERE id = ANY($1::uuid[])`, [centreIds]) : [];
    const names = new Map<string, string>([...units, ...centres].map((r: { id: string; name: string }) => [r.id, r.name]));
    for (const v of values) {
      if (v.unitId) v.unitName = names.get(v.unitId) ?? null;
      if (v.centreId) v.centreName = names.get(v.centreId) ?? null;
    }
  }
}

function dimColumn(g: GroupByDimension): 'unit_id' | 'centre_type' | 'period_code' | 'centre_id' {
  return ({ UNIT_LEVEL: 'unit_id', CENTRE_TYPE: 'centre_type', PERIOD: 'period_code', CENTRE: 'centre_id' } as const)[g];
}

function dimSql(g: GroupByDimension): string {
  switch (g) {
    case 'UNIT_LEVEL':
      // The child of the scope unit on the path: '/p/d/c/' under prefix '/p/' → 'd'.
      return `nullif(split_part(substr(unit_path, length($4) + 1), '/', 1), '') AS unit_id`;
    case 'CENTRE_TYPE':
      return 'centre_type';
    case 'PERIOD':
      return 'period_code';
    case 'CENTRE':
      return 'centre_id';
  }
}

function safePeriod(code: string) {
  try {
    return periodFromCode(code);
  } catch {
    throw Errors.badInput(`Mã kỳ không hợp lệ: ${code}`, `Invalid period code: ${code}`, { field: 'period' });
  }
}

function endYearOf(code: string): number | null {
  try {
    return Number(periodFromCode(code).end.slice(0, 4));
  } catch {
    return null;
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function emptyValue(def: Definition, periodCode: string): IndicatorValue {
  return {
    code: def.code, nameVi: def.nameVi, nameEn: def.nameEn, unit: def.unit, value: null, numerator: 0, denominator: def.denominatorKeys?.length ? 0 : null,
    unitId: null, unitName: null, centreType: null, periodCode, centreId: null, centreName: null, centreCount: 0, computedAt: null,
  };
}

function maxDate(a: Date | null, b: Date | null): Date | null {
  if (!a) return b ? new Date(b) : null;
  if (!b) return a;
  return new Date(Math.max(new Date(a).getTime(), new Date(b).getTime()));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

