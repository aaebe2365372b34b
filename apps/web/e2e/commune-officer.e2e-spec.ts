// Issue 12 (supervision after the 2025 reform), in Chromium on a phone: the commune officer of Xuân Hòa sees its
// commune's centres and reviews its TTHTCĐ's report, but not the Sở-licensed language centre's; the area officer
// monitors read-only; the dissolved district office of Thọ Xuân is told its scope ended and whom to ask.
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { chooseOption, horizontalOverflow, login, logout, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

const PHONE = { width: 390, height: 844 };

describe('commune and area officers after the 2025 reform (phone, Chromium)', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('commune-officer', (suite) => ({ api, page } = suite), PHONE);

  /** The latest SUBMITTED report of a centre, as the Sở sees it. */
  async function submittedOf(centreName: string): Promise<string> {
    const token = await api.login('so.chuyenvien');
    const r = await api.gql<{ submissions: { nodes: { id: string; centreName: string }[] } }>(
      `{ submissions(filter: { status: SUBMITTED }, first: 200) { nodes { id centreName } } }`, {}, token,
    );
    const hit = r.data!.submissions.nodes.find((n) => n.centreName === centreName);
    if (!hit) throw new Error(`no submitted report of ${centreName}`);
    return hit.id;
  }

  it('the commune officer sees its commune\'s centres and accepts its TTHTCĐ report, not the language centre\'s', async () => {
    const tthtcd = await submittedOf('Trung tâm học tập cộng đồng Xã Xuân Hòa');
    const language = await submittedOf('Trung tâm Ngoại ngữ Tuổi Trẻ Thọ Xuân');
    await login(page, 'xa.xuanhoa');
    // The commune officer lands on its area at a glance (issue 16 item 5); the list is one menu entry away.
    expect(new URL(page.url()).pathname).toBe('/area');
    await page.getByTestId('reporting-glance').waitFor();
    await page.goto('/centres');
    await page.getByRole('link', { name: 'Trung tâm học tập cộng đồng Xã Xuân Hòa' }).first().waitFor();
    await page.getByRole('link', { name: 'Trung tâm Ngoại ngữ Tuổi Trẻ Thọ Xuân' }).first().waitFor();
    await expect(page.getByRole('link', { name: 'Trung tâm Ngoại ngữ Hoa Sen' }).count()).resolves.toBe(0);
    await expect(page.getByTestId('scope-ended-banner').count()).resolves.toBe(0);
    await screenshot(page, 'xa-01-danh-sach-trung-tam');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.mouse.move(5, 400); // no row under the pointer from the login click (a hovered row is not what axe should judge)
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The Sở-licensed language centre: readable, but no review buttons (the Sở reviews it).
    await page.goto(`/submissions/${language}`);
    await page.getByText('Trung tâm Ngoại ngữ Tuổi Trẻ Thọ Xuân').first().waitFor();
    await expect(page.getByTestId('accept-report').count()).resolves.toBe(0);

    // Its own TTHTCĐ: accepted from the phone.
    await page.goto(`/submissions/${tthtcd}`);
    await page.getByTestId('accept-report').click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã chấp nhận báo cáo').first().waitFor();
    await screenshot(page, 'xa-02-duyet-bao-cao-tthtcd');
    expect(await horizontalOverflow(page)).toBe(0);
    const check = await api.gql<{ submission: { status: string } }>(`query($id: ID!) { submission(id: $id) { status } }`, { id: tthtcd }, await api.login('so.chuyenvien'));
    expect(check.data!.submission.status).toBe('ACCEPTED');
    await logout(page);
  });

  it('the area officer monitors read-only; the dissolved district office sees that its scope ended and whom to ask', async () => {
    await login(page, 'kv.thoxuan');
    await page.getByTestId('area-scope-banner').getByText('Bạn theo dõi Khu vực Thọ Xuân').waitFor();
    expect(new URL(page.url()).pathname).toBe('/area');
    await page.goto('/centres');
    await page.getByRole('link', { name: 'Trung tâm Ngoại ngữ Hoa Sen' }).first().waitFor();
    await page.getByRole('button', { name: 'Mở menu chức năng' }).click();
    await page.getByTestId('menu-drawer').getByRole('link', { name: 'Danh sách trung tâm', exact: true }).waitFor();
    await expect(page.getByTestId('menu-drawer').getByRole('link', { name: 'Báo cáo chờ duyệt', exact: true }).count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await screenshot(page, 'kv-01-khu-vuc-chi-xem');
    expect(await horizontalOverflow(page)).toBe(0);
    await logout(page);

    await login(page, 'phong.thoxuan');
    const banner = page.getByTestId('scope-ended-banner');
    await banner.getByText('Phạm vi phụ trách Huyện Thọ Xuân đã kết thúc ngày 30/06/2025').waitFor();
    await banner.getByText('liên hệ Quản trị Sở').waitFor();
    await page.goto('/centres');
    await page.getByTestId('scope-ended-banner').waitFor();
    await page.getByRole('link', { name: 'Trung tâm Ngoại ngữ Hoa Sen' }).first().waitFor();
    await screenshot(page, 'phong-01-pham-vi-da-ket-thuc');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
  });
});

describe('the Sở heat map of today\'s province: rows by commune or by supervisory area (Chromium)', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('heatmap-areas', (suite) => ({ api, page } = suite));

  it('rows are today\'s communes (no district), or the areas with the API\'s figures', async () => {
    const template = 'Báo cáo hoạt động quý – Trung tâm ngoại ngữ, tin học, kỹ năng sống';
    await login(page, 'so.chuyenvien');
    await page.goto('/dashboard?section=heatmap');
    const heatmap = page.getByTestId('reporting-heatmap');
    await heatmap.waitFor();
    await chooseOption(page, page.locator('#heatmap-template'), template);
    await heatmap.getByRole('rowheader', { name: 'Thị trấn Thọ Xuân' }).waitFor();
    const rowNames = await heatmap.getByRole('rowheader').allTextContents();
    expect(rowNames.some((n) => n.startsWith('Huyện') || n.startsWith('Thị xã') || n.startsWith('Thành phố'))).toBe(false);

    await chooseOption(page, page.locator('#heatmap-rows'), 'Khu vực giám sát');
    await heatmap.getByRole('rowheader', { name: 'Khu vực Thọ Xuân' }).waitFor();
    await heatmap.getByRole('rowheader', { name: 'Khu vực Bá Thước' }).waitFor();
    await heatmap.getByText('Các khu vực có thể chồng lấn').first().waitFor();
    // Each area cell shows what the API computes for that area and period.
    const r = await api.gql<{ reportingRates: { areaId: string | null; areaName: string | null; periodCode: string; expected: number; submitted: number }[] }>(
      `query($f: String!, $t: String!) { reportingRates(templateCode: "LANGUAGE_IT_QUARTERLY", periodFrom: $f, periodTo: $t, groupBy: [AREA, PERIOD]) { areaId areaName periodCode expected submitted } }`,
      { f: (await heatmap.locator('[data-area]').first().getAttribute('data-period'))!, t: (await heatmap.locator('[data-area]').last().getAttribute('data-period'))! },
      await api.login('so.chuyenvien'),
    );
    const thoXuan = r.data!.reportingRates.filter((x) => x.areaName === 'Khu vực Thọ Xuân' && x.expected > 0);
    expect(thoXuan.length).toBeGreaterThan(0);
    for (const x of thoXuan) {
      const cell = heatmap.locator(`[data-area="${x.areaId}"][data-period="${x.periodCode}"]`);
      await expect(cell.getAttribute('data-expected')).resolves.toBe(String(x.expected));
      await expect(cell.getAttribute('data-submitted')).resolves.toBe(String(x.submitted));
    }
    await screenshot(page, 'so-heatmap-theo-khu-vuc');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
