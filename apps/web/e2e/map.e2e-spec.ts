// The map in Chromium (issue 15 item 3): an indicator as a choropleth of today's communes; the demo's schematic
// boundaries say so; the Sở admin imports an official GeoJSON for a commune. Desktop and phone; axe.
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { chooseOption, horizontalOverflow, login, screenshot, seriousA11yViolations, settle, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

describe('the map in Chromium', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('map', (suite) => ({ api, page } = suite));

  it("a Sở specialist reads an indicator by commune on the map; the schematic boundaries are labelled; the numbers are the API's", async () => {
    await login(page, 'so.chuyenvien');
    await page.getByRole('link', { name: 'Bản đồ' }).first().click();
    await page.getByRole('heading', { name: 'Bản đồ chỉ số theo xã, phường', level: 1 }).waitFor();
    await page.getByTestId('map-schematic').getByText('Ranh giới minh họa cho dữ liệu mẫu, không phải ranh giới hành chính chính thức').waitFor();
    await chooseOption(page, page.getByTestId('map-period'), /Năm học 2024-2025|Năm XMC|Quý|Học kỳ/);
    const map = page.getByTestId('map-chart');
    await map.locator('canvas').first().waitFor();
    // The screen-reader table has one row per commune with a boundary; its values are the API's.
    const token = await api.login('so.chuyenvien');
    const boundaries = (await api.gql<{ unitBoundaries: { geojson: string } }>(`{ unitBoundaries { geojson } }`, {}, token)).data!.unitBoundaries;
    const communes = (JSON.parse(boundaries.geojson) as { features: unknown[] }).features.length;
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="map-chart"] tbody tr').length === n, communes);
    const indicator = (await page.getByTestId('map-indicator').innerText()).trim();
    expect(indicator.length).toBeGreaterThan(0);
    await settle(page);
    await screenshot(page, 'ban-do-01-chi-so-theo-xa');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'ban-do-02-dien-thoai');
  });

  it('the Sở admin imports an official boundary for a commune (GeoJSON)', async () => {
    await login(page, 'so.quantri');
    await page.goto('/map');
    await page.getByTestId('map-chart').locator('canvas').first().waitFor();
    const ring = Array.from({ length: 400 }, (_, i) => [105.45 + 0.03 * Math.cos((2 * Math.PI * i) / 400), 19.95 + 0.03 * Math.sin((2 * Math.PI * i) / 400)]);
    ring.push(ring[0]);
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Xã Xuân Hòa' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
    await page.locator('input[type=file]').setInputFiles({ name: 'xuan-hoa.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(file) });
    await page.getByText('Đã nhập ranh giới của 1 xã, phường; 0 đối tượng không khớp').waitFor();
    const token = await api.login('so.quantri');
    const geo = JSON.parse((await api.gql<{ unitBoundaries: { geojson: string } }>(`{ unitBoundaries { geojson } }`, {}, token)).data!.unitBoundaries.geojson) as { features: { properties: { name: string; source: string } }[] };
    expect(geo.features.find((f) => f.properties.name === 'Xã Xuân Hòa')!.properties.source).toBe('IMPORTED');
  });
});
