import fc from 'fast-check';
import { Client } from 'pg';
import type { Job } from 'bullmq';
import { accountContextOf } from '@gdtx/identity';
import { systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import { AtAGlanceService, reportingJobHandlers, StatusRollupService } from '@gdtx/reporting';
import { addDays, todayInVietnam } from '@gdtx/domain';
import { bootApi, TestApi } from '../harness';
import { fcParams } from './world';

// Issue 14 item 2 / issue 15 item 1 (docs/consistency.md, "status-rollup"): the landing pages' picture served from the
// completeness rollup equals the reporting calendar's own computation (AtAGlanceService.live: reportCalendar →
// classifyReport on each call), for every kind of user, on the demo data, after random sequences of the changes that
// move it (accept, return, reopen and extensions through the API, in-transaction; centre status changes through the
// API with the rollup's event subscriber run as the worker would), and across a date change (a deadline passing).
describe('consistency: the completeness rollup equals the calendar', () => {
  let api: TestApi;
  let owner: Client;
  let db: TenantDb;
  let glance: AtAGlanceService;
  let rollup: StatusRollupService;
  let provinceId: string;
  const today = todayInVietnam();
  const USERS = ['so.chuyenvien', 'kv.thoxuan', 'xa.xuanhoa', 'gd.hoasen', 'bn.quantri'];
  const contexts = new Map<string, TenantContext>();

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    db = api.app.get(TenantDb);
    glance = api.app.get(AtAGlanceService);
    rollup = api.app.get(StatusRollupService);
    for (const username of USERS) {
      const { rows } = await owner.query(`SELECT id FROM app_user WHERE lower(username) = $1`, [username]);
      const account = await db.run(systemContext(null, 'test'), (em) => accountContextOf(em, rows[0].id));
      contexts.set(username, account!.context);
    }
    provinceId = contexts.get('so.chuyenvien')!.provinceId!;
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** Both pictures for a user on a day, without the instant they were computed at. */
  async function both(username: string, on = today) {
    const ctx = contexts.get(username)!;
    const { computedAt: _a, source, ...served } = await glance.atAGlance(ctx, { today: on });
    const { computedAt: _b, ...live } = await glance.live(ctx, on);
    const servedAttention = await glance.attention(ctx, 50, { today: on });
    const liveAttention = await glance.attention(ctx, 50, { today: on, source: 'LIVE' });
    return { source, served, live, attentionSource: servedAttention.source, servedAttention: { ...servedAttention, source: null }, liveAttention: { ...liveAttention, source: null } };
  }

  async function expectEqualForEveryone(on = today) {
    for (const username of USERS) {
      const r = await both(username, on);
      expect({ username, source: r.source, attention: r.attentionSource }).toEqual({ username, source: 'ROLLUP', attention: 'ROLLUP' });
      expect({ username, ...r.served }).toEqual({ username, ...r.live });
      expect({ username, ...r.servedAttention }).toEqual({ username, ...r.liveAttention });
    }
  }

  it('on the demo data, for the Sở, an area, a commune, a director and another province: rollup = calendar', async () => {
    await expectEqualForEveryone();
    const g = await both('so.chuyenvien');
    // Not vacuous: the demo's current periods have reports of every kind the page lists.
    expect(g.served.totals.expected).toBeGreaterThan(0);
    expect(g.served.needsActionCount).toBeGreaterThan(0);
    expect(g.servedAttention.communes.length).toBeGreaterThan(0);
  });

  it('a rollup computed for an earlier day is never served: the first read of the day recomputes the province', async () => {
    const yesterday = addDays(today, -1);
    await rollup.refreshProvince(provinceId, yesterday);
    const { rows: before } = await owner.query(`SELECT to_char(as_of, 'YYYY-MM-DD') AS d FROM reporting_status_rollup_run WHERE province_id = $1`, [provinceId]);
    expect(before[0].d).toBe(yesterday);
    const r = await api.gql<{ reportingAtAGlance: { asOf: string; source: string } }>('{ reportingAtAGlance { asOf source } }', {}, await api.login('so.chuyenvien'));
    expect(r.data!.reportingAtAGlance).toEqual({ asOf: today, source: 'ROLLUP' });
    const { rows: after } = await owner.query(`SELECT to_char(as_of, 'YYYY-MM-DD') AS d FROM reporting_status_rollup_run WHERE province_id = $1`, [provinceId]);
    expect(after[0].d).toBe(today);
    const { rows: old } = await owner.query(`SELECT count(*)::int AS n FROM reporting_status_rollup WHERE province_id = $1 AND as_of <> $2`, [provinceId, today]);
    expect(old[0].n).toBe(0);
  });

  it('after random sequences of accepts, returns, reopenings, extensions and status changes: rollup = calendar', async () => {
    const so = await api.login('so.chuyenvien');
    const currentPeriods = (await glance.live(contexts.get('so.chuyenvien')!, today)).periods.map((p) => p.periodCode);
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const r = await api.gql(query, variables, so);
      return r;
    };
    const statusJob = reportingJobHandlers.find((h) => h.name === 'RollupOnStatusChangedJob')!;
    const statusHandler = api.app.get(statusJob) as unknown as { handle(job: Job): Promise<unknown> };
    type Op = { kind: 'accept' | 'return' | 'reopen' | 'extend' | 'status'; pick: number; days: number };
    const op = fc.record({ kind: fc.constantFrom<Op['kind']>('accept', 'return', 'reopen', 'extend', 'status'), pick: fc.nat(1000), days: fc.integer({ min: 1, max: 40 }) });
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const o of ops) {
          const subs = async (status: string) => (await owner.query(
            `SELECT id, version, centre_id AS "centreId" FROM submission WHERE province_id = $1 AND status = $2 AND period_code = ANY($3) ORDER BY id`,
            [provinceId, status, currentPeriods],
          )).rows as { id: string; version: number; centreId: string }[];
          if (o.kind === 'accept' || o.kind === 'return') {
            const list = await subs('SUBMITTED');
            if (!list.length) continue;
            const s = list[o.pick % list.length];
            const r = o.kind === 'accept'
              ? await gql(`mutation($id: ID!, $v: Int!) { acceptSubmission(id: $id, expectedVersion: $v) { id } }`, { id: s.id, v: s.version })
              : await gql(`mutation($id: ID!, $v: Int!, $by: String) { returnSubmission(id: $id, expectedVersion: $v, comment: "Kiểm tra lại số liệu", resubmitBy: $by) { id } }`,
                { id: s.id, v: s.version, by: o.days % 2 ? addDays(today, o.days) : null });
            // An accept may be refused by the data checks (VALIDATION_FAILED): nothing changed then, which is fine too.
            if (!r.errors) applied++;
          } else if (o.kind === 'reopen') {
            const list = await subs('ACCEPTED');
            if (!list.length) continue;
            const s = list[o.pick % list.length];
            const r = await gql(`mutation($id: ID!) { reopenSubmission(id: $id, reason: "Mở lại để điều chỉnh") { id } }`, { id: s.id });
            if (!r.errors) applied++;
          } else if (o.kind === 'extend') {
            const missing = (await glance.live(contexts.get('so.chuyenvien')!, today)).allNeedingAction.filter((i) => i.reportClass === 'MISSING');
            if (!missing.length) continue;
            const m = missing[o.pick % missing.length];
            const r = await gql(
              `mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { id } }`,
              { i: { centreId: m.centreId, templateCode: m.templateCode, periodCode: m.periodCode, dueDate: addDays(today, o.days % 3 === 0 ? -1 : o.days), reason: 'Gia hạn kiểm thử' } },
            );
            if (!r.errors) applied++;
          } else {
            // A status change recorded today or ahead (it takes effect on its date), then the rollup's subscriber as the worker runs it.
            const { rows } = await owner.query(`SELECT DISTINCT centre_id AS "centreId" FROM reporting_status_rollup WHERE province_id = $1 ORDER BY 1`, [provinceId]);
            const centreId = rows[o.pick % rows.length].centreId as string;
            const status = ['SUSPENDED', 'ACTIVE', 'NOT_ENROLLING'][o.pick % 3];
            const r = await gql(`mutation($i: ChangeCentreStatusInput!) { changeCentreStatus(input: $i) { id } }`,
              { i: { centreId, status, effectiveFrom: addDays(today, o.days % 2 ? 0 : o.days), reason: 'Kiểm thử' } });
            if (!r.errors) {
              applied++;
              await statusHandler.handle({ name: 'centre.status-changed>reporting', data: { topic: 'centre.status-changed', centreId, provinceId, requestedBy: null } } as unknown as Job);
            }
          }
        }
        await expectEqualForEveryone();
      }),
      { ...fcParams(), numRuns: Number(process.env['CONSISTENCY_RUNS'] ?? 12) },
    );
    expect(applied).toBeGreaterThan(0);
  }, 600_000);

  it('across a date change (the running period’s deadline passing): the rollup for that day = the calendar on it', async () => {
    const g = await glance.live(contexts.get('so.chuyenvien')!, today);
    // The day after the latest due date shown: reports not yet due become missing on it.
    const dueDates = g.periods.map((p) => p.dueDate).sort();
    const after = addDays(dueDates[dueDates.length - 1] > today ? dueDates[dueDates.length - 1] : today, 1);
    const before = await glance.live(contexts.get('so.chuyenvien')!, today);
    await rollup.refreshAll(after);
    try {
      await expectEqualForEveryone(after);
      const later = await both('so.chuyenvien', after);
      // Not vacuous: the date alone changed the picture.
      expect(later.served.totals).not.toEqual(before.totals);
    } finally {
      await rollup.refreshAll(today);
    }
    await expectEqualForEveryone(today);
  });
});
