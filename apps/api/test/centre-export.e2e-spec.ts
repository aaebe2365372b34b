import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { bootApi, TestApi } from './harness';

// Issue 6 (slice): the centre list exported to Excel over REST, scoped by RLS exactly like the GraphQL list.
describe('centre list Excel export (e2e)', () => {
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

  const HEADERS = ['Mã', 'Tên trung tâm', 'Loại hình', 'Công lập/Tư thục', 'Trạng thái', 'Tình trạng giấy phép', 'Địa chỉ'];

  async function download(username: string | null, query = ''): Promise<Response> {
    const headers: Record<string, string> = username ? { authorization: `Bearer ${await api.login(username)}` } : {};
    return fetch(`${api.url}/api/exports/centres.xlsx${query}`, { headers });
  }

  /** Header row and data rows (as text) of the only sheet. */
  async function readSheet(res: Response): Promise<{ headers: string[]; rows: string[][] }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    const text = (rowNumber: number) =>
      Array.from({ length: HEADERS.length }, (_, i) => {
        const v = ws.getRow(rowNumber).getCell(i + 1).value;
        return v === null || v === undefined ? '' : String(v);
      });
    const rows: string[][] = [];
    for (let r = 3; r <= ws.rowCount; r++) rows.push(text(r));
    return { headers: text(2), rows };
  }

  const codesOf = (rows: string[][]) => rows.map((r) => r[0]).sort();

  it('a province specialist downloads every centre of the province with Vietnamese headers and labels', async () => {
    const res = await download('so.chuyenvien');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('filename="danh-sach-trung-tam.xlsx"');
    const { headers, rows } = await readSheet(res);
    expect(headers).toEqual(HEADERS);

    const { rows: expected } = await owner.query(
      `SELECT c.code, c.name, c.ownership, c.address FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'TH'`,
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(codesOf(rows)).toEqual(expected.map((x) => x.code as string).sort());

    const gdtx = rows.find((r) => r[0] === 'TH-GDTX')!;
    const db = expected.find((x) => x.code === 'TH-GDTX')!;
    expect(gdtx[1]).toBe(db.name);
    expect(gdtx[2]).toBe('Trung tâm GDTX tỉnh');
    expect(gdtx[3]).toBe(db.ownership === 'PUBLIC' ? 'Công lập' : 'Tư thục');
    expect(gdtx[6]).toBe(db.address ?? '');
    // Every enum cell carries its Vietnamese label, never the code.
    for (const r of rows) {
      expect(['Công lập', 'Tư thục']).toContain(r[3]);
      expect(['Đang hoạt động', 'Không tuyển sinh', 'Tạm dừng hoạt động', 'Giải thể']).toContain(r[4]);
      expect(['Còn hiệu lực', 'Sắp hết hạn', 'Hết hạn', 'Thiếu quyết định']).toContain(r[5]);
    }
  });

  it('a supervisor gets only the centres of their area', async () => {
    // The area officer of Khu vực Thọ Xuân (today's communes of the former district; issue 12).
    const { rows } = await readSheet(await download('kv.thoxuan'));
    const { rows: expected } = await owner.query(
      `SELECT DISTINCT c.code FROM centre c JOIN supervisory_area_member m ON m.valid_to IS NULL JOIN supervisory_area a ON a.id = m.area_id AND a.code = 'KV-THO-XUAN'
       JOIN administrative_unit u ON u.id = m.unit_id WHERE c.unit_path LIKE u.path || '%' OR c.supervising_unit_path LIKE u.path || '%'`,
    );
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(codesOf(rows)).toEqual(expected.map((x) => x.code as string).sort());
    expect(codesOf(rows)).not.toContain('TH-NN-001');
  });

  it("the Bắc Ninh admin gets only Bắc Ninh's centres", async () => {
    const { rows } = await readSheet(await download('bn.quantri'));
    const { rows: expected } = await owner.query(
      `SELECT c.code FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'BN'`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(codesOf(rows)).toEqual(expected.map((x) => x.code as string).sort());
  });

  it('applies the filters of the list (type=LANGUAGE)', async () => {
    const { rows } = await readSheet(await download('so.chuyenvien', '?type=LANGUAGE'));
    const { rows: expected } = await owner.query(
      `SELECT c.code FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'TH' AND c.type = 'LANGUAGE'`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(codesOf(rows)).toEqual(expected.map((x) => x.code as string).sort());
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['Trung tâm ngoại ngữ']));
  });

  it('refuses a request without a token with 401', async () => {
    const res = await download(null);
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad filter values with the validation error shape', async () => {
    for (const query of ['?type=NOT_A_TYPE', '?unitId=not-a-uuid', '?licenceStatus=SOMETIMES']) {
      const res = await download('so.chuyenvien', query);
      expect([query, res.status]).toEqual([query, 422]);
      const [error] = (await res.json()).errors;
      expect(error.extensions.code).toBe('VALIDATION_FAILED');
      expect(error.message).toEqual(expect.any(String));
      expect(error.extensions.fields.length).toBeGreaterThan(0);
    }
  });

  // Last: it adds centres. More than one page of listCentres (200), so the export must walk every page.
  it('exports every centre when the list spans several pages', async () => {
    await owner.query(
      `INSERT INTO centre (province_id, code, name, search_text, type, ownership, admin_unit_id, supervising_unit_id,
                           unit_path, supervising_unit_path, status, status_since, address)
       SELECT province_id, 'TH-BULK-' || lpad(n::text, 3, '0'), 'Trung tâm thử nghiệm ' || n, 'trung tam thu nghiem ' || n,
              type, ownership, admin_unit_id, supervising_unit_id, unit_path, supervising_unit_path, status, status_since, address
       FROM centre, generate_series(1, 400) AS n WHERE code = 'TH-NN-001'`,
    );
    const { rows } = await readSheet(await download('so.chuyenvien'));
    const { rows: expected } = await owner.query(
      `SELECT c.code FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'TH'`,
    );
    expect(expected.length).toBeGreaterThan(2 * 200);
    expect(rows).toHaveLength(expected.length);
    expect(codesOf(rows)).toEqual(expected.map((x) => x.code as string).sort());
  });
});
