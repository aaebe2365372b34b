// The smaller pieces in a real browser: notifications (badge, mark read, the full list with paging), the
// reporting heat map's drill-down by keyboard, the compliance filter of the centre list (and its export), and
// the "Xuất Excel" button of any table, whose file is opened with exceljs here.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { errorCode, type TestApi } from '../../api/test/harness';
import { DEMO_PASSWORD, horizontalOverflow, login, newPage, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

/** A fresh token (the harness caches tokens; marking read must be checked with the user's own session). */
async function freshToken(api: TestApi, username: string): Promise<string> {
  const r = await api.gql<{ login: { accessToken: string } }>(
    `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: username, p: DEMO_PASSWORD },
  );
  return r.data!.login.accessToken;
}

/** The downloaded workbook's only sheet: title, subtitle, headers (row 3) and the data rows. */
async function readDownload(download: Download): Promise<{ title: string; subtitle: string; headers: string[]; rows: ExcelJS.CellValue[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const width = ws.getRow(3).cellCount;
  const values = (r: number) => Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value);
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) rows.push(values(r));
  expect(ws.getRow(3).getCell(1).font?.bold).toBe(true);
  return { title: String(ws.getCell(1, 1).value), subtitle: String(ws.getCell(2, 1).value), headers: values(3).map(String), rows };
}

/** Waits until read() gives the expected value (the page updates asynchronously), else fails showing the last value. */
async function until<T>(read: () => T | Promise<T>, expected: T, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (Object.is(value, expected)) return;
    if (Date.now() > end) {
      expect(value).toEqual(expected);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('notifications, heat-map drill-down, compliance filter and table export in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  // Written for the pre-reform world (districts, the district office of Thọ Xuân as an active supervisor): pinned to
  // it (DEMO_WORLD=pre-reform) until ported to today's province (issue 12; today's world: commune-officer.e2e-spec.ts).
  useBrowserSuite('misc', (suite) => ({ api, browser, page } = suite), undefined, { world: 'pre-reform' });


  const COUNT = `{ unreadNotificationCount notifications(first: 100) { totalCount nodes { id readAt } } }`;
  type Counted = { unreadNotificationCount: number; notifications: { totalCount: number; nodes: { id: string; readAt: string | null }[] } };
  const bellCount = async () => Number(await page.getByTestId('notification-bell').getAttribute('data-count'));

  it('a director marks one notification read, then all; the header badge follows and the API agrees', async () => {
    const token = await freshToken(api, 'gd.hoasen');
    const before = await api.gql<Counted>(COUNT, {}, token);
    const unread = before.data!.unreadNotificationCount;
    expect(unread).toBeGreaterThanOrEqual(2);

    await login(page, 'gd.hoasen');
    await page.getByTestId('notifications').getByTestId('notification-item').first().waitFor();
    await until(bellCount, unread);
    expect(await page.getByTestId('notification-bell').getAttribute('aria-label')).toBe(`Thông báo: ${unread} chưa đọc`);
    await screenshot(page, '60-giam-doc-thong-bao');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const card = page.getByTestId('notifications');
    await card.getByRole('button', { name: /^Đánh dấu đã đọc: / }).first().click();
    await until(bellCount, unread - 1);
    expect((await api.gql<Counted>(COUNT, {}, token)).data!.unreadNotificationCount).toBe(unread - 1);

    await card.getByTestId('mark-all-read').click();
    await page.getByText('Đã đánh dấu tất cả thông báo là đã đọc').waitFor();
    await until(bellCount, 0);
    await expect(card.getByTestId('mark-all-read').isDisabled()).resolves.toBe(true);
    const after = await api.gql<Counted>(COUNT, {}, token);
    expect(after.data!.unreadNotificationCount).toBe(0);
    expect(after.data!.notifications.totalCount).toBe(before.data!.notifications.totalCount);

    // Isolation: marking another user's notification does nothing (the API answers with no row) and it stays unread.
    const otherToken = await freshToken(api, 'so.chuyenvien');
    const other = (await api.gql<Counted>(COUNT, {}, otherToken)).data!.notifications.nodes.find((n) => !n.readAt)!;
    const marked = await api.gql<{ markNotificationsRead: unknown[] }>(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }`, { ids: [other.id] }, token);
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markNotificationsRead).toEqual([]);
    const still = (await api.gql<Counted>(COUNT, {}, otherToken)).data!.notifications.nodes.find((n) => n.id === other.id)!;
    expect(still.readAt).toBeNull();
  });

  it('a Sở specialist pages through all notifications and filters the unread ones', async () => {
    const token = await freshToken(api, 'so.chuyenvien');
    const counts = (await api.gql<Counted>(COUNT, {}, token)).data!;
    expect(counts.notifications.totalCount).toBeGreaterThan(20);

    await login(page, 'so.chuyenvien');
    await page.getByTestId('notification-bell').click();
    await page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
    const total = page.getByTestId('notifications-total');
    await total.getByText(`${counts.notifications.totalCount} thông báo · ${counts.unreadNotificationCount} chưa đọc`).waitFor();
    const items = page.getByTestId('notifications-page').getByTestId('notification-item');
    await until(() => items.count(), 20);
    await screenshot(page, '61-so-danh-sach-thong-bao', { fullPage: false });
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /^Xem thêm/ }).click();
    await until(() => items.count(), counts.notifications.totalCount);

    // Read one, then show unread only (kept in the URL).
    await items.first().getByRole('button', { name: /^Đánh dấu đã đọc/ }).click();
    await until(bellCount, counts.unreadNotificationCount - 1);
    await page.getByText(/^Chưa đọc \(/).click();
    await until<string | null>(() => new URL(page.url()).searchParams.get('unread'), '1');
    await until(() => page.locator('[data-testid="notification-item"][data-unread="true"]').count(), Math.min(20, counts.unreadNotificationCount - 1));
    await expect(page.locator('[data-testid="notification-item"][data-unread="false"]').count()).resolves.toBe(0);
  });

  it('heat map: a unit × period opens by keyboard with the expected centres and their reports; dashboard tables export', async () => {
    await login(page, 'so.chuyenvien');
    await page.goto('/dashboard?section=heatmap');
    await page.getByTestId('reporting-heatmap').waitFor();
    // A cell with submitted reports, reached from the keyboard.
    const cells = page.locator('.heatmap-cell:not([disabled])');
    const count = await cells.count();
    expect(count).toBeGreaterThan(0);
    let target = cells.first();
    for (let i = 0; i < count; i++) {
      if (Number(await cells.nth(i).getAttribute('data-submitted')) > 0) { target = cells.nth(i); break; }
    }
    const unitId = (await target.getAttribute('data-unit'))!;
    const periodCode = (await target.getAttribute('data-period'))!;
    const shown = { submitted: Number(await target.getAttribute('data-submitted')), expected: Number(await target.getAttribute('data-expected')) };
    await target.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('heatmap-drawer-summary').waitFor();

    const token = await freshToken(api, 'so.chuyenvien');
    const rates = await api.gql<{ reportingRates: { centreId: string; expected: number; notDue: number; submitted: number; missing: number }[] }>(
      `query($t: String!, $p: String!, $u: ID!) { reportingRates(templateCode: $t, periodFrom: $p, periodTo: $p, unitId: $u, groupBy: [CENTRE]) { centreId expected notDue submitted missing } }`,
      { t: 'GDTX_SEMESTER', p: periodCode, u: unitId }, token,
    );
    expect(rates.errors).toBeUndefined();
    const expected = rates.data!.reportingRates.filter((r) => r.expected > 0);
    const submitted = expected.filter((r) => r.submitted > 0).length;
    // Rates are over what is due (the reporting calendar): not-yet-due reports are neither submitted nor missing.
    const due = expected.filter((r) => !r.notDue).length;
    const missing = expected.filter((r) => r.missing > 0).length;
    expect(shown).toEqual({ submitted, expected: expected.length });
    expect(await target.textContent()).toContain(`${submitted}/${due}`);
    await drawer.getByText(`Đã nộp ${submitted}/${due} đến hạn`).waitFor();
    await until(() => drawer.locator('.ant-table-row').count(), expected.length);
    await expect(drawer.getByText('Quá hạn, chưa nộp', { exact: true }).count()).resolves.toBe(missing);
    await screenshot(page, '62-so-ban-do-nhiet-chi-tiet', { fullPage: false });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The drawer's table to Excel: the same centres, Vietnamese headers.
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('export-heatmap-cell').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheet = await readDownload(download);
    expect(sheet.headers).toEqual(['Mã', 'Trung tâm', 'Trạng thái', 'Thời hạn', 'Hạn nộp', 'Ngày nộp']);
    expect(sheet.rows).toHaveLength(expected.length);
    expect(sheet.rows.filter((r) => r[2] === 'Quá hạn, chưa nộp')).toHaveLength(missing);
    expect(sheet.subtitle).toContain('Kỳ: ');

    // A submitted report opens from the list.
    if (submitted > 0) {
      await drawer.getByRole('button', { name: 'Mở báo cáo' }).first().click();
      await page.getByTestId('report-form').waitFor();
    }
    await page.keyboard.press('Escape');

    // The dashboard's indicator table to Excel: numbers stay numbers.
    await page.goto('/dashboard?section=indicators');
    const table = page.getByTestId('indicator-table');
    await table.locator('.ant-table-row').first().waitFor();
    const shownRows = await table.locator('.ant-table-row').count();
    const firstName = (await table.locator('.ant-table-row').first().locator('td').first().textContent())!;
    const [indicatorFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-indicators').click()]);
    const indicators = await readDownload(indicatorFile);
    expect(indicators.title).toBe('Chỉ tiêu hoạt động (theo đơn vị, loại hình)');
    expect(indicators.headers).toEqual(['Chỉ tiêu', 'Giá trị', 'Kỳ trước', 'Thay đổi', 'Số trung tâm', 'Tính lúc']);
    expect(indicators.rows).toHaveLength(shownRows);
    expect(indicators.rows[0][0]).toBe(firstName);
    expect(typeof indicators.rows[0][4]).toBe('number');
  });

  it('the centre list filters by compliance (URL, count from the API), exports the same rows, and a supervisor stays in the area', async () => {
    const token = await freshToken(api, 'so.chuyenvien');
    const q = `query($f: CentreFilter) { centres(filter: $f, first: 200) { totalCount nodes { code } } }`;
    const nonCompliant = await api.gql<{ centres: { totalCount: number; nodes: { code: string }[] } }>(q, { f: { compliance: 'NON_COMPLIANT' } }, token);
    const withOpen = await api.gql<{ centres: { totalCount: number } }>(q, { f: { compliance: 'HAS_OPEN_FINDINGS' } }, token);
    expect(withOpen.data!.centres.totalCount).toBeGreaterThan(0);

    await login(page, 'so.chuyenvien');
    await page.goto('/centres');
    await page.getByTestId('centre-total').getByText(/Tổng số/).waitFor();
    await page.getByRole('combobox', { name: 'Tuân thủ' }).click();
    await page.locator('.ant-select-item-option[title="Có vấn đề tuân thủ đang mở"]').click();
    await until<string | null>(() => new URL(page.url()).searchParams.get('compliance'), 'HAS_OPEN_FINDINGS');
    await page.getByTestId('centre-total').getByText(`Tổng số: ${withOpen.data!.centres.totalCount} trung tâm`).waitFor();
    await screenshot(page, '63-so-loc-tuan-thu');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto('/centres?compliance=NON_COMPLIANT');
    await page.getByTestId('centre-total').getByText(`Tổng số: ${nonCompliant.data!.centres.totalCount} trung tâm`).waitFor();
    await expect(page.locator('.ant-table-row').count()).resolves.toBe(nonCompliant.data!.centres.totalCount);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const codes: string[] = [];
    for (let r = 3; r <= ws.rowCount; r++) codes.push(String(ws.getRow(r).getCell(1).value));
    expect(codes.sort()).toEqual(nonCompliant.data!.centres.nodes.map((n) => n.code).sort());

    // A supervisor filtering by compliance sees only the area's centres; a unit outside it is refused by the API.
    const page2 = await newPage(browser, api.url);
    try {
      await login(page2, 'phong.thoxuan');
      await page2.goto('/centres?compliance=COMPLIANT');
      await page2.getByTestId('centre-total').getByText(/Tổng số/).waitFor();
      await expect(page2.getByRole('link', { name: 'Trung tâm Ngoại ngữ Quốc tế Lam Sơn' }).count()).resolves.toBe(0);
      const sup = await freshToken(api, 'phong.thoxuan');
      const lamSon = await api.gql<{ centres: { nodes: { adminUnit: { id: string } }[] } }>(`{ centres(filter: { search: "TH-NN-001" }) { nodes { adminUnit { id } } } }`, {}, token);
      const cityUnit = lamSon.data!.centres.nodes[0].adminUnit.id;
      const r = await api.gql<{ centres: { nodes: unknown[] } }>(q, { f: { compliance: 'COMPLIANT', unitId: cityUnit } }, sup);
      // Outside the area: refused, or (if the unit itself is visible) no centre at all.
      expect(errorCode(r) === 'NOT_FOUND' || errorCode(r) === 'FORBIDDEN' || r.data?.centres.nodes.length === 0).toBe(true);
    } finally {
      await page2.context().close();
    }
  });

  it('the review queue exports its rows', async () => {
    await login(page, 'so.chuyenvien');
    await page.goto('/review');
    await page.getByTestId('review-queue').locator('.ant-table-row, .ant-empty').first().waitFor();
    const token = await freshToken(api, 'so.chuyenvien');
    const r = await api.gql<{ submissions: { totalCount: number } }>(`{ submissions(filter: { status: SUBMITTED }, first: 1) { totalCount } }`, {}, token);
    const total = r.data!.submissions.totalCount;
    if (total === 0) return expect(await page.getByTestId('export-submissions').isDisabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-submissions').click()]);
    const sheet = await readDownload(download);
    expect(sheet.title).toBe('Báo cáo chờ duyệt');
    expect(sheet.headers).toEqual(['Mã', 'Trung tâm', 'Biểu mẫu', 'Kỳ báo cáo', 'Trạng thái', 'Phiên bản', 'Hạn nộp', 'Ngày nộp', 'Số ngày nộp muộn', 'Số lỗi', 'Số cảnh báo']);
    expect(sheet.rows).toHaveLength(Math.min(total, 100));
    expect(new Set(sheet.rows.map((row) => row[4]))).toEqual(new Set(['Đã nộp']));
    expect(sheet.rows[0][6]).toBeInstanceOf(Date);
  });
});
