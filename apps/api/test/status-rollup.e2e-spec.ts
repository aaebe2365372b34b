import { Client } from 'pg';
import { accountContextOf } from '@gdtx/identity';
import { systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import { StatusRollupService } from '@gdtx/reporting';
import { bootApi, TestApi } from './harness';

// The completeness rollup's isolation (ADR 0021; ADR 0011's rule through createPolicies): province B reads and writes
// none of province A's rows, a supervisor reads only the centres of their area, and areasNeedingAttention lists only
// the caller's own units, each with the numbers behind it and a link to the review queue filtered to it.
describe('completeness rollup: row-level security and areasNeedingAttention', () => {
  let api: TestApi;
  let owner: Client;
  let db: TenantDb;
  const contexts = new Map<string, TenantContext>();
  let provinceA: string;

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    db = api.app.get(TenantDb);
    for (const username of ['so.chuyenvien', 'bn.quantri', 'kv.thoxuan', 'xa.xuanhoa']) {
      const { rows } = await owner.query(`SELECT id FROM app_user WHERE lower(username) = $1`, [username]);
      contexts.set(username, (await db.run(systemContext(null, 'test'), (em) => accountContextOf(em, rows[0].id)))!.context);
    }
    provinceA = contexts.get('so.chuyenvien')!.provinceId!;
    await api.app.get(StatusRollupService).refreshAll();
    const provinceB = contexts.get('bn.quantri')!.provinceId!;
    const { rows } = await owner.query(`SELECT province_id, count(*)::int AS n FROM reporting_status_rollup GROUP BY 1`);
    // Both provinces have rows, so "sees none" below is not vacuous.
    expect(rows.find((r) => r.province_id === provinceA)?.n).toBeGreaterThan(0);
    expect(rows.find((r) => r.province_id === provinceB)?.n).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it("province B's Sở reads, changes and deletes none of province A's rollup rows or its run, and cannot insert one", async () => {
    const b = contexts.get('bn.quantri')!;
    await db.run(b, async (em) => {
      expect((await em.query(`SELECT count(*)::int AS n FROM reporting_status_rollup WHERE province_id = $1`, [provinceA]))[0].n).toBe(0);
      expect((await em.query(`SELECT count(*)::int AS n FROM reporting_status_rollup_run WHERE province_id = $1`, [provinceA]))[0].n).toBe(0);
      const [, updated] = await em.query(`UPDATE reporting_status_rollup SET days = 999 WHERE province_id = $1`, [provinceA]);
      expect(updated).toBe(0);
      const [, deleted] = await em.query(`DELETE FROM reporting_status_rollup_run WHERE province_id = $1`, [provinceA]);
      expect(deleted).toBe(0);
    });
    const { rows: [row] } = await owner.query(`SELECT * FROM reporting_status_rollup WHERE province_id = $1 LIMIT 1`, [provinceA]);
    await expect(db.run(b, (em) => em.query(
      `INSERT INTO reporting_status_rollup SELECT * FROM jsonb_populate_record(NULL::reporting_status_rollup, $1::jsonb)`,
      [JSON.stringify({ ...row, template_code: 'FORGED' })],
    ))).rejects.toThrow(/row-level security/);
    await expect(db.run(b, (em) => em.query(`INSERT INTO reporting_status_rollup_run (province_id, as_of, report_count) VALUES ($1, '2000-01-01', 0)`, [provinceA])))
      .rejects.toThrow(/row-level security|duplicate key/);
    const { rows: untouched } = await owner.query(`SELECT count(*)::int AS n FROM reporting_status_rollup WHERE province_id = $1 AND days = 999`, [provinceA]);
    expect(untouched[0].n).toBe(0);
  });

  it('a supervisor reads only the rows of the centres of their area or commune', async () => {
    for (const username of ['kv.thoxuan', 'xa.xuanhoa']) {
      const token = await api.login(username);
      const visible = await api.gql<{ centres: { nodes: { id: string }[] } }>(`{ centres(first: 200) { nodes { id } } }`, {}, token);
      const ids = new Set(visible.data!.centres.nodes.map((n) => n.id));
      const seen = await db.run(contexts.get(username)!, (em) => em.query(`SELECT DISTINCT centre_id AS id FROM reporting_status_rollup`)) as { id: string }[];
      const { rows: all } = await owner.query(`SELECT count(DISTINCT centre_id)::int AS n FROM reporting_status_rollup WHERE province_id = $1`, [provinceA]);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.length).toBeLessThan(all[0].n);
      for (const r of seen) expect({ username, centre: r.id, visible: ids.has(r.id) }).toEqual({ username, centre: r.id, visible: true });
    }
  });

  const ATTENTION = `query($first: Int) { areasNeedingAttention(first: $first) { asOf
    areas { kind id name centreCount expected notDue onTime late missing returned onTimeRate missingOrLate reviewPath }
    communes { kind id name centreCount expected notDue onTime late missing returned onTimeRate missingOrLate reviewPath } } }`;
  type Unit = { kind: string; id: string; name: string; centreCount: number; expected: number; notDue: number; onTime: number; late: number; missing: number; returned: number; onTimeRate: number | null; missingOrLate: number; reviewPath: string };

  it("areasNeedingAttention: the Sở's areas and communes worst first, with the numbers behind them and a review-queue link", async () => {
    const r = await api.gql<{ areasNeedingAttention: { areas: Unit[]; communes: Unit[] } }>(ATTENTION, { first: 50 }, await api.login('so.chuyenvien'));
    expect(r.errors).toBeUndefined();
    const { areas, communes } = r.data!.areasNeedingAttention;
    expect(areas.length).toBeGreaterThan(0);
    expect(communes.length).toBeGreaterThan(0);
    for (const list of [areas, communes]) {
      for (const u of list) {
        expect(u.expected).toBe(u.notDue + u.onTime + u.late + u.missing + u.returned);
        expect(u.missingOrLate).toBe(u.missing + u.late);
        expect(u.reviewPath).toBe(u.kind === 'AREA' ? `/review?areaId=${u.id}` : `/review?unitId=${u.id}`);
      }
      for (let i = 1; i < list.length; i++) expect(list[i - 1].missingOrLate).toBeGreaterThanOrEqual(list[i].missingOrLate);
    }
    // The communes add up to the province's due reports (each centre lies in one commune).
    const g = await api.gql<{ reportingAtAGlance: { totals: { expected: number; missing: number } } }>('{ reportingAtAGlance { totals { expected missing } } }', {}, await api.login('so.chuyenvien'));
    const all = await api.gql<{ areasNeedingAttention: { communes: Unit[] } }>(ATTENTION, { first: 50 }, await api.login('so.chuyenvien'));
    const sumMissing = all.data!.areasNeedingAttention.communes.reduce((s, u) => s + u.missing, 0);
    expect(sumMissing).toBe(g.data!.reportingAtAGlance.totals.missing);

    const commune = await api.gql<{ areasNeedingAttention: { areas: Unit[]; communes: Unit[] } }>(ATTENTION, { first: 50 }, await api.login('xa.xuanhoa'));
    expect(commune.data!.areasNeedingAttention.areas).toEqual([]);
    expect(commune.data!.areasNeedingAttention.communes.length).toBeLessThanOrEqual(1);
    const other = await api.gql<{ areasNeedingAttention: { areas: Unit[]; communes: Unit[] } }>(ATTENTION, { first: 50 }, await api.login('bn.quantri'));
    const ours = new Set([...areas, ...communes].map((u) => u.id));
    for (const u of [...other.data!.areasNeedingAttention.areas, ...other.data!.areasNeedingAttention.communes]) expect(ours.has(u.id)).toBe(false);
  });

  it("the Sở's landing document answers without error for every role landing on it", async () => {
    for (const username of ['so.chuyenvien', 'so.quantri', 'so.lanhdao', 'so.thanhtra', 'admin']) {
      // The root fields of apps/web/src/gql/landing.ts's ProvinceLanding (its full text is timed by scripts/bench/landing-latency.ts).
      const r = await api.gql(`{ reportingAtAGlance { asOf source totals { expected } needsAction(first: 20) { centreId } }
        centreCounts { total } areasNeedingAttention(first: 5) { asOf areas { id missingOrLate } communes { id missingOrLate } } }`, {}, await api.login(username));
      expect({ username, errors: r.errors ?? [] }).toEqual({ username, errors: [] });
    }
  });

  it('refuses first above 50 with BAD_USER_INPUT in Vietnamese', async () => {
    const r = await api.gql(ATTENTION, { first: 51 }, await api.login('so.chuyenvien'));
    expect(r.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(/Số dòng/);
  });
});
