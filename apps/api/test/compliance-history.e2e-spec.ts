// Issue 11, defect 9 (history that stays true): complianceOverview and centreCompliance asked about a past date
// count the centres that existed on that date (a centre dissolved later is counted, one created later is not)
// with the findings open on that date (a finding opened later is not counted; one opened before and still open is).
import { Client } from 'pg';
import { addDays, vietnamDateOf } from '@gdtx/domain';
import { bootApi, TestApi } from './harness';

describe('compliance as of a past date (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const today = vietnamDateOf(new Date());
  const past = addDays(today, -120);

  const OVERVIEW = `query($u: ID, $a: Date) { complianceOverview(unitId: $u, asOf: $a) {
    asOf centreCount byStatus { status centres } byRule { ruleCode findings centres } } }`;
  const CENTRE = `query($id: ID!, $a: Date) { centreCompliance(centreId: $id, asOf: $a) { status openFindings { ruleCode subjectKey severity } } }`;
  type Overview = { asOf: string; centreCount: number; byStatus: { status: string; centres: number }[]; byRule: { ruleCode: string; findings: number; centres: number }[] };
  type CentreCompliance = { status: string; openFindings: { ruleCode: string; subjectKey: string; severity: string }[] };

  let specialist: string;
  async function overview(unitId: string | null, asOf?: string): Promise<Overview> {
    const r = await api.gql<{ complianceOverview: Overview }>(OVERVIEW, { u: unitId, a: asOf ?? null }, specialist);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.complianceOverview;
  }
  async function centreCompliance(id: string, asOf?: string): Promise<CentreCompliance> {
    const r = await api.gql<{ centreCompliance: CentreCompliance }>(CENTRE, { id, a: asOf ?? null }, specialist);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.centreCompliance;
  }
  const centreId = async (code: string) => (await owner.query(`SELECT id FROM centre WHERE code = $1`, [code])).rows[0].id as string;
  // Units valid today: after the 2025 reform, communes and wards directly under the province (codes kept).
  const unit = async (code: string) => (await owner.query(`SELECT id, path FROM administrative_unit WHERE code = $1 AND valid_to IS NULL`, [code])).rows[0] as { id: string; path: string };
  /** The reference: centres of the subtree whose status history has them in operation (not dissolved) on `date`. */
  async function existingOn(path: string, date: string): Promise<number> {
    const { rows: [r] } = await owner.query(
      `SELECT count(*)::int AS n FROM centre c
       WHERE (c.unit_path LIKE $1 || '%' OR c.supervising_unit_path LIKE $1 || '%')
         AND EXISTS (SELECT 1 FROM centre_status_history h WHERE h.centre_id = c.id AND h.status <> 'DISSOLVED'
                       AND h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to >= $2::date))`,
      [path, date],
    );
    return r.n;
  }

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    specialist = await api.login('so.chuyenvien');
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('the expired director recognition of TH-NN-002 (ended 2025-08-31) was open on a past date after its expiry, not before', async () => {
    const nn002 = await centreId('TH-NN-002');
    expect((await centreCompliance(nn002)).openFindings.some((f) => f.ruleCode === 'LICENCE_EXPIRED')).toBe(true);
    const then = await centreCompliance(nn002, past);
    expect(then.openFindings).toContainEqual(expect.objectContaining({ ruleCode: 'LICENCE_EXPIRED', subjectKey: 'DIRECTOR_RECOGNITION' }));
    expect(then.status).toBe('NON_COMPLIANT');
    const before = await centreCompliance(nn002, '2025-08-31');
    expect(before.openFindings.some((f) => f.ruleCode === 'LICENCE_EXPIRED')).toBe(false);
    const province = await overview(null, past);
    expect(province.byRule.find((r) => r.ruleCode === 'LICENCE_EXPIRED')?.findings ?? 0).toBeGreaterThan(0);
    expect(province.byStatus.find((s) => s.status === 'COMPLIANT')!.centres).toBeLessThan(province.centreCount);
  });

  it('an inspection finding counts from its inspection date: one found before the date is open then, one found after is not', async () => {
    const lamson = await centreId('TH-NN-001');
    const inspector = await api.login('so.thanhtra');
    const REC = `mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { id findings { id } } }`;
    const record = async (inspectedOn: string, severity: string, descriptionVi: string) => {
      const r = await api.gql<{ recordInspection: { findings: { id: string }[] } }>(REC, {
        i: { centreId: lamson, inspectedOn, kind: 'UNSCHEDULED', findings: [{ category: 'FACILITIES', descriptionVi, severity }] },
      }, inspector);
      expect(r.errors).toBeUndefined();
      return r.data!.recordInspection.findings[0].id;
    };
    const earlier = await record(addDays(past, -30), 'LOW', 'Thiếu bình chữa cháy ở tầng 2');
    const later = await record(addDays(past, 10), 'CRITICAL', 'Phòng học không bảo đảm an toàn');
    const now = await centreCompliance(lamson);
    expect(now.openFindings.map((f) => f.subjectKey)).toEqual(expect.arrayContaining([earlier, later]));
    const then = await centreCompliance(lamson, past);
    const inspectionSubjects = then.openFindings.filter((f) => f.ruleCode === 'INSPECTION_FINDING').map((f) => f.subjectKey);
    expect(inspectionSubjects).toContain(earlier);
    expect(inspectionSubjects).not.toContain(later);
    expect((await centreCompliance(lamson, addDays(past, -31))).openFindings.some((f) => f.subjectKey === earlier)).toBe(false);
    const province = await overview(null, past);
    expect(province.byRule.find((r) => r.ruleCode === 'INSPECTION_FINDING')).toMatchObject({ findings: 1, centres: 1 });
  });

  it('counts the centres that existed on the date: one dissolved since is counted, one created since is not', async () => {
    const admin = await api.login('so.quantri');
    const thoXuan = await unit('TH-TX-01'); // Thị trấn Thọ Xuân
    const city = await unit('TH-TP-03'); // Phường Ba Đình
    // A centre of Thọ Xuân dissolved after the date.
    const { rows: [victim] } = await owner.query(
      `SELECT id, code FROM centre WHERE unit_path LIKE $1 || '%' AND status = 'ACTIVE' AND type <> 'TTHTCD' ORDER BY code LIMIT 1`, [thoXuan.path],
    );
    expect(victim).toBeDefined();
    const before = { tx: await overview(thoXuan.id, past), city: await overview(city.id, past) };
    const dissolved = await api.gql(
      `mutation($i: ChangeCentreStatusInput!) { changeCentreStatus(input: $i) { status } }`,
      { i: { centreId: victim.id, status: 'DISSOLVED', effectiveFrom: addDays(past, 20), reason: 'Giải thể theo đề nghị của chủ sở hữu' } }, admin,
    );
    expect(dissolved.errors).toBeUndefined();
    // A centre of the ward established after the date.
    const ward = city;
    const created = await api.gql(
      `mutation($i: CreateCentreInput!) { createCentre(input: $i) { id } }`,
      { i: { code: 'TH-NN-HIST', name: 'Trung tâm Ngoại ngữ Lịch Sử', type: 'LANGUAGE', ownership: 'PRIVATE', adminUnitId: ward.id, establishedOn: addDays(past, 30) } }, admin,
    );
    expect(created.errors).toBeUndefined();

    const tx = await overview(thoXuan.id, past);
    const cityThen = await overview(city.id, past);
    expect(tx.centreCount).toBe(before.tx.centreCount);
    expect(cityThen.centreCount).toBe(before.city.centreCount);
    expect(tx.centreCount).toBe(await existingOn(thoXuan.path, past));
    expect(cityThen.centreCount).toBe(await existingOn(city.path, past));
    expect(tx.byStatus.reduce((n, s) => n + s.centres, 0)).toBe(tx.centreCount);
    // Today: the dissolved centre is gone, the new one is there.
    expect((await overview(thoXuan.id)).centreCount).toBe(await existingOn(thoXuan.path, today));
    expect((await overview(city.id)).centreCount).toBe(await existingOn(city.path, today));
    const province = await overview(null, past);
    const { rows: [th] } = await owner.query(`SELECT path FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH'`);
    expect(province.centreCount).toBe(await existingOn(th.path, past));
  });
});
