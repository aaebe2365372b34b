// Issue 6 must-show, the reporting round in a real browser: a director opens a due report, enters a value
// that breaks a rule and sees the message, fixes it, meets a concurrent edit (CONFLICT), submits; a Sở specialist returns it with a field comment;
// the director sees the comment, fixes and resubmits; the specialist accepts and sees the dashboard change.
import type { Browser, Page } from 'playwright-core';
import { S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { bootApi, type TestApi } from '../../api/test/harness';
import { DEMO_PASSWORD, assertWebBuilt, confirmAndClose, horizontalOverflow, launchBrowser, login, logout, newPage, screenshot, screenshotOnFailure, seriousA11yViolations } from './browser';

jest.setTimeout(180_000);

/** Scrolls an element to the middle of the screen, for a screenshot that shows it with its message. */
async function centre(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
}

interface DueReport { templateCode: string; templateNameVi: string; periodCode: string; periodLabelVi: string; status: string; centreId: string }

describe('report round in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let due: DueReport;
  let submissionId: string;
  /** Accepted reports on the dashboard before the round (read by the specialist in the second step). */
  let acceptedBefore = Number.NaN;
  /** The resubmission day the specialist sets when returning (dd/mm/yyyy), read back by the director. */
  let resubmitByText = '';

  const acceptedOnDashboard = async (): Promise<number> => {
    await page.goto('/dashboard?section=heatmap');
    const cell = page.getByTestId('chart-reporting').locator('tr[data-key="ACCEPTED"] td');
    await cell.waitFor({ state: 'attached' });
    return Number(await cell.getAttribute('data-value'));
  };
  /** The status as the API reports it, with a fresh session (the harness caches short-lived tokens). */
  const statusOf = async () => {
    const auth = await api.gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: 'so.chuyenvien', p: DEMO_PASSWORD },
    );
    const r = await api.gql<{ submission: { status: string } }>(`query($id: ID!) { submission(id: $id) { status } }`, { id: submissionId }, auth.data!.login.accessToken);
    return r.data?.submission.status;
  };
  const submissionStatusTag = (text: string) => page.getByTestId('submission-status').getByText(text);

  beforeAll(async () => {
    assertWebBuilt();
    [api, browser] = await Promise.all([bootApi(), launchBrowser()]);
    // The centre's staff member has prepared a draft of a due semester report (seed 000 figures).
    const staff = await api.login('cb.gdtx');
    const me = await api.gql<{ me: { centreId: string } }>(`{ me { centreId } }`, {}, staff);
    const list = await api.gql<{ dueReports: DueReport[] }>(
      `query($c: ID!) { dueReports(centreId: $c) { centreId templateCode templateNameVi periodCode periodLabelVi status } }`,
      { c: me.data!.me.centreId }, staff,
    );
    due = list.data!.dueReports.find((d) => d.templateCode === 'GDTX_SEMESTER' && d.status === 'NOT_STARTED')!;
    expect(due).toBeDefined();
    const saved = await api.gql<{ saveSubmissionDraft: { submission: { id: string } } }>(
      `mutation($i: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $i) { submission { id } } }`,
      { i: { centreId: due.centreId, templateCode: due.templateCode, periodCode: due.periodCode, values: S0_THANH_HOA_2020_2021_VALUES } },
      staff,
    );
    expect(saved.errors).toBeUndefined();
    submissionId = saved.data!.saveSubmissionDraft.submission.id;
  });
  let started = 0;
  // Each step in its own browser context: a step that fails leaves no session behind for the next one.
  beforeEach(async () => {
    started = Date.now();
    page = await newPage(browser, api.url);
  });
  afterEach(async () => {
    const name = expect.getState().currentTestName ?? 'test';
    if (process.env['WEB_E2E_DEBUG']) await screenshotOnFailure(page, name);
    if (process.env['WEB_E2E_TIMING']) console.log(`${name}: ${Date.now() - started} ms`);
    await page?.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    if (process.env['WEB_E2E_DEBUG']) {
      await new Promise((r) => setTimeout(r, 3000));
      console.log('active resources', process.getActiveResourcesInfo());
    }
  });

  const openDueReport = async () => {
    await page.getByRole('heading', { name: 'Báo cáo cần nộp' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: due.periodLabelVi }).filter({ hasText: due.templateNameVi });
    await row.getByRole('button', { name: 'Mở báo cáo' }).click();
    await page.getByTestId('report-form').waitFor();
  };

  it('the director sees a broken rule next to the field, fixes it, keeps their input through a CONFLICT and submits', async () => {
    const t0 = Date.now();
    const mark = (what: string) => process.env['WEB_E2E_TIMING'] && console.log(`${what}: ${Date.now() - t0} ms`);
    await login(page, 'gd.gdtx');
    mark('login');
    await openDueReport();
    await page.getByTestId('validation-summary').getByText('Số liệu hợp lệ').waitFor();
    mark('form open');

    await page.locator('#field-exam_certified').fill('2280');
    const issue = page.locator('[data-field="exam_certified"] [data-testid="issue-exam.certified_le_candidates"]');
    await expect(issue.textContent()).resolves.toContain('Số cấp chứng chỉ (2.280) không được lớn hơn số dự thi (2.279)');
    expect(await page.locator('#field-exam_certified').getAttribute('aria-invalid')).toBe('true');
    mark('error shown');
    await centre(page, '#field-exam_certified');
    await screenshot(page, '08-bao-cao-loi-kiem-tra', { fullPage: false });
    expect(await horizontalOverflow(page)).toBe(0);
    mark('screenshot');
    // The form repeats one field row and one grid component per section: axe checks the page frame, the
    // summary, the sidebar and three sections (with a grid and the field in error) instead of all nine,
    // which would take axe tens of seconds on a busy machine.
    expect(await seriousA11yViolations(page, [
      'header', 'nav', '[data-testid="validation-summary"]', '.report-sidebar',
      '[data-section="staff"]', '[data-section="exams"]', '[data-section="facilities"]',
    ])).toEqual([]);
    mark('axe');
    // Submitting with an error is refused in the browser, before the server is asked.
    await page.getByTestId('submit-report').click();
    await page.getByTestId('action-error').getByText('Còn lỗi trong báo cáo').waitFor();

    await page.locator('#field-exam_certified').fill('2270');
    await issue.waitFor({ state: 'detached' });
    await page.getByTestId('validation-summary').getByText('Số liệu hợp lệ').waitFor();
    mark('fixed');
    await page.getByTestId('save-state').getByText('Đã lưu lúc').waitFor();

    // Meanwhile the staff member saves the same draft: the director's next autosave is stale and gets CONFLICT,
    // shown plainly, with what the director typed still on screen.
    const staff = await api.gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: 'cb.gdtx', p: DEMO_PASSWORD },
    );
    const current = await api.gql<{ submission: { version: number; values: Record<string, unknown> } }>(
      `query($id: ID!) { submission(id: $id) { version values } }`, { id: submissionId }, staff.data!.login.accessToken,
    );
    const concurrent = await api.gql(
      `mutation($i: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $i) { submission { version } } }`,
      { i: { centreId: due.centreId, templateCode: due.templateCode, periodCode: due.periodCode, values: { ...current.data!.submission.values, outreach_people_counselled: 1200 }, expectedVersion: current.data!.submission.version } },
      staff.data!.login.accessToken,
    );
    expect(concurrent.errors).toBeUndefined();
    await page.locator('#field-labs').fill('5');
    await page.getByTestId('conflict').getByText('Báo cáo vừa được người khác cập nhật').waitFor();
    expect(await page.locator('#field-labs').inputValue()).toBe('5');
    await page.getByRole('button', { name: 'Giữ dữ liệu của tôi và lưu lại' }).click();
    await page.getByTestId('conflict').waitFor({ state: 'detached' });
    await page.getByTestId('save-state').getByText('Đã lưu lúc').waitFor();
    mark('conflict resolved');

    await page.getByTestId('submit-report').click();
    // The confirmation (an on-time report: no reason asked).
    await confirmAndClose(page, page.getByTestId('confirm-submit'));
    expect(await page.getByTestId('late-reason').count()).toBe(0);
    await submissionStatusTag('Đã nộp').waitFor();
    mark('submitted');
    expect(await statusOf()).toBe('SUBMITTED');
    await logout(page);
  });

  it('the specialist returns it with a comment on a field', async () => {
    await login(page, 'so.chuyenvien');
    const before = await acceptedOnDashboard();
    expect(Number.isFinite(before)).toBe(true);
    acceptedBefore = before;

    await page.getByRole('link', { name: 'Báo cáo chờ duyệt' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Trung tâm Giáo dục thường xuyên tỉnh Thanh Hóa' }).filter({ hasText: due.periodLabelVi });
    await screenshot(page, '09-so-bao-cao-cho-duyet');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await row.getByRole('button', { name: 'Xem và duyệt' }).click();
    await page.getByTestId('report-form').waitFor();
    await page.getByTestId('add-comment-classrooms').click();
    await page.getByTestId('review-comment-classrooms').fill('Số phòng học chưa khớp với báo cáo cơ sở vật chất, đề nghị kiểm tra lại');
    await page.getByTestId('overall-comment').fill('Đề nghị trung tâm rà soát mục cơ sở vật chất.');
    await centre(page, '[data-testid="review-comment-classrooms"]');
    await screenshot(page, '10-so-duyet-bao-cao', { fullPage: false });
    expect(await seriousA11yViolations(page, ['.report-sidebar', '[data-section="facilities"]', '[data-section="staff"]'])).toEqual([]);
    // A resubmission deadline, typed the Vietnamese way (dd/mm/yyyy) into the date picker, and a confirmation.
    const by = new Date(Date.now() + 10 * 86_400_000);
    const byText = `${String(by.getDate()).padStart(2, '0')}/${String(by.getMonth() + 1).padStart(2, '0')}/${by.getFullYear()}`;
    resubmitByText = byText;
    await page.locator('#resubmit-by').click();
    await page.locator('#resubmit-by').fill(byText);
    await page.locator('#resubmit-by').press('Enter');
    await page.getByTestId('return-report').click();
    await page.getByText(`Trả lại báo cáo, hạn nộp lại ${byText}?`, { exact: false }).waitFor();
    await page.getByTestId('confirm-return').click();
    await submissionStatusTag('Bị trả lại').waitFor();
    expect(await statusOf()).toBe('RETURNED');
    await logout(page);
  });

  it('the director sees the comment on its field, fixes and resubmits', async () => {
    await login(page, 'gd.gdtx');
    await openDueReport();
    await page.getByTestId('returned-banner').getByText('Đề nghị trung tâm rà soát mục cơ sở vật chất.').waitFor();
    await page.getByTestId('resubmit-deadline').getByText(`Hạn nộp lại: ${resubmitByText}`).waitFor();
    const comment = page.locator('[data-field="classrooms"] [data-testid="returned-comment"]');
    await expect(comment.textContent()).resolves.toContain('Số phòng học chưa khớp với báo cáo cơ sở vật chất');
    await centre(page, '[data-field="classrooms"]');
    await screenshot(page, '11-giam-doc-bao-cao-bi-tra-lai', { fullPage: false });
    // The whole form was checked in the first test; here the parts a return adds.
    expect(await seriousA11yViolations(page, ['[data-testid="returned-banner"]', '[data-field="classrooms"]', '[data-testid="history"]'])).toEqual([]);

    // Excel: the pre-filled workbook downloads; a file that is not a workbook is refused and nothing is written.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải biểu mẫu Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId('excel-upload').setInputFiles({ name: 'bao-cao.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('không phải tệp Excel') });
    await page.getByText('Tệp Excel có lỗi, chưa ghi dữ liệu nào').waitFor();
    await page.getByTestId('excel-problems').waitFor();
    expect(await statusOf()).toBe('RETURNED');

    const classrooms = page.locator('#field-classrooms');
    const current = Number((await classrooms.inputValue()).replace(/\D/g, '') || '0');
    await classrooms.fill(String(current + 2));
    await page.getByTestId('submit-report').click();
    await confirmAndClose(page, page.getByTestId('confirm-submit'));
    await submissionStatusTag('Đã nộp').waitFor();
    expect(await statusOf()).toBe('SUBMITTED');
    // The second submission, as the user counts (the lock version behind it is higher: every save counts there).
    await page.getByTestId('submission-number').getByText('Lần nộp 2').waitFor();
    await logout(page);
  });

  it('the specialist accepts it and the dashboard count of accepted reports goes up by one', async () => {
    await login(page, 'so.chuyenvien');
    await page.goto(`/submissions/${submissionId}`);
    await page.getByTestId('report-form').waitFor();
    await page.getByTestId('history').getByText('Số phòng học chưa khớp').first().waitFor();
    await page.getByTestId('accept-report').click();
    // On a loaded 2-core machine a click on the confirmation while it is still animating in can be lost: click
    // until the confirmation closes (3 tries), then give the acceptance the time a loaded run needs.
    const confirmAccept = page.getByRole('button', { name: 'Đồng ý' });
    for (let attempt = 0; attempt < 3 && (await confirmAccept.count()) > 0; attempt++) {
      await confirmAccept.click({ timeout: 5_000 }).catch(() => undefined);
      await confirmAccept.waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    }
    await submissionStatusTag('Đã chấp nhận').waitFor({ timeout: 60_000 });
    expect(await statusOf()).toBe('ACCEPTED');
    await centre(page, '[data-testid="history"]');
    await screenshot(page, '12-so-da-chap-nhan-lich-su', { fullPage: false });

    const after = await acceptedOnDashboard();
    expect(after).toBe(acceptedBefore + 1);
  });
});
