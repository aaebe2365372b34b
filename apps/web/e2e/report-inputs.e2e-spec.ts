// Issue 16 items 1 and 7 on the report form, on a phone: dates are entered as dd/mm/yyyy in a date picker (never
// the browser's native input, which shows mm/dd/yyyy in many locales) and saved as ISO dates; numeric fields
// open the numeric keypad (inputmode), decimals with a decimal key.
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { DEMO_PASSWORD, horizontalOverflow, login, screenshot, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

const PHONE = { width: 390, height: 844 };

describe('report form inputs on a phone', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('report-inputs', (suite) => ({ api, page } = suite), PHONE);

  async function token(username: string): Promise<string> {
    const r = await api.gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: username, p: DEMO_PASSWORD },
    );
    return r.data!.login.accessToken;
  }

  it('a language centre director enters a date as dd/mm/yyyy; the server stores the ISO date; numbers get the numeric keypad', async () => {
    const director = await token('gd.hoasen');
    const me = await api.gql<{ me: { centreId: string } }>(`{ me { centreId } }`, {}, director);
    const centreId = me.data!.me.centreId;
    // An empty draft of a quarter long past (nothing filed for it in the demo).
    const saved = await api.gql<{ saveSubmissionDraft: { submission: { id: string } } }>(
      `mutation($i: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $i) { submission { id } } }`,
      { i: { centreId, templateCode: 'LANGUAGE_IT_QUARTERLY', periodCode: '2019-Q1', values: {} } },
      director,
    );
    expect(saved.errors).toBeUndefined();
    const id = saved.data!.saveSubmissionDraft.submission.id;

    await login(page, 'gd.hoasen');
    await page.goto(`/submissions/${id}`);
    await page.getByTestId('report-form').waitFor();
    // Long forms (item 2): the error summary lists each issue as a link to its field; the section navigation
    // jumps to a section; save and submit stay on screen in a bar at the bottom.
    const summary = page.getByTestId('issue-summary');
    const firstLink = summary.locator('li.is-error a').first();
    const target = (await firstLink.getAttribute('href'))!.slice(1);
    await firstLink.click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(target);
    const bar = page.getByTestId('report-action-bar');
    await bar.getByTestId('submit-report').waitFor();
    const barBox = (await bar.boundingBox())!;
    expect(barBox.y + barBox.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(barBox.y).toBeGreaterThan(PHONE.height / 2);
    const nav = page.getByTestId('section-nav');
    const lastSection = nav.locator('a').last();
    const sectionId = (await lastSection.getAttribute('href'))!.slice(1);
    await lastSection.click();
    await page.waitForFunction((id) => Math.abs(document.getElementById(id)!.getBoundingClientRect().top) < 120, sectionId);
    await expect(nav.locator('.section-nav-errors').count()).resolves.toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));

    // No native date input anywhere on the form; the date fields are pickers showing dd/mm/yyyy.
    expect(await page.locator('[data-testid="report-form"] input[type="date"]').count()).toBe(0);
    const date = page.locator('#field-establishment_decision_date');
    await expect(date.getAttribute('placeholder')).resolves.toBe('dd/mm/yyyy');
    await date.click();
    await date.fill('15/03/2018');
    await date.press('Enter');
    await expect(date.inputValue()).resolves.toBe('15/03/2018');
    // Numeric fields: the keypad, not the full keyboard.
    const modes = await page.locator('[data-testid="report-form"] .ant-input-number input').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('inputmode')));
    expect(modes.length).toBeGreaterThan(5);
    expect(modes.filter((m) => m !== 'numeric' && m !== 'decimal')).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'phone-bieu-mau-ngay', { fullPage: false });

    // Autosaved: the server holds the ISO date.
    await page.getByTestId('save-state').getByText(/Đã lưu lúc/).waitFor();
    const stored = await api.gql<{ submission: { values: Record<string, unknown> } }>(`query($id: ID!) { submission(id: $id) { values } }`, { id }, director);
    expect(stored.data!.submission.values['establishment_decision_date']).toBe('2018-03-15');
  });
});
