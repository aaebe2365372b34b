import fc from 'fast-check';
import { Client } from 'pg';
import { FactService, IndicatorService, RollupService } from '@gdtx/analytics';
import { systemContext, TenantDb } from '@gdtx/platform';
import type { TenantContext } from '@gdtx/platform';
import { bootApi, TestApi } from '../harness';
import { oraclePeriods, plusDays, vietnamDay } from './oracle';
import type { OraclePeriodType } from './oracle';
import { at, Base, fcParams, insertWorld, InsertedWorld, readBase, VALUE_KEYS, worldArb } from './world';

// Issue 14 item 2 (docs/adr/0020-rollups.md): every value the rollups serve equals the value computed from the
// facts — numerator, denominator, value, centre count, coverage and computedAt — on the demo data and after random
// accept / reopen / resubmit sequences whose fact jobs run in any order; the like-for-like figures equal those of
// the fact path's per-centre values; and province B neither reads nor writes province A's rollups.
describe('consistency: the rollups equal the fact aggregates', () => {
  let api: TestApi;
  let owner: Client;
  let base: Base;
  let token: string;
  let facts: FactService;
  let rollups: RollupService;
  let ctx: TenantContext;
  let codes: string[];
  const today = vietnamDay(new Date());
  const deadlines: Record<string, number> = {};
  const TEMPLATES = ['GDTX_SEMESTER', 'GDTX_SCHOOL_YEAR', 'LANGUAGE_IT_QUARTERLY'];
  const recent = (type: OraclePeriodType, n: number) => oraclePeriods(type, plusDays(today, -800), today).filter((p) => p.end < today).slice(-n);
  const PERIODS: Record<string, { code: string }[]> = {};

  type Value = {
    code: string; periodCode: string | null; centreType: string | null; unitId: string | null; ownership: string | null; numerator: number;
    denominator: number | null; value: number | null; centreCount: number; coverage: { reporting: number; expected: number }; computedAt: string | null;
  };
  const FIELDS = 'code periodCode centreType unitId ownership numerator denominator value centreCount coverage { reporting expected } computedAt';

  async function gql<T>(query: string): Promise<T> {
    const r = await api.gql<T>(query, {}, token);
    if (r.errors) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(r.errors)}`);
    return r.data!;
  }

  /** The same document answered from the rollups and from the facts (ANALYTICS_READ_ROLLUPS=off). */
  async function bothWays<T>(query: string): Promise<{ rolled: T; fromFacts: T }> {
    const rolled = await gql<T>(query);
    process.env['ANALYTICS_READ_ROLLUPS'] = 'off';
    try {
      return { rolled, fromFacts: await gql<T>(query) };
    } finally {
      delete process.env['ANALYTICS_READ_ROLLUPS'];
    }
  }

  const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
  const keyOf = (v: Value) => [v.code, v.periodCode, v.unitId, v.centreType, v.ownership].join('|');

  let compared = 0;
  let nonNull = 0;
  function sameValues(label: string, rolled: Value[], fromFacts: Value[]): void {
    const want = new Map(fromFacts.map((v) => [keyOf(v), v]));
    expect({ label, groups: rolled.map(keyOf).sort() }).toEqual({ label, groups: [...want.keys()].sort() });
    for (const got of rolled) {
      const w = want.get(keyOf(got))!;
      const at = `${label} ${keyOf(got)}`;
      expect({ at, centreCount: got.centreCount, coverage: got.coverage, computedAt: got.computedAt }).toEqual({ at, centreCount: w.centreCount, coverage: w.coverage, computedAt: w.computedAt });
      for (const f of ['numerator', 'denominator', 'value'] as const) {
        if (!close(got[f], w[f])) expect({ at, [f]: got[f] }).toEqual({ at, [f]: w[f] });
      }
      compared++;
      if (w.value !== null) nonNull++;
    }
  }

  const lit = (v: unknown) => JSON.stringify(v);
  /** Every servable grouping over a unit and a run of periods, as one document. */
  function document(unitId: string | null, periods: string[]): string {
    const q = (alias: string, extra: string, groupBy: string[]) =>
      `${alias}: indicatorValues(query: { codes: ${lit(codes)}, ${extra} ${unitId ? `unitId: ${lit(unitId)},` : ''} groupBy: [${groupBy.join(', ')}] }) { ${FIELDS} }`;
    const range = `periodFrom: ${lit(periods[0])}, periodTo: ${lit(periods[periods.length - 1])},`;
    const one = `periodCode: ${lit(periods[periods.length - 1])},`;
    return `{
      ${q('byPeriod', range, ['PERIOD'])}
      ${q('byUnit', range, ['UNIT_LEVEL', 'PERIOD'])}
      ${q('byType', range, ['CENTRE_TYPE', 'PERIOD'])}
      ${q('byOwnership', range, ['OWNERSHIP', 'PERIOD'])}
      ${q('byUnitTypeOwnership', one, ['UNIT_LEVEL', 'CENTRE_TYPE', 'OWNERSHIP'])}
      ${q('whole', one, [])}
      ${q('language', `${one} centreType: GDNN_GDTX,`, ['UNIT_LEVEL'])}
    }`;
  }

  async function checkAll(label: string, unitId: string | null, periods: string[]): Promise<void> {
    // Servable (not vacuous): every indicator of every period asked is built for its current definition version.
    const { rows: [{ n }] } = await owner.query(
      `SELECT count(*)::int AS n FROM indicator_rollup_period r
        JOIN indicator_definition d ON d.id = r.definition_id
        WHERE r.province_id = $1 AND r.indicator_code = ANY($2) AND r.period_code = ANY($3)
          AND r.definition_version = (SELECT max(version) FROM indicator_definition_version v WHERE v.definition_id = d.id)`,
      [base.provinceId, codes, periods],
    );
    expect({ label, built: n }).toEqual({ label, built: codes.length * periods.length });
    const { rolled, fromFacts } = await bothWays<Record<string, Value[]>>(document(unitId, periods));
    for (const alias of Object.keys(fromFacts)) sameValues(`${label} ${alias}`, rolled[alias], fromFacts[alias]);
  }

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    base = await readBase(owner);
    token = await api.login('so.chuyenvien');
    const { rows } = await owner.query(`SELECT code, (definition->'deadline'->>'days')::int AS days FROM report_template_version WHERE province_id IS NULL AND code = ANY($1)`, [TEMPLATES]);
    for (const r of rows) deadlines[r.code] = r.days;
    PERIODS['GDTX_SEMESTER'] = recent('SEMESTER', 3);
    PERIODS['GDTX_SCHOOL_YEAR'] = recent('SCHOOL_YEAR', 2);
    PERIODS['LANGUAGE_IT_QUARTERLY'] = recent('QUARTER', 3);
    facts = api.app.get(FactService);
    rollups = api.app.get(RollupService);
    ctx = systemContext(base.provinceId, 'consistency suite (rollups)');
    codes = (await gql<{ indicatorDefinitions: { code: string }[] }>(`{ indicatorDefinitions { code } }`)).indicatorDefinitions.map((d) => d.code);
    const started = Date.now();
    await rollups.rebuildProvince(ctx, base.provinceId);
    console.log(`rollups of the demo province rebuilt in ${Date.now() - started} ms`);
  }, 300_000);
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** Periods of the demo's accepted reports, per period type, as runs the queries ask for. */
  async function demoPeriodRuns(): Promise<string[][]> {
    const { rows } = await owner.query(
      `SELECT DISTINCT p.type, p.code, p.start_date FROM submission s JOIN reporting_period p ON p.code = s.period_code
        WHERE s.province_id = $1 AND s.status = 'ACCEPTED' AND s.template_code = ANY($2) ORDER BY p.type, p.start_date`,
      [base.provinceId, TEMPLATES],
    );
    const byType = new Map<string, string[]>();
    for (const r of rows) byType.set(r.type, [...(byType.get(r.type) ?? []), r.code]);
    return [...byType.values()];
  }

  it('the demo data: every servable grouping of every indicator and period with accepted reports equals the facts', async () => {
    const before = nonNull;
    for (const run of await demoPeriodRuns()) await checkAll(`demo ${run[0]}…${run[run.length - 1]}`, null, run);
    expect(nonNull - before).toBeGreaterThan(20);
  }, 300_000);

  it('is served from the rollups (not vacuous): a changed rollup row changes the answer, and a refresh restores it', async () => {
    const [run] = await demoPeriodRuns();
    const period = run[run.length - 1];
    const q = `{ v: indicatorValues(query: { codes: ${lit(codes)}, periodCode: ${lit(period)} }) { code numerator } }`;
    const honest = (await gql<{ v: { code: string; numerator: number }[] }>(q)).v;
    const target = honest.find((v) => v.numerator > 0)!;
    await owner.query(`UPDATE indicator_rollup SET numerator = numerator + 1000 WHERE province_id = $1 AND indicator_code = $2 AND period_code = $3`, [base.provinceId, target.code, period]);
    const tampered = (await gql<{ v: { code: string; numerator: number }[] }>(q)).v.find((v) => v.code === target.code)!;
    expect(tampered.numerator).toBeGreaterThan(target.numerator);
    await api.app.get(TenantDb).run(ctx, (em) => rollups.refreshIn(em, base.provinceId, [period], {}));
    expect((await gql<{ v: { code: string; numerator: number }[] }>(q)).v.find((v) => v.code === target.code)!.numerator).toBe(target.numerator);
  });

  it('the like-for-like figures equal the fact path: the same centres in both periods, their sums in each', async () => {
    const indicators = api.app.get(IndicatorService);
    const so = { ...ctx, scope: 'province' as const, userId: null };
    for (const run of await demoPeriodRuns()) {
      for (const period of run.slice(1)) {
        const previous = run[run.indexOf(period) - 1];
        const lfl = await api.app.get(TenantDb).run(so as TenantContext, async (em) => indicators.likeForLikeFromRollups(em, so as TenantContext, await indicators.definitionsFor(em, so as TenantContext, codes), period));
        expect(lfl).not.toBeNull();
        // The oracle: each centre's value in both periods (CENTRE × PERIOD, always computed from the facts).
        const { v } = await gql<{ v: (Value & { centreId: string })[] }>(
          `{ v: indicatorValues(query: { codes: ${lit(codes)}, periodFrom: ${lit(previous)}, periodTo: ${lit(period)}, groupBy: [CENTRE, PERIOD] }) { ${FIELDS} centreId } }`,
        );
        for (const code of codes) {
          const mine = v.filter((x) => x.code === code && x.centreCount > 0);
          const before = new Map(mine.filter((x) => x.periodCode === previous).map((x) => [x.centreId, x]));
          const both = mine.filter((x) => x.periodCode === period && before.has(x.centreId));
          const sum = (xs: Value[], f: 'numerator' | 'denominator') => xs.reduce((s, x) => s + (x[f] ?? 0), 0);
          const got = lfl!.get(code)!;
          const at = `${code} ${period}`;
          expect({ at, centres: got.centres }).toEqual({ at, centres: both.length });
          expect(close(got.numerator, sum(both, 'numerator'))).toBe(true);
          expect(close(got.previousNumerator, sum(both.map((x) => before.get(x.centreId)!), 'numerator'))).toBe(true);
          if (got.denominator !== null) {
            expect(close(got.denominator, sum(both, 'denominator'))).toBe(true);
            expect(close(got.previousDenominator, sum(both.map((x) => before.get(x.centreId)!), 'denominator'))).toBe(true);
          }
        }
      }
    }
  }, 300_000);

  /** One workflow step written as the workflow writes it (status, version, event); returns true when it applied. */
  async function step(id: string, kind: 'accept' | 'reopen' | 'resubmit', values: Record<string, number>, templateCode: string): Promise<boolean> {
    const { rows } = await owner.query(`SELECT status, version, province_id, centre_id FROM submission WHERE id = $1`, [id]);
    const s = rows[0];
    const transition = { accept: ['SUBMITTED', 'ACCEPTED', 'ACCEPTED'], reopen: ['ACCEPTED', 'RETURNED', 'REOPENED'], resubmit: ['RETURNED', 'SUBMITTED', 'SUBMITTED'] }[kind];
    if (s.status !== transition[0]) return false;
    const keys = new Set(VALUE_KEYS[templateCode]);
    if (kind === 'resubmit') await owner.query(`UPDATE submission SET "values" = $2::jsonb WHERE id = $1`, [id, JSON.stringify(Object.fromEntries(Object.entries(values).filter(([k]) => keys.has(k))))]);
    await owner.query(`UPDATE submission SET status = $2, version = version + 1, accepted_at = CASE WHEN $2 = 'ACCEPTED' THEN now() END WHERE id = $1`, [id, transition[1]]);
    await owner.query(
      `INSERT INTO submission_event (province_id, centre_id, submission_id, action, from_status, to_status, submission_version, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.province_id, s.centre_id, id, transition[2], transition[0], transition[1], s.version + 1, at(today)],
    );
    return true;
  }

  type Op = { kind: 'accept' | 'reopen' | 'resubmit'; pick: number; values: Record<string, number> } | { kind: 'runJob'; pick: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constantFrom<'accept' | 'reopen' | 'resubmit'>('accept', 'reopen', 'resubmit'), pick: fc.nat(), values: fc.dictionary(fc.constantFrom(...VALUE_KEYS['GDTX_SEMESTER'], ...VALUE_KEYS['LANGUAGE_IT_QUARTERLY']), fc.integer({ min: 0, max: 3000 }), { maxKeys: 6 }) }),
    fc.record({ kind: fc.constant<'runJob'>('runJob'), pick: fc.nat() }),
  );

  it('after random accept / reopen / resubmit sequences (jobs in any order), every rollup-served value equals the facts', async () => {
    let cases = 0;
    const arb = fc.tuple(worldArb({ today, deadlines, periodsOf: (t) => PERIODS[t] as never, mostlyAccepted: true, maxCentres: 4 }), fc.array(opArb, { maxLength: 12 }), fc.nat());
    await fc.assert(
      fc.asyncProperty(arb, async ([world, ops, order]) => {
        const w: InsertedWorld = await insertWorld(owner, base, world, today);
        // The world's centres were inserted directly: what their org events' job does (rollups of the periods asked).
        const asked = [...new Set(Object.values(PERIODS).flat().map((p) => p.code))];
        await api.app.get(TenantDb).run(ctx, (em) => rollups.refreshIn(em, base.provinceId, asked, {}));
        const subs = w.centres.flatMap((c) => [...c.submissions.entries()].map(([key, id]) => ({ id, templateCode: key.split('|')[0] })));
        const pending: string[] = subs.map((s) => s.id);
        for (const op of ops) {
          if (!subs.length) break;
          if (op.kind === 'runJob') {
            if (pending.length) await facts.refreshSubmission(ctx, pending.splice(op.pick % pending.length, 1)[0]);
            continue;
          }
          const sub = subs[op.pick % subs.length];
          if ((await step(sub.id, op.kind, op.values, sub.templateCode)) && op.kind !== 'resubmit') pending.push(sub.id);
        }
        while (pending.length) await facts.refreshSubmission(ctx, pending.splice((order + pending.length) % pending.length, 1)[0]);
        for (const t of TEMPLATES) {
          const run = PERIODS[t].map((p) => p.code);
          await checkAll(`case ${cases} ${t} (commune's area)`, w.areaId ?? w.unitId, run);
          await checkAll(`case ${cases} ${t} (commune)`, w.unitId, run);
        }
        cases++;
      }),
      fcParams(),
    );
    expect(cases).toBeGreaterThanOrEqual(Math.min(100, Number(process.env['CONSISTENCY_RUNS'] ?? 100)));
    expect(nonNull).toBeGreaterThan(cases);
    expect(compared).toBeGreaterThan(cases);
  }, 900_000);

  it('RLS: province B neither reads province A’s rollups nor writes them', async () => {
    const { rows: [other] } = await owner.query(`SELECT province_id FROM administrative_unit WHERE level = 'PROVINCE' AND province_id <> $1 LIMIT 1`, [base.provinceId]);
    expect(other).toBeDefined();
    const { rows: [{ n }] } = await owner.query(`SELECT count(*)::int AS n FROM indicator_rollup WHERE province_id = $1`, [base.provinceId]);
    expect(n).toBeGreaterThan(0);
    const db = api.app.get(TenantDb);
    const asB = systemContext(other.province_id, 'rls test: province B');
    const soB = { ...asB, scope: 'province' as const } as TenantContext;
    const soA = { ...ctx, scope: 'province' as const } as TenantContext;
    const count = (c: TenantContext) => db.run(c, async (em) => (await em.query(`SELECT count(*)::int AS n FROM indicator_rollup WHERE province_id = $1`, [base.provinceId]))[0].n);
    const periods = (c: TenantContext) => db.run(c, async (em) => (await em.query(`SELECT count(*)::int AS n FROM indicator_rollup_period WHERE province_id = $1`, [base.provinceId]))[0].n);
    // A's Sở reads its rows; B (its Sở, or a job of B) reads none of them.
    expect(await count(soA)).toBe(n);
    expect(await count(soB)).toBe(0);
    expect(await count(asB)).toBe(0);
    expect(await periods(soB)).toBe(0);
    // B's job cannot write a row of A, nor change or delete A's rows; A's Sở (not a job) cannot write its own either.
    const insert = `INSERT INTO indicator_rollup (province_id, indicator_code, definition_version, period_code, period_type, year, unit_path, centre_type, report_rows, numerator, reporting_centres, expected_centres)
                    VALUES ($1, 'X', 1, '2024-2025', 'SCHOOL_YEAR', 2025, $2, 'GDNN_GDTX', 1, 1, 1, 1)`;
    await expect(db.run(asB, (em) => em.query(insert, [base.provinceId, base.provincePath]))).rejects.toThrow(/row-level security/);
    await expect(db.run(soA, (em) => em.query(insert, [base.provinceId, base.provincePath]))).rejects.toThrow(/row-level security/);
    const changed = await db.run(asB, async (em) => {
      const u = await em.query(`UPDATE indicator_rollup SET numerator = 0 WHERE province_id = $1`, [base.provinceId]);
      const d = await em.query(`DELETE FROM indicator_rollup_period WHERE province_id = $1`, [base.provinceId]);
      return [u[1], d[1]];
    });
    expect(changed).toEqual([0, 0]);
    expect(await count(soA)).toBe(n);
  });
});
