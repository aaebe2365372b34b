// Issue 6, admin screens for users: a Sở administrator finds a user, moves a supervisor to another unit (the
// new scope applies: the API shows that officer other centres), locks an account (its login is refused); the
// administrator of another province neither sees nor changes Thanh Hóa's users.
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { errorCode, type TestApi } from '../../api/test/harness';
import { DEMO_PASSWORD, chooseOption, horizontalOverflow, login, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

interface User { id: string; username: string; role: string; unitId: string | null; active: boolean }

describe('user administration in Chromium', () => {
  let api: TestApi;
  let page: Page;
  // Written for the pre-reform world (districts, the district office of Thọ Xuân as an active supervisor): pinned to
  // it (DEMO_WORLD=pre-reform) until ported to today's province (issue 12; today's world: commune-officer.e2e-spec.ts).
  useBrowserSuite('users', (suite) => ({ api, page } = suite), undefined, { world: 'pre-reform' });

  /** A fresh token (assignRole and locking revoke the user's sessions, so the harness's cached one would be stale). */
  const freshLogin = async (username: string) =>
    api.gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: username, p: DEMO_PASSWORD },
    );
  const usersOf = async (admin: string): Promise<User[]> => {
    const r = await api.gql<{ users: { nodes: User[] } }>(`{ users(first: 200) { nodes { id username role unitId active } } }`, {}, await api.login(admin));
    return r.data!.users.nodes;
  };
  const centreNamesOf = async (token: string): Promise<string[]> => {
    const r = await api.gql<{ centres: { nodes: { name: string }[] } }>(`{ centres(first: 200) { nodes { name } } }`, {}, token);
    return r.data!.centres.nodes.map((c) => c.name);
  };


  it('moves a supervisor to another unit: the new area applies from the next sign-in', async () => {
    const before = await freshLogin('phong.thoxuan');
    expect(await centreNamesOf(before.data!.login.accessToken)).toContain('Trung tâm Ngoại ngữ Hoa Sen');
    expect(await centreNamesOf(before.data!.login.accessToken)).not.toContain('Trung tâm Ngoại ngữ Quốc tế Lam Sơn');

    await login(page, 'so.quantri');
    await page.getByRole('link', { name: 'Quản lý người dùng' }).click();
    await page.getByRole('cell', { name: 'gd.gdtx', exact: true }).waitFor();
    await page.getByLabel('Tìm theo tên đăng nhập, họ tên').fill('thoxuan');
    await expect(page.locator('.ant-table-row').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Sửa phong.thoxuan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa người dùng phong.thoxuan' });
    await dialog.waitFor();
    await chooseOption(page, dialog.getByLabel('Đơn vị phụ trách (với cán bộ địa bàn)'), 'Thành phố Thanh Hóa', { search: 'Thành phố Thanh Hóa' });
    await screenshot(page, '14-quan-tri-sua-nguoi-dung', { fullPage: false });
    expect(await seriousA11yViolations(page, ['.ant-modal'])).toEqual([]);
    await dialog.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã lưu thông tin người dùng').waitFor();
    await page.getByRole('cell', { name: 'Thành phố Thanh Hóa' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);

    // The old session was revoked; the new one sees the new area only.
    expect(errorCode(await api.gql(`{ me { id } }`, {}, before.data!.login.accessToken))).toBe('UNAUTHENTICATED');
    const after = await freshLogin('phong.thoxuan');
    const names = await centreNamesOf(after.data!.login.accessToken);
    expect(names).toContain('Trung tâm Ngoại ngữ Quốc tế Lam Sơn');
    expect(names).not.toContain('Trung tâm Ngoại ngữ Hoa Sen');
  });

  it('locks an account: its sign-in is refused, and the administrator cannot lock their own', async () => {
    await login(page, 'so.quantri');
    await page.goto('/users');
    await page.getByRole('button', { name: 'Sửa cb.gdtx' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa người dùng cb.gdtx' });
    await dialog.getByRole('switch', { name: 'Hoạt động' }).click();
    await dialog.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã lưu thông tin người dùng').waitFor();
    expect((await usersOf('so.quantri')).find((u) => u.username === 'cb.gdtx')?.active).toBe(false);
    const refused = await freshLogin('cb.gdtx');
    expect(refused.data?.login ?? null).toBeNull();
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');

    await page.getByRole('button', { name: 'Sửa so.quantri' }).click();
    const own = page.getByRole('dialog', { name: 'Sửa người dùng so.quantri' });
    await own.getByText('Bạn không thể tự khóa tài khoản của mình').waitFor();
    await expect(own.getByRole('switch', { name: 'Hoạt động' }).isDisabled()).resolves.toBe(true);
  });

  it("another province's administrator neither sees nor changes Thanh Hóa's users", async () => {
    const thanhHoa = (await usersOf('so.quantri')).find((u) => u.username === 'gd.hoasen')!;
    const bacNinh = await usersOf('bn.quantri');
    expect(bacNinh.some((u) => u.username === 'gd.hoasen')).toBe(false);
    const bn = await api.login('bn.quantri');
    const update = await api.gql(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id active } }`, { i: { id: thanhHoa.id, active: false } }, bn);
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(update));
    const assign = await api.gql(`mutation($i: AssignRoleInput!) { assignRole(input: $i) { id } }`, { i: { userId: thanhHoa.id, role: 'SO_SPECIALIST' } }, bn);
    expect(errorCode(assign)).toBe('NOT_FOUND');
    const unchanged = (await usersOf('so.quantri')).find((u) => u.id === thanhHoa.id)!;
    expect(unchanged.active).toBe(true);
    expect(unchanged.role).toBe('CENTRE_DIRECTOR');

    await login(page, 'bn.quantri');
    await page.goto('/users');
    await page.getByRole('cell', { name: 'bn.quantri', exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: 'gd.hoasen', exact: true }).count()).resolves.toBe(0);
  });
});
