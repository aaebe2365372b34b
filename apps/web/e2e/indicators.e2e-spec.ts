// Issue 11, Build 4, "Chỉ tiêu" in a real browser: a Sở administrator opens the page from the menu, reads the
// shipped indicators with their formulas, adds one with an unknown key (refused in Vietnamese, nothing saved),
// fixes it, previews it on the real reports of a school year (the figure equals the API's), saves it, revises it
// and reads both versions; the page works on a phone; a Sở specialist has no such menu entry and is sent away.
import type { Page } from 'playwright-core';
import { Client } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { horizontalOverflow, login, newPage, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

const PHONE = { width: 390, height: 844 };
const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);

describe('indicator definitions page ("Chỉ tiêu") in Chromium', () => {
  let api: TestApi;
  let page: Page;
  let browser: import('playwright-core').Browser;
  useBrowserSuite('indicators', (suite) => ({ api, page, browser } = suite));

  async function fill(label: string, value: string): Promise<void> {
    const field = page.getByLabel(label, { exact: true });
    await field.fill(value);
  }

  it('a Sở administrator adds an indicator: refused with an unknown key, previewed on real data, saved, revised, versions readable', async () => {
    await login(page, 'so.quantri');
    await page.getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
    await page.getByRole('heading', { name: 'Chỉ tiêu tổng hợp của Sở' }).waitFor();
    const ldtt = page.getByTestId('indicator-LDTT_SHARE');
    await ldtt.waitFor();
    await expect(ldtt.getByTestId('indicator-formula').textContent()).resolves.toBe('staff_ldtt / staff_tenured × 100');
    await expect(ldtt.getByTestId('indicator-scope').textContent()).resolves.toBe('Toàn quốc');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('indicator-add').click();
    const editor = page.getByRole('dialog').filter({ hasText: 'Chỉ tiêu mới' });
    await editor.waitFor();
    await fill('Mã chỉ tiêu', 'LDTT_PER_STAFF');
    await fill('Tên (tiếng Việt)', 'Tỷ lệ lao động tiên tiến trên tổng số cán bộ');
    await fill('Tên (tiếng Anh)', 'Advanced workers per staff');
    await fill('Tử số', 'staff_ldtt');
    await fill('Mẫu số', 'staff_totl');
    await page.getByTestId('indicator-preview').click();
    const problems = page.getByTestId('indicator-problems');
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain("Mã 'staff_totl' không có trong biểu mẫu");
    await page.getByTestId('indicator-save').click();
    await page.getByTestId('indicator-problems').filter({ hasText: 'staff_totl' }).waitFor();
    const owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    try {
      expect((await owner.query(`SELECT count(*)::int AS n FROM indicator_definition WHERE code = 'LDTT_PER_STAFF'`)).rows[0].n).toBe(0);
    } finally {
      await owner.end();
    }

    await fill('Mẫu số', 'staff_total');
    // The preview period: the latest ended school year; the figure is the API's for the same definition.
    const periodCode = await page.locator('#indicator-preview-period').evaluate((el) => el.closest('.ant-select')?.textContent ?? '');
    await page.getByTestId('indicator-preview').click();
    await page.getByTestId('indicator-preview-result').waitFor();
    const token = await api.login('so.quantri');
    const period = periodFromLabel(periodCode);
    const r = await api.gql<{ previewIndicatorDefinition: { total: { value: number | null; coverage: { reporting: number; expected: number } } } }>(
      `query($i: SaveIndicatorDefinitionInput!, $p: String!) { previewIndicatorDefinition(input: $i, periodCode: $p) { total { value coverage { reporting expected } } } }`,
      { i: { code: 'LDTT_PER_STAFF', nameVi: 'x', nameEn: 'x', unit: '%', templateCodes: ['GDTX_SCHOOL_YEAR'], numerator: 'staff_ldtt', denominator: 'staff_total', factor: 100, aggregation: 'RATIO_OF_SUMS' }, p: period },
      token,
    );
    expect(r.errors).toBeUndefined();
    const total = r.data!.previewIndicatorDefinition.total;
    expect(total.coverage.reporting).toBeGreaterThan(0);
    await expect(page.getByTestId('indicator-preview-total').textContent()).resolves.toBe(`Toàn tỉnh: ${vi(total.value!)}`);
    await page.getByText(`${total.coverage.reporting}/${total.coverage.expected} trung tâm có đủ số liệu`).waitFor();
    await screenshot(page, '40-chi-tieu-xem-thu', { fullPage: false });
    expect(await seriousA11yViolations(page, ['[role="dialog"]'])).toEqual([]);

    await page.getByTestId('indicator-save').click();
    await page.getByText('Đã lưu phiên bản 1 của LDTT_PER_STAFF').waitFor();
    const mine = page.getByTestId('indicator-LDTT_PER_STAFF');
    await mine.waitFor();
    await expect(mine.getByTestId('indicator-scope').textContent()).resolves.toBe('Của tỉnh');

    // Revise it: a new version; the old one stays readable.
    await mine.getByRole('button', { name: /^Sửa/ }).click();
    await page.getByRole('dialog').filter({ hasText: 'Sửa chỉ tiêu LDTT_PER_STAFF' }).waitFor();
    await fill('Tử số', 'staff_ldtt + staff_leaders');
    await page.getByTestId('indicator-save').click();
    await page.getByText('Đã lưu phiên bản 2 của LDTT_PER_STAFF').waitFor();
    await expect(mine.getByTestId('indicator-version').textContent()).resolves.toBe('Phiên bản 2');
    await expect(mine.getByTestId('indicator-formula').textContent()).resolves.toBe('(staff_ldtt + staff_leaders) / staff_total × 100');
    await mine.getByRole('button', { name: /^Các phiên bản/ }).click();
    const v1 = page.getByTestId('indicator-version-1');
    await v1.waitFor();
    await expect(v1.textContent()).resolves.toContain('staff_ldtt / staff_total × 100');
    await expect(page.getByTestId('indicator-version-2').textContent()).resolves.toContain('Hiện hành');

    const defs = await api.gql<{ indicatorDefinitions: { code: string; version: number; versions: { version: number }[] }[] }>(`{ indicatorDefinitions { code version versions { version } } }`, {}, token);
    const saved = defs.data!.indicatorDefinitions.find((d) => d.code === 'LDTT_PER_STAFF')!;
    expect(saved.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('works on a phone: the list and the editor fit the screen', async () => {
    const phone = await newPage(browser, api.url, PHONE);
    page = phone;
    try {
      await login(phone, 'so.quantri');
      await phone.goto('/settings/indicators');
      await phone.getByTestId('indicator-PASS_RATE').waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await phone.getByTestId('indicator-PASS_RATE').getByRole('button', { name: /^Sửa/ }).click();
      await phone.getByRole('dialog').filter({ hasText: 'Sửa chỉ tiêu PASS_RATE' }).waitFor();
      await phone.getByText('Đây là chỉ tiêu dùng chung toàn quốc').waitFor();
      const width = await phone.getByRole('dialog').first().evaluate((el) => el.getBoundingClientRect().width);
      // Sub-pixel layout (390.00003 px has been measured): whole pixels are what scrolls.
      expect(Math.round(width)).toBeLessThanOrEqual(PHONE.width);
      await phone.getByTestId('indicator-preview').click();
      await phone.getByTestId('indicator-preview-result').waitFor();
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, '41-chi-tieu-dien-thoai', { fullPage: false });
    } finally {
      await phone.context().close();
    }
  });

  it('a Sở specialist has no "Chỉ tiêu" entry and the address sends them to their home page', async () => {
    await login(page, 'so.chuyenvien');
    await expect(page.getByRole('link', { name: 'Chỉ tiêu', exact: true }).count()).resolves.toBe(0);
    await page.goto('/settings/indicators');
    await page.waitForURL((u) => !u.pathname.startsWith('/settings/indicators'));
  });
});

/** "Năm học 2025-2026" → "2025-2026" (the select shows the period's label). */
function periodFromLabel(label: string): string {
  const m = /(\d{4})\s*[-–]\s*(\d{4})/.exec(label);
  if (!m) throw new Error(`no school year in "${label}"`);
  return `${m[1]}-${m[2]}`;
}
