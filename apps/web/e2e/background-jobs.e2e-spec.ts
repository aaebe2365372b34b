// Issue 13, "Công việc nền": a Sở administrator opens the background-work page from the menu, sees the
// province's failed job with its reason in Vietnamese, retries it (audited); Bắc Ninh's job is not on the page.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { login, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);
// Jobs run in the API process for this suite, and a failure is final at once.
Object.assign(process.env, { RUN_WORKERS_IN_PROCESS: 'true', JOB_ATTEMPTS: '1', OUTBOX_POLL_MS: '50' });

describe('background jobs page in Chromium', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('background-jobs', (suite) => ({ api, page } = suite));

  /** A ping whose id is not a UUID: its handler fails (as a real job failing for good would). */
  async function failingPing(owner: Client, username: string): Promise<string> {
    const pingId = `khong-phai-uuid-${randomBytes(3).toString('hex')}`;
    const dedupeKey = `system.ping:${pingId}`;
    await owner.query(
      `INSERT INTO outbox (province_id, topic, payload, dedupe_key) SELECT province_id, 'system.ping', $2, $3 FROM app_user WHERE username = $1`,
      [username, JSON.stringify({ pingId }), dedupeKey],
    );
    return `system.ping~${dedupeKey.replace(/:/g, '.')}`;
  }

  it('lists the province\'s own jobs and retries a failed one', async () => {
    const owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    try {
      const own = await failingPing(owner, 'so.quantri');
      const foreign = await failingPing(owner, 'bn.quantri');
      const token = await api.login('so.quantri');
      const deadline = Date.now() + 30_000;
      for (;;) {
        const r = await api.gql<{ backgroundJobs: { jobId: string; state: string }[] }>(`{ backgroundJobs { jobId state } }`, {}, token);
        if (r.data?.backgroundJobs.some((j) => j.jobId === own && j.state === 'FAILED')) break;
        if (Date.now() > deadline) throw new Error(`job ${own} did not fail: ${JSON.stringify(r)}`);
        await new Promise((res) => setTimeout(res, 100));
      }

      await login(page, 'so.quantri');
      await page.getByRole('link', { name: 'Công việc nền' }).click();
      await page.getByRole('heading', { name: 'Công việc nền' }).waitFor();
      const row = page.locator(`tr[data-row-key="${own}"]`);
      await row.waitFor();
      await expect(row.getByTestId('job-name').textContent()).resolves.toBe('Kiểm tra đường ống công việc nền');
      await expect(row.getByTestId('job-state').textContent()).resolves.toBe('Thất bại');
      await expect(row.getByTestId('job-reason').textContent()).resolves.toMatch(/Có thể chạy lại/);
      await expect(page.locator(`tr[data-row-key="${foreign}"]`).count()).resolves.toBe(0);
      // No global controls here: those are Bull Board's, the operator's.
      await expect(page.getByRole('button', { name: /Tạm dừng|Xóa|Pause|Clean|Obliterate/ }).count()).resolves.toBe(0);
      await screenshot(page, '30-cong-viec-nen', { fullPage: false });
      expect(await seriousA11yViolations(page)).toEqual([]);

      await row.getByTestId('job-retry').click();
      await page.getByText('Đã đưa công việc vào hàng đợi để chạy lại').waitFor();
      const audited = await owner.query(`SELECT actor_user_id FROM audit_event WHERE action = 'job.retried' AND entity_id = $1`, [own]);
      expect(audited.rows).toHaveLength(1);
      // The failed-only view still shows it once it has failed again (its id is still not a UUID).
      await page.getByText('Thất bại', { exact: true }).first().click();
      await row.waitFor();
    } finally {
      await owner.end();
    }
  });

  it('is not in the menu of a specialist, and the address sends them home', async () => {
    await login(page, 'so.chuyenvien');
    await expect(page.getByRole('link', { name: 'Công việc nền' }).count()).resolves.toBe(0);
    await page.goto('/background-jobs');
    await page.waitForURL((url) => !url.pathname.startsWith('/background-jobs'));
  });
});
