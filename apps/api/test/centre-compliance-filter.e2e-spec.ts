import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { bootApi, errorCode, TestApi } from './harness';

// The centre list filtered by compliance (open findings today), in GraphQL and in the Excel export, scoped by RLS.
describe('centre list compliance filter (e2e)', () => {
  let api: TestApi;
  let owner: Client;

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const LIST = `query($f: CentreFilter) { centres(filter: $f, first: 200) { totalCount nodes { code } } }`;
  async function codes(username: string, filter: Record<string, unknown>): Promise<string[]> {
    const r = await api.gql<{ centres: { totalCount: number; nodes: { code: string }[] } }>(LIST, { f: filter }, await api.login(username));
    expect(r.errors).toBeUndefined();
    expect(r.data!.centres.totalCount).toBe(r.data!.centres.nodes.length);
    return r.data!.centres.nodes.map((n) => n.code).sort();
  }

  /** The expected codes computed straight from the tables (owner connection, no RLS). */
  async function expected(province: string, predicate: string, extra = ''): Promise<string[]> {
    const open = `SELECT 1 FROM finding f WHERE f.centre_id = c.id AND f.status = 'OPEN'`;
    const serious = `${open} AND f.severity IN ('HIGH','CRITICAL')`;
    const sql = predicate
      .replaceAll('OPEN_SERIOUS', `EXISTS (${serious})`)
      .replaceAll('OPEN_ANY', `EXISTS (${open})`);
    const { rows } = await owner.query(
      `SELECT c.code FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = $1 AND ${sql} ${extra}`,
      [province],
    );
    return rows.map((r) => r.code as string).sort();
  }

  it('splits the province centres by open findings exactly as the tables say, and the four sets add up', async () => {
    const all = await codes('so.chuyenvien', {});
    const withOpen = await codes('so.chuyenvien', { compliance: 'HAS_OPEN_FINDINGS' });
    const nonCompliant = await codes('so.chuyenvien', { compliance: 'NON_COMPLIANT' });
    const atRisk = await codes('so.chuyenvien', { compliance: 'AT_RISK' });
    const compliant = await codes('so.chuyenvien', { compliance: 'COMPLIANT' });
    expect(withOpen).toEqual(await expected('TH', 'OPEN_ANY'));
    expect(nonCompliant).toEqual(await expected('TH', 'OPEN_SERIOUS'));
    expect(atRisk).toEqual(await expected('TH', 'OPEN_ANY AND NOT OPEN_SERIOUS'));
    expect(compliant).toEqual(await expected('TH', 'NOT OPEN_ANY'));
    // The demo data has centres on both sides, so the filter really filters.
    expect(withOpen.length).toBeGreaterThan(0);
    expect(compliant.length).toBeGreaterThan(0);
    expect([...nonCompliant, ...atRisk].sort()).toEqual(withOpen);
    expect([...withOpen, ...compliant].sort()).toEqual(all);
  });

  it('combines with the other filters and with the supervisor scope', async () => {
    const lang = await codes('so.chuyenvien', { compliance: 'HAS_OPEN_FINDINGS', type: 'LANGUAGE' });
    expect(lang).toEqual(await expected('TH', 'OPEN_ANY', `AND c.type = 'LANGUAGE'`));
    // The area officer of Khu vực Thọ Xuân (today's communes of the former district; issue 12).
    const area = await codes('kv.thoxuan', { compliance: 'COMPLIANT' });
    const { rows } = await owner.query(
      `SELECT DISTINCT c.code FROM centre c JOIN supervisory_area_member m ON m.valid_to IS NULL JOIN supervisory_area a ON a.id = m.area_id AND a.code = 'KV-THO-XUAN'
       JOIN administrative_unit u ON u.id = m.unit_id WHERE (c.unit_path LIKE u.path || '%' OR c.supervising_unit_path LIKE u.path || '%')
         AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.centre_id = c.id AND f.status = 'OPEN')`,
    );
    expect(area).toEqual(rows.map((r) => r.code as string).sort());
    expect(area).not.toContain('TH-NN-001');
  });

  it("another province's findings never show in Thanh Hóa's list, and Bắc Ninh sees only its own centres", async () => {
    // A serious open finding on a Bắc Ninh centre.
    const { rows: [bn] } = await owner.query(
      `SELECT c.id, c.code, c.province_id FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'BN' ORDER BY c.code LIMIT 1`,
    );
    await owner.query(
      `INSERT INTO finding (province_id, centre_id, rule_code, subject_key, severity, status, title_vi, legal_basis_vi, found_on, opened_on, last_evaluated_on)
       VALUES ($1, $2, 'DORMANT_CENTRE', 'misc-e2e', 'CRITICAL', 'OPEN', 'Thử nghiệm', 'Thử nghiệm', current_date, current_date, current_date)
       ON CONFLICT (centre_id, rule_code, subject_key) DO UPDATE SET status = 'OPEN', severity = 'CRITICAL', resolved_on = NULL, closed_on = NULL, resolution = NULL`,
      [bn.province_id, bn.id],
    );
    expect(await codes('so.chuyenvien', { compliance: 'NON_COMPLIANT' })).not.toContain(bn.code);
    const bnList = await codes('bn.quantri', { compliance: 'NON_COMPLIANT' });
    expect(bnList).toContain(bn.code);
    expect(bnList).toEqual(await expected('BN', 'OPEN_SERIOUS'));
    // A Thanh Hóa user asking by Bắc Ninh's unit is refused (the unit is not visible to them).
    const { rows: [bnUnit] } = await owner.query(`SELECT id FROM administrative_unit WHERE code = 'BN'`);
    const r = await api.gql(LIST, { f: { compliance: 'NON_COMPLIANT', unitId: bnUnit.id } }, await api.login('so.chuyenvien'));
    expect(errorCode(r)).toBe('NOT_FOUND');
  });

  it('the Excel export honours the compliance filter and refuses an unknown value', async () => {
    const token = await api.login('so.chuyenvien');
    const res = await fetch(`${api.url}/api/exports/centres.xlsx?compliance=NON_COMPLIANT`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const exported: string[] = [];
    for (let r = 3; r <= ws.rowCount; r++) exported.push(String(ws.getRow(r).getCell(1).value));
    expect(exported.sort()).toEqual(await expected('TH', 'OPEN_SERIOUS'));

    const bad = await fetch(`${api.url}/api/exports/centres.xlsx?compliance=SOMETIMES`, { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].extensions.code).toBe('VALIDATION_FAILED');
  });
});
