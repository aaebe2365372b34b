import { bootApi, TestApi } from './harness';

// Issue 16 item 5 / issue 15 item 1: reportingAtAGlance, the landing pages' picture of the current periods.
// Checked against independent answers of the same calendar (reportingRates for the Sở, dueReports for a centre,
// the centre list for a supervisor's scope) and for isolation: nobody sees another tenant's centres in it.
describe('reportingAtAGlance (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  const TALLY = 'expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate';
  const GLANCE = `query($first: Int) { reportingAtAGlance {
    asOf centreCount needsActionCount totals { ${TALLY} }
    periods { templateCode periodCode dueDate ${TALLY} }
    needsAction(first: $first) { centreId centreName templateCode periodCode reportClass days waitingReview submissionId submissionStatus }
  } }`;
  type Tally = Record<'expected' | 'notDue' | 'onTime' | 'late' | 'returned' | 'missing' | 'submitted' | 'waitingReview', number>;
  interface Glance {
    asOf: string; centreCount: number; needsActionCount: number; totals: Tally;
    periods: (Tally & { templateCode: string; periodCode: string; dueDate: string })[];
    needsAction: { centreId: string; centreName: string; templateCode: string; periodCode: string; reportClass: string; days: number; waitingReview: boolean; submissionId: string | null; submissionStatus: string | null }[];
  }
  async function glance(username: string, first = 200): Promise<Glance> {
    const r = await api.gql<{ reportingAtAGlance: Glance }>(GLANCE, { first }, await api.login(username));
    expect(r.errors).toBeUndefined();
    return r.data!.reportingAtAGlance;
  }
  async function visibleCentreIds(username: string): Promise<Set<string>> {
    const r = await api.gql<{ centres: { nodes: { id: string }[] } }>(`{ centres(first: 200) { nodes { id } } }`, {}, await api.login(username));
    expect(r.errors).toBeUndefined();
    return new Set(r.data!.centres.nodes.map((n) => n.id));
  }
  const sum = (rows: Tally[], key: keyof Tally) => rows.reduce((n, r) => n + r[key], 0);

  it("the Sở's counts per template and period are reportingRates' of the same period, and the totals their sum", async () => {
    const g = await glance('so.chuyenvien');
    expect(g.periods.length).toBeGreaterThan(0);
    expect(g.totals.expected).toBeGreaterThan(0);
    const token = await api.login('so.chuyenvien');
    for (const p of g.periods) {
      const r = await api.gql<{ reportingRates: Tally[] }>(
        `query($t: String!, $p: String!) { reportingRates(templateCode: $t, periodFrom: $p) { expected notDue onTime late returned missing submitted } }`,
        { t: p.templateCode, p: p.periodCode }, token,
      );
      expect(r.errors).toBeUndefined();
      const { expected, notDue, onTime, late, returned, missing, submitted } = r.data!.reportingRates[0];
      expect({ template: p.templateCode, period: p.periodCode, expected: p.expected, notDue: p.notDue, onTime: p.onTime, late: p.late, returned: p.returned, missing: p.missing, submitted: p.submitted })
        .toEqual({ template: p.templateCode, period: p.periodCode, expected, notDue, onTime, late, returned, missing, submitted });
      expect(p.expected).toBe(p.notDue + p.onTime + p.late + p.returned + p.missing);
      expect(p.waitingReview).toBeLessThanOrEqual(p.submitted);
    }
    for (const key of ['expected', 'notDue', 'onTime', 'late', 'returned', 'missing', 'waitingReview'] as const) expect(g.totals[key]).toBe(sum(g.periods, key));
    // The list needing action is complete when it fits: every missing and returned report, and each one waiting.
    expect(g.needsActionCount).toBe(g.totals.missing + g.totals.returned + g.totals.waitingReview);
    expect(g.needsAction.length).toBe(Math.min(200, g.needsActionCount));
    // Waiting for review means submitted and not yet accepted: exactly what the review queue would show for these periods.
    for (const item of g.needsAction.filter((i) => i.waitingReview)) expect(item.submissionStatus).toBe('SUBMITTED');
    for (const item of g.needsAction.filter((i) => i.reportClass === 'MISSING')) {
      expect(item.days).toBeGreaterThan(0);
      expect(item.submissionStatus === null || item.submissionStatus === 'DRAFT').toBe(true);
    }
  });

  it("a director's picture is the current periods of its own dueReports, classified alike", async () => {
    const token = await api.login('gd.hoasen');
    const me = await api.gql<{ me: { centreId: string } }>('{ me { centreId } }', {}, token);
    const centreId = me.data!.me.centreId;
    const due = await api.gql<{ dueReports: { templateCode: string; periodCode: string; calendarStatus: string }[] }>(
      `query($c: ID!) { dueReports(centreId: $c) { templateCode periodCode calendarStatus } }`, { c: centreId }, token,
    );
    expect(due.errors).toBeUndefined();
    const g = await glance('gd.hoasen');
    expect(g.centreCount).toBe(1);
    for (const p of g.periods) {
      const same = due.data!.dueReports.filter((d) => d.templateCode === p.templateCode && d.periodCode === p.periodCode && d.calendarStatus !== 'NOT_EXPECTED');
      expect(same.length).toBe(p.expected);
      expect(same.filter((d) => d.calendarStatus === 'MISSING').length).toBe(p.missing);
      expect(same.filter((d) => d.calendarStatus === 'NOT_YET_DUE').length).toBe(p.notDue);
    }
    for (const item of g.needsAction) expect(item.centreId).toBe(centreId);
  });

  it("supervisors see their own area only; another province's admin sees none of it (row-level security)", async () => {
    const commune = await glance('xa.xuanhoa');
    const area = await glance('kv.thoxuan');
    const province = await glance('so.chuyenvien');
    const communeCentres = await visibleCentreIds('xa.xuanhoa');
    const areaCentres = await visibleCentreIds('kv.thoxuan');
    expect(commune.centreCount).toBeGreaterThan(0);
    expect(commune.centreCount).toBeLessThan(province.centreCount);
    expect(area.centreCount).toBeLessThan(province.centreCount);
    for (const item of commune.needsAction) expect(communeCentres.has(item.centreId)).toBe(true);
    for (const item of area.needsAction) expect(areaCentres.has(item.centreId)).toBe(true);
    expect(commune.centreCount).toBeLessThanOrEqual(communeCentres.size);
    // Something the province must chase lies outside the commune, and the commune officer does not see it.
    const outside = province.needsAction.filter((i) => !communeCentres.has(i.centreId));
    expect(outside.length).toBeGreaterThan(0);
    const communeIds = new Set(commune.needsAction.map((i) => i.centreId));
    for (const item of outside) expect(communeIds.has(item.centreId)).toBe(false);

    const other = await glance('bn.quantri');
    const thanhHoa = new Set(province.needsAction.map((i) => i.centreId));
    for (const item of other.needsAction) expect(thanhHoa.has(item.centreId)).toBe(false);
    const lamson = await glance('gd.lamson');
    expect(lamson.centreCount).toBeLessThanOrEqual(1);
    for (const item of lamson.needsAction) expect(thanhHoa.has(item.centreId) ? item.centreName : 'own').toMatch(/Lam Sơn|own/);
  });

  it('refuses a list longer than 200 with BAD_USER_INPUT in Vietnamese; first: 0 still counts everything', async () => {
    const r = await api.gql(GLANCE, { first: 201 }, await api.login('so.chuyenvien'));
    expect(r.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(/Số dòng/);
    const none = await glance('so.chuyenvien', 0);
    expect(none.needsAction).toEqual([]);
    expect(none.needsActionCount).toBeGreaterThan(0);
  });

  it('provinceOverview takes periodCode like every other query; the deprecated periodId still answers the same', async () => {
    const token = await api.login('so.lanhdao');
    const Q = (arg: string) => `{ provinceOverview(${arg}: "2021-2022") { periodCode centreCount reportingRates { templateCode expected missing } } }`;
    const byCode = await api.gql(Q('periodCode'), {}, token);
    const byId = await api.gql(Q('periodId'), {}, token);
    expect(byCode.errors).toBeUndefined();
    expect(byCode.data).toEqual(byId.data);
    const none = await api.gql('{ provinceOverview { periodCode } }', {}, token);
    expect(none.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it("centreCounts (the dashboard's registry in one pass) equals the centre list's counts, in each caller's scope", async () => {
    const COUNTS = `{ centreCounts { total byType { key count } byStatus { key count } byLicenceStatus { key count } } }`;
    type Counts = { total: number; byType: { key: string; count: number }[]; byStatus: { key: string; count: number }[]; byLicenceStatus: { key: string; count: number }[] };
    for (const username of ['so.chuyenvien', 'kv.thoxuan', 'bn.quantri']) {
      const token = await api.login(username);
      const r = await api.gql<{ centreCounts: Counts }>(COUNTS, {}, token);
      expect(r.errors).toBeUndefined();
      const c = r.data!.centreCounts;
      const listed = async (filter: Record<string, string>) =>
        (await api.gql<{ centres: { totalCount: number } }>(`query($f: CentreFilter) { centres(filter: $f, first: 1) { totalCount } }`, { f: filter }, token)).data!.centres.totalCount;
      expect(c.total).toBe(await listed({}));
      for (const [dimension, list] of [['type', c.byType], ['status', c.byStatus], ['licenceStatus', c.byLicenceStatus]] as const) {
        expect(list.reduce((n, x) => n + x.count, 0)).toBe(c.total);
        for (const x of list) expect({ username, dimension, key: x.key, count: x.count }).toEqual({ username, dimension, key: x.key, count: await listed({ [dimension]: x.key }) });
      }
    }
    const province = (await api.gql<{ centreCounts: Counts }>(COUNTS, {}, await api.login('so.chuyenvien'))).data!.centreCounts.total;
    const area = (await api.gql<{ centreCounts: Counts }>(COUNTS, {}, await api.login('kv.thoxuan'))).data!.centreCounts.total;
    expect(area).toBeGreaterThan(0);
    expect(area).toBeLessThan(province);
  });
});
