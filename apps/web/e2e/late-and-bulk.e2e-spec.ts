// Issue 16, Build 3 and 4 in Chromium: a director submitting a report past its deadline is asked for the reason
// (and cannot skip it); the reviewer reads it on the report and sees the late mark in the queue; the Sở selects
// reports in the queue and accepts them in bulk, and is told which ones need a review of their own.
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { chooseOption, confirmAndClose, DEMO_PASSWORD, horizontalOverflow, login, logout, screenshot, seriousA11yViolations, settle, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

describe('late submissions and bulk accept in Chromium', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('late-and-bulk', (suite) => ({ api, page } = suite));

  /** A session of its own (logging out in the browser ends every token of that user, the harness's cached one too). */
  async function freshToken(username: string): Promise<string> {
    const r = await api.gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: username, p: DEMO_PASSWORD },
    );
    return r.data!.login.accessToken;
  }

  /** A draft of a semester the provincial centre never filed (long overdue), saved through the API. */
  async function lateDraft(periodCode: string): Promise<string> {
    const token = await freshToken('gd.gdtx');
    const me = await api.gql<{ me: { centreId: string } }>(`{ me { centreId } }`, {}, token);
    const saved = await api.gql<{ saveSubmissionDraft: { submission: { id: string } } }>(
      `mutation($i: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $i) { submission { id } } }`,
      { i: { centreId: me.data!.me.centreId, templateCode: 'GDTX_SEMESTER', periodCode, values: S0_THANH_HOA_2020_2021_VALUES } },
      token,
    );
    expect(saved.errors).toBeUndefined();
    return saved.data!.saveSubmissionDraft.submission.id;
  }

  it('asks the director for the late reason, and the reviewer reads it', async () => {
    const id = await lateDraft('2019-2020-S1');
    await login(page, 'gd.gdtx');
    await page.goto(`/submissions/${id}`);
    await page.getByTestId('report-form').waitFor();
    await page.getByTestId('submit-report').click();
    await page.getByTestId('late-warning').getByText(/Báo cáo nộp muộn \d+ ngày so với hạn \d{2}\/\d{2}\/\d{4}/).waitFor();
    // Not without a reason. (Once the modal has finished opening: under load a click during its animation is lost.)
    await settle(page);
    await page.getByTestId('confirm-submit').click();
    await page.getByText('Cần nêu lý do nộp muộn').waitFor();
    expect(await page.getByTestId('submission-status').textContent()).not.toContain('Đã nộp');
    expect(await seriousA11yViolations(page, ['.ant-modal'])).toEqual([]);
    await page.getByTestId('late-reason').fill('Cán bộ phụ trách nghỉ ốm dài ngày');
    await screenshot(page, 'nop-muon-ly-do', { fullPage: false });
    await confirmAndClose(page, page.getByTestId('confirm-submit'));
    await page.getByTestId('submission-status').getByText('Đã nộp').waitFor();
    // The number a user understands: the first submission (saves are not versions to them).
    await page.getByTestId('submission-number').getByText('Lần nộp 1').waitFor();
    await logout(page);

    await login(page, 'so.chuyenvien');
    await page.goto('/review');
    const row = page.locator('tr', { hasText: 'Học kỳ I năm học 2019-2020' });
    await row.getByTestId('late-tag').getByText(/Muộn \d+ ngày/).waitFor();
    await page.goto(`/submissions/${id}`);
    await page.getByTestId('late-banner').getByText('Lý do nộp muộn: Cán bộ phụ trách nghỉ ốm dài ngày').waitFor();
  });

  it('accepts the selected reports in bulk and lists the ones that need their own review', async () => {
    const clean = await lateDraft('2018-2019-S1');
    const unclean = await lateDraft('2018-2019-S2');
    const token = await freshToken('gd.gdtx');
    for (const id of [clean, unclean]) {
      const s = await api.gql<{ submission: { version: number } }>(`query($id: ID!) { submission(id: $id) { version } }`, { id }, token);
      const r = await api.gql(`mutation($id: ID!, $v: Int!) { submitSubmission(id: $id, expectedVersion: $v, lateReason: "Nộp bù") { id } }`, { id, v: s.data!.submission.version }, token);
      expect(r.errors).toBeUndefined();
    }
    // A figure broken behind the workflow: the bulk accept must leave this one for a review of its own.
    const owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    try {
      await owner.query(`UPDATE submission SET "values" = jsonb_set("values", '{staff_female}', '999') WHERE id = $1`, [unclean]);
    } finally {
      await owner.end();
    }

    await login(page, 'so.chuyenvien');
    await page.goto('/review');
    await page.getByTestId('review-queue').waitFor();
    // The data checks per report before anyone opens it: the broken one shows its errors, as the API counts them.
    const checksOf = async (id: string) => (await api.gql<{ submission: { issues: { severity: string }[] } }>(
      `query($id: ID!) { submission(id: $id) { issues { severity } } }`, { id }, await freshToken('so.chuyenvien'),
    )).data!.submission.issues.filter((i) => i.severity === 'error').length;
    const brokenRow = page.locator('tr', { hasText: 'Học kỳ II năm học 2018-2019' });
    expect(Number(await brokenRow.getByTestId('checks').getAttribute('data-errors'))).toBe(await checksOf(unclean));
    await brokenRow.getByTestId('checks').getByText(`${await checksOf(unclean)} lỗi`).waitFor();
    expect(Number(await page.locator('tr', { hasText: 'Học kỳ I năm học 2018-2019' }).getByTestId('checks').getAttribute('data-errors'))).toBe(0);
    for (const label of ['Học kỳ I năm học 2018-2019', 'Học kỳ II năm học 2018-2019']) {
      await page.locator('tr', { hasText: label }).locator('input[type="checkbox"]').check();
    }
    await page.getByTestId('bulk-accept').getByText('Chấp nhận 2 báo cáo đã chọn').waitFor();
    await page.getByTestId('bulk-accept').click();
    await confirmAndClose(page, page.getByTestId('confirm-bulk-accept'));
    // The refused one is listed (and stays listed); the accepted one leaves the queue. The toast with the counts
    // ("Đã chấp nhận 1 báo cáo; 1 báo cáo cần xem riêng") is transient, so the test reads what stays.
    await page.getByTestId('bulk-refused').getByText('Báo cáo còn 1 lỗi: cần xem và duyệt riêng.', { exact: false }).waitFor();
    await page.locator('tr', { hasText: 'Học kỳ I năm học 2018-2019' }).waitFor({ state: 'detached' });
    expect(await page.locator('tr', { hasText: 'Học kỳ II năm học 2018-2019' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBe(0);
    // After the refused list's alert has faded in: mid-animation its link reads as low contrast.
    await settle(page);
    expect(await seriousA11yViolations(page, ['[data-testid="review-queue"]'])).toEqual([]);
    await screenshot(page, 'duyet-hang-loat', { fullPage: false });

    // Waiting time on every row; the filters narrow the queue to one template (then one of its periods).
    expect(await page.getByTestId('waiting-days').count()).toBeGreaterThan(0);
    const quarterly = 'Báo cáo hoạt động quý – Trung tâm ngoại ngữ, tin học, kỹ năng sống';
    await chooseOption(page, page.getByTestId('filter-template').locator('input'), quarterly, { search: 'hoạt động quý' });
    await page.locator('tr', { hasText: 'Học kỳ II năm học 2018-2019' }).waitFor({ state: 'detached' });
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const templates = await rows.locator('td:nth-child(3)').allTextContents();
    expect(templates.length).toBeGreaterThan(0);
    expect(new Set(templates)).toEqual(new Set([quarterly]));

    // And by supervisory area: the rows are the API's for the same filter.
    const so = await freshToken('so.chuyenvien');
    const meta = await api.gql<{ reportTemplates: { code: string; nameVi: string }[]; supervisoryAreas: { id: string; name: string }[] }>(
      `{ reportTemplates { code nameVi } supervisoryAreas { id name } }`, {}, so,
    );
    const code = meta.data!.reportTemplates.find((x) => x.nameVi === quarterly)!.code;
    const areaId = meta.data!.supervisoryAreas.find((a) => a.name === 'Khu vực Thọ Xuân')!.id;
    const expected = await api.gql<{ submissions: { totalCount: number } }>(
      `query($f: SubmissionFilter) { submissions(filter: $f, first: 1) { totalCount } }`, { f: { status: 'SUBMITTED', templateCode: code, areaId } }, so,
    );
    const before = templates.length;
    await chooseOption(page, page.getByTestId('filter-area').locator('input'), 'Khu vực Thọ Xuân', { search: 'Thọ Xuân' });
    await page.waitForFunction((n) => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === n, Math.min(20, expected.data!.submissions.totalCount));
    expect(expected.data!.submissions.totalCount).toBeLessThan(before);
    expect(await seriousA11yViolations(page, ['[data-testid="review-queue"]'])).toEqual([]);
  });
});
