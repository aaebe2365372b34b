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
import { cellsOf, ROLLUP_DIMENSIONS, sumCells } from './rollup-cells';
import type { LikeForLike, RollupCell } from './rollup-cells';

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
  /** The unit path the row is placed on (the rollups' cell grain, UNIT_PATH). */
  unit_path?: string | null;
}

/**
 * The dimensions a value can be grouped by inside analytics: the public ones, plus UNIT_PATH (the exact unit the
 * facts place a centre in), the grain of the rollup cells (never offered through GraphQL).
 */
export type EvaluationDimension = GroupByDimension | 'UNIT_PATH';

/** An indicator value as combine computes it, with what the rollups keep besides the public fields. */
export interface CombinedValue extends IndicatorValue {
  /** Reports that hold any part of the indicator (the fact path makes a group when one does). */
  reportRows: number;
  /** With UNIT_PATH grouping: the unit path of the group. */
  unitPath?: string | null;
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
      const asOf = q.asOf ? assertIsoDate(q.asOf) : null;
      const out = (await this.fromRollups(em, ctx, defs, periods, scope, groupBy, [], asOf)) ?? (await this.evaluateAll(em, defs, periods, scope, groupBy, [], asOf));
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
      const values = (await this.fromRollups(em, ctx, defs, periods, scope, ['PERIOD'], periods, null)) ?? (await this.evaluateAll(em, defs, periods, scope, ['PERIOD'], periods));
      return defs.map((def) => {
        const pick = (p: string) => values.find((v) => v.code === def.code && v.periodCode === p)!;
        return { current: pick(periodCode), previous: previous ? pick(previous) : null, previousPeriodCode: previous };
      });
    });
  }

  /**
   * Each centre's value of each indicator in `periods` over one province, grouped at the rollup cells' grain (the unit
   * path the facts place it on, its type, its ownership, the period) and by centre, with a value for every centre
   * expected but not reporting: what RollupService sums into cells. The same evaluation as every fact-path query.
   */
  async centreValues(em: EntityManager, defs: ReadyDefinition[], periods: string[], provinceId: string): Promise<CombinedValue[]> {
    const scope: Scope = { prefix: `/${provinceId}/`, provinceId };
    return this.evaluateAll(em, defs, periods, scope, ['UNIT_PATH', 'CENTRE_TYPE', 'OWNERSHIP', 'PERIOD', 'CENTRE'], [], null, { emitExpected: true });
  }

  /**
   * The values from the rollups (docs/adr/0020-rollups.md) when the query is servable from them, else null and the
   * caller computes from the facts. Servable: the Sở of a province without lineage (a unit or centre scope, a
   * merged province and system jobs read the facts), no `asOf` structure, groupings among UNIT_LEVEL,
   * CENTRE_TYPE, PERIOD and OWNERSHIP (CENTRE and AREA read the facts), one period or PERIOD among the groupings
   * (centres counted once across periods are not a sum), and every (indicator, period) asked built for the
   * current definition version (indicator_rollup_period).
   */
  private async fromRollups(
    em: EntityManager, ctx: TenantContext, defs: ReadyDefinition[], periods: string[], scope: Scope, groupBy: GroupByDimension[], ensureKeys: string[],
    asOf: string | null,
  ): Promise<IndicatorValue[] | null> {
    const cells = await this.servableCells(em, ctx, defs, periods, scope, groupBy, asOf);
    if (!cells) return null;
    return defs.flatMap((def) => this.valuesFromCells(def, cells, scope, groupBy, ensureKeys).map(({ value }) => value));
  }

  /** The like-for-like figures of each indicator in one period over the Sở's province, from the rollups, or null (see fromRollups). */
  async likeForLikeFromRollups(em: EntityManager, ctx: TenantContext, defs: ReadyDefinition[], periodCode: string): Promise<Map<string, LikeForLike> | null> {
    const scope: Scope = { prefix: await this.prefixFor(em, ctx, null), provinceId: ctx.provinceId, ...lineageOf(ctx, null) };
    const cells = await this.servableCells(em, ctx, defs, [periodCode], scope, [], null);
    if (!cells) return null;
    return new Map(defs.map((def) => [def.code, this.valuesFromCells(def, cells, scope, [], [])[0].likeForLike]));
  }

  /** Each indicator over the caller's scope in each of `periods` (a value for every period, with its coverage). */
  async indicatorValuesForPeriods(ctx: TenantContext, codes: string[], periods: string[]): Promise<IndicatorValue[]> {
    return this.db.run(ctx, async (em) => {
      const defs = await this.loadDefinitions(em, ctx, codes);
      const scope: Scope = { prefix: await this.prefixFor(em, ctx, null), provinceId: ctx.provinceId, ...lineageOf(ctx, null) };
      return (await this.fromRollups(em, ctx, defs, periods, scope, ['PERIOD'], periods, null)) ?? (await this.evaluateAll(em, defs, periods, scope, ['PERIOD'], periods));
    });
  }

  /**
   * Like for like (issue 15 item 1): each indicator in `periodCode` and the period before over the same centres,
   * those holding every part of it in both, over the caller's scope. From the rollups when servable; else from the
   * facts, the per-centre values of both periods summed by the same code (rollup-cells.ts) the rollups are built by.
   */
  async likeForLike(ctx: TenantContext, codes: string[], periodCode: string): Promise<{ comparisons: Map<string, LikeForLike>; previousPeriodCode: string | null; fromRollups: boolean }> {
    return this.db.run(ctx, async (em) => {
      const defs = await this.loadDefinitions(em, ctx, codes);
      const previousPeriodCode = await this.previousPeriodCode(em, periodCode);
      const rolled = await this.likeForLikeFromRollups(em, ctx, defs, periodCode);
      if (rolled) return { comparisons: rolled, previousPeriodCode, fromRollups: true };
      const scope: Scope = { prefix: await this.prefixFor(em, ctx, null), provinceId: ctx.provinceId, ...lineageOf(ctx, null) };
      const periods = previousPeriodCode ? [previousPeriodCode, periodCode] : [periodCode];
      const values = await this.evaluateAll(em, defs, periods, scope, ['CENTRE', 'PERIOD']);
      const previousOf = new Map(previousPeriodCode ? [[periodCode, previousPeriodCode]] : []);
      const comparisons = new Map(defs.map((def) => {
        const hasDenominator = def.formula.denominatorNode !== null;
        const cells = cellsOf(def.code, hasDenominator, values, [periodCode], previousOf);
        const zero = hasDenominator ? 0 : null;
        const summed = sumCells(cells, hasDenominator, [], () => null).get('')?.likeForLike
          ?? { centres: 0, numerator: 0, denominator: zero, previousNumerator: 0, previousDenominator: zero, computedAt: null };
        return [def.code, summed];
      }));
      return { comparisons, previousPeriodCode, fromRollups: false };
    });
  }

  /** Loads the definitions a caller sees (for analytics' own services). */
  definitionsFor(em: EntityManager, ctx: TenantContext, codes: string[] | null): Promise<ReadyDefinition[]> {
    return this.loadDefinitions(em, ctx, codes);
  }

  private async servableCells(
    em: EntityManager, ctx: TenantContext, defs: ReadyDefinition[], periods: string[], scope: Scope, groupBy: GroupByDimension[], asOf: string | null,
  ): Promise<RollupCell[] | null> {
    if (process.env['ANALYTICS_READ_ROLLUPS'] === 'off') return null;
    if (ctx.scope !== 'province' || !ctx.provinceId || scope.lineage?.length || asOf) return null;
    if (!groupBy.every((g) => ROLLUP_DIMENSIONS.includes(g))) return null;
    if (!defs.length || !periods.length || (periods.length > 1 && !groupBy.includes('PERIOD'))) return null;
    const codes = defs.map((d) => d.code);
    const built: { code: string; period: string; definitionId: string; version: number }[] = await em.query(
      `SELECT indicator_code AS code, period_code AS period, definition_id AS "definitionId", definition_version AS version
       FROM indicator_rollup_period WHERE province_id = $1 AND indicator_code = ANY($2) AND period_code = ANY($3)`,
      [ctx.provinceId, codes, periods],
    );
    const current = new Set(built.map((b) => `${b.code}|${b.period}|${b.definitionId}|${b.version}`));
    if (!defs.every((d) => periods.every((p) => current.has(`${d.code}|${p}|${d.id}|${d.version}`)))) return null;
    const params: unknown[] = [ctx.provinceId, codes, periods, scope.prefix];
    // Summed in SQL down to the groups asked for (a few rows per indicator and period, whatever the size of the
    // province); `unitPath` then carries the UNIT_LEVEL child's id (childUnitOf's rule, in SQL).
    const unit = groupBy.includes('UNIT_LEVEL') ? `split_part(substr(unit_path, length($4) + 1), '/', 1)` : `''`;
    const type = groupBy.includes('CENTRE_TYPE') ? 'centre_type' : 'NULL::text';
    const ownership = groupBy.includes('OWNERSHIP') ? 'ownership' : 'NULL::text';
    return em.query(
      `SELECT indicator_code AS "indicatorCode", period_code AS "periodCode", ${unit} AS "unitPath", ${type} AS "centreType", ${ownership} AS ownership,
              sum(report_rows)::int AS "reportRows", sum(numerator) AS numerator, sum(denominator) AS denominator,
              sum(reporting_centres)::int AS "reportingCentres", sum(expected_centres)::int AS "expectedCentres", max(computed_at) AS "computedAt",
              sum(lfl_centres)::int AS "lflCentres", sum(lfl_numerator) AS "lflNumerator", sum(lfl_denominator) AS "lflDenominator",
              sum(lfl_previous_numerator) AS "lflPreviousNumerator", sum(lfl_previous_denominator) AS "lflPreviousDenominator",
              max(lfl_computed_at) AS "lflComputedAt"
       FROM indicator_rollup
       WHERE province_id = $1 AND indicator_code = ANY($2) AND period_code = ANY($3) AND unit_path LIKE $4 || '%'
         ${scope.centreType ? `AND centre_type = $${params.push(scope.centreType)}` : ''}
       GROUP BY 1, 2, 3, 4, 5`,
      params,
    );
  }

  /** The groups of one indicator as sums of its cells, shaped as combine shapes the fact path's values. */
  private valuesFromCells(def: ReadyDefinition, cells: RollupCell[], scope: Scope, groupBy: GroupByDimension[], ensureKeys: string[]) {
    // The cells come summed by group from servableCells: their unitPath is already the UNIT_LEVEL child's id.
    const groups = sumCells(cells.filter((c) => c.indicatorCode === def.code), def.formula.denominatorNode !== null, groupBy, (child) => child || null);
    const zero = def.formula.denominatorNode ? 0 : null;
    // As combine: a group exists when a report holds a part of the indicator, and the ensured keys always do.
    for (const key of groupBy.length ? ensureKeys : ['']) {
      if (groups.has(key)) continue;
      groups.set(key, {
        key, unitId: null, centreType: null, periodCode: groupBy.length ? key : null, ownership: null, reportRows: 0, numerator: 0, denominator: zero,
        reporting: 0, expected: 0, computedAt: null,
        likeForLike: { centres: 0, numerator: 0, denominator: zero, previousNumerator: 0, previousDenominator: zero, computedAt: null },
      });
    }
    const ensured = new Set(groupBy.length ? ensureKeys : ['']);
    return [...groups.values()].filter((g) => g.reportRows > 0 || ensured.has(g.key)).map((g) => ({
      likeForLike: g.likeForLike,
      value: {
        code: def.code,
        nameVi: def.nameVi,
        nameEn: def.nameEn,
        unit: def.unit,
        numerator: g.numerator,
        denominator: g.denominator,
        value: indicatorValueOf(def, g.numerator, g.denominator, g.reporting),
        unitId: groupBy.includes('UNIT_LEVEL') ? g.unitId : null,
        unitName: null,
        centreType: groupBy.includes('CENTRE_TYPE') ? g.centreType : null,
        periodCode: groupBy.includes('PERIOD') ? g.periodCode : null,
        centreId: null,
        centreName: null,
        ...(groupBy.includes('OWNERSHIP') ? { ownership: g.ownership } : {}),
        centreCount: g.reporting,
        coverage: { reporting: g.reporting, expected: g.expected },
        computedAt: g.computedAt,
      } as IndicatorValue,
    }));
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
    em: EntityManager, defs: ReadyDefinition[], periods: string[], scope: Scope, groupBy: EvaluationDimension[], ensureKeys: string[] = [],
    structureAsOf: string | null = null, opts: { emitExpected?: boolean } = {},
  ): Promise<CombinedValue[]> {
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
      groupBy: groupBy.filter((g): g is GroupByDimension => g !== 'UNIT_PATH'), periods, asOf: structureAsOf, centreIds: unique([...reports.map((r) => r.centre_id), ...expected.map((e) => e.centreId)]),
    });
    // OWNERSHIP: the centre's ownership as the registry holds it now (it is not a fact of the report).
    const ownershipOf = groupBy.includes('OWNERSHIP')
      ? new Map((await centreRefsOf(em, unique([...reports.map((r) => r.centre_id), ...expected.map((e) => e.centreId)]))).map((c) => [c.id, c.ownership]))
      : null;
    const dims = (r: { centre_id: string; centre_type: CentreType; period_code: string; unit_path: string }): Dims => ({
      unit_id: childUnitOf([scope.prefix, ...(scope.lineagePrefixes ?? [])], structure.unitPathOf(r.centre_id, r.period_code, r.unit_path)), centre_type: r.centre_type, period_code: r.period_code, centre_id: r.centre_id,
      ...(ownershipOf ? { ownership: ownershipOf.get(r.centre_id) ?? null } : {}),
      ...(groupBy.includes('UNIT_PATH') ? { unit_path: structure.unitPathOf(r.centre_id, r.period_code, r.unit_path) } : {}),
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
      return this.combine(def, rows, expectedRows.filter(mine).map((e) => e.dims), groupBy, ensureKeys, opts.emitExpected ?? false).map((v) =>
        groupBy.includes('AREA') ? { ...v, areaName: v.areaId ? areaNames.get(v.areaId) ?? null : null } : v);
    });
  }

  private combine(
    def: ReadyDefinition,
    rows: { report: ReportFacts; dims: Dims; previous: ReportFacts | null }[],
    expected: Dims[],
    groupBy: EvaluationDimension[],
    ensureKeys: string[],
    /** Also make a group for every expected report's key (the rollups keep the centres expected but not reporting). */
    emitExpected = false,
  ): CombinedValue[] {
    type Group = { dims: Dims; num: number; den: number | null; centres: Set<string>; ca: Date | null; rows: number };
    const groups = new Map<string, Group>();
    const keyOf = (d: Dims) => groupBy.map((g) => String(d[dimColumn(g)] ?? '')).join('|');
    const ensure = (key: string, d: Dims) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { dims: d, num: 0, den: def.formula.denominatorNode ? 0 : null, centres: new Set(), ca: null, rows: 0 }));
      return g;
    };
    const ownKeys = def.formula.currentKeys;
    for (const { report, dims, previous } of rows) {
      // A report that holds no part of this indicator does not make a group (another template's keys, say).
      if (!ownKeys.some((k) => k in report.vals)) continue;
      const g = ensure(keyOf(dims), dims);
      g.rows++;
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
      if (emitExpected) ensure(k, d);
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
        value: indicatorValueOf(def, g.num, g.den, reporting),
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
        reportRows: g.rows,
        ...(groupBy.includes('UNIT_PATH') ? { unitPath: g.dims.unit_path ?? null } : {}),
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

function dimColumn(g: EvaluationDimension): keyof Dims {
  return ({ UNIT_LEVEL: 'unit_id', CENTRE_TYPE: 'centre_type', PERIOD: 'period_code', CENTRE: 'centre_id', AREA: 'area_id', OWNERSHIP: 'ownership', UNIT_PATH: 'unit_path' } as const)[g];
}

/**
 * The value of an indicator over a group from its sums (the one place this is said): none while no centre
 * reports; a sum times its factor; a ratio of sums times its factor, none over a zero denominator.
 */
export function indicatorValueOf(def: { factor: number }, numerator: number, denominator: number | null, reporting: number): number | null {
  if (!reporting) return null;
  if (denominator === null) return numerator * def.factor;
  return denominator > 0 ? round((numerator / denominator) * def.factor, 4) : null;
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

