// Identity's SQL read-model view identity_user_recipient (migration 1733020000100, issue 11 Build 6): what notify
// selects to choose recipients instead of naming app_user. security_invoker: in one province's scope it returns
// that province's users and none of another's. Real PostgreSQL, the application role.
import { Client } from 'pg';
import { connectAsAppRole, createTestDatabase, TestDatabase } from '@gdtx/platform/testing';

let db: TestDatabase;
let owner: Client;
let app: Client;
let provinces: { bn: string; th: string };

beforeAll(async () => {
  db = await createTestDatabase();
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  app = await connectAsAppRole(db.ownerUrl);
  const p = async (code: string) => (await owner.query(`SELECT province_id FROM centre WHERE code = $1`, [code])).rows[0].province_id as string;
  provinces = { bn: await p('BN-NN-001'), th: await p('TH-NN-001') };
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.drop();
});

async function seenAs(provinceId: string): Promise<{ province_id: string; n: number }[]> {
  await app.query('BEGIN');
  try {
    await app.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [provinceId]);
    return (await app.query(`SELECT province_id, count(*)::int AS n FROM identity_user_recipient GROUP BY 1`)).rows;
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('identity_user_recipient under RLS', () => {
  it("each province's Sở sees its own users through it and none of another province's", async () => {
    const owned = async (id: string) => (await owner.query(`SELECT count(*)::int AS n FROM app_user WHERE province_id = $1`, [id])).rows[0].n as number;
    expect(await owned(provinces.bn)).toBeGreaterThan(0);
    expect(await owned(provinces.th)).toBeGreaterThan(0);
    expect(await seenAs(provinces.bn)).toEqual([{ province_id: provinces.bn, n: await owned(provinces.bn) }]);
    expect(await seenAs(provinces.th)).toEqual([{ province_id: provinces.th, n: await owned(provinces.th) }]);
  });
});
