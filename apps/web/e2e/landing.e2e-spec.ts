// Issue 16 items 5 and 9, issue 15 item 1: each role's landing page, and what a fresh load of it costs. The page is
// loaded afresh (a reload of the landing page with the stored session) and every GraphQL request is counted until
// the network is idle: at most four for every role, at most two for the Sở (the shell's `Me` and the page's one
// document). The supervisor's figures are checked against the API, the director's missing reports are listed, and
// axe finds no serious violation.
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { RollupService } from '@gdtx/analytics';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { systemContext } from '@gdtx/platform';
import { horizontalOverflow, login, screenshot, seriousA11yViolations, useBrowserSuite, type BrowserSuite } from './browser';

jest.setTimeout(300_000);

const LANDINGS: { username: string; role: string; path: string; budget: number; ready: string }[] = [
  { username: 'so.chuyenvien', role: 'SO_SPECIALIST', path: '/dashboard', budget: 2, ready: 'reporting-glance' },
  { username: 'so.quantri', role: 'SO_ADMIN', path: '/dashboard', budget: 2, ready: 'reporting-glance' },
  { username: 'so.lanhdao', role: 'SO_LEADER', path: '/dashboard', budget: 2, ready: 'reporting-glance' },
  { username: 'so.thanhtra', role: 'INSPECTOR', path: '/dashboard', budget: 2, ready: 'reporting-glance' },
  { username: 'admin', role: 'SYSTEM_ADMIN', path: '/dashboard', budget: 2, ready: 'reporting-glance' },
  { username: 'xa.xuanhoa', role: 'SUPERVISOR (commune officer)', path: '/area', budget: 4, ready: 'reporting-glance' },
  { username: 'kv.thoxuan', role: 'SUPERVISOR (area officer)', path: '/area', budget: 4, ready: 'reporting-glance' },
  { username: 'gd.gdtx', role: 'CENTRE_DIRECTOR', path: '/home', budget: 4, ready: 'due-reports' },
  { username: 'cb.gdtx', role: 'CENTRE_STAFF', path: '/home', budget: 4, ready: 'due-reports' },
];

/** Reloads the page and returns the operation names of the GraphQL requests made until the network is idle. */
async function freshLoadRequests(page: Page, readyTestId: string): Promise<string[]> {
  // The page as signed in first shows its content: on a loaded machine the network can look idle before its lazily
  // loaded page has asked for its data, and that late request would be counted as the reload's.
  await page.getByTestId(readyTestId).waitFor();
  await page.waitForLoadState('networkidle');
  const operations: string[] = [];
  const record = (r: { url(): string; method(): string; postDataJSON(): unknown }) => {
    if (new URL(r.url()).pathname !== '/graphql') return;
    const body = (r.method() === 'POST' ? r.postDataJSON() : null) as { operationName?: string; query?: string } | null;
    operations.push(body?.operationName ?? body?.query?.slice(0, 40) ?? r.method());
  };
  page.on('request', record);
  await page.reload();
  await page.getByTestId(readyTestId).waitFor();
  await page.waitForLoadState('networkidle');
  // Idle for a moment more: a request one component starts after another's answer would come now.
  await page.waitForTimeout(1000);
  await page.waitForLoadState('networkidle');
  page.off('request', record);
  return operations;
}

describe('landing pages: each role in at most four GraphQL requests, the Sở in two (Chromium)', () => {
  let api: BrowserSuite['api'];
  let page: Page;
  useBrowserSuite('landing', (suite) => ({ api, page } = suite));

  for (const landing of LANDINGS) {
    it(`${landing.role} (${landing.username}) lands on ${landing.path} in at most ${landing.budget} requests`, async () => {
      await login(page, landing.username);
      expect(new URL(page.url()).pathname).toBe(landing.path);
      const operations = await freshLoadRequests(page, landing.ready);
      console.log(`${landing.username} ${landing.path}: ${operations.length} GraphQL requests (${operations.join(', ')})`);
      expect(operations.length).toBeLessThanOrEqual(landing.budget);
      expect(operations).toContain('Me');
      expect(new Set(operations).size).toBe(operations.length); // nothing fetched twice
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
    });
  }

  async function tile(testId: string): Promise<number> {
    return Number(await page.getByTestId(testId).getAttribute('data-value'));
  }

  it("the supervisor's area at a glance shows the API's figures, and each report needing action links to it", async () => {
    await login(page, 'xa.xuanhoa');
    await page.getByTestId('reporting-glance').waitFor();
    const r = await api.gql<{ reportingAtAGlance: { totals: Record<string, number>; needsActionCount: number; needsAction: { centreName: string; submissionId: string | null }[] } }>(
      `{ reportingAtAGlance { needsActionCount totals { expected notDue onTime late missing returned waitingReview } needsAction(first: 100) { centreName submissionId } } }`,
      {}, await api.login('xa.xuanhoa'),
    );
    expect(r.errors).toBeUndefined();
    const totals = r.data!.reportingAtAGlance.totals;
    expect(totals.expected).toBeGreaterThan(0);
    expect({
      due: await tile('glance-due'), onTime: await tile('glance-onTime'), late: await tile('glance-late'), missing: await tile('glance-missing'),
      waitingReview: await tile('glance-waitingReview'), returned: await tile('glance-returned'), notDue: await tile('glance-notDue'),
    }).toEqual({
      due: totals.expected - totals.notDue, onTime: totals.onTime, late: totals.late, missing: totals.missing,
      waitingReview: totals.waitingReview, returned: totals.returned, notDue: totals.notDue,
    });
    const needing = page.getByTestId('glance-needs-action');
    expect(Number(await needing.getAttribute('data-total'))).toBe(r.data!.reportingAtAGlance.needsActionCount);
    const first = r.data!.reportingAtAGlance.needsAction[0];
    if (first) {
      await needing.getByRole('link', { name: first.centreName }).first().waitFor();
      const href = await needing.getByTestId('glance-open').first().getAttribute('href');
      expect(href).toMatch(first.submissionId ? new RegExp(`^/submissions/${first.submissionId}$`) : /^\/reports\/[^/]+\/[^/]+\/[^/]+$/);
    }
    for (const [width, height] of [[1366, 768], [768, 1024], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      await screenshot(page, `landing-supervisor-${width}`);
      expect(await horizontalOverflow(page)).toBe(0);
    }
  });

  it("the director's home lists the missing reports (owed, overdue, never submitted) with their days, as dueReports has them", async () => {
    await login(page, 'gd.hoasen');
    await page.getByTestId('due-reports').waitFor();
    const token = await api.login('gd.hoasen');
    const me = await api.gql<{ me: { centreId: string } }>('{ me { centreId } }', {}, token);
    const due = await api.gql<{ dueReports: { calendarStatus: string; periodCode: string }[] }>(
      `query($c: ID!) { dueReports(centreId: $c) { calendarStatus periodCode } }`, { c: me.data!.me.centreId }, token,
    );
    const missing = due.data!.dueReports.filter((d) => d.calendarStatus === 'MISSING').length;
    expect(missing).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('due-reports').getAttribute('data-missing'))).toBe(missing);
    await page.getByTestId('missing-summary').getByText(`${missing} báo cáo quá hạn chưa nộp`).waitFor();
    const rows = page.getByTestId('due-missing');
    expect(await rows.count()).toBe(Math.min(missing, 10));
    await rows.first().getByText(/Quá hạn \d+ ngày/).waitFor();
    await rows.first().getByTestId('missing-tag').waitFor();
    for (const [width, height] of [[1366, 768], [768, 1024], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      await screenshot(page, `landing-director-${width}`);
      expect(await horizontalOverflow(page)).toBe(0);
    }
  });

  it("the Sở's key results: served from the rollups in the same request, like for like in words with its centres, five-year trends as line charts", async () => {
    // The rollups the nightly job builds, built now (the demo seed writes facts only).
    const token = await api.login('so.chuyenvien');
    const me = await api.gql<{ me: { provinceId: string } }>('{ me { provinceId } }', {}, token);
    const provinceId = me.data!.me.provinceId;
    await api.app.get(RollupService).rebuildProvince(systemContext(provinceId, 'landing browser test'), provinceId);
    const r = await api.gql<{ landingResults: { results: { code: string; nameVi: string; fromRollups: boolean; likeForLike: { centres: number; value: number | null }; trend: { periodCode: string }[] }[] } }>(
      `{ landingResults { results { code nameVi fromRollups likeForLike { centres value } trend { periodCode } } } }`, {}, token,
    );
    expect(r.errors).toBeUndefined();
    const results = r.data!.landingResults.results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((x) => x.fromRollups && x.trend.length === 5)).toBe(true);
    await login(page, 'so.chuyenvien');
    const operations = await freshLoadRequests(page, 'key-results');
    expect(operations.length).toBeLessThanOrEqual(2);
    const section = page.getByTestId('key-results');
    await section.getByRole('heading', { name: 'Kết quả chính' }).waitFor();
    expect(await section.getByTestId('key-result').count()).toBe(results.length);
    expect(await section.getByTestId('key-result-trend').count()).toBe(results.length);
    // Each comparison is said in words, over the centres the API counts in both periods.
    for (const x of results) {
      const card = section.locator(`[data-testid="key-result"][data-code="${x.code}"]`);
      const lfl = card.getByTestId('key-result-lfl');
      expect(Number(await lfl.getAttribute('data-centres'))).toBe(x.likeForLike.centres);
      const text = (await lfl.textContent()) ?? '';
      if (x.likeForLike.centres > 0 && x.likeForLike.value !== null) expect(text).toContain(`so với cùng kỳ`);
      if (x.likeForLike.centres > 0 && x.likeForLike.value !== null) expect(text).toContain(`trên ${x.likeForLike.centres} trung tâm báo cáo cả hai kỳ`);
    }
    expect(results.some((x) => x.likeForLike.centres > 0)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    for (const [width, height] of [[1366, 768], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, `landing-so-key-results-${width}`);
      expect(await horizontalOverflow(page)).toBe(0);
    }
  });

  it("the Sở's dashboard starts with completeness and timeliness; the other sections open on demand, named in the link", async () => {
    await login(page, 'so.chuyenvien');
    const glance = page.getByTestId('reporting-glance');
    await glance.waitFor();
    const r = await api.gql<{ reportingAtAGlance: { totals: { expected: number; notDue: number; missing: number } } }>(
      `{ reportingAtAGlance { totals { expected notDue missing } } }`, {}, await api.login('so.chuyenvien'),
    );
    expect(await tile('glance-missing')).toBe(r.data!.reportingAtAGlance.totals.missing);
    expect(await tile('glance-notDue')).toBe(r.data!.reportingAtAGlance.totals.notDue);
    // "Khu vực cần chú ý" (issue 15 item 1): in the same request, the API's worst areas first, each linking to the review queue filtered to it.
    const attention = page.getByTestId('areas-needing-attention');
    await attention.getByRole('heading', { name: 'Khu vực cần chú ý' }).waitFor();
    const a = await api.gql<{ areasNeedingAttention: { areas: { id: string; name: string; missing: number; late: number; reviewPath: string }[]; communes: { id: string; name: string; missing: number; late: number; reviewPath: string }[] } }>(
      `{ areasNeedingAttention(first: 5) { areas { id name missing late reviewPath } communes { id name missing late reviewPath } } }`, {}, await api.login('so.chuyenvien'),
    );
    expect(a.errors).toBeUndefined();
    const { areas, communes } = a.data!.areasNeedingAttention;
    expect(areas.length).toBeGreaterThan(0);
    const shown = attention.getByTestId('attention-unit');
    expect(await shown.count()).toBe(areas.length);
    for (const [i, area] of areas.entries()) {
      const row = shown.nth(i);
      expect({ id: await row.getAttribute('data-id'), missing: Number(await row.getAttribute('data-missing')), late: Number(await row.getAttribute('data-late')) })
        .toEqual({ id: area.id, missing: area.missing, late: area.late });
      expect(await row.getByRole('link').getAttribute('href')).toBe(area.reviewPath);
    }
    await attention.getByText('Xã, phường', { exact: true }).click();
    await shown.first().waitFor();
    expect(await shown.count()).toBe(communes.length);
    expect(await shown.first().getAttribute('data-id')).toBe(communes[0].id);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'landing-so-attention');
    await shown.first().getByRole('link').click();
    await page.getByTestId('review-queue').waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(communes[0].reviewPath);
    await page.getByTestId('filter-unit').waitFor();
    await page.goto('/dashboard');
    await glance.waitFor();
    await page.getByTestId('stat-total').waitFor();
    await page.getByRole('tab', { name: 'Tỷ lệ nộp theo địa bàn' }).click();
    await page.getByTestId('reporting-heatmap').waitFor();
    expect(new URL(page.url()).search).toBe('?section=heatmap');
    for (const [width, height] of [[1366, 768], [768, 1024], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('/dashboard');
      await glance.waitFor();
      await screenshot(page, `landing-so-${width}`);
      expect(await horizontalOverflow(page)).toBe(0);
    }
  });
});
