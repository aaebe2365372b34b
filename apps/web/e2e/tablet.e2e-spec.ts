// Issue 6, "works at 1366×768 and on a tablet": the main screens at 768×1024 (portrait tablet) fit the screen
// without sideways scrolling, and the folded side menu still reaches every screen.
import type { Page } from 'playwright-core';
import { TABLET_VIEWPORT, horizontalOverflow, login, screenshot, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

describe('web app on a tablet (768×1024)', () => {
  let page: Page;
  useBrowserSuite('tablet', (suite) => ({ page } = suite), TABLET_VIEWPORT);


  /** The side menu is folded on a tablet: open it with its button and follow an entry. */
  async function openMenuEntry(name: string): Promise<void> {
    await page.getByRole('button', { name: 'Mở menu chức năng' }).click();
    await page.getByTestId('menu-drawer').getByRole('link', { name, exact: true }).click();
    // The drawer closes once the entry is followed.
    await page.getByTestId('menu-drawer').waitFor({ state: 'hidden' });
  }

  it('a centre director works on the home page and a report form without sideways scrolling', async () => {
    await login(page, 'gd.gdtx');
    await page.getByRole('heading', { name: 'Báo cáo cần nộp' }).waitFor();
    await page.locator('[data-testid="due-reports"] .ant-table-row').first().waitFor();
    // The menu is folded away, not squeezed beside the content.
    await expect(page.getByRole('link', { name: 'Trung tâm của tôi', exact: true }).isVisible()).resolves.toBe(false);
    await screenshot(page, 'tablet-01-giam-doc-trang-chu', { fullPage: false });
    expect(await horizontalOverflow(page)).toBe(0);

    await page.locator('[data-testid="due-reports"] .ant-table-row').first().getByRole('link').first().click();
    await page.locator('.field-row').first().waitFor();
    await screenshot(page, 'tablet-02-bieu-mau', { fullPage: false });
    expect(await horizontalOverflow(page)).toBe(0);

    await openMenuEntry('Trung tâm của tôi');
    await page.getByRole('heading', { name: 'Lịch sử quyết định' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
  });

  it('a Sở specialist reads the dashboard and the centre list on a tablet', async () => {
    await login(page, 'so.chuyenvien');
    await page.getByTestId('reporting-glance').waitFor();
    await page.getByTestId('stat-total').waitFor();
    await page.locator('canvas').first().waitFor();
    await page.getByRole('tab', { name: 'Tỷ lệ nộp theo địa bàn' }).click();
    await page.getByTestId('reporting-heatmap').waitFor();
    await screenshot(page, 'tablet-03-so-tong-quan', { fullPage: false });
    expect(await horizontalOverflow(page)).toBe(0);

    await openMenuEntry('Danh sách trung tâm');
    await page.getByTestId('centre-total').getByText(/Tổng số: \d+ trung tâm/).waitFor();
    await screenshot(page, 'tablet-04-danh-sach-trung-tam', { fullPage: false });
    expect(await horizontalOverflow(page)).toBe(0);
  });
});
