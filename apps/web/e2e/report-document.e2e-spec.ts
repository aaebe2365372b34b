// Issue 16 item 2, the rest of "long forms": computed fields (rates, totals) are shown read-only and follow the
// figures as they are typed (GDTX v2); a report that is not being edited reads as a document and prints cleanly;
// the reviewer comments on the row in focus; a report filed against v1 keeps its typed rate.
import type { Page } from 'playwright-core';
import { S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { confirmAndClose, DEMO_PASSWORD, horizontalOverflow, login, logout, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(240_000);

describe('computed fields and the submitted report as a document', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('report-document', (suite) => ({ api, page } = suite));

  let submissionId = '';
  const { staff_total: _t, staff_ldtt_rate: _l, exam_pass_rate: _e, ...typedOnly } = S0_THANH_HOA_2020_2021_VALUES;

  async function token(username: string): Promise<string> {
    const r = await api.gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: username, p: DEMO_PASSWORD },
    );
    return r.data!.login.accessToken;
  }
  const stored = async () => {
    const r = await api.gql<{ submission: { status: string; templateVersion: number; values: Record<string, unknown> } }>(
      `query($id: ID!) { submission(id: $id) { status templateVersion values } }`, { id: submissionId }, await token('so.chuyenvien'));
    return r.data!.submission;
  };
  const valueOf = (key: string) => page.locator(`#field-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`);

  it('the director sees the rates and the total computed, read-only, and following the figures as they are typed', async () => {
    const staff = await token('cb.gdtx');
    const me = await api.gql<{ me: { centreId: string } }>(`{ me { centreId } }`, {}, staff);
    const due = await api.gql<{ dueReports: { templateCode: string; periodCode: string; status: string }[] }>(
      `query($c: ID!) { dueReports(centreId: $c) { templateCode periodCode status } }`, { c: me.data!.me.centreId }, staff);
    const report = due.data!.dueReports.find((d) => d.templateCode === 'GDTX_SEMESTER' && d.status === 'NOT_STARTED')!;
    // The staff member typed the counts only: the rates and the total are the server's to derive.
    const saved = await api.gql<{ saveSubmissionDraft: { submission: { id: string; templateVersion: number } } }>(
      `mutation($i: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $i) { submission { id templateVersion } } }`,
      { i: { centreId: me.data!.me.centreId, templateCode: 'GDTX_SEMESTER', periodCode: report.periodCode, values: typedOnly } }, staff);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveSubmissionDraft.submission.templateVersion).toBe(2);
    submissionId = saved.data!.saveSubmissionDraft.submission.id;

    await login(page, 'gd.gdtx');
    await page.goto(`/submissions/${submissionId}`);
    await page.getByTestId('report-form').waitFor();
    const rate = valueOf('exam_pass_rate');
    expect(await rate.inputValue()).toBe('99,6');
    expect(await rate.getAttribute('readonly')).not.toBeNull();
    expect(await valueOf('staff_total').inputValue()).toBe('56');
    expect(await valueOf('staff_ldtt_rate').inputValue()).toBe('88,9');
    await page.locator('[data-field="exam_pass_rate"]').getByText('Tự tính', { exact: true }).waitFor();

    // Typing a count moves the rate at once (the same deriveComputedValues the server uses), and the save stores it.
    await valueOf('exam_certified').fill('2000');
    await valueOf('exam_by_type.it_basic.certified').fill('2000');
    await page.waitForFunction(() => (document.getElementById('field-exam_pass_rate') as HTMLInputElement | null)?.value === '87,8');
    await valueOf('staff_contract').fill('21');
    await page.waitForFunction(() => (document.getElementById('field-staff_total') as HTMLInputElement | null)?.value === '57');
    // Typing into the computed field does nothing.
    await rate.click();
    await page.keyboard.type('5');
    expect(await rate.inputValue()).toBe('87,8');
    await page.getByTestId('save-state').getByText('Đã lưu lúc').waitFor();
    expect((await stored()).values).toMatchObject({ exam_pass_rate: 87.8, staff_total: 57 });
    await page.locator('[data-section="exams"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'bc-01-chi-tieu-tu-tinh', { fullPage: false });
    expect(await seriousA11yViolations(page, ['[data-section="staff"]', '[data-section="exams"]'])).toEqual([]);

    // Back to the centre's figures, and submitted.
    await valueOf('exam_certified').fill('2270');
    await valueOf('exam_by_type.it_basic.certified').fill('2270');
    await valueOf('staff_contract').fill('20');
    await page.waitForFunction(() => (document.getElementById('field-exam_pass_rate') as HTMLInputElement | null)?.value === '99,6');
    await page.getByTestId('validation-summary').getByText('Số liệu hợp lệ').waitFor();
    await page.getByTestId('submit-report').click();
    await confirmAndClose(page, page.getByTestId('confirm-submit'));
    await page.getByTestId('submission-status').getByText('Đã nộp').waitFor();
    expect(await stored()).toMatchObject({ status: 'SUBMITTED', values: expect.objectContaining({ exam_pass_rate: 99.6, staff_total: 56 }) });
  });

  it('the submitted report reads as a document, not greyed inputs, and prints cleanly', async () => {
    await login(page, 'gd.gdtx');
    await page.goto(`/submissions/${submissionId}`);
    const doc = page.getByTestId('report-document');
    await doc.waitFor();
    expect(await doc.locator('input, textarea, .ant-select').count()).toBe(0);
    // Vietnamese figures with their units; sections numbered, with headings.
    await expect(page.getByTestId('doc-value-exam_pass_rate').textContent()).resolves.toBe('99,6\u00a0%');
    await expect(page.getByTestId('doc-value-staff_total').textContent()).resolves.toBe('56 người');
    await expect(page.getByTestId('doc-value-exam_candidates').textContent()).resolves.toBe('2.279 người');
    await expect(page.getByTestId('doc-value-investment_million_vnd').textContent()).resolves.toBe('7.000 triệu đồng');
    await expect(page.getByTestId('doc-value-labs').textContent()).resolves.toBe('—');
    await page.getByRole('heading', { name: '5. Thi và cấp chứng chỉ' }).waitFor();
    await expect(page.getByTestId('doc-status').textContent()).resolves.toBe('Đã nộp');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'bc-02-bao-cao-dang-van-ban', { fullPage: false });
    expect(await seriousA11yViolations(page, ['[data-testid="report-document"]'])).toEqual([]);

    // Printed: the document alone (no menu, sidebar, banners or buttons), within the page width.
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.report-sidebar', '.ant-layout-header', '.ant-btn']) {
      const visible = await page.locator(hidden).evaluateAll((els) => els.some((el) => (el as HTMLElement).offsetParent !== null && getComputedStyle(el).display !== 'none'));
      expect({ hidden, visible }).toEqual({ hidden, visible: false });
    }
    expect(await doc.isVisible()).toBe(true);
    await screenshot(page, 'bc-03-bao-cao-ban-in', { fullPage: true });
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map((el) => `${el.tagName}.${(el as HTMLElement).className} ${Math.round(el.getBoundingClientRect().right)}`));
    expect({ wide, fits: await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth) }).toEqual({ wide: [], fits: true });
    await page.emulateMedia({ media: 'screen' });
    await logout(page);
  });

  it('the reviewer reads the document and comments on the row in focus; the return reaches the centre', async () => {
    await login(page, 'so.chuyenvien');
    await page.goto(`/submissions/${submissionId}`);
    await page.getByTestId('report-document').waitFor();
    const opacity = (key: string) => page.getByTestId(`add-comment-${key}`).evaluate((el) => Number(getComputedStyle(el.closest('.doc-review')!).opacity));
    // Not under every field at once: the link shows on the row in focus.
    expect(await opacity('classrooms')).toBe(0);
    await page.getByTestId('add-comment-classrooms').focus();
    await page.waitForFunction(() => Number(getComputedStyle(document.querySelector('[data-testid="add-comment-classrooms"]')!.closest('.doc-review')!).opacity) === 1);
    expect(await opacity('labs')).toBe(0);
    await page.getByTestId('add-comment-classrooms').click();
    await page.getByTestId('review-comment-classrooms').fill('Số phòng học chưa khớp với báo cáo cơ sở vật chất');
    expect(await seriousA11yViolations(page, ['[data-section="facilities"]', '.report-sidebar'])).toEqual([]);
    await page.getByTestId('overall-comment').fill('Đề nghị rà soát mục cơ sở vật chất.');
    await page.getByTestId('return-report').click();
    await page.getByTestId('confirm-return').click();
    await page.getByTestId('submission-status').getByText('Bị trả lại').waitFor();
    expect((await stored()).status).toBe('RETURNED');
  });

  it('a report filed against version 1 keeps its typed rate: an ordinary input there', async () => {
    const director = await token('gd.gdtx');
    const list = await api.gql<{ submissions: { nodes: { id: string; templateVersion: number; status: string }[] } }>(
      `{ submissions(filter: { templateCode: "GDTX_SEMESTER", status: RETURNED }, first: 5) { nodes { id templateVersion status } } }`, {}, director);
    const old = list.data!.submissions.nodes.find((n) => n.templateVersion === 1)!;
    expect(old).toBeDefined();
    await login(page, 'gd.gdtx');
    await page.goto(`/submissions/${old.id}`);
    await page.getByTestId('report-form').waitFor();
    const rate = valueOf('exam_pass_rate');
    expect(await rate.getAttribute('readonly')).toBeNull();
    expect(await page.locator('[data-field="exam_pass_rate"] [data-computed]').count()).toBe(0);
    expect(await rate.inputValue()).not.toBe('');
  });
});
