// Excel round trip that succeeds, in a real browser: a director downloads the workbook of a due report, fills
// it in (here, in node with exceljs, with the valid S0 figures), uploads it on the report page, sees the success
// message and the values in the form, and the draft in the API holds them.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { bootApi, type TestApi } from '../../api/test/harness';
import { DEMO_PASSWORD, assertWebBuilt, horizontalOverflow, launchBrowser, login, newPage, screenshot, screenshotOnFailure, seriousA11yViolations } from './browser';

jest.setTimeout(180_000);

interface DueReport { templateCode: string; templateNameVi: string; periodCode: string; periodLabelVi: string; status: string; centreId: string }

/** Fills every input cell listed in the workbook's _meta map (docs/excel-format.md) from a value map. */
function fillWorkbook(wb: ExcelJS.Workbook, values: Readonly<Record<string, unknown>>): string[] {
  const meta = wb.getWorksheet('_meta');
  if (!meta) throw new Error('no _meta sheet');
  expect(String(meta.getCell('A11').value)).toBe('key');
  const filled: string[] = [];
  for (let r = 12; r <= meta.rowCount; r++) {
    const row = meta.getRow(r);
    const key = row.getCell(1).value;
    if (!key) continue;
    const value = values[String(key)];
    if (value === null || value === undefined) continue;
    const sheet = wb.getWorksheet(String(row.getCell(2).value));
    if (!sheet) throw new Error(`sheet ${String(row.getCell(2).value)} missing`);
    const type = String(row.getCell(4).value);
    sheet.getCell(String(row.getCell(3).value)).value =
      type === 'boolean' ? (value ? 'Có' : 'Không') : typeof value === 'number' || typeof value === 'string' ? value : String(value);
    filled.push(String(key));
  }
  return filled;
}

describe('Excel upload in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let due: DueReport;

  beforeAll(async () => {
    assertWebBuilt();
    [api, browser] = await Promise.all([bootApi(), launchBrowser()]);
    const token = await api.login('gd.gdtx');
    const me = await api.gql<{ me: { centreId: string } }>(`{ me { centreId } }`, {}, token);
    const list = await api.gql<{ dueReports: DueReport[] }>(
      `query($c: ID!) { dueReports(centreId: $c) { centreId templateCode templateNameVi periodCode periodLabelVi status } }`,
      { c: me.data!.me.centreId }, token,
    );
    due = list.data!.dueReports.find((d) => d.templateCode === 'GDTX_SEMESTER' && d.status === 'NOT_STARTED')!;
    expect(due).toBeDefined();
    page = await newPage(browser, api.url);
  });
  afterAll(async () => {
    if (process.env['WEB_E2E_DEBUG']) await screenshotOnFailure(page, 'excel-upload');
    await page?.context().close();
    await browser?.close();
    await api?.close();
  });

  it('a director fills the downloaded workbook, uploads it and finds the values in the form and the draft', async () => {
    await login(page, 'gd.gdtx');
    await page.getByRole('heading', { name: 'Báo cáo cần nộp' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: due.periodLabelVi }).filter({ hasText: due.templateNameVi });
    await row.getByRole('button', { name: 'Mở báo cáo' }).click();
    await page.getByTestId('report-form').waitFor();
    // A report not started yet: the form is empty.
    expect(await page.locator('#field-staff_total').inputValue()).toBe('');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải biểu mẫu Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
    const filled = fillWorkbook(wb, S0_THANH_HOA_2020_2021_VALUES);
    expect(filled.length).toBeGreaterThan(20);
    expect(filled).toEqual(expect.arrayContaining(['staff_total', 'short_course_enrolled']));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByTestId('excel-upload').setInputFiles({ name: 'bao-cao-da-dien.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByText('Đã nhập số liệu từ tệp Excel vào bản nháp').waitFor();
    await expect(page.getByTestId('excel-problems').count()).resolves.toBe(0);

    // The form shows the uploaded figures (formatted the Vietnamese way: compare digits).
    const digits = async (id: string) => (await page.locator(`#field-${id}`).inputValue()).replace(/\D/g, '');
    const waitDigits = async (id: string, expected: string) => {
      const end = Date.now() + 30_000;
      while ((await digits(id)) !== expected && Date.now() < end) await page.waitForTimeout(200);
      expect(await digits(id)).toBe(expected);
    };
    await waitDigits('staff_total', String(S0_THANH_HOA_2020_2021_VALUES['staff_total']));
    await waitDigits('short_course_enrolled', String(S0_THANH_HOA_2020_2021_VALUES['short_course_enrolled']));
    await page.getByTestId('validation-summary').waitFor();
    // The success message stays on screen once the form holds the uploaded draft (the editor is not remounted).
    await page.getByText('Đã nhập số liệu từ tệp Excel vào bản nháp').waitFor();
    await page.getByTestId('submission-status').getByText('Bản nháp').waitFor();
    await page.locator('[data-testid="excel-upload"]').evaluate((el) => el.closest('.ant-card')?.scrollIntoView({ block: 'center' }));
    await screenshot(page, '64-giam-doc-tai-len-excel-thanh-cong', { fullPage: false });
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page, ['header', 'nav', '[data-testid="validation-summary"]', '.report-sidebar', '[data-section="staff"]'])).toEqual([]);

    // The draft in the API has every value that was filled in, and it is still a draft.
    const auth = await api.gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: 'gd.gdtx', p: DEMO_PASSWORD },
    );
    const r = await api.gql<{ submissions: { nodes: { id: string; status: string }[] } }>(
      `query($f: SubmissionFilter) { submissions(filter: $f, first: 5) { nodes { id status } } }`,
      { f: { centreId: due.centreId, templateCode: due.templateCode, periodId: due.periodCode } }, auth.data!.login.accessToken,
    );
    expect(r.data!.submissions.nodes).toHaveLength(1);
    expect(r.data!.submissions.nodes[0].status).toBe('DRAFT');
    const detail = await api.gql<{ submission: { values: Record<string, unknown> } }>(
      `query($id: ID!) { submission(id: $id) { values } }`, { id: r.data!.submissions.nodes[0].id }, auth.data!.login.accessToken,
    );
    const saved = detail.data!.submission.values;
    for (const key of filled) {
      const want = S0_THANH_HOA_2020_2021_VALUES[key];
      expect([key, typeof want === 'number' ? Number(saved[key]) : saved[key]]).toEqual([key, want]);
    }
  });
});
