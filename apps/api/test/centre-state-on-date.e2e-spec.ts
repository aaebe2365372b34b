import { Client } from 'pg';
import { addDays, todayInVietnam } from '@gdtx/domain';
import { bootApi, TestApi } from './harness';

// Issue 11, defect 6 and Build 3: a centre's status and licence status on any date come from its histories, so
// a future-dated change takes effect on its date: not before (centre, centre list filter, province overview),
// and on that date when asked "as of" it. Which decisions a type needs is read from licence_requirement by
// every context (defect 10): changing that table changes the licence status and the reports expected alike.
describe('centre state as a function of date (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const today = todayInVietnam();
  const future = addDays(today, 30);
  const past = addDays(today, -30);

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  async function centreId(code: string): Promise<string> {
    const { rows } = await owner.query(`SELECT id FROM centre WHERE code = $1`, [code]);
    return rows[0].id;
  }
  const CENTRE = `query($id: ID!, $asOf: Date) { centre(id: $id, asOf: $asOf) { status statusSince licenceStatus statusHistory { status validFrom validTo } } }`;
  async function centre(id: string, asOf?: string) {
    const r = await api.gql<{ centre: { status: string; statusSince: string; licenceStatus: string; statusHistory: { status: string; validFrom: string; validTo: string | null }[] } }>(
      CENTRE, { id, asOf }, await api.login('so.chuyenvien'),
    );
    expect(r.errors).toBeUndefined();
    return r.data!.centre;
  }
  async function listed(filter: Record<string, unknown>): Promise<string[]> {
    const r = await api.gql<{ centres: { nodes: { id: string; status: string }[] } }>(
      `query($f: CentreFilter) { centres(filter: $f, first: 200) { nodes { id status } } }`, { f: { search: 'TH-NN-001', ...filter } }, await api.login('so.chuyenvien'),
    );
    expect(r.errors).toBeUndefined();
    return r.data!.centres.nodes.map((n) => n.id);
  }
  async function statusCounts(): Promise<Record<string, number>> {
    const r = await api.gql<{ provinceOverview: { centreCount: number; centresByStatus: { key: string; count: number }[] } }>(
      `{ provinceOverview(periodId: "2024-2025") { centreCount centresByStatus { key count } } }`, {}, await api.login('so.chuyenvien'),
    );
    expect(r.errors).toBeUndefined();
    return Object.fromEntries(r.data!.provinceOverview.centresByStatus.map((c) => [c.key, c.count]));
  }
  async function changeStatus(id: string, status: string, effectiveFrom: string) {
    return api.gql<{ changeCentreStatus: { status: string } }>(
      `mutation($i: ChangeCentreStatusInput!) { changeCentreStatus(input: $i) { status } }`,
      { i: { centreId: id, status, effectiveFrom, reason: 'Kiểm thử', decisionRef: '99/QĐ-SGDĐT' } }, await api.login('so.quantri'),
    );
  }

  it('a suspension from a future date leaves the centre ACTIVE today everywhere, and SUSPENDED as of that date', async () => {
    const id = await centreId('TH-NN-001');
    expect((await centre(id)).status).toBe('ACTIVE');
    const countsBefore = await statusCounts();

    const r = await changeStatus(id, 'SUSPENDED', future);
    expect(r.errors).toBeUndefined();
    expect(r.data!.changeCentreStatus.status).toBe('ACTIVE');

    // Today: still ACTIVE in the centre, in the filtered list and in the overview counts.
    const now = await centre(id);
    expect(now.status).toBe('ACTIVE');
    expect(now.statusHistory[0]).toEqual({ status: 'SUSPENDED', validFrom: future, validTo: null });
    expect(now.statusHistory[1]).toMatchObject({ status: 'ACTIVE', validTo: addDays(future, -1) });
    expect(await listed({ status: 'ACTIVE' })).toContain(id);
    expect(await listed({ status: 'SUSPENDED' })).not.toContain(id);
    expect(await statusCounts()).toEqual(countsBefore);
    // No column written ahead of time.
    expect((await owner.query(`SELECT status FROM centre WHERE id = $1`, [id])).rows[0].status).toBe('ACTIVE');

    // On and after its date: SUSPENDED; the day before: ACTIVE.
    expect(await centre(id, future)).toMatchObject({ status: 'SUSPENDED', statusSince: future });
    expect((await centre(id, addDays(future, -1))).status).toBe('ACTIVE');
    expect(await listed({ status: 'SUSPENDED', asOf: future })).toContain(id);
    expect(await listed({ status: 'ACTIVE', asOf: future })).not.toContain(id);
  });

  it('a back-dated change recorded after a future one slots into the history; today follows it', async () => {
    const id = await centreId('TH-NN-001');
    const r = await changeStatus(id, 'NOT_ENROLLING', past);
    expect(r.errors).toBeUndefined();
    expect(r.data!.changeCentreStatus.status).toBe('NOT_ENROLLING');
    const now = await centre(id);
    expect(now).toMatchObject({ status: 'NOT_ENROLLING', statusSince: past });
    expect(now.statusHistory.slice(0, 3)).toEqual([
      { status: 'SUSPENDED', validFrom: future, validTo: null },
      { status: 'NOT_ENROLLING', validFrom: past, validTo: addDays(future, -1) },
      expect.objectContaining({ status: 'ACTIVE', validTo: addDays(past, -1) }),
    ]);
    expect((await owner.query(`SELECT status FROM centre WHERE id = $1`, [id])).rows[0].status).toBe('NOT_ENROLLING');
    expect((await centre(id, future)).status).toBe('SUSPENDED');
    // A second decision on the same date is refused rather than silently overlapping.
    expect((await changeStatus(id, 'ACTIVE', past)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('which decisions a type needs is one statement (licence_requirement): licence status and expected reports both follow it', async () => {
    const { rows } = await owner.query(
      `SELECT c.id FROM centre c WHERE c.type = 'TTHTCD' AND c.status = 'ACTIVE'
         AND NOT EXISTS (SELECT 1 FROM licence_record l WHERE l.centre_id = c.id AND l.kind = 'OPERATING_PERMISSION')
       ORDER BY c.code LIMIT 1`,
    );
    const id = rows[0].id as string;
    const DUE = `query($c: ID!) { dueReports(centreId: $c) { templateCode periodCode status submissionId } }`;
    const due = async () => {
      const r = await api.gql<{ dueReports: { status: string; submissionId: string | null }[] }>(DUE, { c: id }, await api.login('so.chuyenvien'));
      expect(r.errors).toBeUndefined();
      return r.data!.dueReports;
    };
    expect((await due()).filter((d) => d.submissionId === null).length).toBeGreaterThan(0);
    expect((await centre(id)).licenceStatus).not.toBe('MISSING');

    // The Sở decides that a TTHTCĐ needs an operating permission too (the list is [U] in the domain brief).
    await owner.query(`INSERT INTO licence_requirement (centre_type, kind) VALUES ('TTHTCD', 'OPERATING_PERMISSION')`);
    expect((await centre(id)).licenceStatus).toBe('MISSING');
    // Not licensed to operate: nothing is expected of it beyond what it has already filed.
    expect((await due()).filter((d) => d.submissionId === null)).toEqual([]);
    await owner.query(`DELETE FROM licence_requirement WHERE centre_type = 'TTHTCD' AND kind = 'OPERATING_PERMISSION'`);
  });
});
