// Org's registry readers (issue 11, Build 6): what other contexts read instead of naming centre,
// administrative_unit and licence_record. They run in the caller's transaction as the application role, so RLS
// decides: a province's Sở reads its own centres and units and none of another province's; a centre reads itself
// only. Real PostgreSQL, a cloned database.
import { Client } from 'pg';
import { connectAsAppRole, createTestDatabase, TestDatabase } from '@gdtx/platform/testing';
import type { CallerTx } from '../org.readers';
import {
  centreRecordOf, centreRefOf, centreRefsOf, centreRefsOfProvinces, centresPlacedAtPeriodEnds, licenceRecordsOf, unitRefOf, unitRefsOf,
} from './registry.reader';

let db: TestDatabase;
let owner: Client;
let app: Client;
const TH = 'TH-NN-001';
const BN = 'BN-NN-001';
let th: { id: string; province_id: string; admin_unit_id: string; name: string };
let bn: { id: string; province_id: string; admin_unit_id: string; name: string };
let thOther: string;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  app = await connectAsAppRole(db.ownerUrl);
  const row = async (code: string) => (await owner.query(`SELECT id, province_id, admin_unit_id, name FROM centre WHERE code = $1`, [code])).rows[0];
  th = await row(TH);
  bn = await row(BN);
  thOther = (await owner.query(`SELECT id FROM centre WHERE province_id = $1 AND id <> $2 LIMIT 1`, [th.province_id, th.id])).rows[0].id;
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.drop();
});

/** Runs `fn` in one transaction of the application role with the given scope (as TenantDb.run sets it). */
async function as<T>(scope: Record<string, string>, fn: (tx: CallerTx) => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    for (const [k, v] of Object.entries(scope)) await app.query(`SELECT set_config($1, $2, true)`, [`app.${k}`, v]);
    return await fn({ query: async (sql, params) => (await app.query(sql, params as unknown[])).rows });
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('org registry readers under RLS', () => {
  it("a province's Sở reads its own centre and unit", async () => {
    await as({ scope: 'province', province_id: th.province_id }, async (tx) => {
      expect(await centreRefOf(tx, th.id)).toMatchObject({ id: th.id, provinceId: th.province_id, code: TH, name: th.name, unitId: th.admin_unit_id });
      expect(await centreRecordOf(tx, th.id)).toMatchObject({ id: th.id, code: TH, status: expect.any(String), statusSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(await unitRefOf(tx, th.admin_unit_id)).toMatchObject({ id: th.admin_unit_id, provinceId: th.province_id, path: expect.stringMatching(/^\//) });
      const all = await centreRefsOfProvinces(tx, null);
      expect(all.length).toBeGreaterThan(1);
      expect(new Set(all.map((c) => c.provinceId))).toEqual(new Set([th.province_id]));
      // Ordered by province and code, the order nightly jobs walk.
      expect(all.map((c) => c.code)).toEqual([...all.map((c) => c.code)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const placed = await centresPlacedAtPeriodEnds(tx, [th.id], [{ code: '2026-Q1', end: '2026-03-31' }]);
      expect(placed).toEqual([{ centreId: th.id, type: expect.any(String), periodCode: '2026-Q1', unitPath: expect.stringMatching(/^\//) }]);
    });
  });

  it("another province's Sở reads none of it: the centre, its unit, its licences, its names, its placement", async () => {
    const expected = (await owner.query(`SELECT count(*)::int AS n FROM licence_record WHERE centre_id = $1`, [th.id])).rows[0].n;
    expect(expected).toBeGreaterThan(0); // so the empty answer below is RLS, not an empty table
    await as({ scope: 'province', province_id: bn.province_id }, async (tx) => {
      expect(await centreRefOf(tx, th.id)).toBeNull();
      expect(await centreRecordOf(tx, th.id)).toBeNull();
      expect(await unitRefOf(tx, th.admin_unit_id)).toBeNull();
      expect(await licenceRecordsOf(tx, th.id)).toEqual([]);
      expect((await centreRefsOf(tx, [th.id, bn.id])).map((c) => c.id)).toEqual([bn.id]);
      expect((await unitRefsOf(tx, [th.admin_unit_id, bn.admin_unit_id])).map((u) => u.id)).toEqual([bn.admin_unit_id]);
      expect((await centreRefsOfProvinces(tx, [th.province_id]))).toEqual([]);
      expect(await centresPlacedAtPeriodEnds(tx, [th.id], [{ code: '2026-Q1', end: '2026-03-31' }])).toEqual([]);
    });
    await as({ scope: 'province', province_id: th.province_id }, async (tx) => {
      expect((await licenceRecordsOf(tx, th.id)).length).toBe(expected);
    });
  });

  it('a centre reads itself and not another centre of its province', async () => {
    await as({ scope: 'centre', province_id: th.province_id, centre_id: th.id }, async (tx) => {
      expect((await centreRefOf(tx, th.id))?.id).toBe(th.id);
      expect(await centreRefOf(tx, thOther)).toBeNull();
      expect((await centreRefsOfProvinces(tx, null)).map((c) => c.id)).toEqual([th.id]);
    });
  });

  it('empty id lists ask nothing', async () => {
    await as({ scope: 'province', province_id: th.province_id }, async (tx) => {
      expect(await centreRefsOf(tx, [])).toEqual([]);
      expect(await unitRefsOf(tx, [])).toEqual([]);
      expect(await centresPlacedAtPeriodEnds(tx, [], [{ code: '2026-Q1', end: '2026-03-31' }])).toEqual([]);
    });
  });
});
