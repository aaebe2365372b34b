// Issue 15 item 7: the ministry's formats. The Sở enters the ministry's codes of its communes and centres, exports
// the commune literacy statistics (PCGD-XMC) and the centre statistics (CSDL) in their layouts (data, versioned),
// and uploads what the ministry's system exported to see the differences per commune; one province never sees or
// changes another's codes, layouts or rows.
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { SHIPPED_MINISTRY_LAYOUTS } from '@gdtx/documents';
import { bootApi, errorCode, TestApi } from './harness';

const PERIOD = 'XMC-2024-2025';
const LAYOUT = 'PCGD_XMC_COMMUNE_LITERACY';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the ministry formats: codes, exports in their layouts, reconciliation (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let so: string;

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    so = await api.login('so.quantri');
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const get = (path: string, token: string) => fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const reconcile = (buffer: Buffer, token: string, layout = LAYOUT, period = PERIOD) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(buffer)], { type: XLSX }), 'bo.xlsx');
    return fetch(`${api.url}/api/ministry/${layout}/${period}/reconcile`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  };

  /** The communes that filed an accepted XMC report for the period, with our values (read straight from the reports). */
  async function communesFromReports(): Promise<{ unitId: string; name: string; values: Record<string, number> }[]> {
    return (await owner.query(
      `SELECT u.id AS "unitId", u.name, s."values" AS values FROM submission s JOIN centre c ON c.id = s.centre_id JOIN administrative_unit u ON u.id = c.admin_unit_id
       WHERE s.template_code = 'XMC_COMMUNE_YEARLY' AND s.period_code = $1 AND s.status = 'ACCEPTED' AND s.province_id = (SELECT province_id FROM app_user WHERE username = 'so.quantri')
       ORDER BY u.name`, [PERIOD],
    )).rows;
  }

  it('the Sở enters ministry codes; a clash, a bad code and another province are refused', async () => {
    const units = (await api.gql<{ ministryCodes: { id: string; name: string; ministryCode: string | null }[] }>(`{ ministryCodes(kind: "UNIT") { id name ministryCode } }`, {}, so)).data!.ministryCodes;
    // Today's communes get codes (the ministry's system holds today's units); a report's centre still on a commune
    // that ended in the 2025 reform cannot be matched (NO_CODE below).
    const communes = (await communesFromReports()).filter((c) => units.some((u) => u.id === c.unitId));
    expect(communes.length).toBeGreaterThan(3);
    const SET = `mutation($i: SetMinistryCodeInput!) { setMinistryCode(input: $i) { id ministryCode } }`;
    for (const [i, c] of communes.entries()) {
      const r = await api.gql<{ setMinistryCode: { ministryCode: string } }>(SET, { i: { kind: 'UNIT', id: c.unitId, ministryCode: `38${String(i + 1).padStart(3, '0')}` } }, so);
      expect(r.data?.setMinistryCode.ministryCode).toBe(`38${String(i + 1).padStart(3, '0')}`);
    }
    const clash = await api.gql(SET, { i: { kind: 'UNIT', id: communes[1].unitId, ministryCode: '38001' } }, so);
    expect(errorCode(clash)).toBe('CONFLICT');
    expect(clash.errors![0].message).toContain('38001');
    expect(errorCode(await api.gql(SET, { i: { kind: 'UNIT', id: communes[1].unitId, ministryCode: 'mã có dấu' } }, so))).toBe('VALIDATION_FAILED');
    // Bắc Ninh's admin cannot see or set Thanh Hóa's codes.
    const bn = await api.login('bn.quantri');
    expect(errorCode(await api.gql(SET, { i: { kind: 'UNIT', id: communes[0].unitId, ministryCode: '99999' } }, bn))).toBe('NOT_FOUND');
    const theirs = (await api.gql<{ ministryCodes: { id: string }[] }>(`{ ministryCodes(kind: "UNIT") { id } }`, {}, bn)).data!.ministryCodes;
    expect(theirs.some((u) => communes.some((c) => c.unitId === u.id))).toBe(false);
    expect((await owner.query(`SELECT ministry_code FROM administrative_unit WHERE id = $1`, [communes[0].unitId])).rows[0].ministry_code).toBe('38001');
    // A director is not the Sở.
    expect(errorCode(await api.gql(`{ ministryCodes(kind: "UNIT") { id } }`, {}, await api.login('gd.hoasen')))).toBe('FORBIDDEN');
  });

  it('exports the commune literacy statistics in the PCGD-XMC layout: headers as the layout says, values as the reports', async () => {
    const layouts = (await api.gql<{ ministryLayouts: { code: string; official: boolean; noteVi: string }[] }>(`{ ministryLayouts { code official noteVi } }`, {}, so)).data!.ministryLayouts;
    expect(layouts.map((l) => l.code).sort()).toEqual(SHIPPED_MINISTRY_LAYOUTS.map((l) => l.code).sort());
    expect(layouts.every((l) => !l.official && /chưa có trong tài liệu/.test(l.noteVi))).toBe(true);

    const res = await get(`/api/ministry/${LAYOUT}/${PERIOD}.xlsx`, so);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(2, 1).value)).toMatch(/^Lưu ý: .*chưa có trong tài liệu/);
    const layout = SHIPPED_MINISTRY_LAYOUTS.find((l) => l.code === LAYOUT)!;
    expect(ws.getCell(4, 1).value).toBe('Mã xã (PCGD-XMC)');
    expect(ws.getCell(4, 3).value).toBe('Độ tuổi 15–25');
    expect(ws.getCell(5, 3).value).toBe('Tổng số');
    const communes = await communesFromReports();
    expect(ws.rowCount - 5).toBe(communes.length);
    for (let r = 6; r <= ws.rowCount; r++) {
      const c = communes.find((x) => x.name === ws.getCell(r, 2).value)!;
      expect(c).toBeDefined();
      layout.columns.forEach((col, ci) => {
        if ('sum' in col.source) expect([c.name, col.header.join(' '), ws.getCell(r, ci + 1).value]).toEqual([c.name, col.header.join(' '), col.source.sum.reduce((a, k) => a + (c.values[k] ?? 0), 0)]);
      });
    }
    // Another province's export has none of these communes; a director gets FORBIDDEN; a bad period BAD_USER_INPUT.
    const bnRes = await get(`/api/ministry/${LAYOUT}/${PERIOD}.xlsx`, await api.login('bn.quantri'));
    const bnWb = new ExcelJS.Workbook();
    await bnWb.xlsx.load(Buffer.from(await bnRes.arrayBuffer()) as never);
    const bnNames = Array.from({ length: Math.max(0, bnWb.worksheets[0].rowCount - 5) }, (_, i) => bnWb.worksheets[0].getCell(6 + i, 2).value);
    expect(bnNames.some((n) => communes.some((c) => c.name === n))).toBe(false);
    expect((await get(`/api/ministry/${LAYOUT}/${PERIOD}.xlsx`, await api.login('gd.hoasen'))).status).toBe(403);
    const bad = await get(`/api/ministry/${LAYOUT}/khong-phai-ky.xlsx`, so);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it("reconciles the ministry system's export: every difference per commune, and what only one side has", async () => {
    const mine = Buffer.from(await (await get(`/api/ministry/${LAYOUT}/${PERIOD}.xlsx`, so)).arrayBuffer());
    // Same file back: everything matches.
    const same = await (await reconcile(mine, so)).json();
    const all = await communesFromReports();
    const coded = (await owner.query(`SELECT id FROM administrative_unit WHERE ministry_code IS NOT NULL`)).rows.map((r) => r.id);
    expect(same.counts).toEqual({ MATCH: all.filter((c) => coded.includes(c.unitId)).length, DIFFERENT: 0, ONLY_HERE: 0, ONLY_THERE: 0, NO_CODE: all.filter((c) => !coded.includes(c.unitId)).length });

    // The ministry's copy: one commune's literate count differs, one commune is missing, one unknown code added.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(mine as never);
    const ws = wb.worksheets[0];
    const changedCode = String(ws.getCell(6, 1).value);
    const before = Number(ws.getCell(6, 6).value);
    ws.getCell(6, 6).value = before + 7;
    const missingCode = String(ws.getCell(7, 1).value);
    ws.spliceRows(7, 1);
    ws.getCell(ws.rowCount + 1, 1).value = '99999';
    const theirs = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await reconcile(theirs, so);
    expect(res.status).toBe(200);
    const diff = await res.json();
    expect(diff.counts).toMatchObject({ DIFFERENT: 1, ONLY_HERE: 1, ONLY_THERE: 1 });
    const changed = diff.rows.find((r: { ministryCode: string }) => r.ministryCode === changedCode);
    expect(changed.differences).toEqual([{ column: `Độ tuổi 15–25 · Biết chữ mức 1`, here: before, there: before + 7 }]);
    expect(diff.rows.find((r: { ministryCode: string }) => r.ministryCode === missingCode).status).toBe('ONLY_HERE');
    expect(diff.rows.find((r: { ministryCode: string }) => r.ministryCode === '99999').status).toBe('ONLY_THERE');

    // Not a workbook, not this layout, no file: clear Vietnamese refusals.
    const junk = await reconcile(Buffer.from('not excel'), so);
    expect([junk.status, (await junk.json()).errors[0].message]).toEqual([400, 'Tệp không phải Excel (.xlsx) đọc được']);
    const other = await reconcile(mine, so, 'CSDL_GDTX_CENTRE_STATISTICS', '2024-2025');
    expect((await other.json()).errors[0].message).toMatch(/Không thấy hàng tiêu đề/);
  });

  it('a Sở saves its own version of a layout; a broken one is refused; other provinces keep the national one', async () => {
    const csdl = SHIPPED_MINISTRY_LAYOUTS.find((l) => l.code === 'CSDL_GDTX_CENTRE_STATISTICS')!;
    const mine = { ...csdl, columns: csdl.columns.slice(0, 4) };
    const SAVE = `mutation($d: String!) { saveMinistryLayout(definitionJson: $d) { code version } }`;
    expect((await api.gql<{ saveMinistryLayout: { version: number } }>(SAVE, { d: JSON.stringify(mine) }, so)).data!.saveMinistryLayout.version).toBe(2);
    const broken = await api.gql(SAVE, { d: JSON.stringify({ ...mine, columns: mine.columns.slice(1) }) }, so);
    expect(errorCode(broken)).toBe('VALIDATION_FAILED');
    const LIST = `{ ministryLayouts { code version } }`;
    expect((await api.gql<{ ministryLayouts: { code: string; version: number }[] }>(LIST, {}, so)).data!.ministryLayouts.find((l) => l.code === csdl.code)!.version).toBe(2);
    expect((await api.gql<{ ministryLayouts: { code: string; version: number }[] }>(LIST, {}, await api.login('bn.quantri'))).data!.ministryLayouts.find((l) => l.code === csdl.code)!.version).toBe(1);
  });
});
