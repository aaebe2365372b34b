// Issue 16 items 6 and 7, in Chromium: the director of a language centre opens the notification of a returned
// report, in Vietnamese and in English (the server writes both; the centre's name stays as written), with the
// office that returned it and dd/mm/yyyy dates, and its link leads to the report.
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the notification of the return, without a worker in this suite
import { NotificationService } from '@gdtx/notify';
import { login, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

describe('notifications in both languages (Chromium)', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('notifications', (suite) => ({ api, page } = suite));

  it('the director opens a returned report from its notification, in Vietnamese and in English', async () => {
    const so = await api.login('so.chuyenvien');
    const list = await api.gql<{ submissions: { nodes: { id: string; centreName: string; version: number }[] } }>(
      `{ submissions(filter: { status: SUBMITTED }, first: 200) { nodes { id centreName version } } }`, {}, so,
    );
    const sub = list.data!.submissions.nodes.find((n) => n.centreName === 'Trung tâm Ngoại ngữ Hoa Sen')!;
    expect(sub).toBeDefined();
    const returned = await api.gql<{ returnSubmission: { version: number } }>(
      `mutation($id: ID!, $v: Int!) { returnSubmission(id: $id, expectedVersion: $v, comment: "Số học viên mới chưa khớp.") { version } }`, { id: sub.id, v: sub.version }, so,
    );
    expect(returned.errors).toBeUndefined();
    // This suite runs no queue worker: the subscriber's work (submission.returned>notify), called as the job calls it.
    expect(await api.app.get(NotificationService, { strict: false }).submissionReturned(null, sub.id, returned.data!.returnSubmission.version)).toBeGreaterThan(0);

    await login(page, 'gd.hoasen');
    await page.goto('/notifications');
    const item = page.getByTestId('notification-item').filter({ has: page.locator(`a[href="/submissions/${sub.id}"]`) });
    await item.first().waitFor();
    await expect(item.getByTestId('notification-link').innerText()).resolves.toMatch(/^Báo cáo bị trả lại: /);
    const bodyVi = await item.getByTestId('notification-body').innerText();
    expect(bodyVi).toMatch(/^Sở GDĐT Thanh Hóa đã trả lại báo cáo của Trung tâm Ngoại ngữ Hoa Sen/);
    expect(bodyVi).toContain('Số học viên mới chưa khớp.');
    expect(bodyVi).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await expect(item.getByText('Bị trả lại').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'thong-bao-01-tra-lai-tieng-viet');
    await page.mouse.move(5, 400);
    expect(await seriousA11yViolations(page, ['[data-testid="notifications-page"]'])).toEqual([]);

    // English: the server's English text, the centre's name as written.
    await page.locator('header').getByTestId('language-switch').getByText('EN').click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await item.getByText(/^Report returned: /).first().waitFor();
    const bodyEn = await item.getByTestId('notification-body').innerText();
    expect(bodyEn).toMatch(/^The Thanh Hóa Department of Education and Training returned the report of Trung tâm Ngoại ngữ Hoa Sen/);
    expect(bodyEn).toContain('Comment: Số học viên mới chưa khớp.');
    expect(bodyEn).not.toMatch(/đã trả lại|Đề nghị/);
    await expect(item.getByText('Returned', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'thong-bao-02-tra-lai-tieng-anh');
    // The choice is kept on the account (the e-mail digest is written in it).
    const director = await api.login('gd.hoasen');
    const languageOnServer = async () => (await api.gql<{ me: { language: string } }>(`{ me { language } }`, {}, director)).data!.me.language;
    for (let i = 0; i < 50 && (await languageOnServer()) !== 'en'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await languageOnServer()).toBe('en');

    // The link leads to the report.
    await item.getByTestId('notification-link').click();
    await page.waitForURL(`**/submissions/${sub.id}`);
    await page.getByText('Trung tâm Ngoại ngữ Hoa Sen').first().waitFor();
    // The centre's page (where a finding's notification leads), still in English: the findings' English titles,
    // the legal basis folded until asked for.
    const centreId = (await api.gql<{ submission: { centreId: string } }>(`query($id: ID!) { submission(id: $id) { centreId } }`, { id: sub.id }, so)).data!.submission.centreId;
    await page.goto(`/centres/${centreId}`);
    const card = page.getByTestId('centre-compliance');
    await card.getByTestId('centre-finding').first().waitFor();
    const findingsEn = await card.innerText();
    expect(findingsEn).toMatch(/Submitted \d+ days late: .* \(due \d{2}\/\d{2}\/\d{4}, submitted \d{2}\/\d{2}\/\d{4}\)/);
    expect(findingsEn).not.toMatch(/Nộp muộn|\d{4}-\d{2}-\d{2}/);
    expect(findingsEn).not.toContain('Thông tư 21/2018');
    await card.getByTestId('legal-basis').first().locator('summary').click();
    await expect(card.innerText()).resolves.toContain('Thông tư 21/2018');
    await screenshot(page, 'thong-bao-03-trung-tam-tieng-anh');

    // Back in Vietnamese, the same notification reads in Vietnamese again (now read).
    await page.goto('/notifications');
    await page.getByTestId('language-switch').first().getByText('VI').click();
    await item.getByText(/^Báo cáo bị trả lại: /).first().waitFor();
    await expect(item.first().getAttribute('data-unread')).resolves.toBe('false');
  });
});
