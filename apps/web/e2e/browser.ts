// Browser-test helpers (architecture §8, tier "browser"): the real API with the built web app, driven in
// headless Debian Chromium through playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { bootApi, type TestApi } from '../../api/test/harness';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(__dirname, '../../../test-output/screenshots');
export const DOC_SCREENSHOT_DIR = join(__dirname, '../../../docs/user-guide/img');
export const DEMO_PASSWORD = 'Demo@2026';

/** The screen size the product must work at (issue 6: 1366×768). */
export const VIEWPORT = { width: 1366, height: 768 };
/** A tablet held upright (iPad-class, 768×1024): the side menu folds away behind a button. */
export const TABLET_VIEWPORT = { width: 768, height: 1024 };

export function assertWebBuilt(): void {
  const index = join(__dirname, '../dist/index.html');
  if (!existsSync(index)) throw new Error(`apps/web/dist is missing: run "npx vite build" in apps/web (npm test does it)`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context (own storage: no session carried over from another test). */
export async function newPage(browser: Browser, baseURL: string, viewport = VIEWPORT): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', hasTouch: viewport.width < 1024 });
  const page = await context.newPage();
  // Generous: on a 2-core CI machine the browser shares the CPU with the API, PostgreSQL and Chromium itself.
  page.setDefaultTimeout(40_000);
  return page;
}

/** Saves test-output/screenshots/<name>.png; long report forms are taken at screen size (fullPage is slow there). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const fullPage = options.fullPage ?? true;
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
  // `npm run docs:screenshots` refreshes the user guides' pictures (committed, as small JPEGs) from the same steps.
  if (process.env['GDTX_DOC_SCREENSHOTS'] === '1' && !name.startsWith('failed-')) {
    mkdirSync(DOC_SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(DOC_SCREENSHOT_DIR, `${name}.jpg`), fullPage, type: 'jpeg', quality: 60 });
  }
}

/** Waits for running CSS animations (a drawer sliding in, a modal fading) so a picture shows the end state. */
export async function settle(page: Page): Promise<void> {
  await page
    .evaluate(() => Promise.race([Promise.all(document.getAnimations().map((a) => a.finished)), new Promise((r) => setTimeout(r, 2000))]))
    .catch(() => undefined);
}

/** axe-core on the current page; returns the serious and critical violations (the bar is: none). */
export async function seriousA11yViolations(
  page: Page,
  include: string[] = [],
): Promise<{ id: string; impact: string | null | undefined; help: string; targets: string[] }[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  // A long report form takes axe many seconds: screens already checked whole may be re-checked in part.
  for (const selector of include) builder = builder.include(selector);
  // Grid rows repeat the first row's markup exactly; checking the first row of each grid is enough.
  builder = builder.exclude('.grid-table tbody tr:not(:first-child)');
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('current-user').waitFor();
}

export async function logout(page: Page): Promise<void> {
  // On a phone sign-out lives in the menu drawer (issue 16).
  const inHeader = page.locator('header').getByRole('button', { name: 'Đăng xuất' });
  if (await inHeader.isVisible()) await inHeader.click();
  else {
    await page.getByTestId('menu-button').click();
    await page.getByTestId('drawer-actions').getByRole('button', { name: 'Đăng xuất' }).click();
  }
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

/** Leaves a picture of the page when a step fails (test-output/screenshots/failed-*.png). */
export async function screenshotOnFailure(page: Page | undefined, name: string): Promise<void> {
  if (!page || page.isClosed()) return;
  // The start names the suite and the end the test: two tests of one suite never share a picture.
  const slug = name.replace(/[^a-z0-9]+/gi, '-');
  await screenshot(page, `failed-${slug.length > 90 ? `${slug.slice(0, 40)}--${slug.slice(-48)}` : slug}`).catch(() => undefined);
}

/** How many pixels the page is wider than the window (0: no horizontal scrolling at 1366×768). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

/**
 * Opens a select (or tree select), optionally types a search, and clicks the option whose text matches. On a
 * loaded 2-core machine a click on an option that is still animating in can be lost, or the dropdown closes before
 * the click: the select is opened again and the click repeated until the dropdown closes (5 tries).
 */
export async function chooseOption(
  page: Page,
  field: Locator,
  option: string | RegExp,
  { search, optionSelector = '.ant-select-item-option' }: { search?: string; optionSelector?: string } = {},
): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 0; ; attempt++) {
    // Opened (again): a re-render can close the dropdown before the option was clicked (seen on CI timing).
    if (!(await dropdown.first().isVisible())) {
      await field.click();
      if (search !== undefined) await field.fill(search);
    }
    try {
      await dropdown.locator(optionSelector).filter({ hasText: option }).first().click({ timeout: 8000 });
      await dropdown.waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

/**
 * Clicks a modal's confirm button until the modal has closed: on a loaded 2-core machine a click while the modal is
 * still animating in is lost (the report-flow and late-and-bulk suites lost their submit confirmation that way).
 */
export async function confirmAndClose(page: Page, button: Locator): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await settle(page);
    await button.click();
    // Taken: the modal closes, or its button shows that the request is on its way (then it closes when done).
    const taken = await page
      .waitForFunction(
        (el) => !el || !el.isConnected || el.getClientRects().length === 0 || el.classList.contains('ant-btn-loading'),
        await button.elementHandle({ timeout: 1000 }).catch(() => null),
        { timeout: 3000 },
      )
      .then(() => true, () => false);
    if (taken) {
      await button.waitFor({ state: 'hidden' });
      return;
    }
    if (attempt >= 3) throw new Error('the confirmation was not taken after 4 clicks');
  }
}

export interface BrowserSuite {
  api: TestApi;
  browser: Browser;
  page: Page;
}

/**
 * The hooks every browser spec shares: the real API on its own cloned demo database and Chromium, once per file;
 * a fresh browser context per test (no session carried over), pictured after the test and closed. `bind` hands
 * the spec its API and, before each test, the new page.
 */
export function useBrowserSuite(
  name: string, bind: (suite: BrowserSuite) => void, viewport = VIEWPORT, opts: { world?: 'today' | 'pre-reform' } = {},
): void {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    assertWebBuilt();
    [suite.api, suite.browser] = await Promise.all([bootApi({}, opts), launchBrowser()]);
    bind(suite);
  });
  beforeEach(async () => {
    suite.page = await newPage(suite.browser, suite.api.url, viewport);
    bind(suite);
  });
  afterEach(async () => {
    await screenshotOnFailure(suite.page, expect.getState().currentTestName ?? name);
    await suite.page?.context().close();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.api?.close();
  });
}
