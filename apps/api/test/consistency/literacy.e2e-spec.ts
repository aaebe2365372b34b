import fc from 'fast-check';
import { Client } from 'pg';
import { demoReform2025Plan } from '../../src/seed/seed-reform';
import { bootApi, TestApi } from '../harness';
import { fcParams, readBase } from './world';
import type { Base } from './world';

// Issue 11, Must show (d): literacy "as of" totals on the old units (the structure of 2025-06-30, before the
// reform of 1 Jul 2025) equal those on today's units and the oracle's sum of the accepted XMC reports, for every
// literacy year — with random figures in random communes' reports — before and after the reorganisation is
// applied through the API (when the demo is still the pre-reform world; a demo already seeded reorganised has it
// recorded, and the second property then runs on that).
describe('consistency (d): literacy as of the old units = today\'s units = the reports', () => {
  let api: TestApi;
  let owner: Client;
  let base: Base;
  let token: string;
  const OLD = '2025-06-30';
  const BANDS = ['15_25', '15_35', '15_60'] as const;
  let reports: { id: string; periodCode: string; values: Record<string, unknown> }[] = [];
  let years: number[] = [];

  interface Band { band: string; population: number; literateL1: number; literateL2: number }
  interface Status { asOf: string; rates: Band[]; unmappedData: { unitId: string | null; reason: string }[] }
  const STATUS = `query($u: ID!, $y: Int!, $a: Date) { literacyStatus(unitId: $u, year: $y, asOf: $a) {
    asOf rates { band population literateL1 literateL2 } unmappedData { unitId reason } } }`;

  async function status(year: number, asOf: string | null): Promise<Status> {
    const r = await api.gql<{ literacyStatus: Status }>(STATUS, { u: base.provinceUnitId, y: year, a: asOf }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.literacyStatus;
  }

  /** The oracle: the accepted reports of the year, summed band by band from the stored values (read back raw). */
  async function oracle(year: number): Promise<Band[]> {
    const { rows } = await owner.query(
      `SELECT "values" FROM submission WHERE province_id = $1 AND template_code = 'XMC_COMMUNE_YEARLY' AND period_code = $2 AND status = 'ACCEPTED'`,
      [base.provinceId, `XMC-${year - 1}-${year}`],
    );
    return BANDS.map((band) => {
      const sum = (m: string) => rows.reduce((s, r) => s + ((r.values[`population.${band}.${m}`] as number | undefined) ?? 0), 0);
      return { band, population: sum('total'), literateL1: sum('literate_l1'), literateL2: sum('literate_l2') };
    });
  }

  const totals = (s: Status) => BANDS.map((band) => {
    const b = s.rates.find((r) => r.band === band);
    return { band, population: b?.population ?? 0, literateL1: b?.literateL1 ?? 0, literateL2: b?.literateL2 ?? 0 };
  });

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    base = await readBase(owner);
    token = await api.login('so.chuyenvien');
    const { rows } = await owner.query(
      `SELECT id, period_code AS "periodCode", "values" FROM submission WHERE province_id = $1 AND template_code = 'XMC_COMMUNE_YEARLY' AND status = 'ACCEPTED' ORDER BY period_code, id`,
      [base.provinceId],
    );
    reports = rows;
    years = [...new Set(rows.map((r) => Number(r.periodCode.slice(-4))))].sort();
    expect(years.length).toBeGreaterThanOrEqual(3);
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** Consistent random figures for one report: bands nested (15–25 ⊆ 15–35 ⊆ 15–60), level 2 ⊆ level 1 ⊆ population. */
  const figuresArb = fc.tuple(...Array.from({ length: 9 }, () => fc.integer({ min: 0, max: 4000 })), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(
    ([a, b, c, l1a, l1b, l1c, l2a, l2b, l2c, f1, f2]) => {
      const pop = [a, a + b, a + b + c];
      const inc1 = [Math.min(l1a, a), Math.min(l1b, b), Math.min(l1c, c)];
      const lit1 = [inc1[0], inc1[0] + inc1[1], inc1[0] + inc1[1] + inc1[2]];
      const inc2 = [Math.min(l2a, inc1[0]), Math.min(l2b, inc1[1]), Math.min(l2c, inc1[2])];
      const lit2 = [inc2[0], inc2[0] + inc2[1], inc2[0] + inc2[1] + inc2[2]];
      const out: Record<string, number> = {};
      BANDS.forEach((band, i) => {
        out[`population.${band}.total`] = pop[i];
        out[`population.${band}.literate_l1`] = lit1[i];
        out[`population.${band}.literate_l2`] = lit2[i];
        out[`population.${band}.female`] = Math.floor(pop[i] * f1);
        out[`population.${band}.dtts`] = Math.floor(pop[i] * f2);
      });
      out['illiterate_15_60'] = pop[2] - lit1[2];
      out['disabled_exempt_15_60'] = Math.floor((pop[2] - lit1[2]) / 10);
      return out;
    },
  );

  const caseArb = () => fc.record({
    changes: fc.array(fc.record({ pick: fc.nat(), figures: figuresArb }), { minLength: 1, maxLength: 4 }),
    yearPick: fc.nat(),
  });

  async function checkCase({ changes, yearPick }: { changes: { pick: number; figures: Record<string, number> }[]; yearPick: number }): Promise<void> {
    const touched = new Set<number>();
    for (const c of changes) {
      const r = reports[c.pick % reports.length];
      touched.add(Number(r.periodCode.slice(-4)));
      await owner.query(`UPDATE submission SET "values" = "values" || $2::jsonb WHERE id = $1`, [r.id, JSON.stringify(c.figures)]);
    }
    // The years whose reports changed, and one more at random: every year gets checked across the run.
    for (const year of new Set([...touched, years[yearPick % years.length]])) {
      const want = await oracle(year);
      const old = await status(year, OLD);
      const now = await status(year, null);
      expect({ year, asOf: 'old units', unmapped: old.unmappedData, totals: totals(old) }).toEqual({ year, asOf: 'old units', unmapped: [], totals: want });
      expect({ year, asOf: 'today', unmapped: now.unmappedData, totals: totals(now) }).toEqual({ year, asOf: 'today', unmapped: [], totals: want });
    }
  }

  it('before the reorganisation is applied: as of 2025-06-30 = today = the reports, every year', async () => {
    await fc.assert(fc.asyncProperty(caseArb(), checkCase), fcParams());
  }, 600_000);

  it('after the reorganisation is applied through the API: the same, and the past reads as it did', async () => {
    const asWas = new Map<number, Status>();
    for (const y of years) asWas.set(y, await status(y, OLD));
    const { rows: districts } = await owner.query(
      `SELECT count(*)::int AS n FROM administrative_unit WHERE province_id = $1 AND level = 'DISTRICT' AND (valid_to IS NULL OR valid_to >= current_date)`,
      [base.provinceId],
    );
    if (districts[0].n > 0) {
      const { rows: units } = await owner.query(`SELECT name, id FROM administrative_unit WHERE province_id = $1 ORDER BY valid_from`, [base.provinceId]);
      const unit = Object.fromEntries(units.map((u) => [u.name, u.id]));
      const r = await api.gql(`mutation($i: ApplyReorganisationInput!) { applyReorganisation(input: $i) { districtsDissolved } }`, { i: demoReform2025Plan((name: string) => unit[name]) }, await api.login('so.quantri'));
      expect(r.errors).toBeUndefined();
    }
    for (const y of years) expect(await status(y, OLD)).toEqual(asWas.get(y));
    await fc.assert(fc.asyncProperty(caseArb(), checkCase), fcParams());
  }, 600_000);
});
