// Sở admin screens in a real browser: a Sở administrator creates a centre (a duplicate code is explained),
// edits it (meeting a concurrent edit), changes its status and records a licence; roles without the
// permission see no admin buttons and the API refuses them; another province's administrator cannot open or
// change the centre; the administrative-unit tree (today and on a past date) drills down to the centre list.
import type { Locator, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { errorCode, type TestApi } from '../../api/test/harness';
import { chooseOption, horizontalOverflow, login, logout, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

const NEW_CODE = 'TH-HTCD-099';
const NEW_NAME = 'Trung tâm học tập cộng đồng Nhà văn hóa Xuân Tín';

interface Unit { id: string; name: string; level: string; parentId: string | null }
interface CentreState {
  id: string; name: string; type: string; status: string; licenceStatus: string; address: string | null; phone: string | null; version: number;
  adminUnit: { id: string } | null; statusHistory: { status: string; reason: string | null; decisionRef: string | null }[];
  licences: { decisionNumber: string; kind: string; state: string }[];
}
const CENTRE_STATE = `query($id: ID!) { centre(id: $id) { id name type status licenceStatus address phone version adminUnit { id }
  statusHistory { status reason decisionRef } licences { decisionNumber kind state } } }`;

/** dd/mm/yyyy of today in Vietnam (what a user types into the date pickers). */
function todayVn(): string {
  const [y, m, d] = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Picks an option of an antd select as a user does (open, optionally type, click). On a loaded 2-core machine a
 * click can land while the dropdown is still animating in and be lost: the option is clicked again until the
 * dropdown closes, which it does once a value is chosen.
 */
const choose = (page: Page, field: Locator, option: string) => chooseOption(page, field, option);
const chooseUnit = (page: Page, field: Locator, search: string, name: string) => chooseOption(page, field, name, { search, optionSelector: '.ant-select-tree-title' });

async function typeDate(field: Locator, value: string): Promise<void> {
  await field.click();
  await field.fill(value);
  await field.press('Enter');
}

describe('Sở admin screens in Chromium', () => {
  let api: TestApi;
  let page: Page;
  // Written for the pre-reform world (districts, the district office of Thọ Xuân as an active supervisor): pinned to
  // it (DEMO_WORLD=pre-reform) until ported to today's province (issue 12; today's world: commune-officer.e2e-spec.ts).
  useBrowserSuite('admin', (suite) => ({ api, page } = suite), undefined, { world: 'pre-reform' });
  let units: Unit[];
  const unit = (name: string) => units.find((u) => u.name === name)!;
  const centreIds: Record<string, string> = {};
  let newId = '';
  const state = async (id: string) => {
    const r = await api.gql<{ centre: CentreState }>(CENTRE_STATE, { id }, await api.login('so.quantri'));
    expect(r.errors).toBeUndefined();
    return r.data!.centre;
  };
  const count = async (unitId: string | null) => {
    const r = await api.gql<{ centres: { totalCount: number } }>(
      `query($u: ID) { centres(filter: { unitId: $u }, first: 1) { totalCount } }`, { u: unitId }, await api.login('so.quantri'),
    );
    return r.data!.centres.totalCount;
  };

  beforeAll(async () => {
    const token = await api.login('so.quantri');
    const r = await api.gql<{ administrativeUnits: Unit[]; centres: { nodes: { id: string; code: string }[] } }>(
      `{ administrativeUnits { id name level parentId } centres(first: 200) { nodes { id code } } }`, {}, token,
    );
    units = r.data!.administrativeUnits;
    for (const c of r.data!.centres.nodes) centreIds[c.code] = c.id;
  });

  it('a Sở administrator creates a centre with field checks; it appears in the list; a duplicate code is explained', async () => {
    await login(page, 'so.quantri');
    await page.goto('/centres');
    await page.getByRole('button', { name: 'Thêm trung tâm' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Thêm trung tâm').waitFor();

    // Field-level checks before anything is sent.
    await dialog.getByLabel('Mã trung tâm').fill('TH 099');
    await dialog.getByLabel('Email').fill('khong-phai-email');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Mã gồm 2–40 ký tự').waitFor();
    await dialog.getByText('Địa chỉ email không hợp lệ').waitFor();
    await expect(dialog.getByText('Bắt buộc').count()).resolves.toBeGreaterThanOrEqual(3);

    await dialog.getByLabel('Mã trung tâm').fill(NEW_CODE);
    await dialog.getByLabel('Tên', { exact: true }).fill(NEW_NAME);
    await choose(page, dialog.getByLabel('Loại hình', { exact: true }), 'Trung tâm học tập cộng đồng');
    await chooseUnit(page, dialog.getByLabel('Địa bàn', { exact: true }), 'Xuân Tín', 'Xã Xuân Tín');
    await typeDate(dialog.getByLabel('Ngày thành lập'), '01/09/2020');
    await dialog.getByLabel('Địa chỉ').fill('Thôn 3, xã Xuân Tín, huyện Thọ Xuân');
    await dialog.getByLabel('Điện thoại').fill('0237 3833 099');
    await dialog.getByLabel('Email').fill('htcd.xuantin@thanhhoa.edu.vn');
    // Corrected fields are checked again as the user types: the earlier messages go away.
    await dialog.getByText('Địa chỉ email không hợp lệ').waitFor({ state: 'detached' });
    await dialog.getByText('Mã gồm 2–40 ký tự').waitFor({ state: 'detached' });
    await screenshot(page, '51-quan-tri-them-trung-tam', { fullPage: false });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('centre-created').getByText(`Đã thêm trung tâm ${NEW_NAME}.`).waitFor();

    const token = await api.login('so.quantri');
    const found = await api.gql<{ centres: { totalCount: number; nodes: { id: string; name: string; type: string; status: string; licenceStatus: string; adminUnit: { id: string } }[] } }>(
      `query($s: String) { centres(filter: { search: $s }) { totalCount nodes { id name type status licenceStatus adminUnit { id } } } }`, { s: NEW_CODE }, token,
    );
    expect(found.data!.centres.totalCount).toBe(1);
    const created = found.data!.centres.nodes[0];
    expect(created).toMatchObject({ name: NEW_NAME, type: 'TTHTCD', status: 'ACTIVE', licenceStatus: 'MISSING', adminUnit: { id: unit('Xã Xuân Tín').id } });
    newId = created.id;

    // The list shows it (searched as a user would).
    await page.getByLabel('Tìm theo tên, mã, địa chỉ').fill(NEW_CODE);
    await page.getByLabel('Tìm theo tên, mã, địa chỉ').press('Enter');
    await page.getByTestId('centre-total').getByText('Tổng số: 1 trung tâm').waitFor();
    await page.getByRole('link', { name: NEW_NAME, exact: true }).waitFor();

    // The same code again: the form says which code is taken, in Vietnamese, next to the field.
    await page.getByRole('button', { name: 'Thêm trung tâm' }).click();
    await dialog.getByLabel('Mã trung tâm').fill('TH-NN-004');
    await dialog.getByLabel('Tên', { exact: true }).fill('Trung tâm Ngoại ngữ trùng mã');
    await choose(page, dialog.getByLabel('Loại hình', { exact: true }), 'Trung tâm ngoại ngữ');
    await chooseUnit(page, dialog.getByLabel('Địa bàn', { exact: true }), 'Thọ Xuân', 'Huyện Thọ Xuân');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const duplicate = 'Mã trung tâm "TH-NN-004" đã được dùng cho một trung tâm khác trong tỉnh. Vui lòng chọn mã khác.';
    await dialog.getByTestId('form-error').getByText(duplicate).waitFor();
    await expect(dialog.locator('.ant-form-item-explain-error').filter({ hasText: duplicate }).count()).resolves.toBe(1);
    await screenshot(page, '52-quan-tri-trung-ma', { fullPage: false });
    const again = await api.gql(
      `mutation($i: CreateCentreInput!) { createCentre(input: $i) { id } }`,
      { i: { code: 'TH-NN-004', name: 'Trùng mã', type: 'LANGUAGE', ownership: 'PRIVATE', adminUnitId: unit('Huyện Thọ Xuân').id } }, token,
    );
    expect(errorCode(again)).toBe('CONFLICT');
    await expect(count(null)).resolves.toBe(Object.keys(centreIds).length + 1);
  });

  it('edits the centre (a concurrent change is explained and the input kept), changes its status and records a licence', async () => {
    expect(newId).not.toBe('');
    const before = await state(newId);
    await login(page, 'so.quantri');
    await page.goto(`/centres/${newId}`);
    await page.getByTestId('centre-name').getByText(NEW_NAME).waitFor();
    await page.getByTestId('centre-tags').getByText('Thiếu quyết định').waitFor();

    // Edit, while a colleague saves a change to the same centre.
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    const dialog = page.getByRole('dialog');
    const newAddress = 'Nhà văn hóa thôn 3, xã Xuân Tín, huyện Thọ Xuân';
    await dialog.getByLabel('Địa chỉ').fill(newAddress);
    const colleague = await api.gql(
      `mutation($i: UpdateCentreInput!) { updateCentre(input: $i) { version } }`,
      { i: { id: newId, expectedVersion: before.version, phone: '0237 3833 100' } }, await api.login('so.chuyenvien'),
    );
    expect(colleague.errors).toBeUndefined();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByTestId('form-error').getByText('vừa được người khác thay đổi trong lúc bạn sửa', { exact: false }).waitFor();
    await expect(dialog.getByLabel('Địa chỉ').inputValue()).resolves.toBe(newAddress);
    await screenshot(page, '53-quan-tri-sua-xung-dot', { fullPage: false });
    await expect(state(newId).then((c) => c.address)).resolves.toBe('Thôn 3, xã Xuân Tín, huyện Thọ Xuân');
    // Reloading keeps what this user typed and takes the colleague's change to the field they did not touch.
    await dialog.getByRole('button', { name: 'Tải phiên bản mới' }).click();
    await dialog.getByRole('button', { name: 'Tải phiên bản mới' }).waitFor({ state: 'detached' });
    await expect(dialog.getByLabel('Địa chỉ').inputValue()).resolves.toBe(newAddress);
    await expect(dialog.getByLabel('Điện thoại').inputValue()).resolves.toBe('0237 3833 100');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const edited = await state(newId);
    expect(edited).toMatchObject({ address: newAddress, phone: '0237 3833 100', version: before.version + 2 });
    await page.getByRole('cell', { name: newAddress }).or(page.getByText(newAddress)).first().waitFor();

    // Status: the effective date may not precede the current status; then the history shows the change.
    await page.getByRole('button', { name: 'Đổi trạng thái' }).click();
    const statusDialog = page.getByRole('dialog');
    await choose(page, statusDialog.getByLabel('Trạng thái mới'), 'Tạm dừng hoạt động');
    await typeDate(statusDialog.getByLabel('Có hiệu lực từ ngày'), '01/01/2019');
    await statusDialog.getByRole('button', { name: 'Lưu' }).click();
    await statusDialog.getByText('Ngày hiệu lực phải sau ngày 01/09/2020').waitFor();
    await typeDate(statusDialog.getByLabel('Có hiệu lực từ ngày'), todayVn());
    await statusDialog.getByLabel('Lý do').fill('Sửa chữa nhà văn hóa thôn');
    await statusDialog.getByLabel('Số quyết định').fill('45/QĐ-UBND');
    await statusDialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('status-history').getByRole('cell', { name: 'Sửa chữa nhà văn hóa thôn' }).waitFor();
    await page.getByTestId('centre-tags').getByText('Tạm dừng hoạt động').waitFor();
    const suspended = await state(newId);
    expect(suspended.status).toBe('SUSPENDED');
    expect(suspended.statusHistory[0]).toEqual({ status: 'SUSPENDED', reason: 'Sửa chữa nhà văn hóa thôn', decisionRef: '45/QĐ-UBND' });
    expect(suspended.statusHistory).toHaveLength(2);

    // Licence: the establishment decision is recorded; the licence tag turns valid.
    await page.getByRole('button', { name: 'Ghi nhận giấy phép/quyết định' }).click();
    const licenceDialog = page.getByRole('dialog');
    await choose(page, licenceDialog.getByLabel('Loại quyết định'), 'Quyết định thành lập');
    await licenceDialog.getByLabel('Số quyết định').fill('125/QĐ-UBND');
    await typeDate(licenceDialog.getByLabel('Ngày quyết định'), '25/08/2020');
    await licenceDialog.getByLabel('Cơ quan ban hành').fill('UBND huyện Thọ Xuân');
    await typeDate(licenceDialog.getByLabel('Hết hiệu lực (để trống nếu không thời hạn)'), '01/01/2020');
    await licenceDialog.getByRole('button', { name: 'Lưu' }).click();
    await licenceDialog.getByText('Ngày hết hiệu lực phải sau ngày có hiệu lực').waitFor();
    await typeDate(licenceDialog.getByLabel('Hết hiệu lực (để trống nếu không thời hạn)'), '31/12/2030');
    await expect(licenceDialog.getByLabel('Có hiệu lực từ').inputValue()).resolves.toBe('25/08/2020');
    await licenceDialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('licence-table').getByRole('cell', { name: '125/QĐ-UBND' }).waitFor();
    await page.getByTestId('licence-table').getByRole('cell', { name: '25/08/2020 – 31/12/2030' }).waitFor();
    await page.getByTestId('centre-tags').getByText('Còn hiệu lực').waitFor();
    const licensed = await state(newId);
    expect(licensed.licenceStatus).toBe('VALID');
    expect(licensed.licences).toEqual([{ decisionNumber: '125/QĐ-UBND', kind: 'ESTABLISHMENT', state: 'IN_FORCE' }]);

    await screenshot(page, '54-quan-tri-trang-trung-tam');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('a supervisor and a centre director see no admin buttons, and the API refuses them', async () => {
    const input = { code: 'TH-X-1', name: 'Không được tạo', type: 'LANGUAGE', ownership: 'PRIVATE', adminUnitId: unit('Huyện Thọ Xuân').id };
    const hoaSen = centreIds['TH-NN-004'];
    for (const username of ['phong.thoxuan', 'gd.hoasen']) {
      await login(page, username);
      await page.goto(`/centres/${hoaSen}`);
      await page.getByTestId('centre-name').getByText('Trung tâm Ngoại ngữ Hoa Sen').waitFor();
      await expect(page.getByTestId('centre-admin-actions').count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Sửa thông tin' }).count()).resolves.toBe(0);
      if (username === 'phong.thoxuan') {
        await page.goto('/centres');
        await page.getByRole('link', { name: 'Trung tâm Ngoại ngữ Hoa Sen' }).waitFor();
        await expect(page.getByRole('button', { name: 'Thêm trung tâm' }).count()).resolves.toBe(0);
      }
      const token = await api.login(username);
      const r = await api.gql(`mutation($i: CreateCentreInput!) { createCentre(input: $i) { id } }`, { i: input }, token);
      expect(errorCode(r)).toBe('FORBIDDEN');
      const u = await api.gql(`mutation($i: UpdateCentreInput!) { updateCentre(input: $i) { id } }`, { i: { id: hoaSen, expectedVersion: 1, name: 'Đổi tên' } }, token);
      expect(errorCode(u)).toBe('FORBIDDEN');
      await logout(page);
    }
    await expect(count(null)).resolves.toBe(Object.keys(centreIds).length + 1);
  });

  it("another province's administrator cannot open or change a Thanh Hóa centre", async () => {
    await login(page, 'bn.quantri');
    await page.goto(`/centres/${newId}`);
    await page.getByText('Không tìm thấy trung tâm hoặc bạn không có quyền xem').waitFor();
    await screenshot(page, '55-quan-tri-tinh-khac');
    const before = await state(newId);
    const token = await api.login('bn.quantri');
    const read = await api.gql(`query($id: ID!) { centre(id: $id) { id name } }`, { id: newId }, token);
    expect(errorCode(read)).toBe('NOT_FOUND');
    const update = await api.gql(`mutation($i: UpdateCentreInput!) { updateCentre(input: $i) { id } }`, { i: { id: newId, expectedVersion: before.version, name: 'Tên do tỉnh khác sửa' } }, token);
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(update));
    const status = await api.gql(
      `mutation($i: ChangeCentreStatusInput!) { changeCentreStatus(input: $i) { id } }`, { i: { centreId: newId, status: 'ACTIVE', effectiveFrom: '2026-01-01' } }, token,
    );
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(status));
    await expect(state(newId)).resolves.toEqual(before);

    // Its unit tree is its own province only.
    await page.getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.getByRole('link', { name: 'Tỉnh Bắc Ninh' }).waitFor();
    await expect(page.getByRole('link', { name: 'Tỉnh Thanh Hóa' }).count()).resolves.toBe(0);
  });

  it('the units page shows the tree today and on a past date, with centre counts, and drills down to the centre list', async () => {
    await login(page, 'so.quantri');
    await page.getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.getByRole('heading', { name: 'Đơn vị hành chính' }).waitFor();
    const tree = page.getByTestId('units-tree');
    const thoXuan = unit('Huyện Thọ Xuân').id;
    const hoangHoa = unit('Huyện Hoằng Hóa').id;
    const province = units.find((u) => u.level === 'PROVINCE')!.id;
    const districts = units.filter((u) => u.level === 'DISTRICT').length;
    const communes = units.filter((u) => u.level === 'COMMUNE' || u.level === 'WARD').length;
    await page.getByTestId('units-summary').getByText(`1 tỉnh · ${districts} huyện/thị xã/thành phố · ${communes} xã/phường`).waitFor();
    for (const id of [province, thoXuan]) {
      const link = page.getByTestId(`unit-count-${id}`);
      await link.waitFor();
      expect(Number(await link.getAttribute('data-count'))).toBe(await count(id));
    }
    await expect(count(province)).resolves.toBe(Object.keys(centreIds).length + 1);

    // Today Hoằng Hóa holds the merged commune; on 30/06/2025 it still had the two old ones.
    await tree.locator(`tr[data-row-key="${hoangHoa}"] button.ant-table-row-expand-icon`).click();
    await tree.getByRole('link', { name: 'Xã Hoằng Tiến' }).waitFor();
    await expect(tree.getByRole('link', { name: 'Xã Hoằng Châu' }).count()).resolves.toBe(0);
    await screenshot(page, '56-don-vi-hanh-chinh');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await typeDate(page.getByLabel('Xem cơ cấu vào ngày'), '30/06/2025');
    await page.waitForURL(/asOf=2025-06-30/);
    const past = await api.gql<{ administrativeUnits: Unit[] }>(`{ administrativeUnits(asOf: "2025-06-30") { id name level parentId } }`, {}, await api.login('so.quantri'));
    const oldHoangHoa = past.data!.administrativeUnits.find((u) => u.name === 'Huyện Hoằng Hóa')!.id;
    await tree.locator(`tr[data-row-key="${oldHoangHoa}"] button.ant-table-row-expand-icon`).click();
    await tree.getByRole('link', { name: 'Xã Hoằng Châu' }).waitFor();
    await tree.getByRole('link', { name: 'Xã Hoằng Phụ' }).waitFor();
    await expect(tree.getByRole('link', { name: 'Xã Hoằng Tiến' }).count()).resolves.toBe(0);
    await screenshot(page, '57-don-vi-hanh-chinh-ngay-cu');
    await page.getByRole('button', { name: 'Hôm nay' }).click();
    await page.waitForURL((url) => !url.search.includes('asOf'));

    // Drill down: the list is filtered by the unit's subtree and says so; the filter can be cleared.
    await tree.getByRole('link', { name: 'Huyện Thọ Xuân', exact: true }).click();
    await page.waitForURL(/\/centres\?unitId=/);
    const inThoXuan = await count(thoXuan);
    await page.getByTestId('unit-filter').getByText('Đang lọc theo đơn vị: Huyện Thọ Xuân').waitFor();
    await page.getByTestId('centre-total').getByText(`Tổng số: ${inThoXuan} trung tâm`).waitFor();
    await expect(page.locator('.ant-table-row').count()).resolves.toBe(inThoXuan);
    await page.getByRole('link', { name: NEW_NAME, exact: true }).waitFor();
    await screenshot(page, '58-danh-sach-theo-don-vi');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Bỏ lọc đơn vị' }).click();
    await page.getByTestId('centre-total').getByText(`Tổng số: ${Object.keys(centreIds).length + 1} trung tâm`).waitFor();
    await expect(page.getByTestId('unit-filter').count()).resolves.toBe(0);
  });
});
