// The Sở's literacy and learning-society settings in a real browser: a Sở administrator reads the parameter
// sets, targets and ĐBKK communes (numbers equal to the API), is refused a threshold above 100% and an
// overlapping set (nothing saved), adjusts a set, changes a learning-society target and sees it on /literacy,
// flags a commune ĐBKK and ends the flag; Bắc Ninh's administrator is not affected and cannot touch Thanh Hóa;
// a supervisor and a centre director cannot open the page and the API refuses them; a Sở specialist reads the
// ĐBKK list without changing it.
import type { Browser, Locator, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { errorCode, type TestApi } from '../../api/test/harness';
import { horizontalOverflow, login, newPage, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

interface ParamSet { version: string; source: string; validFrom: string; validTo: string | null; legalBasis: string[]; definitionJson: string }
interface Target { code: string; year: number; targetPct: number; nameVi: string; source: string }
interface Dbkk { unitId: string; validFrom: string; validTo: string | null; decisionRef: string | null }
interface Unit { id: string; name: string; level: string; parentId: string | null }

const SETS = `{ literacyParameterSets { version source validFrom validTo legalBasis definitionJson } }`;
const TARGETS = `{ learningSocietyTargets { code year targetPct nameVi source } }`;
const DBKK = `{ communeDbkk { unitId validFrom validTo decisionRef } }`;
const REFORM = 'ND20_2014_POST_2025_REFORM';

const vi = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);
const viDate = (iso: string) => iso.split('-').reverse().join('/');
function todayIso(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Opens an antd select, types, and clicks the option (again if a click lands while the list animates in). */
async function choose(page: Page, field: Locator, option: string, search?: string): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await field.click();
  if (search) await field.fill(search);
  for (let attempt = 0; ; attempt++) {
    await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    try {
      await dropdown.waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

async function typeDate(field: Locator, value: string): Promise<void> {
  await field.click();
  await field.fill(value);
  await field.press('Enter');
}

describe('literacy settings screen in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  // Written for the pre-reform world (districts, the district office of Thọ Xuân as an active supervisor): pinned to
  // it (DEMO_WORLD=pre-reform) until ported to today's province (issue 12; today's world: commune-officer.e2e-spec.ts).
  useBrowserSuite('settings', (suite) => ({ api, browser, page } = suite), undefined, { world: 'pre-reform' });
  let units: Unit[];
  let provinceId = '';
  const q = async <T,>(query: string, user: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const r = await api.gql<T>(query, variables, await api.login(user));
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!;
  };

  beforeAll(async () => {
    units = (await q<{ administrativeUnits: Unit[] }>(`{ administrativeUnits { id name level parentId } }`, 'so.quantri')).administrativeUnits;
    provinceId = units.find((u) => u.level === 'PROVINCE')!.id;
  });

  it('a Sở administrator reads and changes the parameter sets; wrong values are refused in Vietnamese and save nothing', async () => {
    await login(page, 'so.quantri');
    await page.getByRole('link', { name: 'Cấu hình XMC & XHHT' }).click();
    await page.getByRole('heading', { name: 'Cấu hình xóa mù chữ và xã hội học tập' }).waitFor();
    await page.getByText('Kết quả công nhận xóa mù chữ được tính lại từ các báo cáo').waitFor();

    // Every set the API returns, with its validity, legal basis and thresholds.
    const before = (await q<{ literacyParameterSets: ParamSet[] }>(SETS, 'so.quantri')).literacyParameterSets;
    expect(before.map((s) => s.version)).toEqual(['ND20_2014', REFORM]);
    for (const set of before) {
      const card = page.getByTestId(`param-set-${set.version}`);
      await card.getByRole('heading', { name: set.version }).waitFor();
      await expect(card.getByTestId('param-validity').textContent()).resolves.toBe(`${viDate(set.validFrom)} – ${set.validTo ? viDate(set.validTo) : 'không thời hạn'}`);
      await expect(card.getByTestId('param-legal-basis').locator('li').allTextContents()).resolves.toEqual(set.legalBasis);
      await card.getByText(set.source === 'NATIONAL' ? 'Quốc gia (kèm sản phẩm)' : 'Sở điều chỉnh').waitFor();
      const d = JSON.parse(set.definitionJson);
      const rows = card.getByTestId('param-thresholds').locator('tbody tr.ant-table-row');
      const band = (r: { band: string; minRatePct: number }) => `≥ ${vi(r.minRatePct)}% người ${r.band.replace('_', '–')} tuổi`;
      await expect(rows.nth(0).locator('td').allTextContents()).resolves.toEqual(['Xã: tỷ lệ người biết chữ (độ tuổi chuẩn)', band(d.commune.l1.standard), band(d.commune.l2.standard)]);
      await expect(rows.nth(1).locator('td').allTextContents()).resolves.toEqual(['Xã ĐBKK: tỷ lệ người biết chữ (độ tuổi thay thế)', band(d.commune.l1.dbkkAlternative), band(d.commune.l2.dbkkAlternative)]);
      await expect(rows.nth(3).locator('td').allTextContents()).resolves.toEqual(['Tỉnh: tỷ lệ đơn vị cấp dưới đạt chuẩn', `≥ ${vi(d.province.l1MinSharePct)}%`, `≥ ${vi(d.province.l2MinSharePct)}%`]);
      // What no legal text settles, in plain Vietnamese: no developer tags or field names (issue 16 item 7).
      const assumptions = (d.assumptions as (string | { vi: string })[]).map((a) => (typeof a === 'string' ? a : a.vi));
      expect(assumptions.length).toBeGreaterThan(0);
      for (const a of assumptions) await card.getByText(a, { exact: true }).waitFor();
      expect(await card.innerText()).not.toMatch(/\[U\]|excludeDisabledExempt|dbkkMayUseStandardBand|PROVINCE_DIRECT/);
    }
    await screenshot(page, '80-cau-hinh-tham-so-xmc');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A threshold above 100%: the field says so, nothing is sent.
    await page.getByRole('button', { name: `Điều chỉnh ${REFORM}` }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByText(`Điều chỉnh bộ tham số ${REFORM}`).waitFor();
    const provinceL2 = dialog.getByLabel('Tỉnh: tỷ lệ đơn vị cấp dưới đạt chuẩn · Mức độ 2');
    await provinceL2.fill('120');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Phải lớn hơn 0 và không quá 100%').waitFor();
    await screenshot(page, '81-cau-hinh-nguong-sai', { fullPage: false });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await q<{ literacyParameterSets: ParamSet[] }>(SETS, 'so.quantri')).literacyParameterSets).toEqual(before);

    // A new set overlapping the open-ended one: the server refuses in Vietnamese, nothing is saved.
    await page.getByRole('button', { name: 'Thêm bộ tham số' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText('Thêm bộ tham số mới').waitFor();
    await dialog.getByLabel('Phiên bản').fill('TH_2027');
    await typeDate(dialog.getByLabel('Có hiệu lực từ'), '01/01/2027');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByTestId('settings-refusal').getByText(`Bộ tham số ${REFORM} và TH_2027 có thời gian hiệu lực chồng lên nhau`).waitFor();
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await q<{ literacyParameterSets: ParamSet[] }>(SETS, 'so.quantri')).literacyParameterSets).toEqual(before);

    // Adjust the set in force (same version): the province's own set replaces the national one for Thanh Hóa.
    await page.getByRole('button', { name: `Điều chỉnh ${REFORM}` }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tỉnh: tỷ lệ đơn vị cấp dưới đạt chuẩn · Mức độ 2').fill('95');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('settings-effect').getByRole('link', { name: 'Mở trang Xóa mù chữ của Tỉnh Thanh Hóa' }).waitFor();
    const after = (await q<{ literacyParameterSets: ParamSet[] }>(SETS, 'so.quantri')).literacyParameterSets;
    const reform = after.find((s) => s.version === REFORM)!;
    expect(reform.source).toBe('PROVINCE');
    expect(JSON.parse(reform.definitionJson).province.l2MinSharePct).toBe(95);
    const card = page.getByTestId(`param-set-${REFORM}`);
    await card.getByText('Sở điều chỉnh').waitFor();
    await card.getByRole('cell', { name: '≥ 95%' }).waitFor();

    // Bắc Ninh still has the national set.
    const bn = (await q<{ literacyParameterSets: ParamSet[] }>(SETS, 'bn.quantri')).literacyParameterSets;
    expect(bn.find((s) => s.version === REFORM)).toMatchObject({ source: 'NATIONAL' });
    expect(JSON.parse(bn.find((s) => s.version === REFORM)!.definitionJson).province.l2MinSharePct).toBe(90);
  });

  it('a Sở administrator changes a learning-society target and sees it on /literacy; Bắc Ninh keeps the national one', async () => {
    await login(page, 'so.quantri');
    await page.goto('/settings/literacy?tab=targets');
    const targets = (await q<{ learningSocietyTargets: Target[] }>(TARGETS, 'so.quantri')).learningSocietyTargets;
    const table = page.getByTestId('targets-table');
    await table.getByRole('cell', { name: 'Gia đình học tập' }).first().waitFor();
    await expect(table.locator('tbody tr.ant-table-row').count()).resolves.toBe(targets.length);
    await expect(table.getByTestId('target-pct').allTextContents()).resolves.toEqual(targets.map((t) => `${vi(t.targetPct)}%`));
    const family = targets.find((t) => t.code === 'LEARNING_FAMILY' && t.year === 2025)!;
    expect(family).toMatchObject({ targetPct: 70, source: 'NATIONAL' });

    // 150% is refused on the field; nothing changes.
    await table.getByRole('button', { name: 'Sửa Gia đình học tập 2025' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Chỉ tiêu của tỉnh: Gia đình học tập').waitFor();
    await dialog.getByLabel('Chỉ tiêu (%)').fill('150');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Phải lớn hơn 0 và không quá 100%').waitFor();
    expect((await q<{ learningSocietyTargets: Target[] }>(TARGETS, 'so.quantri')).learningSocietyTargets).toEqual(targets);

    await dialog.getByLabel('Chỉ tiêu (%)').fill('75,5');
    await screenshot(page, '82-cau-hinh-chi-tieu-xhht', { fullPage: false });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: 'LEARNING_FAMILY' }).filter({ hasText: '2025' });
    await row.getByText('75,5%').waitFor();
    await row.getByText('Sở điều chỉnh').waitFor();
    const saved = (await q<{ learningSocietyTargets: Target[] }>(TARGETS, 'so.quantri')).learningSocietyTargets;
    expect(saved.find((t) => t.code === 'LEARNING_FAMILY' && t.year === 2025)).toMatchObject({ targetPct: 75.5, source: 'PROVINCE' });
    expect(await horizontalOverflow(page)).toBe(0);

    // Where users see it: the learning-society section of /literacy (year 2025-2026 is measured against the 2025 target).
    await page.getByTestId('settings-effect').getByRole('link', { name: 'Mở trang Xóa mù chữ của Tỉnh Thanh Hóa' }).click();
    await page.waitForURL(/year=2026/);
    const progress = await q<{ learningSocietyProgress: { indicators: { code: string; targetPct: number | null; targetYear: number | null }[] } }>(
      `query($u: ID!) { learningSocietyProgress(unitId: $u, year: 2026, asOf: "2026-09-30") { indicators { code targetPct targetYear } } }`, 'so.quantri', { u: provinceId },
    );
    const ind = progress.learningSocietyProgress.indicators.find((i) => i.code === 'LEARNING_FAMILY')!;
    expect(ind).toMatchObject({ targetPct: 75.5, targetYear: 2025 });
    const lsRow = page.getByTestId('learning-society-table').locator('tbody tr.ant-table-row').filter({ hasText: 'Gia đình học tập' });
    await lsRow.getByText(`${vi(ind.targetPct!)}% (năm ${ind.targetYear})`).waitFor();
    await screenshot(page, '83-xmc-chi-tieu-da-doi');

    // Bắc Ninh: the national target, by the API.
    const bn = (await q<{ learningSocietyTargets: Target[] }>(TARGETS, 'bn.quantri')).learningSocietyTargets;
    expect(bn.find((t) => t.code === 'LEARNING_FAMILY' && t.year === 2025)).toMatchObject({ targetPct: 70, source: 'NATIONAL' });
  });

  it('a Sở administrator flags a commune ĐBKK and ends the flag; Bắc Ninh neither sees nor changes it', async () => {
    const xuanTin = units.find((u) => u.name === 'Xã Xuân Tín')!;
    const before = (await q<{ communeDbkk: Dbkk[] }>(DBKK, 'so.quantri')).communeDbkk;
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((r) => r.unitId === xuanTin.id)).toBe(false);

    await login(page, 'so.quantri');
    await page.goto('/settings/literacy');
    await page.getByRole('tab', { name: 'Xã đặc biệt khó khăn (ĐBKK)' }).click();
    const table = page.getByTestId('dbkk-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await expect(table.locator('tbody tr.ant-table-row').count()).resolves.toBe(before.length);
    for (const r of before) {
      const name = units.find((u) => u.id === r.unitId)!.name;
      const row = table.locator('tbody tr.ant-table-row').filter({ hasText: name });
      await row.getByText(viDate(r.validFrom), { exact: true }).waitFor();
      if (r.decisionRef) await row.getByText(r.decisionRef).waitFor();
    }
    await screenshot(page, '84-cau-hinh-xa-dbkk');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Flag Xuân Tín, found by typing without diacritics.
    await page.getByRole('button', { name: 'Xác định xã ĐBKK' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, dialog.getByLabel('Xã, phường, đặc khu'), 'Xã Xuân Tín', 'xuan tin');
    await typeDate(dialog.getByLabel('Có hiệu lực từ'), '01/01/2026');
    await dialog.getByLabel('Quyết định').fill('QĐ 353/QĐ-TTg');
    await screenshot(page, '85-cau-hinh-them-xa-dbkk', { fullPage: false });
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const flagged = (await q<{ communeDbkk: Dbkk[] }>(DBKK, 'so.quantri')).communeDbkk.find((r) => r.unitId === xuanTin.id);
    expect(flagged).toEqual({ unitId: xuanTin.id, validFrom: '2026-01-01', validTo: null, decisionRef: 'QĐ 353/QĐ-TTg' });
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: 'Xã Xuân Tín' });
    await row.getByText('Đang hiệu lực').waitFor();
    await page.getByTestId('settings-effect').getByRole('link', { name: 'Mở trang Xóa mù chữ của Xã Xuân Tín' }).waitFor();

    // Bắc Ninh's administrator: not in their list, and they cannot flag a Thanh Hóa commune.
    const bnList = (await q<{ communeDbkk: Dbkk[] }>(DBKK, 'bn.quantri')).communeDbkk;
    expect(bnList.some((r) => r.unitId === xuanTin.id)).toBe(false);
    const bnTry = await api.gql(`mutation($u: ID!) { setCommuneDbkk(input: { unitId: $u, validFrom: "2026-01-01", validTo: "2026-01-02" }) { unitId } }`,
      { u: xuanTin.id }, await api.login('bn.quantri'));
    expect(errorCode(bnTry)).toBe('NOT_FOUND');
    expect((await q<{ communeDbkk: Dbkk[] }>(DBKK, 'so.quantri')).communeDbkk.find((r) => r.unitId === xuanTin.id)).toEqual(flagged);

    // End the flag today.
    await row.getByRole('button', { name: 'Kết thúc Xã Xuân Tín' }).click();
    await dialog.getByText('Kết thúc ĐBKK: Xã Xuân Tín').waitFor();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const ended = (await q<{ communeDbkk: Dbkk[] }>(DBKK, 'so.quantri')).communeDbkk.find((r) => r.unitId === xuanTin.id);
    expect(ended).toEqual({ ...flagged, validTo: todayIso() });
    await row.getByText(viDate(todayIso()), { exact: true }).waitFor();
  });

  it('a supervisor and a centre director cannot open the page and the API refuses them; a specialist only reads ĐBKK', async () => {
    const target = `mutation { setLearningSocietyTarget(input: { code: "LEARNING_FAMILY", year: 2025, targetPct: 10 }) { code } }`;
    const params = `mutation($j: String!) { setLiteracyParameters(input: { definitionJson: $j }) { version } }`;
    const dbkk = `mutation($u: ID!) { setCommuneDbkk(input: { unitId: $u, validFrom: "2026-01-01" }) { unitId } }`;
    const sets = (await q<{ literacyParameterSets: ParamSet[] }>(SETS, 'so.quantri')).literacyParameterSets;
    const commune = units.find((u) => u.name === 'Xã Xuân Tín')!;
    for (const user of ['phong.thoxuan', 'gd.gdtx', 'so.chuyenvien']) {
      await page.context().close();
      page = await newPage(browser, api.url);
      if (user === 'so.chuyenvien') break;
      await login(page, user);
      await expect(page.getByRole('link', { name: 'Cấu hình XMC & XHHT' }).count()).resolves.toBe(0);
      await page.goto('/settings/literacy');
      await page.waitForURL((url) => !url.pathname.startsWith('/settings'));
      await expect(page.getByRole('heading', { name: 'Cấu hình xóa mù chữ và xã hội học tập' }).count()).resolves.toBe(0);
      const token = await api.login(user);
      expect(errorCode(await api.gql(target, {}, token))).toBe('FORBIDDEN');
      expect(errorCode(await api.gql(params, { j: sets[1].definitionJson }, token))).toBe('FORBIDDEN');
      expect(errorCode(await api.gql(dbkk, { u: commune.id }, token))).toBe('FORBIDDEN');
    }

    // A Sở specialist manages parameters and targets, but the ĐBKK list belongs to the unit registry (UNIT_MANAGE).
    await login(page, 'so.chuyenvien');
    await page.getByRole('link', { name: 'Cấu hình XMC & XHHT' }).click();
    await page.getByRole('tab', { name: 'Xã đặc biệt khó khăn (ĐBKK)' }).click();
    await page.getByText('Chỉ Quản trị Sở được thay đổi danh mục xã ĐBKK; bạn chỉ xem.').waitFor();
    await page.getByTestId('dbkk-table').locator('tbody tr.ant-table-row').first().waitFor();
    await expect(page.getByRole('button', { name: 'Xác định xã ĐBKK' }).count()).resolves.toBe(0);
    expect(errorCode(await api.gql(dbkk, { u: commune.id }, await api.login('so.chuyenvien')))).toBe('FORBIDDEN');
    // Nothing of the refused calls was saved.
    expect((await q<{ learningSocietyTargets: Target[] }>(TARGETS, 'so.quantri')).learningSocietyTargets.every((t) => t.targetPct !== 10)).toBe(true);
  });
});
