// Issue 13, Build 6: a user turns on two-step verification from "Bảo mật tài khoản" (QR code, key, first code),
// then signs in with password and code; the Sở admin requires it for admins, and an admin without one is sent to
// the page and can open nothing else until it is on. On a phone as on a desktop.
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, horizontalOverflow, login, logout, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

const codeAt = (secret: string, offsetSeconds = 0) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });

async function turnOn(page: Page): Promise<string> {
  await page.getByTestId('totp-start').click();
  await page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByTestId('totp-confirm-code').fill(codeAt(secret));
  await page.getByTestId('totp-confirm').click();
  await page.getByText('Đã bật xác thực hai lớp').waitFor();
  await page.getByTestId('totp-status').filter({ hasText: 'Đã bật' }).waitFor();
  return secret;
}

async function signInWithCode(page: Page, username: string, code: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('login-totp-prompt').waitFor();
  await page.getByTestId('login-totp').fill(code);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('current-user').waitFor();
}

describe('account security in Chromium (phone)', () => {
  let page: Page;
  useBrowserSuite('account-security', (suite) => ({ page } = suite), { width: 390, height: 844 });

  it('turns on two-step verification and signs in with the code', async () => {
    await login(page, 'so.chuyenvien');
    await page.goto('/account/security');
    await page.getByRole('heading', { name: 'Bảo mật tài khoản' }).waitFor();
    await expect(page.getByTestId('totp-status').textContent()).resolves.toBe('Chưa bật');
    const secret = await turnOn(page);
    await screenshot(page, '70-bao-mat-tai-khoan-dien-thoai', { fullPage: true });
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await logout(page);

    // A wrong code is refused in Vietnamese; the right one (next step) signs in.
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('so.chuyenvien');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('login-totp-prompt').waitFor();
    await page.getByTestId('login-totp').fill(codeAt(secret, -600));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/Mã xác thực không đúng/);
    await page.getByTestId('login-totp').fill(codeAt(secret, 30));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('current-user').waitFor();
  });
});

describe('account security in Chromium (desktop)', () => {
  let page: Page;
  useBrowserSuite('account-security-admin', (suite) => ({ page } = suite));

  it('the Sở admin requires it for admins; an admin without one is sent to set it up first', async () => {
    await login(page, 'so.quantri');
    await page.getByRole('link', { name: 'Bảo mật tài khoản' }).click();
    await page.getByRole('heading', { name: 'Bảo mật tài khoản' }).waitFor();
    const secret = await turnOn(page);
    await page.getByTestId('totp-require-admins').click();
    await page.getByText('Đã lưu cài đặt bảo mật').waitFor();
    await page.locator('[data-testid="totp-require-admins"][aria-checked="true"]').waitFor();
    await screenshot(page, '71-cai-dat-bao-mat-so', { fullPage: false });
    await logout(page);

    // SYSTEM_ADMIN of the province has no second factor: after the password, the page and a warning, nothing else.
    await login(page, 'admin');
    await page.getByTestId('totp-required-alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/security');
    await page.goto('/centres');
    await page.getByTestId('totp-required-alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/security');
    await turnOn(page);
    await page.goto('/centres');
    await page.getByRole('heading', { name: /Danh sách trung tâm|Trung tâm/ }).first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/centres');

    // Turning it off is refused while the province requires it (no form, an explanation).
    await page.goto('/account/security');
    await page.getByText('Sở yêu cầu tài khoản quản trị dùng xác thực hai lớp, nên không thể tắt.').waitFor();
    await expect(page.getByTestId('totp-disable').count()).resolves.toBe(0);
    // The Sở admin signs in again, with a code.
    await logout(page);
    await signInWithCode(page, 'so.quantri', codeAt(secret, 30));

    // The log of sign-ins and permission changes, on the users page: what just happened, in Vietnamese.
    await page.goto('/users');
    await page.getByRole('tab', { name: 'Nhật ký đăng nhập và phân quyền' }).click();
    const log = page.getByTestId('security-events');
    await log.getByTestId('security-event-action').filter({ hasText: 'Đổi quy định xác thực hai lớp của Sở' }).first().waitFor();
    await expect(log.getByTestId('security-event-action').filter({ hasText: 'Bật xác thực hai lớp' }).count()).resolves.toBe(2);
    await expect(log.getByTestId('security-event-action').first().textContent()).resolves.toBe('Đăng nhập');
    await screenshot(page, '72-nhat-ky-dang-nhap', { fullPage: false });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
