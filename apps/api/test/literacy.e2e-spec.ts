import { Client } from 'pg';
import { demoReform2025Plan } from '../src/seed/seed-reform';
import { bootApi, errorCode, TestApi } from './harness';

// Issue 5 (literacy part): recognition of communes, districts and the province from the seeded XMC reports,
// scope, learning-society progress, versioned parameters, and the 2025 reform applied to the cloned database.
describe('literacy (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  /** Unit ids by name (every version of every unit of Thanh Hóa; names are unique in the demo before the reform). */
  const unit: Record<string, string> = {};
  let specialist: string;

  interface Criterion { level: number; met: boolean; thresholdPct: number; valuePct: number | null; band: string | null; basis: string | null; numerator: number | null; denominator: number | null }
  interface Band { band: string; population: number; literateL1: number; literateL2: number; rateL1Pct: number | null; communes: number }
  interface Status {
    unitName: string; unitLevel: string; asOf: string; paramsVersion: string; aggregationTier: string; level: number; dbkk: boolean; dbkkSource: string | null;
    reasons: string[]; criteria: Criterion[]; rates: Band[]; communes: number; communesWithData: number; reports: number; computedAt: string;
    children: { name: string; unitLevel: string; level: number; hasData: boolean; dbkk: boolean }[];
    indicators: { belowL1: number; belowL2: number; illiterate15to60: number | null; learnersPhase1: number; learnersPhase2: number; mobilisationRatePct: number | null; completionPct: number | null; dttsPopulationSharePct: number | null };
    unmappedData: { reason: string }[];
  }
  const STATUS = `query($u: ID!, $y: Int!, $a: Date) { literacyStatus(unitId: $u, year: $y, asOf: $a) {
    unitName unitLevel asOf paramsVersion aggregationTier level dbkk dbkkSource reasons communes communesWithData reports computedAt
    criteria { level met thresholdPct valuePct band basis numerator denominator }
    rates { band population literateL1 literateL2 rateL1Pct communes }
    children { name unitLevel level hasData dbkk }
    indicators { belowL1 belowL2 illiterate15to60 learnersPhase1 learnersPhase2 mobilisationRatePct completionPct dttsPopulationSharePct }
    unmappedData { reason } } }`;

  async function status(token: string, unitId: string, year: number, asOf?: string): Promise<Status> {
    const r = await api.gql<{ literacyStatus: Status }>(STATUS, { u: unitId, y: year, a: asOf ?? null }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.literacyStatus;
  }

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

  describe('communes', () => {
    it('89.9% aged 15–35 at level 1 fails by a hair, with the reason in Vietnamese', async () => {
      const s = await status(specialist, unit['Xã Nam Giang'], 2024);
      expect(s.level).toBe(0);
      expect(s.unitLevel).toBe('COMMUNE');
      expect(s.reasons[0]).toBe('Xã chưa đạt chuẩn xóa mù chữ');
      expect(s.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-35 đạt 89,9%, chưa đạt 90%');
      expect(s.criteria[0]).toMatchObject({ level: 1, met: false, band: '15_35', basis: 'STANDARD', numerator: 3596, denominator: 4000, thresholdPct: 90 });
      expect(s.criteria[0].valuePct).toBeCloseTo(89.9, 6);
      expect(s.dbkk).toBe(false);
      expect(new Date(s.computedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      // Derived indicators of the seeded report: 8,000 aged 15–60, 7,040 at L1, 6,880 at L2.
      expect(s.indicators).toMatchObject({ belowL1: 960, belowL2: 1120, illiterate15to60: 960, learnersPhase1: 38, learnersPhase2: 23 });
      expect(s.indicators.mobilisationRatePct).toBeCloseTo((61 / 960) * 100, 6);
      expect(s.indicators.completionPct).toBeCloseTo((Math.round(61 * 0.8) / 61) * 100, 6);
    });

    it('a ĐBKK commune passes level 1 only on its alternative band (15–25), by the ĐBKK registry', async () => {
      const s = await status(specialist, unit['Xã Lũng Niêm'], 2024);
      expect(s.dbkk).toBe(true);
      expect(s.dbkkSource).toBe('REGISTRY');
      expect(s.level).toBe(1);
      expect(s.criteria[0]).toMatchObject({ level: 1, met: true, band: '15_25', basis: 'DBKK_ALTERNATIVE' });
      expect(s.criteria[1]).toMatchObject({ level: 2, met: false, band: '15_35', basis: 'DBKK_ALTERNATIVE' });
      expect(s.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-25 (xã đặc biệt khó khăn) đạt 93%, đạt ngưỡng 90%'.replace('93%', '93,0%'));
      // On the standard band (85% aged 15–35) it would have failed.
      expect(s.rates.find((b) => b.band === '15_35')!.rateL1Pct).toBeCloseTo(85, 6);
      const l2 = await status(specialist, unit['Xã Thành Sơn'], 2024);
      expect(l2.level).toBe(2);
      expect(l2.criteria[1]).toMatchObject({ met: true, band: '15_35', basis: 'DBKK_ALTERNATIVE' });
    });
  });

  describe('districts and the province as they were (NĐ 20/2014, districts)', () => {
    const BEFORE = '2025-06-30';

    it('Thọ Xuân has 4 of 5 communes at level 1 (80%) and is not recognised', async () => {
      const s = await status(specialist, unit['Huyện Thọ Xuân'], 2024, BEFORE);
      expect(s.paramsVersion).toBe('ND20_2014');
      expect(s.level).toBe(0);
      expect(s.reasons[0]).toBe('Huyện chưa đạt chuẩn xóa mù chữ');
      expect(s.reasons).toContain('Có 4/5 xã đạt chuẩn xóa mù chữ mức độ 1 (80,0%), chưa đạt 90%');
      expect(s.criteria[0]).toMatchObject({ numerator: 4, denominator: 5, met: false });
      expect(s.children.map((c) => [c.name, c.level])).toEqual(
        expect.arrayContaining([['Xã Nam Giang', 0], ['Xã Xuân Hòa', 2], ['Thị trấn Thọ Xuân', 2]]),
      );
      expect(s.communes).toBe(5);
      expect(s.communesWithData).toBe(5);
    });

    it('Bá Thước (mountain, ĐBKK communes) reaches level 1: all 4 at level 1, 2 of 4 at level 2', async () => {
      const s = await status(specialist, unit['Huyện Bá Thước'], 2024, BEFORE);
      expect(s.level).toBe(1);
      expect(s.criteria.map((c) => [c.numerator, c.denominator, c.met])).toEqual([[4, 4, true], [2, 4, false]]);
      expect(s.children.filter((c) => c.dbkk).map((c) => c.name).sort()).toEqual(['Xã Lũng Niêm', 'Xã Lương Nội', 'Xã Thành Sơn']);
    });

    it('the province has 4 of 5 districts at level 1 and is not recognised; 100% of districts would be needed at level 2', async () => {
      const s = await status(specialist, unit['Tỉnh Thanh Hóa'], 2024, BEFORE);
      expect(s).toMatchObject({ unitLevel: 'PROVINCE', aggregationTier: 'DISTRICT', level: 0, communes: 22, communesWithData: 22 });
      expect(s.criteria.map((c) => [c.numerator, c.denominator, c.thresholdPct])).toEqual([[4, 5, 90], [2, 5, 100]]);
      expect(s.children.map((c) => [c.name, c.level]).sort()).toEqual([
        ['Huyện Bá Thước', 1], ['Huyện Hoằng Hóa', 2], ['Huyện Thọ Xuân', 0], ['Thành phố Thanh Hóa', 2], ['Thị xã Nghi Sơn', 1],
      ].sort());
    });

    it('each child carries its own criteria and band rates, equal to its own literacyStatus (one request for the drill-down table)', async () => {
      const CHILDREN = `query($u: ID!, $y: Int!, $a: Date) { literacyStatus(unitId: $u, year: $y, asOf: $a) {
        children { unitId name level reasons reasonsEn communes communesWithData
          criteria { level met thresholdPct valuePct band basis numerator denominator }
          rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes } } } }`;
      type Child = { unitId: string; name: string; level: number; reasons: string[]; reasonsEn: string[]; communes: number; communesWithData: number; criteria: Criterion[]; rates: Band[] };
      for (const parent of ['Tỉnh Thanh Hóa', 'Huyện Thọ Xuân']) {
        const r = await api.gql<{ literacyStatus: { children: Child[] } }>(CHILDREN, { u: unit[parent], y: 2024, a: BEFORE }, specialist);
        expect(r.errors).toBeUndefined();
        const children = r.data!.literacyStatus.children;
        expect(children.length).toBe(5);
        for (const child of children) {
          const own = await api.gql<{ literacyStatus: Status & { reasonsEn: string[]; rates: Band[] } }>(
            `query($u: ID!, $y: Int!, $a: Date) { literacyStatus(unitId: $u, year: $y, asOf: $a) { level reasons reasonsEn communes communesWithData
              criteria { level met thresholdPct valuePct band basis numerator denominator }
              rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes } } }`,
            { u: child.unitId, y: 2024, a: BEFORE }, specialist,
          );
          expect(own.errors).toBeUndefined();
          const s = own.data!.literacyStatus;
          expect({ level: child.level, reasons: child.reasons, reasonsEn: child.reasonsEn, criteria: child.criteria, rates: child.rates, communes: child.communes, communesWithData: child.communesWithData })
            .toEqual({ level: s.level, reasons: s.reasons, reasonsEn: s.reasonsEn, criteria: s.criteria, rates: s.rates, communes: s.communes, communesWithData: s.communesWithData });
        }
      }
      const nam = (await api.gql<{ literacyStatus: { children: Child[] } }>(CHILDREN, { u: unit['Huyện Thọ Xuân'], y: 2024, a: BEFORE }, specialist))
        .data!.literacyStatus.children.find((c) => c.name === 'Xã Nam Giang')!;
      expect(nam.criteria[0]).toMatchObject({ numerator: 3596, denominator: 4000, met: false });
      expect(nam.rates.find((b) => b.band === '15_35')).toMatchObject({ population: 4000, literateL1: 3596, communes: 1 });
    });

    it("on today's units (Hoằng Tiến for Hoằng Châu + Hoằng Phụ) the totals agree and the verdict is the same", async () => {
      const before = await status(specialist, unit['Tỉnh Thanh Hóa'], 2024, BEFORE);
      const today = await status(specialist, unit['Tỉnh Thanh Hóa'], 2024);
      // 2023-24 ends on 30 Sep 2024: judged under the district rule on the districts of that day, whatever asOf says.
      expect(today.paramsVersion).toBe('ND20_2014');
      expect(today.aggregationTier).toBe('DISTRICT');
      expect(today.communes).toBe(21);
      expect(today.communesWithData).toBe(21);
      expect(today.criteria).toEqual(before.criteria);
      expect(today.criteria.map((c) => [c.numerator, c.denominator])).toEqual([[4, 5], [2, 5]]);
      expect([today.level, today.reasons]).toEqual([before.level, before.reasons]);
      expect(today.level).toBe(0);
      // Only the grouping differs (Hoằng Tiến, merged after 30 Sep 2024, for Hoằng Châu + Hoằng Phụ).
      expect(today.rates).toEqual(before.rates.map((b) => ({ ...b, communes: b.communes - 1 })));
      expect(today.indicators).toEqual(before.indicators);
      const merged = await status(specialist, unit['Xã Hoằng Tiến'], 2024);
      const parts = await Promise.all(['Xã Hoằng Châu', 'Xã Hoằng Phụ'].map((n) => status(specialist, unit[n], 2024, BEFORE)));
      expect(merged.rates[2].population).toBe(parts[0].rates[2].population + parts[1].rates[2].population);
      expect(merged.reports).toBe(2);
      // Hoằng Tiến did not exist on 30 Sep 2024: it shows the verdicts of the two communes judged then (the lower one).
      expect(merged.paramsVersion).toBe('ND20_2014');
      expect(merged.level).toBe(Math.min(parts[0].level, parts[1].level));
      expect(merged.reasons[0]).toContain('không phải đơn vị được xét công nhận năm XMC 2023-2024');
    });
  });

  describe('scope', () => {
    it('a supervisor sees their district (same figures as the Sở) and nothing outside it', async () => {
      const token = await api.login('phong.thoxuan');
      const own = await status(token, unit['Huyện Thọ Xuân'], 2024, '2025-06-30');
      const so = await status(specialist, unit['Huyện Thọ Xuân'], 2024, '2025-06-30');
      expect({ ...own, computedAt: null }).toEqual({ ...so, computedAt: null });
      for (const other of ['Tỉnh Thanh Hóa', 'Huyện Bá Thước', 'Xã Lũng Niêm']) {
        const r = await api.gql(STATUS, { u: unit[other], y: 2024 }, token);
        expect(errorCode(r)).toBe('FORBIDDEN');
        expect(r.data).toBeNull();
      }
    });

    it('a TTHTCĐ director sees only their own commune', async () => {
      const admin = await api.login('so.quantri');
      const { rows: [centre] } = await owner.query(`SELECT id FROM centre WHERE type = 'TTHTCD' AND admin_unit_id = $1`, [unit['Xã Nam Giang']]);
      const created = await api.gql(
        `mutation($c: ID!) { createUser(input: { username: "gd.tthtcd.namgiang", password: "MatKhau@2026", fullName: "Giám đốc TTHTCĐ Nam Giang", role: CENTRE_DIRECTOR, centreId: $c }) { id } }`,
        { c: centre.id }, admin,
      );
      expect(created.errors).toBeUndefined();
      const token = await api.login('gd.tthtcd.namgiang', 'MatKhau@2026');
      const own = await status(token, unit['Xã Nam Giang'], 2024);
      expect(own.level).toBe(0);
      expect(own.criteria[0].numerator).toBe(3596);
      for (const other of ['Huyện Thọ Xuân', 'Xã Xuân Hòa']) expect(errorCode(await api.gql(STATUS, { u: unit[other], y: 2024 }, token))).toBe('FORBIDDEN');
    });

    it('another province sees nothing of Thanh Hóa; its own province has no literacy data', async () => {
      const token = await api.login('bn.quantri');
      const r = await api.gql(STATUS, { u: unit['Tỉnh Thanh Hóa'], y: 2024 }, token);
      expect(errorCode(r)).toBe('NOT_FOUND');
      const { rows: [bn] } = await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'BN'`);
      const own = await status(token, bn.id, 2024);
      expect(own.communesWithData).toBe(0);
      expect(own.level).toBe(0);
      // 2023-24 is judged on the district rule (Bắc Ninh's one district of 30 Sep 2024).
      expect(own.reasons).toContain('Có 0/1 huyện đạt chuẩn xóa mù chữ mức độ 1 (0,0%), chưa đạt 90%');
    });

    it('bad input: a malformed id, an impossible year, a date on which the unit did not exist', async () => {
      expect(errorCode(await api.gql(STATUS, { u: 'x', y: 2024 }, specialist))).toBe('BAD_USER_INPUT');
      expect(errorCode(await api.gql(STATUS, { u: unit['Xã Nam Giang'], y: 1800 }, specialist))).toBe('BAD_USER_INPUT');
      const r = await api.gql(STATUS, { u: unit['Xã Hoằng Tiến'], y: 2024, a: '2025-06-30' }, specialist);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toMatch(/không có hiệu lực/);
    });
  });

  describe('learning society', () => {
    const LSP = `query($u: ID!, $y: Int!) { learningSocietyProgress(unitId: $u, year: $y) {
      reportingCentres periodCodes indicators { code model recognised eligible ratePct targetPct targetYear gapPct status } } }`;
    type Lsp = { reportingCentres: number; periodCodes: string[]; indicators: { code: string; model: string | null; recognised: number; eligible: number; ratePct: number | null; targetPct: number | null; targetYear: number | null; gapPct: number | null; status: string }[] };

    /** The reference computation, straight from the accepted TTHTCĐ reports (latest semester of 2025-2026 per centre). */
    async function expectedFamilies(districtCode: string | null): Promise<{ recognised: number; eligible: number; centres: number }> {
      const { rows: [r] } = await owner.query(
        `WITH latest AS (
           SELECT DISTINCT ON (s.centre_id) s."values" FROM submission s
           JOIN centre c ON c.id = s.centre_id JOIN administrative_unit u ON u.id = c.admin_unit_id
           LEFT JOIN administrative_unit d ON d.id = u.parent_id
           WHERE s.template_code = 'TTHTCD_SEMESTER' AND s.status = 'ACCEPTED' AND s.period_code IN ('2025-2026-S1', '2025-2026-S2')
             AND c.province_id = (SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH')
             AND ($1::text IS NULL OR d.code = $1)
           ORDER BY s.centre_id, s.period_code DESC)
         SELECT coalesce(sum(("values"->>'learning_models.learning_families.recognised')::int), 0)::int AS recognised,
                coalesce(sum(("values"->>'learning_models.learning_families.eligible')::int), 0)::int AS eligible, count(*)::int AS centres FROM latest`,
        [districtCode],
      );
      return r;
    }

    it('learning families of the province against the QĐ 387 target match the reports; a new provincial target changes the gap', async () => {
      const expected = await expectedFamilies(null);
      expect(expected.centres).toBeGreaterThan(10);
      const r = await api.gql<{ learningSocietyProgress: Lsp }>(LSP, { u: unit['Tỉnh Thanh Hóa'], y: 2026 }, specialist);
      expect(r.errors).toBeUndefined();
      const p = r.data!.learningSocietyProgress;
      expect(p.reportingCentres).toBe(expected.centres);
      const families = p.indicators.find((i) => i.code === 'LEARNING_FAMILY')!;
      expect(families).toMatchObject({ model: 'learning_families', recognised: expected.recognised, eligible: expected.eligible, targetPct: 70, targetYear: 2025 });
      const rate = (expected.recognised / expected.eligible) * 100;
      expect(families.ratePct).toBeCloseTo(rate, 9);
      expect(families.status).toBe(rate >= 70 ? 'MET' : rate >= 60 ? 'ON_TRACK' : 'BEHIND');

      const set = await api.gql(`mutation { setLearningSocietyTarget(input: { code: "LEARNING_FAMILY", year: 2026, targetPct: 90 }) { code year targetPct source } }`, {}, specialist);
      expect(set.errors).toBeUndefined();
      const after = (await api.gql<{ learningSocietyProgress: Lsp }>(LSP, { u: unit['Tỉnh Thanh Hóa'], y: 2026 }, specialist)).data!.learningSocietyProgress;
      const f2 = after.indicators.find((i) => i.code === 'LEARNING_FAMILY')!;
      expect(f2).toMatchObject({ targetPct: 90, targetYear: 2026, status: rate >= 90 ? 'MET' : rate >= 80 ? 'ON_TRACK' : 'BEHIND' });
      expect(f2.gapPct).toBeCloseTo(Math.max(0, 90 - rate), 5);
      const forbidden = await api.gql(`mutation { setLearningSocietyTarget(input: { code: "LEARNING_FAMILY", year: 2026, targetPct: 10 }) { code } }`, {}, await api.login('phong.thoxuan'));
      expect(errorCode(forbidden)).toBe('FORBIDDEN');
    });

    it("a supervisor's progress covers only their district", async () => {
      const expected = await expectedFamilies('TH-TX');
      const token = await api.login('phong.thoxuan');
      const r = await api.gql<{ learningSocietyProgress: Lsp }>(LSP, { u: unit['Huyện Thọ Xuân'], y: 2026 }, token);
      expect(r.errors).toBeUndefined();
      const families = r.data!.learningSocietyProgress.indicators.find((i) => i.code === 'LEARNING_FAMILY')!;
      expect([families.recognised, families.eligible]).toEqual([expected.recognised, expected.eligible]);
      expect(r.data!.learningSocietyProgress.reportingCentres).toBe(expected.centres);
    });
  });

  describe('template v2: ethnic-minority learners and completion per phase', () => {
    it('are null while a v1 report contributes, and computed from v2 reports', async () => {
      const commune = unit['Xã Nam Giang'];
      const { rows } = await owner.query(
        `SELECT s.id, (s."values"->>'xmc_learners_phase1')::int AS p1, (s."values"->>'xmc_learners_phase2')::int AS p2
         FROM submission s JOIN centre c ON c.id = s.centre_id
         WHERE c.admin_unit_id = $1 AND s.template_code = 'XMC_COMMUNE_YEARLY' AND s.period_code = 'XMC-2023-2024' AND s.status = 'ACCEPTED'`,
        [commune],
      );
      expect(rows).toHaveLength(1);
      const IND = `query($u: ID!, $y: Int!) { literacyStatus(unitId: $u, year: $y) { indicators { completionPhase1Pct completionPhase2Pct dttsLearnerSharePct } } }`;
      type Ind = { literacyStatus: { indicators: Record<string, number | null> } };
      const v1 = await api.gql<Ind>(IND, { u: commune, y: 2024 }, specialist);
      expect(v1.data!.literacyStatus.indicators).toEqual({ completionPhase1Pct: null, completionPhase2Pct: null, dttsLearnerSharePct: null });
      const { id, p1, p2 } = rows[0];
      expect(p1 + p2).toBeGreaterThan(0);
      // The same report as filed on template v2 (the fields v1 does not have).
      const split = { xmc_learners_dtts: Math.floor((p1 + p2) / 2), xmc_newly_literate_phase1: Math.floor(p1 / 2), xmc_newly_literate_phase2: p2 };
      await owner.query(`UPDATE submission SET template_version = 2, "values" = "values" || $2::jsonb WHERE id = $1`, [id, JSON.stringify(split)]);
      const v2 = await api.gql<Ind>(IND, { u: commune, y: 2024 }, specialist);
      const ind = v2.data!.literacyStatus.indicators;
      expect(ind['dttsLearnerSharePct']).toBeCloseTo((split.xmc_learners_dtts / (p1 + p2)) * 100, 1);
      if (p1 > 0) expect(ind['completionPhase1Pct']).toBeCloseTo((split.xmc_newly_literate_phase1 / p1) * 100, 1);
      if (p2 > 0) expect(ind['completionPhase2Pct']).toBeCloseTo(100, 1);
    });
  });

  describe('versioned parameters', () => {
    const SET = `mutation($d: String!) { setLiteracyParameters(input: { definitionJson: $d }) { version source validFrom validTo } }`;

    it('the Sở lowers a threshold for its province (override of the national set) and recognition follows; overlaps are refused', async () => {
      const sets = (await api.gql<{ literacyParameterSets: { version: string; source: string; definitionJson: string }[] }>(
        `{ literacyParameterSets { version source definitionJson } }`, {}, specialist,
      )).data!.literacyParameterSets;
      expect(sets.map((s) => [s.version, s.source])).toEqual([['ND20_2014', 'NATIONAL'], ['ND20_2014_POST_2025_REFORM', 'NATIONAL']]);
      const nd20 = JSON.parse(sets[0].definitionJson);
      const lowered = { ...nd20, commune: { ...nd20.commune, l1: { ...nd20.commune.l1, standard: { band: '15_35', minRatePct: 89.9 } } } };
      const supervisor = await api.login('phong.thoxuan');
      expect(errorCode(await api.gql(SET, { d: JSON.stringify(lowered) }, supervisor))).toBe('FORBIDDEN');
      const r = await api.gql<{ setLiteracyParameters: { source: string } }>(SET, { d: JSON.stringify(lowered) }, specialist);
      expect(r.errors).toBeUndefined();
      expect(r.data!.setLiteracyParameters.source).toBe('PROVINCE');
      const s = await status(specialist, unit['Xã Nam Giang'], 2024, '2025-06-30');
      expect(s.criteria[0]).toMatchObject({ met: true, thresholdPct: 89.9 });
      // The rule of 2023-24 whatever the grouping date; the national set after the reform (2025-26) is untouched.
      expect((await status(specialist, unit['Xã Nam Giang'], 2024)).criteria[0]).toMatchObject({ met: true, thresholdPct: 89.9 });
      const later = await status(specialist, unit['Xã Nam Giang'], 2026);
      expect([later.paramsVersion, later.criteria[0].thresholdPct]).toEqual(['ND20_2014_POST_2025_REFORM', 90]);

      const overlapping = { ...lowered, validTo: '2025-12-31' };
      const bad = await api.gql(SET, { d: JSON.stringify(overlapping) }, specialist);
      expect(errorCode(bad)).toBe('CONFLICT');
      const invalid = await api.gql(SET, { d: JSON.stringify({ ...nd20, province: { l1MinSharePct: 120, l2MinSharePct: 100 } }) }, specialist);
      expect(errorCode(invalid)).toBe('VALIDATION_FAILED');
      // Restore the national threshold for the tests below.
      expect((await api.gql(SET, { d: JSON.stringify(nd20) }, specialist)).errors).toBeUndefined();
      expect((await status(specialist, unit['Xã Nam Giang'], 2024, '2025-06-30')).criteria[0].met).toBe(false);
    });
  });

  describe('the 2025 reform applied to the demo province', () => {
    const APPLY = `mutation($i: ApplyReorganisationInput!) { applyReorganisation(input: $i) {
      districtsDissolved communesCreated communesMerged communesReparented centresMoved tthtcdDissolved } }`;
    const input = () => demoReform2025Plan((name) => unit[name]);
    let before: Status;

    beforeAll(async () => {
      before = await status(specialist, unit['Tỉnh Thanh Hóa'], 2024, '2025-06-30');
    });

    it('only the Sở may apply it', async () => {
      expect(errorCode(await api.gql(APPLY, { i: input() }, await api.login('phong.thoxuan')))).toBe('FORBIDDEN');
      expect(errorCode(await api.gql(APPLY, { i: input() }, specialist))).toBe('FORBIDDEN'); // no UNIT_MANAGE
    });

    it('dissolves the districts, re-creates and merges communes, moves centres, and is applied once', async () => {
      const admin = await api.login('so.quantri');
      const r = await api.gql<{ applyReorganisation: Record<string, number> }>(APPLY, { i: input() }, admin);
      expect(r.errors).toBeUndefined();
      expect(r.data!.applyReorganisation).toMatchObject({
        districtsDissolved: 5, communesMerged: 4, tthtcdDissolved: 2, communesReparented: 1,
        communesCreated: 2 + (21 - 4 - 1), // two merged communes + the others re-created under the province
      });
      expect(errorCode(await api.gql(APPLY, { i: input() }, admin))).toBe('CONFLICT');

      const units = await api.gql<{ administrativeUnits: { name: string; level: string; parentId: string | null }[] }>(
        `{ administrativeUnits { name level parentId } }`, {}, specialist,
      );
      const today = units.data!.administrativeUnits.filter((u) => u.name !== 'Tỉnh Bắc Ninh');
      expect(today.filter((u) => u.level === 'DISTRICT')).toEqual([]);
      const communes = today.filter((u) => u.level === 'COMMUNE' || u.level === 'WARD');
      expect(communes).toHaveLength(19);
      expect(new Set(communes.map((c) => c.parentId))).toEqual(new Set([unit['Tỉnh Thanh Hóa']]));

      // Centres follow their units: paths recomputed, GDNN-GDTX under the Sở, one TTHTCĐ kept per merged commune.
      const { rows: stale } = await owner.query(
        `SELECT c.code FROM centre c JOIN administrative_unit u ON u.id = c.admin_unit_id JOIN administrative_unit s ON s.id = c.supervising_unit_id
         WHERE c.status <> 'DISSOLVED' AND (c.unit_path <> u.path OR c.supervising_unit_path <> s.path OR u.valid_to IS NOT NULL)`,
      );
      expect(stale).toEqual([]);
      const { rows: gdnn } = await owner.query(`SELECT DISTINCT supervising_unit_id FROM centre WHERE type = 'GDNN_GDTX'`);
      expect(gdnn.map((g) => g.supervising_unit_id)).toEqual([unit['Tỉnh Thanh Hóa']]);
      const { rows: tthtcd } = await owner.query(
        `SELECT u.name, count(*) FILTER (WHERE c.status <> 'DISSOLVED')::int AS active FROM centre c JOIN administrative_unit u ON u.id = c.admin_unit_id
         WHERE c.type = 'TTHTCD' AND u.name IN ('Xã Xuân Lập', 'Xã Thành Lâm') GROUP BY u.name ORDER BY u.name`,
      );
      expect(tthtcd).toEqual([{ name: 'Xã Thành Lâm', active: 1 }, { name: 'Xã Xuân Lập', active: 1 }]);
      const { rows: history } = await owner.query(
        `SELECT count(*)::int AS n FROM centre_unit_history h JOIN centre c ON c.id = h.centre_id WHERE c.code = 'TH-TX-GDNN'`,
      );
      expect(history[0].n).toBe(2);
    });

    it('the literacy roll-up agrees between asOf before the reform and today\'s units', async () => {
      const again = await status(specialist, unit['Tỉnh Thanh Hóa'], 2024, '2025-06-30');
      expect({ ...again, computedAt: null }).toEqual({ ...before, computedAt: null }); // history untouched
      const today = await status(specialist, unit['Tỉnh Thanh Hóa'], 2024);
      // Still the district rule of 2023-24 and the same verdict; only the grouping is today's.
      expect(today).toMatchObject({ aggregationTier: 'DISTRICT', paramsVersion: 'ND20_2014', communes: 19, communesWithData: 19 });
      expect([today.level, today.criteria]).toEqual([before.level, before.criteria]);
      expect(today.unmappedData).toEqual([]);
      for (const band of ['15_25', '15_35', '15_60']) {
        const a = before.rates.find((b) => b.band === band)!;
        const b = today.rates.find((x) => x.band === band)!;
        expect([b.population, b.literateL1, b.literateL2]).toEqual([a.population, a.literateL1, a.literateL2]);
      }
      expect(today.indicators).toEqual(before.indicators);
      expect(today.children.every((c) => c.unitLevel !== 'DISTRICT')).toBe(true);
      // The two ĐBKK communes merged stay ĐBKK; the merged counts are the sums of their predecessors.
      const lam = today.children.find((c) => c.name === 'Xã Thành Lâm')!;
      expect(lam.dbkk).toBe(true);
      const { rows: [lamUnit] } = await owner.query(`SELECT id FROM administrative_unit WHERE name = 'Xã Thành Lâm'`);
      const merged = await status(specialist, lamUnit.id, 2024);
      const parts = await Promise.all(['Xã Lũng Niêm', 'Xã Thành Sơn'].map((n) => status(specialist, unit[n], 2024)));
      expect(parts.map((p) => p.asOf)).toEqual(['2025-06-30', '2025-06-30']); // a unit that ended is shown as it last was
      expect(merged.rates[0].population).toBe(parts[0].rates[0].population + parts[1].rates[0].population);
      // A later year filed by the new units also reads back on the old ones where the mapping is one to one.
      const later = await status(specialist, unit['Huyện Thọ Xuân'], 2026);
      expect(later.asOf).toBe('2025-06-30');
    });

    it('compliance roll-ups agree between the units as they were and today\'s units', async () => {
      const OVERVIEW = `query($u: ID, $d: Date) { complianceOverview(unitId: $u, asOf: $d) { centreCount byRule { ruleCode findings } } }`;
      type Overview = { centreCount: number; byRule: { ruleCode: string; findings: number }[] };
      const overview = async (unitId: string, asOf?: string) => {
        const r = await api.gql<{ complianceOverview: Overview }>(OVERVIEW, { u: unitId, d: asOf }, specialist);
        expect(r.errors).toBeUndefined();
        return r.data!.complianceOverview;
      };
      const findings = (o: Overview) => o.byRule.reduce((n, r) => n + r.findings, 0);
      const province = unit['Tỉnh Thanh Hóa'];
      // As it was (the day before the reform): the five districts partition the province's centres and findings;
      // the TTHTCĐ set up for the merged commune on 1 Jul 2025 did not exist yet and is not counted.
      const before = await overview(province, '2025-06-30');
      const { rows: districts } = await owner.query(`SELECT id FROM administrative_unit WHERE level = 'DISTRICT' AND province_id = $1`, [province]);
      expect(districts).toHaveLength(5);
      const perDistrict = await Promise.all(districts.map((d) => overview(d.id, '2025-06-30')));
      expect(perDistrict.reduce((n, o) => n + o.centreCount, 0)).toBe(before.centreCount);
      expect(perDistrict.reduce((n, o) => n + findings(o), 0)).toBe(findings(before));
      // On today's units: the communes, now directly under the province, partition today's centres and findings.
      const now = await overview(province);
      const { rows: communes } = await owner.query(
        `SELECT id FROM administrative_unit WHERE level IN ('COMMUNE','WARD') AND province_id = $1 AND valid_to IS NULL`, [province],
      );
      expect(communes).toHaveLength(19);
      const perCommune = await Promise.all(communes.map((c) => overview(c.id)));
      expect(perCommune.reduce((n, o) => n + o.centreCount, 0)).toBe(now.centreCount);
      expect(perCommune.reduce((n, o) => n + findings(o), 0)).toBe(findings(now));
      // A past date on today's units, through the successor links: the communes created by the reform partition
      // the centres and findings of 30 Jun 2025 exactly as the old districts did.
      const pastOnToday = await Promise.all(communes.map((c) => overview(c.id, '2025-06-30')));
      expect(pastOnToday.reduce((n, o) => n + o.centreCount, 0)).toBe(before.centreCount);
      expect(pastOnToday.reduce((n, o) => n + findings(o), 0)).toBe(findings(before));
    });
  });
});
