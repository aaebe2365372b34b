import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { periodFromCode } from '@gdtx/domain';
import type { CentreType, Ownership } from '@gdtx/domain';
import { Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { centreRefsOf, unitPathOf, unitRefsOf } from '@gdtx/org';
import { ReportingReader } from '@gdtx/reporting';
import { assertIsoDate } from './analytics.types';
import type { GroupByDimension, IndicatorPreview, IndicatorQuery, IndicatorValue, SaveIndicatorDefinitionInput } from './analytics.types';
import { formulaOf, formulaProblems, loadCurrentDefinitions, readyDefinitions, validationError } from './indicator-definition.service';
import type { ReadyDefinition } from './indicator-definition.service';
import { reportParts } from './indicator-formula';
import { GroupingStructure } from './grouping-structure';

/** The facts of one accepted report, restricted to the value keys asked for. */
interface ReportFacts {
  centre_id: string;
  centre_type: CentreType;
  template_code: string;
  period_code: string;
  unit_path: string;
  vals: Record<string, number>;
  ca: Date;
}

/** The dimensions a value is grouped by, from a report or from an expected report. */
interface Dims {
  unit_id: string | null;
  centre_type: CentreType | null;
  period_code: string | null;
  centre_id: string | null;
  area_id?: string | null;
  ownership?: Ownership | null;
}

interface Scope {
  prefix: string;
  /** Explicit too (RLS applies anyway): RLS's OR-ed predicate cannot drive an index, this can. */
  provinceId: string | null;
  /**
   * A merged province (ADR 0015): the provinces of its lineage, whose reports stay theirs (province_id, unit paths
   * under the old province) and count in the survivor's totals; `lineagePrefixes` are their paths when the query
   * covers the whole province (no unit chosen).
   */
  lineage?: readonly string[];
  lineagePrefixes?: readonly string[];
  centreType?: CentreType;
}

/**
 * Indicator values are computed from the fact table at query time over any unit subtree, centre type and period
 * range: a ratio is the ratio of sums over the accepted reports that hold both its parts (issue 11, defect 7),
 * and every value carries its coverage (those centres / the centres the reporting calendar expects). The facts themselves are the stored computation (refreshed within seconds of an
 * accept), and every value carries `computedAt`: the newest refresh among the facts it was computed from.
 * Scope is enforced by RLS on fact_value: a supervisor's aggregate only ever contains their subtree.
 */
@Injectable()
export class IndicatorService {
  constructor(private readonly db: TenantDb) {}

  /**
   * The values a definition not yet saved would have in one period, on the accepted reports the caller sees:
   * over the whole scope, by unit and by centre. Checked like a save (VALIDATION_FAILED), nothing written.
   */
  async preview(ctx: TenantContext, input: SaveIndicatorDefinitionInput, periodCode: string): Promise<IndicatorPreview> {
    safePeriod(periodCode);
    const formula = formulaOf(input);
    return this.db.read(ctx, async (em) => {
      const problems = await formulaProblems(em, formula);
      if (problems.length) throw validationError(problems);
      const [def] = await readyDefinitions(em, [{
        ...formula, id: 'preview', code: input.code, provinceId: ctx.provinceId, version: 0, nameVi: input.nameVi, nameEn: input.nameEn,
        unit: input.unit, descriptionVi: input.descriptionVi ?? null, templateCodes: [...formula.templateCodes], sortOrder: 0,
      }]);
      const scope: Scope = { prefix: await this.prefixFor(em, ctx, null), provinceId: ctx.provinceId, ...lineageOf(ctx, null) };
      const periods = [periodCode];
      const [total] = await this.evaluateAll(em, [def], periods, scope, []);
      const byUnit = await this.evaluateAll(em, [def], periods, scope, ['UNIT_LEVEL']);
      const byCentre = await this.evaluateAll(em, [def], periods, scope, ['CENTRE']);
      await this.attachNames(em, [...byUnit, ...byCentre]);
      return { total, byUnit, byCentre };
    });
  }

  async indicatorValues(ctx: TenantContext, q: IndicatorQuery): Promise<IndicatorValue[]> {
    const groupBy = [...new Set(q.groupBy ?? [])];
    return this.db.read(ctx, async (em) => {
      const defs = await this.loadDefinitions(em, ctx, q.codes);
      const periods = await this.resolvePeriods(em, q);
      const scope: Scope = { prefix: await this.prefixFor(em, ctx, q.unitId), provinceId: ctx.provinceId, centreType: q.centreType, ...lineageOf(ctx, q.unitId) };
      const out = await this.evaluateAll(em, defs, periods, scope, groupBy, [], q.asOf ? assertIsoDate(q.asOf) : null);
      await this.attachNames(em, out);
      return out;
    });
  }

  /** Value of each indicator in one period and the one before it (the dashboard's trend), in one pass. */
  async compareWithPrevious(ctx: TenantContext, periodCode: string, codes: string[] | null) {
    return this.db.read(ctx, async (em) => {
      const defs = await this.loadDefinitions(em, ctx, codes);
      const previous = await this.previousPeriodCode(em, periodCode);
      const scope: Scope = { prefix: await this.prefixFor(em, ctx, null), provinceId: ctx.provinceId, ...lineageOf(ctx, null) };
      const periods = previous ? [periodCode, previous] : [periodCode];
      // Every period gets a value (with its coverage) even when no report contributes to it.
      const values = await this.evaluateAll(em, defs, periods, scope, ['PERIOD'], periods);
      return defs.map((def) => {
        const pick = (p: string) => values.find((v) => v.code === def.code && v.periodCode === p)!;
        return { current: pick(periodCode), previous: previous ? pick(previous) : null, previousPeriodCode: previous };
      });
    });
  }

  /**
   * Evaluates many indicators from two fact queries in all (this period's reports, and the reports of the
   * period before for "target set the period before" denominators), one row per accepted report.
   * A value is computed over the reports that hold every part of the indicator (every value key of its
   * numerator and denominator; a target-based denominator from the same centre's accepted report of the period
   * before): never a sum of numerators over one set of centres divided by a sum of denominators over another.
   * `ensureKeys` are group keys that get a value even when no report contributes (the dashboard's periods).
   */
  private async evaluateAll(
    em: EntityManager, defs: ReadyDefinition[], periods: string[], scope: Scope, groupBy: GroupByDimension[], ensureKeys: string[] = [],
    structureAsOf: string | null = null,
  ): Promise<IndicatorValue[]> {
    const templates = unique(defs.flatMap((d) => d.templateCodes));
    const keys = unique(defs.flatMap((d) => d.formula.currentKeys));
    const reports = await this.reportFacts(em, templates, keys, periods, scope);
    const previousReports = new Map<string, ReportFacts>();
    const withPrevious = defs.filter((d) => d.formula.previousKeys.length);
    if (withPrevious.length) {
      // prev(): the same centre's accepted report of the period before (a target set the year before, say).
      // Sequential on purpose: one transaction is one connection, which runs one query at a time.
      const prevToCurrent = new Map<string, string>();
      for (const p of periods) {
        const prev = await this.previousPeriodCode(em, p);
        if (prev) prevToCurrent.set(prev, p);
      }
      const prevKeys = unique(withPrevious.flatMap((d) => d.formula.previousKeys));
      for (const r of await this.reportFacts(em, templates, prevKeys, [...prevToCurrent.keys()], scope)) {
        previousReports.set(reportKey(r.centre_id, r.template_code, prevToCurrent.get(r.period_code)!), r);
      }
    }
    // The denominator of coverage: the reports the calendar expects, in the same scope and groups.
    // A merged province's province-wide query also expects its predecessors' reports of their old periods (placed
    // under the old province's tree at the period's end), as its facts count them (ADR 0015).
    const coveragePrefixes = [scope.prefix, ...(scope.lineagePrefixes ?? [])];
    const expected = (await ReportingReader.expectedReports(em, {
      templateCodes: templates, periodCodes: periods, unitPathPrefix: coveragePrefixes.length > 1 ? null : scope.prefix, centreType: scope.centreType,
    })).filter((e) => coveragePrefixes.some((p) => e.unitPath.startsWith(p)));
    // Communes and areas are those of the structure on each period's end, or on `structureAsOf` when asked for
    // (the dashboards ask for today's): GroupingStructure (org's readers) places each centre and each area.
    const structure = await GroupingStructure.load(em, {
      groupBy, periods, asOf: structureAsOf, centreIds: unique([...reports.map((r) => r.centre_id), ...expected.map((e) => e.centreId)]),
    });
    // OWNERSHIP: the centre's ownership as the registry holds it now (it is not a fact of the report).
    const ownershipOf = groupBy.includes('OWNERSHIP')
      ? new Map((await centreRefsOf(em, unique([...reports.map((r) => r.centre_id), ...expected.map((e) => e.centreId)]))).map((c) => [c.id, c.ownership]))
      : null;
    const dims = (r: { centre_id: string; centre_type: CentreType; period_code: string; unit_path: string }): Dims => ({
      unit_id: childUnitOf([scope.prefix, ...(scope.lineagePrefixes ?? [])], structure.unitPathOf(r.centre_id, r.period_code, r.unit_path)), centre_type: r.centre_type, period_code: r.period_code, centre_id: r.centre_id,
      ...(ownershipOf ? { ownership: ownershipOf.get(r.centre_id) ?? null } : {}),
    });
    // AREA: areas overlap, so a report counts in every area holding its unit (or a unit its commune succeeded),
    // and in the group without an area (null) when none holds it.
    const byArea = <T extends { dims: Dims }>(centreId: string, path: string, x: T): T[] => {
      if (!groupBy.includes('AREA')) return [x];
      const period = x.dims.period_code!;
      const hits = structure.areasHolding(period, structure.unitPathOf(centreId, period, path));
      return hits.length ? hits.map((a) => ({ ...x, dims: { ...x.dims, area_id: a } })) : [{ ...x, dims: { ...x.dims, area_id: null } }];
    };
    const expectedRows = expected.flatMap((e) => byArea(e.centreId, e.unitPath, {
      template_code: e.templateCode,
      dims: dims({ centre_id: e.centreId, centre_type: e.centreType, period_code: e.periodCode, unit_path: e.unitPath }),
    }));
    const areaNames = structure.areaNames;
    return defs.flatMap((def) => {
      const mine = (r: { template_code: string }) => def.templateCodes.includes(r.template_code);
      const rows = reports.filter(mine).flatMap((r) => byArea(r.centre_id, r.unit_path, {
        report: r,
        dims: dims(r),
        previous: def.formula.previousKeys.length ? previousReports.get(reportKey(r.centre_id, r.template_code, r.period_code)) ?? null : null,
      }));
      return this.combine(def, rows, expectedRows.filter(mine).map((e) => e.dims), groupBy, ensureKeys).map((v) =>
        groupBy.includes('AREA') ? { ...v, areaName: v.areaId ? areaNames.get(v.areaId) ?? null : null } : v);
    });
  }

  private combine(
    def: ReadyDefinition,
    rows: { report: ReportFacts; dims: Dims; previous: ReportFacts | null }[],
    expected: Dims[],
    groupBy: GroupByDimension[],
    ensureKeys: string[],
  ): IndicatorValue[] {
    type Group = { dims: Dims; num: number; den: number | null; centres: Set<string>; ca: Date | null };
    const groups = new Map<string, Group>();
    const keyOf = (d: Dims) => groupBy.map((g) => String(d[dimColumn(g)] ?? '')).join('|');
    const ensure = (key: string, d: Dims) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { dims: d, num: 0, den: def.formula.denominatorNode ? 0 : null, centres: new Set(), ca: null }));
      return g;
    };
    const ownKeys = def.formula.currentKeys;
    for (const { report, dims, previous } of rows) {
      // A report that holds no part of this indicator does not make a group (another template's keys, say).
      if (!ownKeys.some((k) => k in report.vals)) continue;
      const g = ensure(keyOf(dims), dims);
      // Only a report holding every part of both expressions counts (and its previous report, for prev()).
      const parts = reportParts(def.formula, report.vals, previous?.vals ?? null);
      if (!parts) continue;
      g.num += parts.numerator;
      if (g.den !== null) g.den += parts.denominator ?? 0;
      g.centres.add(report.centre_id);
      g.ca = maxDate(maxDate(g.ca, report.ca), previous?.ca ?? null);
    }
    const empty: Dims = { unit_id: null, centre_type: null, period_code: null, centre_id: null };
    for (const key of groupBy.length ? ensureKeys : ['']) {
      // Only the PERIOD-grouped (dashboard) and ungrouped cases ensure keys: the key is the period code or ''.
      ensure(key, { ...empty, period_code: groupBy.length ? key : null });
    }
    const expectedByGroup = new Map<string, Set<string>>();
    for (const d of expected) {
      const k = keyOf(d);
      let set = expectedByGroup.get(k);
      if (!set) expectedByGroup.set(k, (set = new Set()));
      set.add(d.centre_id!);
    }
    return [...groups.entries()].map(([key, g]) => {
      const reporting = g.centres.size;
      return {
        code: def.code,
        nameVi: def.nameVi,
        nameEn: def.nameEn,
        unit: def.unit,
        numerator: g.num,
        denominator: g.den,
        value: !reporting ? null : g.den === null ? g.num * def.factor : g.den > 0 ? round((g.num / g.den) * def.factor, 4) : null,
        unitId: groupBy.includes('UNIT_LEVEL') ? g.dims.unit_id : null,
        unitName: null,
        centreType: groupBy.includes('CENTRE_TYPE') ? g.dims.centre_type : null,
        periodCode: groupBy.includes('PERIOD') ? g.dims.period_code : null,
        centreId: groupBy.includes('CENTRE') ? g.dims.centre_id : null,
        centreName: null,
        ...(groupBy.includes('AREA') ? { areaId: g.dims.area_id ?? null } : {}),
        ...(groupBy.includes('OWNERSHIP') ? { ownership: g.dims.ownership ?? null } : {}),
        centreCount: reporting,
        coverage: { reporting, expected: expectedByGroup.get(key)?.size ?? 0 },
        computedAt: g.ca,
      };
    });
  }

  /** One row per accepted report in scope with its facts for `keys` (reports holding none of them are absent). */
  private async reportFacts(em: EntityManager, templates: string[], keys: string[], periods: string[], scope: Scope): Promise<ReportFacts[]> {
    if (!periods.length || !keys.length) return [];
    // The partition key (year of the period's end) is given explicitly so the planner prunes partitions at
    // plan time: planning over all 22 partitions with the RLS predicate cost more than executing the query.
    const years = unique(periods.map(endYearOf).filter((y): y is number => y !== null));
    const params: unknown[] = [templates, keys, periods, scope.prefix, years];
    let where = `year = ANY($5::int[]) AND template_code = ANY($1) AND value_key = ANY($2) AND period_code = ANY($3) AND unit_path LIKE $4 || '%'`;
    if (scope.lineagePrefixes?.length) {
      where = where.replace(`unit_path LIKE $4 || '%'`, `(unit_path LIKE $4 || '%' OR unit_path LIKE ANY ($${params.push(scope.lineagePrefixes.map((p) => `${p}%`))}::text[]))`);
    }
    if (scope.provinceId && scope.lineage?.length) where += ` AND province_id = ANY ($${params.push([scope.provinceId, ...scope.lineage])}::uuid[])`;
    else if (scope.provinceId) where += ` AND province_id = $${params.push(scope.provinceId)}`;
    if (scope.centreType) where += ` AND centre_type = $${params.push(scope.centreType)}`;
    return em.query(
      `SELECT centre_id, centre_type, template_code, period_code, unit_path, jsonb_object_agg(value_key, value::float8) AS vals, max(computed_at) AS ca
       FROM fact_value WHERE ${where}
       GROUP BY submission_id, centre_id, centre_type, template_code, period_code, unit_path`,
      params,
    );
  }

  private async loadDefinitions(em: EntityManager, ctx: TenantContext, codes: string[] | null): Promise<ReadyDefinition[]> {
    const rows = await loadCurrentDefinitions(em, ctx.provinceId, codes);
    if (codes) {
      const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
      if (unknown.length) throw Errors.badInput(`Không có chỉ số: ${unknown.join(', ')}`, `Unknown indicator: ${unknown.join(', ')}`, { codes: unknown });
    }
    return readyDefinitions(em, rows);
  }

  private async resolvePeriods(em: EntityManager, q: IndicatorQuery): Promise<string[]> {
    if (q.periodCode) return [q.periodCode];
    if (q.periodFrom && q.periodTo) {
      const from = safePeriod(q.periodFrom);
      const to = safePeriod(q.periodTo);
      // A range is a run of periods of one type: the type of periodFrom (2016-2017 → school years, 2024-Q1 → quarters).
      return ReportingReader.periodCodesWithin(em, from.type, from.start, to.end);
    }
    throw Errors.badInput('Cần chọn một kỳ (periodCode) hoặc khoảng kỳ (periodFrom, periodTo)', 'periodCode or periodFrom+periodTo is required', { field: 'periodCode' });
  }

  async previousPeriodCode(em: EntityManager, code: string): Promise<string | null> {
    return ReportingReader.previousPeriodCode(em, code);
  }

  async prefixFor(em: EntityManager, ctx: TenantContext, unitId: string | null | undefined): Promise<string> {
    if (unitId) return unitPathOf(em, unitId);
    // RLS already limits what a supervisor or a centre sees; the prefix only decides the UNIT_LEVEL grouping.
    return ctx.scope === 'unit' && ctx.unitPath ? ctx.unitPath : `/${ctx.provinceId}/`;
  }

  private async attachNames(em: EntityManager, values: IndicatorValue[]): Promise<void> {
    const unitIds = [...new Set(values.map((v) => v.unitId).filter(Boolean))] as string[];
    const centreIds = [...new Set(values.map((v) => v.centreId).filter(Boolean))] as string[];
    const units = await unitRefsOf(em, unitIds);
    const centres = await centreRefsOf(em, centreIds);
    const names = new Map<string, string>([...units, ...centres].map((r) => [r.id, r.name]));
    for (const v of values) {
      if (v.unitId) v.unitName = names.get(v.unitId) ?? null;
      if (v.centreId) v.centreName = names.get(v.centreId) ?? null;
    }
  }
}

function dimColumn(g: GroupByDimension): keyof Dims {
  return ({ UNIT_LEVEL: 'unit_id', CENTRE_TYPE: 'centre_type', PERIOD: 'period_code', CENTRE: 'centre_id', AREA: 'area_id', OWNERSHIP: 'ownership' } as const)[g];
}

/** The child of the scope unit on a unit path: '/p/d/c/' under prefix '/p/' → 'd' (null for the scope unit itself). */
function childUnitOf(prefixes: readonly string[], unitPath: string): string | null {
  const prefix = prefixes.find((p) => unitPath.startsWith(p));
  return prefix ? unitPath.slice(prefix.length).split('/')[0] || null : null;
}

/** The lineage part of a scope: a province-wide query (no unit) also covers the predecessors' unit trees. */
function lineageOf(ctx: TenantContext, unitId: string | null | undefined): Pick<Scope, 'lineage' | 'lineagePrefixes'> {
  const lineage = ctx.provinceLineage ?? [];
  if (!lineage.length) return {};
  const wholeProvince = !unitId && ctx.scope !== 'unit';
  return { lineage, lineagePrefixes: wholeProvince ? lineage.map((p) => `/${p}/`) : [] };
}

function reportKey(centreId: string, templateCode: string, periodCode: string): string {
  return `${centreId}|${templateCode}|${periodCode}`;
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

function maxDate(a: Date | null, b: Date | null): Date | null {
  if (!a) return b ? new Date(b) : null;
  if (!b) return a;
  return new Date(Math.max(new Date(a).getTime(), new Date(b).getTime()));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

