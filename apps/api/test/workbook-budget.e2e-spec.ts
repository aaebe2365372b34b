// Issue 13: a legal workbook (under 5 MB, 354,390 extra cells) stalled the server for seconds. The upload is now
// parsed in a worker thread with budgets: it is refused with a Vietnamese problem, in the endpoint's usual 422 (the error envelope),
// and /health/live answers while the uploads are being parsed (observed through the pool, not by a timing).
import { Client } from 'pg';
import { periodContaining, previousPeriod, vietnamDateOf } from '@gdtx/domain';
import { workbookParsePool } from '@gdtx/reporting';
import ExcelJS from 'exceljs';
import { bootApi, TestApi } from './harness';

/** The downloaded workbook with `count` extra numeric cells on an added sheet (as the 970 KB file). */
async function withExtraCells(file: Buffer, count: number, columns = 300): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.addWorksheet('Thêm');
  for (let row = 1, left = count; left > 0; row++) {
    const n = Math.min(columns, left);
    ws.addRow(Array.from({ length: n }, (_, i) => (row * columns + i) % 997));
    left -= n;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('workbook uploads off the event loop (e2e)', () => {
  let api: TestApi;
  let centreId: string;
  const period = previousPeriod(periodContaining('SEMESTER', vietnamDateOf(new Date())).code).code;

  beforeAll(async () => {
    api = await bootApi();
    const owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    centreId = (await owner.query(`SELECT id FROM centre WHERE code = 'TH-GDTX'`)).rows[0].id;
    await owner.end();
  });
  afterAll(async () => {
    await api?.close();
  });

  async function download(): Promise<Buffer> {
    const qs = `centreId=${centreId}&templateCode=GDTX_SEMESTER&periodCode=${period}`;
    const res = await fetch(`${api.url}/api/reports/workbook?${qs}`, { headers: { authorization: `Bearer ${await api.login('gd.gdtx')}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  type Problem = { code: string; messageVi: string; cell: string | null };
  type UploadBody = { ok?: boolean; errors?: { message: string; extensions: { code: string; reason?: string; problems?: Problem[] } }[] };
  async function upload(file: Buffer): Promise<{ status: number; body: UploadBody }> {
    const form = new FormData();
    form.set('centreId', centreId);
    form.set('templateCode', 'GDTX_SEMESTER');
    form.set('periodCode', period);
    form.set('file', new Blob([new Uint8Array(file)]), 'bao-cao.xlsx');
    const res = await fetch(`${api.url}/api/reports/workbook`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await api.login('cb.gdtx')}` } });
    return { status: res.status, body: await res.json() };
  }

  it('refuses 354,390 extra cells with a Vietnamese problem while /health/live keeps answering', async () => {
    const good = await download();
    const heavy = await withExtraCells(good, 354_390);
    expect(heavy.length).toBeLessThan(5 * 1024 * 1024);
    // The untouched workbook still goes through (and warms the pool's workers).
    const ok = await upload(good);
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);

    const pool = workbookParsePool();
    const started = Date.now();
    const uploads = Promise.all([1, 2, 3, 4, 5, 6].map(() => upload(heavy)));
    const deadline = Date.now() + 30_000;
    while (pool.inFlight === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(pool.inFlight).toBeGreaterThan(0);
    // /health/live is asked again and again while uploads are parsed (or wait for a worker): every answer is 200
    // and quick. Parsing on the event loop stalled it for 2.4 s with four such uploads (issue 13); 1.5 s leaves room
    // for a loaded machine. ("Answered while a parse was still running" is not asserted: on a loaded machine the
    // last parse can end before the first answer is read, which proves nothing either way.)
    const answers: { status: number; ms: number }[] = [];
    while (pool.inFlight > 0 && Date.now() < deadline) {
      const askedAt = Date.now();
      const health = await fetch(`${api.url}/health/live`);
      answers.push({ status: health.status, ms: Date.now() - askedAt });
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const healthMs = Math.max(...answers.map((a) => a.ms));
    expect(healthMs).toBeLessThan(1500);

    const results = await uploads;
    if (process.env['FAULT_REPORT']) {
      console.log(`workbook-budget: ${heavy.length} bytes; 6 uploads refused in ${Date.now() - started} ms; /health/live answered in ${healthMs} ms meanwhile`);
    }
    for (const r of results) {
      expect(r.status).toBe(422);
      // A refused file answers in the one error envelope (issue 13), its problems under extensions.
      const error = r.body.errors?.[0];
      expect(error?.extensions).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED', reason: 'WORKBOOK_REJECTED' }));
      const problems = error!.extensions.problems!;
      expect(problems).toEqual([expect.objectContaining({ code: 'WORKBOOK_TOO_COMPLEX', cell: null })]);
      expect(problems[0].messageVi).toMatch(/vượt quá giới hạn 50\.000 ô/);
    }
  }, 120_000);
});
