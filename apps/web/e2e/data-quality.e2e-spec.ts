// Data quality in Chromium (issue 15 item 4): the Sở specialist reads the outliers of a quarter (the count is the
// API's), flags one, resolves it with a comment, and sees the likely duplicate centres; the director sees the
// unusual value of their report as an informational note. Desktop and phone; axe on each tab.
import { Client } from 'pg';
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { chooseOption, confirmAndClose, horizontalOverflow, login, screenshot, seriousA11yViolations, settle, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

const TEMPLATE = 'LANGUAGE_IT_QUARTERLY';
const KEY = 'classes_learners.english.new_learners';

describe('data quality in Chromium', () => {
  let api: TestApi;
  let page: Page;
  let owner: Client;
  let q1: string;
  let q3: string;
  useBrowserSuite('data-quality', (suite) => ({ api, page } = suite));

  beforeAll(async () => {
    owner = new Client({ connectionString: api.db.ownerUrl });
    // The suite's own afterAll drops the database, possibly before this client has ended.
    owner.on('error', () => undefined);
    await owner.connect();
    const subs = (await owner.query(
      `SELECT s.period_code AS period, s.id FROM submission s JOIN centre c ON c.id = s.centre_id WHERE c.code = 'TH-NN-004' AND s.template_code = $1 AND s.period_code IN ('2026-Q1', '2026-Q3')`, [TEMPLATE],
    )).rows as { period: string; id: string }[];
    q1 = subs.find((s) => s.period === '2026-Q1')!.id;
    q3 = subs.find((s) => s.period === '2026-Q3')!.id;
    // A typo that got through review (30 → 300 new learners), one still in the report under review, two centres
    // entered with the same address.
    await owner.query(`UPDATE fact_value SET value = 300 WHERE submission_id = $1 AND value_key = $2`, [q1, KEY]);
    await owner.query(`UPDATE submission SET "values" = jsonb_set("values", ARRAY[$2], '310'::jsonb) WHERE id = $1`, [q3, KEY]);
    await owner.query(`UPDATE centre SET address = 'Số 12 đường Lê Lợi, phường Hạc Thành' WHERE code = 'TH-NN-001'`);
    await owner.query(`UPDATE centre SET address = 'so 12 Duong Le Loi, Phuong Hac Thanh' WHERE code = 'TH-NN-002'`);
  });
  afterAll(async () => {
    await owner?.end();
  });

  it('the Sở specialist flags an outlier of a quarter and resolves the flag with a comment', async () => {
    const token = await api.login('so.chuyenvien');
    const expected = await api.gql<{ dataQualityOutliers: { centreCode: string; valueKey: string }[] }>(
      `{ dataQualityOutliers(periodCode: "2026-Q1", templateCode: "${TEMPLATE}") { centreCode valueKey } }`, {}, token);
    const count = expected.data!.dataQualityOutliers.length;
    expect(expected.data!.dataQualityOutliers.some((o) => o.centreCode === 'TH-NN-004' && o.valueKey === KEY)).toBe(true);

    await login(page, 'so.chuyenvien');
    await page.getByRole('link', { name: 'Chất lượng số liệu' }).first().click();
    await page.getByRole('heading', { name: 'Chất lượng số liệu', level: 1 }).waitFor();
    await chooseOption(page, page.getByTestId('dq-period'), 'Quý 1/2026');
    await page.getByTestId('dq-total').getByText(`${count} giá trị bất thường`).waitFor();
    const row = page.getByTestId('dq-outliers').locator('tr', { hasText: 'TH-NN-004' }).filter({ hasText: /Số học viên mới|học viên mới/i }).first();
    await row.getByText('300').first().waitFor();
    await row.getByText(/trung vị 34/).first().waitFor();
    await screenshot(page, 'chat-luong-01-gia-tri-bat-thuong');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);

    await row.getByRole('button', { name: /Gắn cờ/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do').fill('Số học viên mới tăng gấp 10 lần: đề nghị trung tâm kiểm tra');
    await confirmAndClose(page, dialog.getByRole('button', { name: /Lưu/ }));
    await row.getByText('Đang theo dõi').waitFor();

    await page.getByRole('tab', { name: 'Cờ theo dõi' }).click();
    expect(page.url()).toContain('tab=flags');
    const flag = page.getByTestId('dq-flags').locator('tr', { hasText: 'Số học viên mới tăng gấp 10 lần' });
    await flag.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await flag.getByRole('button', { name: 'Xử lý' }).click();
    const resolve = page.getByRole('dialog');
    await resolve.getByLabel('Nhận xét xử lý').fill('ok');
    await resolve.getByRole('button', { name: /Lưu/ }).click();
    await resolve.getByText('Nhận xét cần ít nhất 3 ký tự').waitFor();
    await resolve.getByLabel('Nhận xét xử lý').fill('Trung tâm xác nhận nhập nhầm; đã nộp lại 30 học viên mới');
    await confirmAndClose(page, resolve.getByRole('button', { name: /Lưu/ }));
    await page.getByTestId('dq-flags').getByText('Không có cờ theo dõi').waitFor();
    const stored = (await owner.query(`SELECT status, resolution FROM data_quality_flag WHERE submission_id = $1`, [q1])).rows;
    expect(stored).toEqual([{ status: 'RESOLVED', resolution: 'Trung tâm xác nhận nhập nhầm; đã nộp lại 30 học viên mới' }]);

    await page.getByRole('tab', { name: 'Trung tâm có thể trùng' }).click();
    const pair = page.getByTestId('dq-duplicates').locator('tr', { hasText: 'TH-NN-001' });
    await pair.getByText('TH-NN-002').first().waitFor();
    await pair.getByText('Địa chỉ').waitFor();
    await screenshot(page, 'chat-luong-02-trung-tam-co-the-trung');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // On a phone the tables scroll inside their frame; the page itself does not.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/data-quality');
    await page.getByTestId('dq-outliers').waitFor();
    await settle(page);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'chat-luong-03-dien-thoai');
  });

  it("reconciles with the ministry's system: a commune's code entered, the ministry's file uploaded, the difference shown", async () => {
    await login(page, 'so.quantri');
    await page.goto('/data-quality?tab=ministry');
    await page.getByTestId('mx-not-official').waitFor();
    await chooseOption(page, page.getByTestId('mx-layout'), 'Thống kê xóa mù chữ cấp xã (hệ thống PCGD-XMC)');
    await chooseOption(page, page.getByTestId('mx-period'), 'Năm XMC 2024-2025');
    // The ministry's code of one commune, typed in the table and saved on leaving the field.
    const codes = page.getByTestId('mx-codes');
    await codes.getByPlaceholder('Tìm theo tên hoặc mã').fill('Xuân Hòa');
    const field = codes.getByLabel('Mã của Bộ: Xã Xuân Hòa');
    await field.fill('38123');
    await field.press('Enter');
    await page.getByText('Đã lưu mã của Bộ cho Xã Xuân Hòa').waitFor();
    expect((await owner.query(`SELECT ministry_code FROM administrative_unit WHERE name = 'Xã Xuân Hòa' AND valid_to IS NULL`)).rows[0].ministry_code).toBe('38123');
    await screenshot(page, 'chat-luong-05-doi-chieu-bo');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The ministry's file: this export with Xuân Hòa's literate count changed.
    const token = await api.login('so.quantri');
    const exported = await fetch(`${api.url}/api/ministry/PCGD_XMC_COMMUNE_LITERACY/XMC-2024-2025.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exported.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    let row = 0;
    for (let r = 6; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === '38123') row = r;
    expect(row).toBeGreaterThan(0);
    ws.getCell(row, 6).value = Number(ws.getCell(row, 6).value) + 5;
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    await page.locator('input[type=file]').setInputFiles({ name: 'pcgd-xmc.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    const result = page.getByTestId('mx-result');
    await result.waitFor();
    await page.getByTestId('mx-count-DIFFERENT').getByText('Khác số liệu: 1').waitFor();
    await result.getByText(/Độ tuổi 15–25 · Biết chữ mức 1: hệ thống này [\d.,]+, hệ thống Bộ [\d.,]+/).waitFor();
    await screenshot(page, 'chat-luong-06-ket-qua-doi-chieu');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
  });

  it("the director sees their report's unusual value as information, with the medians only", async () => {
    await login(page, 'gd.hoasen');
    await page.goto(`/submissions/${q3}`);
    const panel = page.getByTestId('value-checks');
    await panel.waitFor();
    const line = panel.getByTestId('value-check').filter({ hasText: '310' });
    await line.waitFor();
    expect(await line.innerText()).toMatch(/các kỳ trước: trung vị \d+/);
    await screenshot(page, 'chat-luong-04-giam-doc-tham-khao');
    expect(await seriousA11yViolations(page, ['[data-testid="value-checks"]'])).toEqual([]);
  });
});
