// Issue 12 item 5 (everything grouped by what exists), in Chromium on today's world: the Sở dashboard's indicators
// and heat map by commune and by area, compliance by area, the literacy page by today's communes (and areas), the
// units page's reorganisations as events in one request; the commune officer's pages; no sideways scrolling on a
// desktop or a phone (390×844). Every figure checked is read from the API with the same arguments.
import type { Page } from 'playwright-core';
import { periodContaining, previousPeriod, shippedTemplates, todayInVietnam } from '@gdtx/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { chooseOption, horizontalOverflow, login, newPage, screenshot, seriousA11yViolations, useBrowserSuite, type BrowserSuite } from './browser';

jest.setTimeout(240_000);

const PHONE = { width: 390, height: 844 };
const TODAY = todayInVietnam() as string;
/** The heat map's first template (ReportingHeatmap's default). */
const HEATMAP_TEMPLATE = shippedTemplates.filter((t) => t.code !== 'XMC_COMMUNE_YEARLY')[0].code;

describe('grouped by what exists (Chromium)', () => {
  let api: TestApi;
  let page: Page;
  let suite: BrowserSuite;
  useBrowserSuite('grouping', (s) => ({ api, page } = suite = s));

  /** The rows' group ids of a table whose first cell carries data-group. */
  const groupIds = async (table: string) =>
    page.getByTestId(table).locator('.ant-table-row [data-group]').evaluateAll((els) => els.map((e) => e.getAttribute('data-group') ?? ''));

  /** The same page on a phone, logged in as `user`: no sideways scrolling. */
  async function phoneOverflow(user: string, path: string, ready: string): Promise<number> {
    const phone = await newPage(suite.browser, api.url, PHONE);
    try {
      await login(phone, user);
      await phone.goto(path);
      await phone.getByTestId(ready).first().waitFor();
      await phone.waitForTimeout(300);
      const over = await horizontalOverflow(phone);
      // DEBUG_OVERFLOW=1 names what widens the page (elements past the right edge that no scroll box clips).
      if (over > 0 && process.env['DEBUG_OVERFLOW']) {
        console.log(path, await phone.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => {
          if (e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
          for (let a = e.parentElement; a; a = a.parentElement) if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return false;
          return true;
        })
          .slice(0, 12).map((e) => `${e.tagName}.${String(e.className).slice(0, 60)} [${e.getAttribute('data-testid') ?? ''}] w=${Math.round(e.getBoundingClientRect().width)} r=${Math.round(e.getBoundingClientRect().right)}`)));
      }
      return over;
    } finally {
      await phone.context().close();
    }
  }

  it('the Sở dashboard groups indicators and the heat map by today\'s communes and by area', async () => {
    const token = await api.login('so.quantri');
    // The indicator panel's default period: the last complete school year (IndicatorPanel's recentPeriods()[3]).
    const period = previousPeriod(periodContaining('SCHOOL_YEAR', TODAY)).code;
    const overview = await api.gql<{ provinceOverview: { indicators: { current: { code: string } }[] } }>(
      `query($p: String!) { provinceOverview(periodId: $p) { indicators { current { code } } } }`, { p: period }, token,
    );
    const code = overview.data!.provinceOverview.indicators[0].current.code;
    const grouped = async (groupBy: string) => (await api.gql<{ indicatorValues: { unitId: string | null; areaId: string | null; areaName: string | null; centreCount: number; coverage: { expected: number } }[] }>(
      `query($q: IndicatorQuery!) { indicatorValues(query: $q) { unitId areaId areaName centreCount coverage { expected } } }`,
      { q: { codes: [code], periodCode: period, groupBy: [groupBy], asOf: TODAY } }, token,
    )).data!.indicatorValues.filter((r) => r.coverage.expected > 0 || r.centreCount > 0);

    await login(page, 'so.quantri');
    await page.goto('/dashboard?section=indicators');
    const panel = page.getByTestId('grouped-indicators');
    await panel.scrollIntoViewIfNeeded();
    await page.getByTestId('grouped-indicator-table').locator('.ant-table-row').first().waitFor();
    // Default: today's communes and wards (every unit in force today), as the API groups them on today's structure.
    const byUnit = await grouped('UNIT_LEVEL');
    const shownUnits = await groupIds('grouped-indicator-table');
    expect(shownUnits.length).toBe(Math.min(20, byUnit.length));
    expect(shownUnits.every((id) => byUnit.some((r) => (r.unitId ?? '') === id))).toBe(true);
    await chooseOption(page, page.getByTestId('indicator-group-by').locator('.ant-select-selector, input').first(), 'Khu vực giám sát (hôm nay)');
    await page.getByTestId('grouped-indicator-table').getByText('Khu vực Thọ Xuân').waitFor();
    const byArea = await grouped('AREA');
    expect((await groupIds('grouped-indicator-table')).sort()).toEqual(byArea.map((r) => r.areaId ?? '').sort());
    await screenshot(page, 'so-dashboard-chi-so-theo-khu-vuc');

    // The heat map by area (its own section of the dashboard): each area row's expected reports are the API's on today's areas.
    await page.getByTestId('dashboard-sections').getByRole('tab', { name: 'Tỷ lệ nộp theo địa bàn', exact: true }).click();
    const rows = page.getByTestId('heatmap-rows');
    await rows.scrollIntoViewIfNeeded();
    await chooseOption(page, rows.locator('.ant-select-selector, input').first(), 'Khu vực giám sát');
    const cell = page.locator('.heatmap-cell[data-area]').first();
    await cell.waitFor();
    const [areaId, cellPeriod, expected] = await cell.evaluate((e) => [e.getAttribute('data-area'), e.getAttribute('data-period'), e.getAttribute('data-expected')]);
    const rates = await api.gql<{ reportingRates: { areaId: string | null; periodCode: string; expected: number; templateCode: string }[] }>(
      `query($t: String!, $p: String!, $d: Date) { reportingRates(templateCode: $t, periodFrom: $p, periodTo: $p, groupBy: [AREA, PERIOD], asOf: $d) { areaId periodCode expected templateCode } }`,
      { t: HEATMAP_TEMPLATE, p: cellPeriod, d: TODAY }, token,
    );
    expect(rates.errors).toBeUndefined();
    expect(String(rates.data!.reportingRates.find((r) => r.areaId === areaId)?.expected ?? 0)).toBe(expected);
    // And by commune (the default rows): drillable cells of today's communes.
    await chooseOption(page, rows.locator('.ant-select-selector, input').first(), 'Xã, phường (đơn vị trực thuộc)');
    await page.locator('.heatmap-cell[data-unit]').first().waitFor();
    const unitIds = await page.locator('.heatmap-cell[data-unit]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-unit')))]);
    const current = await api.gql<{ administrativeUnits: { id: string; level: string }[] }>(`query($d: Date) { administrativeUnits(asOf: $d) { id level } }`, { d: TODAY }, token);
    expect(unitIds.every((id) => current.data!.administrativeUnits.some((u) => u.id === id && u.level !== 'DISTRICT'))).toBe(true);
    await screenshot(page, 'so-dashboard-theo-xa');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await phoneOverflow('so.quantri', '/dashboard?section=indicators', 'grouped-indicators')).toBe(0);
  });

  it('the compliance page groups by commune (default) and by area, as complianceOverview(groupBy) counts', async () => {
    const token = await api.login('so.chuyenvien');
    const groups = async (g: string) => (await api.gql<{ complianceOverview: { groups: { unitId: string | null; areaId: string | null; name: string | null; centreCount: number }[] } }>(
      `query($g: ComplianceGroupBy) { complianceOverview(groupBy: $g) { groups { unitId areaId name centreCount } } }`, { g }, token,
    )).data!.complianceOverview.groups;
    await login(page, 'so.chuyenvien');
    await page.goto('/compliance');
    const table = page.getByTestId('compliance-groups-table');
    await table.locator('.ant-table-row').first().waitFor();
    const byUnit = await groups('UNIT_LEVEL');
    expect(await groupIds('compliance-groups-table')).toEqual(byUnit.slice(0, 10).map((g) => g.unitId ?? 'none'));
    await chooseOption(page, page.getByTestId('compliance-group-by').locator('.ant-select-selector, input').first(), 'Khu vực giám sát (hôm nay)');
    const thoXuan = table.locator('.ant-table-row').filter({ hasText: 'Khu vực Thọ Xuân' });
    await thoXuan.waitFor();
    const byArea = await groups('AREA');
    const expected = byArea.find((g) => g.name === 'Khu vực Thọ Xuân')!;
    expect(expected.centreCount).toBeGreaterThan(0);
    await expect(thoXuan.locator('td').nth(1).textContent()).resolves.toBe(String(expected.centreCount));
    expect((await groupIds('compliance-groups-table')).sort()).toEqual(byArea.map((g) => g.areaId ?? 'none').sort());
    await screenshot(page, 'so-tuan-thu-theo-khu-vuc', { fullPage: false });
    expect(await horizontalOverflow(page)).toBe(0);
    await page.mouse.move(5, 400);
    expect(await seriousA11yViolations(page, ['[data-testid="compliance-groups"]'])).toEqual([]);
    expect(await phoneOverflow('so.chuyenvien', '/compliance', 'compliance-groups-table')).toBe(0);
  });

  it('the literacy page shows today\'s communes, and the same communes by area', async () => {
    await login(page, 'so.chuyenvien');
    await page.goto('/literacy');
    const table = page.getByTestId('literacy-children-table');
    await table.locator('.ant-table-row').first().waitFor();
    const params = new URL(page.url()).searchParams;
    const token = await api.login('so.chuyenvien');
    const me = await api.gql<{ me: { provinceId: string } }>(`{ me { provinceId } }`, {}, token);
    const status = await api.gql<{ literacyStatus: { asOf: string; children: { unitId: string; name: string; unitLevel: string }[] } }>(
      `query($u: ID!, $y: Int!) { literacyStatus(unitId: $u, year: $y) { asOf children { unitId name unitLevel } } }`,
      { u: params.get('unitId') ?? me.data!.me.provinceId, y: Number(params.get('year')) }, token,
    );
    expect(status.errors).toBeUndefined();
    const children = status.data!.literacyStatus.children;
    expect(status.data!.literacyStatus.asOf).toBe(TODAY);
    // Today's communes and wards, not the former districts.
    expect(children.length).toBeGreaterThan(3);
    expect(children.every((c) => ['COMMUNE', 'WARD', 'SPECIAL_ZONE'].includes(c.unitLevel))).toBe(true);
    const shown = await table.locator('.ant-table-row td:first-child').allTextContents();
    expect(shown).toEqual(children.map((c) => c.name));
    await chooseOption(page, page.getByTestId('literacy-group-by').locator('.ant-select-selector, input').first(), 'Khu vực giám sát (hôm nay)');
    const areaTable = page.getByTestId('literacy-area-table');
    const row = areaTable.locator('.ant-table-row').filter({ hasText: 'Khu vực Thọ Xuân' });
    await row.waitFor();
    const areas = await api.gql<{ supervisoryAreas: { name: string; units: { id: string }[] }[] }>(`{ supervisoryAreas { name units { id } } }`, {}, token);
    const members = areas.data!.supervisoryAreas.find((a) => a.name === 'Khu vực Thọ Xuân')!.units.map((u) => u.id);
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe(String(children.filter((c) => members.includes(c.unitId)).length));
    await screenshot(page, 'so-xmc-theo-khu-vuc');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await phoneOverflow('so.chuyenvien', '/literacy', 'literacy-children-table')).toBe(0);
  });

  it('the units page shows the reorganisations as events, the tree and its counts in one request', async () => {
    const operations: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && r.method() === 'POST') operations.push((r.postDataJSON() as { operationName?: string })?.operationName ?? '?');
    });
    await login(page, 'so.chuyenvien');
    operations.length = 0;
    await page.goto('/units');
    await page.getByTestId('units-tree').locator('.ant-table-row').first().waitFor();
    const events = page.getByTestId('reorganisation-events');
    const event = events.getByTestId('reorganisation-NQ-1686-2025-TOAN-TINH');
    await event.waitFor();
    await event.getByText('Luật Tổ chức chính quyền địa phương 2025').waitFor();
    await event.getByText('Hiệu lực từ 01/07/2025').waitFor();
    const token = await api.login('so.chuyenvien');
    const api0 = await api.gql<{ reorganisations: { code: string; successions: { predecessors: { id: string }[] }[] }[] }>(
      `{ reorganisations { code successions { predecessors { id } } } }`, {}, token,
    );
    const whole = api0.data!.reorganisations.find((e) => e.code === 'NQ-1686-2025-TOAN-TINH')!;
    await expect(event.getByTestId('reorganisation-summary').textContent()).resolves.toBe(
      `${whole.successions.length} đơn vị sau sắp xếp, kế thừa ${whole.successions.reduce((n, s) => n + s.predecessors.length, 0)} đơn vị trước`,
    );
    await event.getByText('Xem đơn vị trước → sau').click();
    await event.getByTestId('reorganisation-links').locator('.ant-table-row').first().waitFor();
    // One request for the tree and all its counts (no request per row), one for the events.
    expect(operations.filter((o) => o === 'UnitsAsOf')).toHaveLength(1);
    expect(operations.filter((o) => o === 'UnitCentreCount')).toEqual([]);
    expect(operations.filter((o) => o === 'Reorganisations')).toHaveLength(1);
    // The layout's own requests (user, notifications) come and go; a request per row would outnumber the rows.
    const rowCount = await page.getByTestId('units-tree').locator('.ant-table-row').count();
    expect(rowCount).toBeGreaterThan(10);
    expect(operations.length).toBeLessThan(rowCount);
    const count = page.locator('[data-testid^="unit-count-"]').first();
    const unitId = (await count.getAttribute('data-testid'))!.replace('unit-count-', '');
    const listed = await api.gql<{ centres: { totalCount: number } }>(`query($u: ID!) { centres(filter: { unitId: $u }, first: 1) { totalCount } }`, { u: unitId }, token);
    await expect(count.getAttribute('data-count')).resolves.toBe(String(listed.data!.centres.totalCount));
    await screenshot(page, 'so-don-vi-hanh-chinh-sap-xep');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.mouse.move(5, 400);
    expect(await seriousA11yViolations(page, ['[data-testid="reorganisation-events"]'])).toEqual([]);
    expect(await phoneOverflow('so.chuyenvien', '/units', 'reorganisation-events')).toBe(0);
  });

  it('the commune officer\'s pages: compliance of its commune, the units and their events, on a phone', async () => {
    expect(await phoneOverflow('xa.xuanhoa', '/compliance', 'compliance-groups-table')).toBe(0);
    expect(await phoneOverflow('xa.xuanhoa', '/units', 'reorganisation-events')).toBe(0);
    await login(page, 'xa.xuanhoa');
    await page.goto('/compliance');
    await page.getByTestId('compliance-groups-table').locator('.ant-table-row, .ant-empty').first().waitFor();
    const token = await api.login('xa.xuanhoa');
    const groups = await api.gql<{ complianceOverview: { centreCount: number; groups: { centreCount: number }[] } }>(
      `{ complianceOverview(groupBy: UNIT_LEVEL) { centreCount groups { centreCount } } }`, {}, token,
    );
    expect(groups.errors).toBeUndefined();
    // The officer's groups hold only its commune's centres.
    expect(groups.data!.complianceOverview.groups.reduce((n, g) => n + g.centreCount, 0)).toBe(groups.data!.complianceOverview.centreCount);
    const sở = await api.gql<{ complianceOverview: { centreCount: number } }>(`{ complianceOverview { centreCount } }`, {}, await api.login('so.chuyenvien'));
    expect(groups.data!.complianceOverview.centreCount).toBeLessThan(sở.data!.complianceOverview.centreCount);
    await screenshot(page, 'xa-tuan-thu-theo-xa');
  });
});
