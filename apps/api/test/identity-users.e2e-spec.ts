import { Client } from 'pg';
import { bootApi, errorCode, TestApi } from './harness';

// Issue 11, defect 13: a user outside the caller's province is invisible through row-level security, so an
// administrator's update of that user must be NOT_FOUND and must leave no trace (no audit row, nothing changed).
describe('user administration across provinces (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const userIds: Record<string, string> = {};

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query(`SELECT username, id FROM app_user`);
    for (const r of rows) userIds[r.username] = r.id;
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const UPDATE = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id fullName } }`;
  const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id role } }`;

  async function auditRowsAbout(userId: string): Promise<string[]> {
    const { rows } = await owner.query(`SELECT action FROM audit_event WHERE entity = 'app_user' AND entity_id = $1 ORDER BY id`, [userId]);
    return rows.map((r) => r.action as string);
  }

  it('updateUser on a user of another province is NOT_FOUND and writes no audit_event row', async () => {
    const target = userIds['bn.quantri'];
    const { rows: [before] } = await owner.query(`SELECT full_name, updated_at FROM app_user WHERE id = $1`, [target]);
    const auditsBefore = await auditRowsAbout(target);

    const r = await api.gql(UPDATE, { input: { id: target, fullName: 'Đổi tên trái phép' } }, await api.login('so.quantri'));

    expect(errorCode(r)).toBe('NOT_FOUND');
    expect(await auditRowsAbout(target)).toEqual(auditsBefore);
    const { rows: [after] } = await owner.query(`SELECT full_name, updated_at FROM app_user WHERE id = $1`, [target]);
    expect(after).toEqual(before);
  });

  it('assignRole on a user of another province is NOT_FOUND and writes no audit_event row', async () => {
    const target = userIds['bn.quantri'];
    const auditsBefore = await auditRowsAbout(target);
    const r = await api.gql(ASSIGN, { input: { userId: target, role: 'SO_SPECIALIST' } }, await api.login('so.quantri'));
    expect(errorCode(r)).toBe('NOT_FOUND');
    expect(await auditRowsAbout(target)).toEqual(auditsBefore);
  });

  it('updateUser inside the province changes the user and writes exactly one audit_event row', async () => {
    const target = userIds['so.thanhtra'];
    const auditsBefore = await auditRowsAbout(target);
    const r = await api.gql<{ updateUser: { id: string; fullName: string } }>(
      UPDATE, { input: { id: target, fullName: 'Lê Văn Thanh Tra' } }, await api.login('so.quantri'));
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateUser).toEqual({ id: target, fullName: 'Lê Văn Thanh Tra' });
    expect(await auditRowsAbout(target)).toEqual([...auditsBefore, 'USER_UPDATED']);
  });
});
