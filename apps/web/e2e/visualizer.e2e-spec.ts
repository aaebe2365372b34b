// Issue 15 item 2, the data visualizer, in Chromium: a pivot by commune and a line chart built by clicks, the
// figures read back from indicatorValues with the same arguments; a favourite saved, reopened after a reload and
// by its id; a shared link reopened by another user; Excel and PNG exports; drill-down to the centres; axe on
// each screen; no sideways scrolling at 390 px. Pictures: test-output/screenshots/visualizer-*.png.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { resolveRelativePeriods, todayInVietnam } from '@gdtx/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { chooseOption, confirmAndClose, horizontalOverflow, login, newPage, screenshot, seriousA11yViolations, settle, useBrowserSuite, type BrowserSuite } from './browser';

jest.setTimeout(240_000);

const TODAY = todayInVietnam() as string;
const PERIODS = resolveRelativePeriods('LAST_5_SCHOOL_YEARS', TODAY).map((p) => p.code);
const PASS_RATE = 'Tỷ lệ cấp chứng chỉ';
const CANDIDATES = 'Số thí sinh dự thi chứng chỉ';

type Value = { code: string; value: number | null; unitId: string | null; unitName: string | null; periodCode: string | null; centreCount: number };

describe('data visualizer (Chromium)', () => {
  let api: TestApi;
  let page: Page;
  let suite: BrowserSuite;
  useBrowserSuite('visualizer', (s) => ({ api, page } = suite = s));

  const values = async (q: Record<string, unknown>) => {
    const r = await api.gql<{ indicatorValues: Value[] }>(
      `query($q: IndicatorQuery!) { indicatorValues(query: $q) { code value unitId unitName periodCode centreCount } }`, { q }, await api.login('so.chuyenvien'),
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.indicatorValues;
  };
  const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);
  const cell = (row: string, period: string) => page.locator(`[data-testid="viz-pivot"] tr[data-row="${row}"] td[data-period="${period}"]`);
  const noViolations = async () => expect(await seriousA11yViolations(page)).toEqual([]);

  /** Picks one indicator of the multiple choice (its dropdown stays open after a pick: closed with Escape). */
  async function chooseIndicator(name: string, search: string) {
    const input = page.getByTestId('viz-indicators').locator('input');
    await input.click();
    await input.fill(search);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('viz-indicators').locator('.ant-select-selection-item', { hasText: name }).waitFor();
  }

  async function openVisualizer(p: Page) {
    await p.getByRole('link', { name: 'Phân tích số liệu' }).first().click();
    await p.getByTestId('visualizer').waitFor();
  }

  it('builds a pivot by commune with totals by clicks; the figures are indicatorValues\'; a cell drills to the centres', async () => {
    await login(page, 'so.chuyenvien');
    await openVisualizer(page);
    await chooseIndicator(PASS_RATE, 'cấp chứng');
    await chooseOption(page, page.getByTestId('viz-dimension'), 'Xã, phường (hôm nay)');
    await page.getByTestId('viz-pivot').locator('tr[data-row]').first().waitFor();
    expect(new URL(page.url()).searchParams.get('d')).toBe('UNIT_LEVEL');

    // Every commune cell of every period, as the API gives it for that period alone.
    const base = { codes: ['PASS_RATE'], asOf: TODAY };
    let checked = 0;
    let drillUnit: string | null = null;
    for (const period of PERIODS) {
      for (const v of await values({ ...base, periodCode: period, groupBy: ['UNIT_LEVEL'] })) {
        if (v.value === null || !v.unitId) continue;
        await expect(cell(`PASS_RATE|${v.unitId}`, period).textContent()).resolves.toBe(vi(v.value));
        drillUnit ??= v.unitId;
        checked++;
      }
      // The total row of the period: the province's value, not a sum of the communes.
      const [total] = await values({ ...base, periodCode: period });
      await expect(cell('PASS_RATE|*', period).textContent()).resolves.toBe(total.value === null ? '—' : vi(total.value));
    }
    expect(checked).toBeGreaterThan(0);
    const [grand] = await values({ ...base, periodFrom: PERIODS[0], periodTo: PERIODS[PERIODS.length - 1] });
    await expect(cell('PASS_RATE|*', 'ALL').textContent()).resolves.toBe(vi(grand.value!));
    await noViolations();
    await screenshot(page, 'visualizer-pivot-1366');

    // Drill-down from a period's cell: the centres behind it (as many as the cell says reported), each with its
    // figure from the API grouped by centre and a link to its report; then the row's centre list.
    const drillPeriod = PERIODS.find((p) => p !== PERIODS[PERIODS.length - 1]) ?? PERIODS[0];
    const drillCell = cell(`PASS_RATE|${drillUnit}`, drillPeriod).locator('button.viz-cell');
    const drillable = (await drillCell.count()) > 0 ? drillCell : cell(`PASS_RATE|${drillUnit}`, 'ALL').locator('button.viz-cell');
    const reported = Number(await drillable.first().getAttribute('data-reporting'));
    await drillable.first().click();
    const drawer = page.getByTestId('viz-drill');
    await drawer.getByTestId('viz-drill-summary').waitFor();
    const centreRows = drawer.locator('[data-testid="viz-drill-table"] tr[data-centre]');
    await expect(centreRows.count()).resolves.toBe(reported);
    const byCentre = await api.gql<{ indicatorValues: { centreId: string; unitId: string | null; numerator: number }[] }>(
      `query($q: IndicatorQuery!) { indicatorValues(query: $q) { centreId unitId numerator } }`,
      { q: { ...base, ...((await drillCell.count()) > 0 ? { periodCode: drillPeriod } : { periodFrom: PERIODS[0], periodTo: PERIODS[PERIODS.length - 1] }), groupBy: ['CENTRE', 'UNIT_LEVEL'] } },
      await api.login('so.chuyenvien'),
    );
    const expectedCentres = byCentre.data!.indicatorValues.filter((v) => v.unitId === drillUnit).map((v) => v.centreId).sort();
    expect((await centreRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-centre')))).sort()).toEqual(expectedCentres);
    await noViolations();
    await screenshot(page, 'visualizer-drill-1366');
    const periodCell = (await drillCell.count()) > 0;
    if (periodCell) {
      const href = await drawer.getByTestId('viz-drill-report').first().getAttribute('href');
      expect(href).toMatch(new RegExp(`^/reports/[0-9a-f-]+/[A-Z_]+/${drillPeriod}$`));
    }
    await page.getByTestId('viz-drill').getByRole('link', { name: 'Mở danh sách trung tâm của dòng này' }).click();
    await page.waitForURL(/\/centres\?/);
    expect(new URL(page.url()).searchParams.get('unitId')).toBe(drillUnit);
    if (periodCell) {
      // A centre's report of that period opens from the drawer.
      await page.goto('/visualizer?i=PASS_RATE&d=UNIT_LEVEL');
      await drillCell.first().click();
      await page.getByTestId('viz-drill').getByTestId('viz-drill-report').first().click();
      await page.waitForURL(new RegExp(`/reports/[0-9a-f-]+/[A-Z_]+/${drillPeriod}$`));
    }

    // By ownership (công lập / tư thục), chosen by click: the public centres' row is indicatorValues grouped so.
    await page.goto('/visualizer?i=PASS_RATE');
    await chooseOption(page, page.getByTestId('viz-dimension'), 'Loại hình sở hữu');
    await page.locator('[data-testid="viz-pivot"] tr[data-row="PASS_RATE|PUBLIC"]').waitFor();
    await expect(page.locator('[data-testid="viz-pivot"] tr[data-row="PASS_RATE|PUBLIC"] td').first().textContent()).resolves.toBe('Công lập');
    const byOwnership = await api.gql<{ indicatorValues: { ownership: string | null; value: number | null }[] }>(
      `query($q: IndicatorQuery!) { indicatorValues(query: $q) { ownership value } }`,
      { q: { ...base, periodFrom: PERIODS[0], periodTo: PERIODS[PERIODS.length - 1], groupBy: ['OWNERSHIP'] } }, await api.login('so.chuyenvien'),
    );
    const publicValue = byOwnership.data!.indicatorValues.find((x) => x.ownership === 'PUBLIC')!.value!;
    await expect(cell('PASS_RATE|PUBLIC', 'ALL').textContent()).resolves.toBe(vi(publicValue));
  });

  it("draws the pivot by commune as a map: each commune's figure is the table's, labelled schematic on the demo", async () => {
    await login(page, 'so.chuyenvien');
    await page.goto('/visualizer?i=PASS_RATE');
    await page.getByTestId('visualizer').waitFor();
    // Choosing the map switches the dimension to communes (a map draws units only).
    await page.getByTestId('viz-layout').getByText('Bản đồ').click();
    await page.getByTestId('viz-map-chart').locator('canvas').waitFor();
    const url = new URL(page.url());
    expect([url.searchParams.get('l'), url.searchParams.get('d')]).toEqual(['MAP', 'UNIT_LEVEL']);
    await page.getByTestId('viz-map-schematic').waitFor();
    // The whole range: each commune's figure is indicatorValues over the range by commune.
    const range = await values({ codes: ['PASS_RATE'], asOf: TODAY, periodFrom: PERIODS[0], periodTo: PERIODS[PERIODS.length - 1], groupBy: ['UNIT_LEVEL'] });
    const shown = await page.getByTestId('viz-map-chart').locator('.sr-only tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']));
    let compared = 0;
    for (const v of range) {
      if (!v.unitName || v.value === null) continue;
      const row = shown.find(([name]) => name === v.unitName);
      if (!row) continue; // a commune without a boundary is listed under the map's "missing" count
      expect(row[1].startsWith(`${vi(v.value)} `)).toBe(true); // the figure, then its unit
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    await noViolations();
    await screenshot(page, 'visualizer-map-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('viz-map-chart').waitFor();
    // ECharts resizes to the new width on its next frame: measured once the page has settled.
    await settle(page);
    await page.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, undefined, { timeout: 5000 }).catch(() => undefined);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'visualizer-map-390');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('builds a line chart by clicks, exports it, saves it as a favourite and reopens it after a reload, by id and by a shared link', async () => {
    await login(page, 'so.chuyenvien');
    await openVisualizer(page);
    await chooseIndicator(CANDIDATES, 'thí sinh');
    await chooseOption(page, page.getByTestId('viz-dimension'), 'Loại trung tâm');
    await page.getByTestId('viz-layout').getByText('Biểu đồ đường').click();
    const chart = page.getByTestId('viz-chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('data-kind')).toBe('line');
    // The chart's figures (its screen-reader table): the scope's row equals indicatorValues by period.
    const totals = await values({ codes: ['EXAM_CANDIDATES'], asOf: TODAY, periodFrom: PERIODS[0], periodTo: PERIODS[PERIODS.length - 1], groupBy: ['PERIOD'] });
    const shown = await chart.locator('tr[data-key="EXAM_CANDIDATES|*"] td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
    expect(shown).toEqual(PERIODS.map((p) => String(totals.find((t) => t.periodCode === p)?.value ?? '')));
    expect(shown.filter((v) => v !== '').length).toBeGreaterThan(1);
    await noViolations();
    await screenshot(page, 'visualizer-line-1366');

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('viz-png').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('viz-export').click()]);
    expect(xlsx.suggestedFilename()).toBe('phan-tich-so-lieu.xlsx');
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');

    const shareLink = await page.getByTestId('viz-link').textContent();
    await page.getByTestId('viz-save').click();
    await page.getByTestId('viz-name').fill('Thí sinh theo loại trung tâm');
    await noViolations();
    await confirmAndClose(page, page.getByTestId('viz-save-ok'));
    await page.waitForURL(/fav=/);
    const favouriteId = new URL(page.url()).searchParams.get('fav')!;

    // A reload on the bare page: the favourite is in the list and reopens the line chart.
    await page.goto('/visualizer');
    await page.getByTestId('visualizer').waitFor();
    await expect(page.getByTestId('viz-chart').count()).resolves.toBe(0);
    await chooseOption(page, page.getByTestId('viz-favourite'), 'Thí sinh theo loại trung tâm');
    await page.getByTestId('viz-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('viz-chart').getAttribute('data-kind')).toBe('line');
    expect(new URL(page.url()).searchParams.get('i')).toBe('EXAM_CANDIDATES');

    // By its id alone.
    await page.goto(`/visualizer?fav=${favouriteId}`);
    await page.getByTestId('viz-chart').locator('canvas').waitFor();
    expect(new URL(page.url()).searchParams.get('d')).toBe('CENTRE_TYPE');

    // The shared link, opened by another user of the Sở: the same chart, without the favourite (it is not theirs).
    const other = await newPage(suite.browser, api.url);
    try {
      await login(other, 'so.lanhdao');
      await other.goto(shareLink!);
      await other.getByTestId('viz-chart').locator('canvas').waitFor();
      expect(await other.getByTestId('viz-chart').getAttribute('data-kind')).toBe('line');
      const theirs = await other.getByTestId('viz-chart').locator('tr[data-key="EXAM_CANDIDATES|*"] td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
      expect(theirs).toEqual(shown);
      await other.getByTestId('viz-favourite').click();
      await expect(other.locator('.ant-select-dropdown .ant-select-item-option', { hasText: 'Thí sinh theo loại trung tâm' }).count()).resolves.toBe(0);
    } finally {
      await other.context().close();
    }
  });

  it('fits a phone (390 px): the pivot scrolls inside its frame, the page never sideways', async () => {
    const phone = await newPage(suite.browser, api.url, { width: 390, height: 844 });
    try {
      await login(phone, 'so.chuyenvien');
      await phone.goto('/visualizer?i=PASS_RATE,RETENTION&d=UNIT_LEVEL');
      await phone.getByTestId('viz-pivot').locator('tr[data-row]').first().waitFor();
      await phone.waitForTimeout(300);
      expect(await horizontalOverflow(phone)).toBe(0);
      // An indicator without figures in the range is named above the table, not silently left out.
      const retention = await values({ codes: ['RETENTION'], asOf: TODAY, periodFrom: PERIODS[0], periodTo: PERIODS[PERIODS.length - 1] });
      if (retention.every((v) => v.centreCount === 0)) await expect(phone.getByTestId('viz-no-figures').textContent()).resolves.toContain('Tỷ lệ duy trì học viên GDTX');
      else await phone.locator('[data-testid="viz-pivot"] tr[data-row^="RETENTION|"]').first().waitFor();
      expect(await seriousA11yViolations(phone)).toEqual([]);
      await screenshot(phone, 'visualizer-pivot-390');
      await phone.getByTestId('viz-layout').getByText('Biểu đồ cột').click();
      await phone.getByTestId('viz-chart').locator('canvas').waitFor();
      await phone.waitForTimeout(300);
      expect(await horizontalOverflow(phone)).toBe(0);
      await screenshot(phone, 'visualizer-bar-390');
    } finally {
      await phone.context().close();
    }
  });
});
