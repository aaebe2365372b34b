// Identity's user reader (issue 11, Build 6): what other contexts read instead of naming app_user. It runs in the
// caller's transaction as the application role, so RLS decides: one province's Sở cannot read another's accounts.
import { Client } from 'pg';
import { connectAsAppRole, createTestDatabase, TestDatabase } from '@gdtx/platform/testing';
import { userNameOf } from './user.reader';
import type { UserReaderTx } from './user.reader';

let db: TestDatabase;
let owner: Client;
let app: Client;
let thAdmin: { id: string; username: string; full_name: string; province_id: string };
let bnProvince: string;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  app = await connectAsAppRole(db.ownerUrl);
  thAdmin = (await owner.query(`SELECT id, username, full_name, province_id FROM app_user WHERE username = 'admin'`)).rows[0];
  bnProvince = (await owner.query(`SELECT province_id FROM app_user WHERE username = 'bn.quantri'`)).rows[0].province_id;
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.drop();
});

async function as<T>(provinceId: string, fn: (tx: UserReaderTx) => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    await app.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [provinceId]);
    return await fn({ query: async (sql, params) => (await app.query(sql, params as unknown[])).rows });
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('identity user reader under RLS', () => {
  it("the province's own Sở reads an account's login and full name", async () => {
    expect(thAdmin.province_id).not.toBe(bnProvince);
    await as(thAdmin.province_id, async (tx) => {
      expect(await userNameOf(tx, thAdmin.id)).toEqual({ id: thAdmin.id, username: thAdmin.username, fullName: thAdmin.full_name, language: 'vi' });
      expect(await userNameOf(tx, null)).toBeNull();
    });
  });

  it("another province's Sở reads nothing of it", async () => {
    await as(bnProvince, async (tx) => {
      expect(await userNameOf(tx, thAdmin.id)).toBeNull();
    });
  });
});
