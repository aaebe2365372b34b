import { Client } from 'pg';
import { demoReform2025Plan } from '../src/seed/seed-reform';
import { bootApi, TestApi } from './harness';

// Issue 11, defect 8 (history that stays true): literacy totals of the literacy years 2024-25 and 2025-26 asked
// "as of 2025-06-30" on the old units equal those on today's units and the sum of the accepted reports, before
// and after the 2025 reform is applied; a commune whose figures were reported jointly by the commune it merged
// into says so; applying the reorganisation changes no answer about the past.
describe('literacy as of an old structure (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const unit: Record<string, string> = {};
  let specialist: string;
  const OLD = '2025-06-30';
  const YEARS = [2025, 2026];

  interface Band { band: string; population: number; literateL1: number; literateL2: number }
  interface Status {
    asOf: string; unitLevel: string; level: number; reasons: string[]; communes: number; communesWithData: number; reports: number;
    rates: Band[];
    indicators: Record<string, number | null>;
    children: { name: string; level: number; hasData: boolean; reasons: string[] }[];
    unmappedData: { unitId: string | null; reason: string }[];
  }
  const STATUS = `query($u: ID!, $y: Int!, $a: Date) { literacyStatus(unitId: $u, year: $y, asOf: $a) {
    asOf unitLevel level reasons communes communesWithData reports
    rates { band population literateL1 literateL2 }
    indicators { belowL1 belowL2 illiterate15to60 learnersPhase1 learnersPhase2 newlyLiterate mobilisationRatePct completionPct dttsPopulationSharePct }
    children { name level hasData reasons }
    unmappedData { unitId reason } } }`;
  async function status(unitId: string, year: number, asOf?: string): Promise<Status> {
    const r = await api.gql<{ literacyStatus: Status }>(STATUS, { u: unitId, y: year, a: asOf ?? null }, specialist);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.literacyStatus;
  }
  /** The reference: the accepted XMC reports of the province for the year, summed straight from the stored values. */
  async function reported(year: number): Promise<Band[]> {
    const { rows } = await owner.query(
      `SELECT b.band, sum((s."values"->>('population.' || b.band || '.total'))::int)::int AS population,
              sum((s."values"->>('population.' || b.band || '.literate_l1'))::int)::int AS "literateL1",
              sum((s."values"->>('population.' || b.band || '.literate_l2'))::int)::int AS "literateL2"
       FROM submission s JOIN centre c ON c.id = s.centre_id JOIN administrative_unit p ON p.id = c.province_id
       CROSS JOIN (VALUES ('15_25'), ('15_35'), ('15_60')) AS b(band)
       WHERE p.code = 'TH' AND s.template_code = 'XMC_COMMUNE_YEARLY' AND s.period_code = $1 AND s.status = 'ACCEPTED'
       GROUP BY b.band ORDER BY b.band`,
      [`XMC-${year - 1}-${year}`],
    );
    return rows;
  }
  /** Everything but the verdicts (level, reasons). */
  const figures = ({ level: _l, reasons: _r, children, ...s }: Status) => ({ ...s, children: children.map(({ level: _cl, reasons: _cr, ...c }) => c) });
  const totals = (s: Status) => s.rates.map(({ band, population, literateL1, literateL2 }) => ({ band, population, literateL1, literateL2 }));

  beforeAll(async () => {
    // The pre-reform world: this suite applies the 2025 reform itself, through the applyReorganisation mutation
    // (the default demo is today's province, with that reform already recorded; issue 12, ADR 0012).
    api = await bootApi({}, { world: 'pre-reform' });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query(
      `SELECT u.name, u.id FROM administrative_unit u JOIN administrative_unit p ON p.id = u.province_id WHERE p.code = 'TH' ORDER BY u.valid_from`,
    );
    for (const r of rows) unit[r.name] = r.id;
    specialist = await api.login('so.chuyenvien');
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it.each(YEARS)('year %i: the province as of 2025-06-30, today and the reports agree (before the reform is applied)', async (year) => {
    const expected = await reported(year);
    expect(expected.find((b) => b.band === '15_60')!.population).toBeGreaterThan(100_000);
    const old = await status(unit['Tỉnh Thanh Hóa'], year, OLD);
    const now = await status(unit['Tỉnh Thanh Hóa'], year);
    expect(old.asOf).toBe(OLD);
    expect(old.unmappedData).toEqual([]);
    expect(now.unmappedData).toEqual([]);
    expect(totals(old)).toEqual(expected);
    expect(totals(now)).toEqual(expected);
    expect(old.indicators).toEqual(now.indicators);
  });

  it('a commune merged on 1 Jul 2025 says why it has no figure of its own; its district counts the joint report', async () => {
    for (const year of YEARS) {
      for (const name of ['Xã Hoằng Châu', 'Xã Hoằng Phụ']) {
        const s = await status(unit[name], year, OLD);
        expect(s.communesWithData).toBe(0);
        expect(s.reasons.join(' ')).toMatch(/Xã Hoằng Tiến.*không tách được/);
        expect(s.reasons.join(' ')).not.toContain('Chưa có số liệu');
      }
      const district = await status(unit['Huyện Hoằng Hóa'], year, OLD);
      const merged = await status(unit['Xã Hoằng Tiến'], year);
      const parts = await Promise.all(['Thị trấn Bút Sơn', 'Xã Hoằng Đạo', 'Xã Hoằng Trường'].map((n) => status(unit[n], year, OLD)));
      const pop = (s: Status) => s.rates.find((b) => b.band === '15_60')!.population;
      expect(pop(district)).toBe(pop(merged) + parts.reduce((n, p) => n + pop(p), 0));
      const child = district.children.find((c) => c.name === 'Xã Hoằng Châu')!;
      expect(child.reasons.join(' ')).toMatch(/không tách được/);
    }
  });

  it('after the 2025 reform is applied the past reads the same and today\'s units still agree', async () => {
    const names = ['Xã Xuân Tín', 'Xã Thọ Lập', 'Xã Lũng Niêm', 'Xã Thành Sơn', 'Xã Nam Giang', 'Xã Hoằng Châu', 'Huyện Thọ Xuân', 'Tỉnh Thanh Hóa'];
    const asWas = new Map<string, Status>();
    for (const year of YEARS) for (const name of names) asWas.set(`${year}:${name}`, await status(unit[name], year, OLD));
    const admin = await api.login('so.quantri');
    const r = await api.gql(
      `mutation($i: ApplyReorganisationInput!) { applyReorganisation(input: $i) { districtsDissolved } }`,
      { i: demoReform2025Plan((name) => unit[name]) }, admin,
    );
    expect(r.errors).toBeUndefined();
    for (const year of YEARS) {
      const expected = await reported(year);
      // The figures read the same. The verdicts of these years (ending 30 Sep 2025 and 2026, after the reform took
      // effect) are now judged on the communes recorded for their end date (issue 12 item 3): Xuân Tín's is Xuân Lập's.
      for (const name of names) expect(figures(await status(unit[name], year, OLD))).toEqual(figures(asWas.get(`${year}:${name}`)!));
      const tin = await status(unit['Xã Xuân Tín'], year, OLD);
      expect(tin.reasons[0]).toContain(`kết quả theo đơn vị có hiệu lực ngày 30/09/${year} (Xã Xuân Lập:`);
      expect((await status(unit['Tỉnh Thanh Hóa'], year, OLD)).level).toBe((await status(unit['Tỉnh Thanh Hóa'], year)).level);
      const old = asWas.get(`${year}:Tỉnh Thanh Hóa`)!;
      expect(totals(old)).toEqual(expected);
      const now = await status(unit['Tỉnh Thanh Hóa'], year);
      expect(now.unmappedData).toEqual([]);
      expect(totals(now)).toEqual(expected);
      expect(now.indicators).toEqual(old.indicators);
      // The communes the reform merged keep their own figures as they were.
      for (const name of ['Xã Xuân Tín', 'Xã Thọ Lập', 'Xã Lũng Niêm', 'Xã Thành Sơn']) {
        const s = await status(unit[name], year, OLD);
        expect(s.communesWithData).toBe(1);
        expect(s.reports).toBe(1);
      }
    }
  });
});
