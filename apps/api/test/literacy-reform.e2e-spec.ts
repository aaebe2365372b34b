import { Client } from 'pg';
import { connectAsAppRole } from '@gdtx/platform/testing';
import { bootApi, errorCode, TestApi } from './harness';

// Issue 12 item 3 (literacy after the reform), on the default demo (today's province, the reform recorded): a
// literacy year is judged under the rule and on the units in force on its end date (30 Sep) — 2025-26 commune →
// province with no district in the chain, 2023-24 the district rule — and `asOf` only regroups the verdicts.
describe('literacy after the reform (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let specialist: string;
  let provinceId: string;

  interface Recogniser { level: number; byVi: string; byEn: string }
  interface Criterion { level: number; met: boolean; thresholdPct: number; numerator: number | null; denominator: number | null }
  interface Status {
    unitName: string; unitLevel: string; asOf: string; ruleDate: string; paramsVersion: string; aggregationTier: string; level: number;
    judgedAsUnit: boolean; reasons: string[]; criteria: Criterion[]; communes: number;
    recognisedBy: Recogniser[];
    recognitionChain: { tier: string; recognisedBy: Recogniser[] }[];
    children: { unitId: string; name: string; unitLevel: string; level: number; judgedAsUnit: boolean }[];
  }
  const STATUS = `query($u: ID!, $y: Int!, $a: Date) { literacyStatus(unitId: $u, year: $y, asOf: $a) {
    unitName unitLevel asOf ruleDate paramsVersion aggregationTier level judgedAsUnit reasons communes
    criteria { level met thresholdPct numerator denominator }
    recognisedBy { level byVi byEn }
    recognitionChain { tier recognisedBy { level byVi byEn } }
    children { unitId name unitLevel level judgedAsUnit } } }`;
  async function status(unitId: string, year: number, asOf?: string, token = specialist): Promise<Status> {
    const r = await api.gql<{ literacyStatus: Status }>(STATUS, { u: unitId, y: year, a: asOf ?? null }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.literacyStatus;
  }
  /** Units of Thanh Hóa of a level valid on a date, straight from the table. */
  async function unitsOn(level: string[], date: string): Promise<{ id: string; name: string }[]> {
    const { rows } = await owner.query(
      `SELECT id, name FROM administrative_unit WHERE province_id = $1 AND level = ANY($2::text[])
         AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date) ORDER BY name`,
      [provinceId, level, date],
    );
    return rows;
  }
  const BASE = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'];
  const PROVINCE_CHAIRMAN = 'Chủ tịch UBND cấp tỉnh';
  const MINISTER = 'Bộ trưởng Bộ Giáo dục và Đào tạo';
  const by = (r: Recogniser[]) => r.map((x) => [x.level, x.byVi]);

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    provinceId = (await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH'`)).rows[0].id;
    specialist = await api.login('so.chuyenvien');
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('2025-26: communes straight to the province, no district in the chain; the chairman recognises level 1, the Minister level 2', async () => {
    const s = await status(provinceId, 2026);
    expect(s).toMatchObject({ ruleDate: '2026-09-30', paramsVersion: 'ND20_2014_POST_2025_REFORM', aggregationTier: 'PROVINCE_DIRECT', judgedAsUnit: true });
    expect(s.recognitionChain.map((c) => c.tier)).toEqual(['COMMUNE', 'PROVINCE']);
    expect(by(s.recognisedBy)).toEqual([[1, PROVINCE_CHAIRMAN], [2, MINISTER]]);
    // The province rule over communes (a parameter): its shares count the communes in force on 30 Sep 2026.
    const communes = await unitsOn(BASE, '2026-09-30');
    expect(communes.length).toBeGreaterThan(0);
    expect(await unitsOn(['DISTRICT'], '2026-09-30')).toEqual([]);
    expect(s.criteria.map((c) => [c.denominator, c.thresholdPct])).toEqual([[communes.length, 90], [communes.length, 90]]);
    expect(s.children.length).toBeGreaterThan(0);
    expect(s.children.every((c) => BASE.includes(c.unitLevel) && c.judgedAsUnit)).toBe(true);
    const level1 = s.children.filter((c) => c.level >= 1).length;
    expect(s.criteria[0].numerator).toBe(level1);
    // A commune is recognised by the province (the commune step is [U]).
    const commune = await status(s.children[0].unitId, 2026);
    expect(by(commune.recognisedBy)).toEqual([[1, PROVINCE_CHAIRMAN], [2, PROVINCE_CHAIRMAN]]);
    expect(commune.level).toBe(s.children[0].level);
  });

  it('2025-26 grouped on the old districts: same verdict; a district is no recognition tier and shows no recogniser', async () => {
    const today = await status(provinceId, 2026);
    const old = await status(provinceId, 2026, '2025-06-30');
    expect([old.paramsVersion, old.level, old.criteria, old.reasons]).toEqual([today.paramsVersion, today.level, today.criteria, today.reasons]);
    expect(old.children.every((c) => c.unitLevel === 'DISTRICT' && !c.judgedAsUnit)).toBe(true);
    const [district] = await unitsOn(['DISTRICT'], '2025-06-30');
    const d = await status(district.id, 2026, '2025-06-30');
    expect(d).toMatchObject({ unitLevel: 'DISTRICT', judgedAsUnit: false, recognisedBy: [], paramsVersion: 'ND20_2014_POST_2025_REFORM' });
    expect(d.reasons.join(' ')).toContain('huyện không phải cấp công nhận; kết quả chỉ để tham khảo');
  });

  it('2023-24: the district rule on the districts of 30 Sep 2024, whatever asOf', async () => {
    const old = await status(provinceId, 2024, '2024-06-30');
    const today = await status(provinceId, 2024);
    const districts = await unitsOn(['DISTRICT'], '2024-09-30');
    expect(districts.length).toBeGreaterThan(1);
    for (const s of [old, today]) {
      expect(s).toMatchObject({ ruleDate: '2024-09-30', paramsVersion: 'ND20_2014', aggregationTier: 'DISTRICT', judgedAsUnit: true });
      expect(s.recognitionChain.map((c) => c.tier)).toEqual(['COMMUNE', 'DISTRICT', 'PROVINCE']);
      expect(by(s.recognisedBy)).toEqual([[1, MINISTER], [2, MINISTER]]);
      expect(s.criteria.map((c) => [c.denominator, c.thresholdPct])).toEqual([[districts.length, 90], [districts.length, 100]]);
    }
    // The same recognition outcome; only the grouping differs (districts then, today's communes now).
    expect([today.level, today.criteria, today.reasons]).toEqual([old.level, old.criteria, old.reasons]);
    expect(old.children.map((c) => c.unitLevel).every((l) => l === 'DISTRICT')).toBe(true);
    expect(today.children.every((c) => BASE.includes(c.unitLevel))).toBe(true);
    expect(today.children.map((c) => c.name)).not.toEqual(old.children.map((c) => c.name));
    // A district of 2023-24 is recognised by the provincial chairman, its communes by the district chairman.
    const d = await status(districts[0].id, 2024, '2024-06-30');
    expect(d).toMatchObject({ judgedAsUnit: true, paramsVersion: 'ND20_2014' });
    expect(by(d.recognisedBy)).toEqual([[1, PROVINCE_CHAIRMAN], [2, PROVINCE_CHAIRMAN]]);
    const oldCommune = (await status(districts[0].id, 2024, '2024-06-30')).children[0];
    const c = await status(oldCommune.unitId, 2024, '2024-06-30');
    expect(by(c.recognisedBy)).toEqual([[1, 'Chủ tịch UBND cấp huyện'], [2, 'Chủ tịch UBND cấp huyện']]);
    // Each commune of today shows the verdict of the commune(s) judged on 30 Sep 2024 that it stands for.
    const levelsThen = new Map((await Promise.all(old.children.map((x) => status(x.unitId, 2024, '2024-06-30')))).flatMap((x) => x.children.map((k) => [k.name, k.level] as const)));
    for (const child of today.children.filter((x) => x.judgedAsUnit)) expect(child.level).toBe(levelsThen.get(child.name));
  });

  it('Bắc Ninh cannot read Thanh Hóa\'s literacy, for any year or grouping', async () => {
    const bn = await api.login('bn.quantri');
    const [commune] = await unitsOn(BASE, '2026-09-30');
    for (const [u, y, a] of [[provinceId, 2026, null], [provinceId, 2024, '2024-06-30'], [commune.id, 2026, null]] as const) {
      const r = await api.gql(STATUS, { u, y, a }, bn);
      expect(errorCode(r)).toBe('NOT_FOUND');
      expect(r.data).toBeNull();
    }
    // Below the service layer: under the app role Bắc Ninh's scope reads none of Thanh Hóa's XMC reports, nor its ĐBKK registry.
    const XMC = `SELECT count(*)::int AS n FROM submission WHERE province_id = $1 AND template_code = 'XMC_COMMUNE_YEARLY' AND status = 'ACCEPTED'`;
    expect((await owner.query(XMC, [provinceId])).rows[0].n).toBeGreaterThan(0);
    const bnId = (await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'BN'`)).rows[0].id;
    const c = await connectAsAppRole(api.db.ownerUrl);
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [bnId]);
      expect((await c.query(XMC, [provinceId])).rows[0].n).toBe(0);
      expect((await c.query(`SELECT count(*)::int AS n FROM commune_dbkk WHERE province_id = $1`, [provinceId])).rows[0].n).toBe(0);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      await c.end();
    }
  });
});
