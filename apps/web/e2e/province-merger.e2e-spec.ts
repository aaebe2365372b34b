// Issue 12 item 4 (province mergers; ADR 0015), in Chromium: Bắc Ninh's Sở sees its merger history on the units
// page — Bắc Giang merged into it from 1 Jul 2025 — and the structure the day before, when both provinces stood;
// a Thanh Hóa user sees no such history.
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { horizontalOverflow, login, logout, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

describe('the merged province\'s history (Chromium)', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('province-merger', (suite) => ({ api, page } = suite));

  it('Bắc Ninh\'s Sở reads "Lịch sử sáp nhập" and opens the structure before the merger', async () => {
    await login(page, 'bn.quantri');
    await page.goto('/units');
    const history = page.getByTestId('merger-history');
    await history.waitFor();
    await expect(history.getByTestId('merger-headline').innerText()).resolves.toBe(
      'Tỉnh Bắc Ninh (mới) — sáp nhập từ Tỉnh Bắc Giang và Tỉnh Bắc Ninh từ 01/07/2025',
    );
    await expect(history.innerText()).resolves.toContain('Nghị quyết 202/2025/QH15');
    await expect(history.innerText()).resolves.toContain('2 trung tâm chuyển sang Tỉnh Bắc Ninh');
    // Today: one province; Bắc Giang's city re-created under Bắc Ninh.
    await page.getByTestId('units-summary').getByText(/^1 tỉnh/).waitFor();
    await page.getByRole('link', { name: 'Thành phố Bắc Giang' }).first().waitFor();
    await expect(page.getByRole('link', { name: 'Tỉnh Bắc Giang' }).count()).resolves.toBe(0);
    await screenshot(page, 'sap-nhap-01-lich-su');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.mouse.move(5, 700);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The day before: both old provinces, answerable as of then.
    await page.getByRole('button', { name: 'Xem cơ cấu trước sáp nhập' }).click();
    await page.waitForURL(/asOf=2025-06-30/);
    await page.getByTestId('units-summary').getByText(/^2 tỉnh/).waitFor();
    await page.getByRole('link', { name: 'Tỉnh Bắc Giang' }).first().waitFor();
    await page.getByRole('link', { name: 'Tỉnh Bắc Ninh' }).first().waitFor();
    await screenshot(page, 'sap-nhap-02-truoc-sap-nhap');
    await logout(page);
  });

  it('Bắc Ninh\'s admin finds Bắc Giang\'s locked admin among its users and moves the account to Bắc Ninh', async () => {
    await expect(api.login('bg.quantri')).rejects.toThrow();
    await login(page, 'bn.quantri');
    await page.goto('/users');
    const row = page.getByRole('row').filter({ hasText: 'bg.quantri' });
    await row.getByText('Tỉnh cũ (đã sáp nhập): khóa').waitFor();
    await screenshot(page, 'sap-nhap-03-nguoi-dung-tinh-cu');
    await page.getByTestId('move-merged-bg.quantri').click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã chuyển tài khoản sang tỉnh mới').first().waitFor();
    await row.getByRole('button', { name: 'Sửa bg.quantri' }).waitFor();
    const me = await api.gql<{ me: { provinceId: string; active: boolean } }>(`{ me { provinceId active } }`, {}, await api.login('bg.quantri'));
    const bn = await api.gql<{ me: { provinceId: string } }>(`{ me { provinceId } }`, {}, await api.login('bn.quantri'));
    expect(me.data!.me).toEqual({ provinceId: bn.data!.me.provinceId, active: true });
    await logout(page);
  });

  it('a Thanh Hóa user has no merger history and no unit of either province', async () => {
    await login(page, 'so.quantri');
    await page.goto('/units?asOf=2025-06-30');
    await page.getByTestId('units-summary').getByText(/^1 tỉnh/).waitFor();
    await expect(page.getByTestId('merger-history').count()).resolves.toBe(0);
    await expect(page.getByText('Bắc Giang').count()).resolves.toBe(0);
    await expect(page.getByText('Bắc Ninh').count()).resolves.toBe(0);
    await logout(page);
  });
});
