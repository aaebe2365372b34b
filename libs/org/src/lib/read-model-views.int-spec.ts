// Org's SQL read-model views (migration 1733020000000, issue 11 Build 6): org_centre_ref, org_unit_ref and
// org_centre_unit_span are what compliance, identity, notify, reporting and analytics select instead of naming
// centre, administrative_unit and centre_unit_history. security_invoker: run as the application role in one
// province's scope, they return that province's rows and none of another's. Real PostgreSQL.
import { Client } from 'pg';
import { connectAsAppRole, createTestDatabase, TestDatabase } from '@gdtx/platform/testing';

let db: TestDatabase;
let owner: Client;
let app: Client;
let bn: { id: string; province_id: string; admin_unit_id: string };
let th: { id: string; province_id: string };

beforeAll(async () => {
  db = await createTestDatabase();
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  app = await connectAsAppRole(db.ownerUrl);
  const centre = async (code: string) => (await owner.query(`SELECT id, province_id, admin_unit_id FROM centre WHERE code = $1`, [code])).rows[0];
  bn = await centre('BN-NN-001');
  th = await centre('TH-NN-001');
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.drop();
});

async function asProvince<T>(provinceId: string, fn: (q: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    await app.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [provinceId]);
    return await fn(async (sql, params) => (await app.query(sql, params)).rows);
  } finally {
    await app.query('ROLLBACK');
  }
}

const VIEWS = [
  ['org_centre_ref', 'id'],
  ['org_unit_ref', 'id'],
  ['org_centre_unit_span', 'centre_id'],
] as const;

describe("org's read-model views under RLS", () => {
  it("a province's Sở reads its own centres, units and unit history through them", async () => {
    await asProvince(bn.province_id, async (q) => {
      expect(await q(`SELECT code, unit_path FROM org_centre_ref WHERE id = $1`, [bn.id])).toEqual([{ code: 'BN-NN-001', unit_path: expect.any(String) }]);
      expect(await q(`SELECT id FROM org_unit_ref WHERE id = $1`, [bn.admin_unit_id])).toHaveLength(1);
      expect((await q(`SELECT unit_path FROM org_centre_unit_span WHERE centre_id = $1`, [bn.id])).length).toBeGreaterThan(0);
    });
  });

  it("another province's Sở reads none of them: every row it sees is its own", async () => {
    expect(th.province_id).not.toBe(bn.province_id);
    await asProvince(th.province_id, async (q) => {
      expect(await q(`SELECT id FROM org_centre_ref WHERE id = $1`, [bn.id])).toEqual([]);
      expect(await q(`SELECT id FROM org_unit_ref WHERE id = $1`, [bn.admin_unit_id])).toEqual([]);
      expect(await q(`SELECT centre_id FROM org_centre_unit_span WHERE centre_id = $1`, [bn.id])).toEqual([]);
      for (const [view] of VIEWS) {
        const rows = await q(`SELECT province_id, count(*)::int AS n FROM ${view} GROUP BY 1`);
        expect(rows.map((r) => r['province_id'])).toEqual([th.province_id]);
      }
    });
  });
});
