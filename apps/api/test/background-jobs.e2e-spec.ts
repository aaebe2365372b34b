// "Công việc nền" (issue 13): a province admin sees and retries only their own province's background jobs.
// Real API, real PostgreSQL, real Redis (a queue prefix of its own). The jobs are pings recorded through the
// outbox of each province; a ping with an id that is not a UUID fails in its handler, for good, after 2 attempts.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { JobQueues } from '@gdtx/platform';
import { bootApi, errorCode, TestApi } from './harness';

let api: TestApi;
let owner: Client;
const provinces: Record<string, string> = {};

beforeAll(async () => {
  api = await bootApi({
    REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
    RUN_WORKERS_IN_PROCESS: 'true',
    QUEUE_PREFIX: `gdtx-bg-${randomBytes(4).toString('hex')}`,
    OUTBOX_POLL_MS: '20',
    JOB_ATTEMPTS: '2',
    JOB_BACKOFF_MS: '50',
    // The attempts counted here are the handler's: with the 4 s default lock, a starved CI machine (API and
    // workers in one process) let a lock lapse now and then, and the stalled-job path changed the count. Recovery
    // after a lapsed lock is the fault suite's subject (apps/api/test/faults), not this one's.
    JOB_LOCK_MS: '30000',
  });
  owner = new Client({ connectionString: api.db.ownerUrl });
  await owner.connect();
  // The provinces of their admins (TH: so.quantri, BN: bn.quantri).
  for (const r of (await owner.query(`SELECT username, province_id FROM app_user WHERE username IN ('so.quantri', 'bn.quantri')`)).rows) {
    provinces[r.username === 'so.quantri' ? 'TH' : 'BN'] = r.province_id;
  }
});

afterAll(async () => {
  await owner?.end();
  await api?.close();
});

const LIST = `query($f: BackgroundJobFilter) { backgroundJobs(filter: $f) { jobId name state attemptsMade maxAttempts failedReasonVi failedReasonEn canRetry progress } }`;
const RETRY = `mutation($id: ID!) { retryBackgroundJob(jobId: $id) { jobId state } }`;

interface Listed { jobId: string; name: string; state: string; attemptsMade: number; maxAttempts: number; failedReasonVi: string | null; failedReasonEn: string | null; canRetry: boolean }

/** An outbox row of a province, as a business change would write it (the owner connection skips RLS). */
async function pingOf(province: string, pingId: string): Promise<string> {
  const dedupeKey = `system.ping:${pingId}`;
  await owner.query(`INSERT INTO outbox (province_id, topic, payload, dedupe_key) VALUES ($1, 'system.ping', $2, $3)`, [provinces[province], JSON.stringify({ pingId }), dedupeKey]);
  return `system.ping~${dedupeKey.replace(/:/g, '.')}`;
}

async function list(token: string, state?: string): Promise<Listed[]> {
  const r = await api.gql<{ backgroundJobs: Listed[] }>(LIST, { f: state ? { state } : null }, token);
  expect(r.errors).toBeUndefined();
  return r.data!.backgroundJobs;
}

async function until(token: string, jobId: string, state: string): Promise<Listed> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await list(token)).find((j) => j.jobId === jobId);
    // A failed job is read as state and attempts by two backend calls: on a loaded machine the state can say FAILED
    // a moment before the attempt count has caught up (seen once in CI: attemptsMade 1 of 2). Wait for both.
    if (found?.state === state && (state !== 'FAILED' || found.attemptsMade === found.maxAttempts)) return found;
    if (Date.now() > deadline) throw new Error(`${jobId} not ${state}: ${JSON.stringify(found)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('background jobs of a province', () => {
  it('lists only the own province\'s jobs, with the failure in Vietnamese, and retries only its own failed ones', async () => {
    const th = await api.login('so.quantri');
    const bn = await api.login('bn.quantri');
    const thOk = await pingOf('TH', randomUUID());
    const thFailed = await pingOf('TH', `khong-phai-uuid-${randomBytes(3).toString('hex')}`);
    const bnFailed = await pingOf('BN', `khong-phai-uuid-${randomBytes(3).toString('hex')}`);

    await until(th, thOk, 'COMPLETED');
    const failed = await until(th, thFailed, 'FAILED');
    expect(failed).toMatchObject({ attemptsMade: 2, maxAttempts: 2, canRetry: true });
    expect(failed.failedReasonVi).toMatch(/Có thể chạy lại/);
    expect(failed.failedReasonEn).toMatch(/uuid/i);
    const bnView = await until(bn, bnFailed, 'FAILED');
    expect(bnView.canRetry).toBe(true);

    // Cross-tenant: neither admin sees the other's jobs, in any state.
    const thIds = (await list(th)).map((j) => j.jobId);
    const bnIds = (await list(bn)).map((j) => j.jobId);
    expect(thIds).toEqual(expect.arrayContaining([thOk, thFailed]));
    expect(thIds).not.toContain(bnFailed);
    expect(bnIds).toContain(bnFailed);
    expect(bnIds).not.toContain(thFailed);
    expect(bnIds).not.toContain(thOk);
    expect((await list(th, 'FAILED')).map((j) => j.jobId)).toContain(thFailed);
    expect((await list(th, 'FAILED')).map((j) => j.jobId)).not.toContain(thOk);

    // Bắc Ninh cannot retry Thanh Hóa's failed job (no existence leak), and nothing ran or was audited.
    expect(errorCode(await api.gql(RETRY, { id: thFailed }, bn))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(RETRY, { id: 'no-such-job' }, bn))).toBe('NOT_FOUND');
    expect((await list(th)).find((j) => j.jobId === thFailed)).toMatchObject({ state: 'FAILED', attemptsMade: 2 });
    expect((await owner.query(`SELECT 1 FROM audit_event WHERE action = 'job.retried' AND entity_id = $1`, [thFailed])).rows).toHaveLength(0);

    // A completed job is not retried.
    expect(errorCode(await api.gql(RETRY, { id: thOk }, th))).toBe('CONFLICT');

    // Thanh Hóa retries its own: it runs again (and fails again: its id is still not a UUID), audited.
    const retried = await api.gql<{ retryBackgroundJob: { jobId: string; state: string } }>(RETRY, { id: thFailed }, th);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryBackgroundJob.jobId).toBe(thFailed);
    const deadline = Date.now() + 20_000;
    let again: Listed | undefined;
    while (Date.now() < deadline) {
      again = (await list(th)).find((j) => j.jobId === thFailed);
      if (again?.state === 'FAILED' && again.attemptsMade > 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(again!.attemptsMade).toBeGreaterThan(2);
    const audits = await owner.query(`SELECT province_id, actor_user_id FROM audit_event WHERE action = 'job.retried' AND entity_id = $1`, [thFailed]);
    expect(audits.rows).toHaveLength(1);
    expect(audits.rows[0].province_id).toBe(provinces['TH']);
  });

  it('is for province admins and the operator only', async () => {
    for (const user of ['so.chuyenvien', 'so.lanhdao', 'cb.gdtx', 'phong.thoxuan']) {
      const token = await api.login(user);
      expect(errorCode(await api.gql(LIST, {}, token))).toBe('FORBIDDEN');
      expect(errorCode(await api.gql(RETRY, { id: 'x' }, token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await api.gql(LIST, {}))).toBe('UNAUTHENTICATED');
  });

  it('a limit out of range is the user\'s error, never INTERNAL (found by the schema fuzz)', async () => {
    const token = await api.login('so.quantri');
    for (const first of [-2147483648, 0, 201]) {
      const r = await api.gql(`query($f: BackgroundJobFilter) { backgroundJobs(filter: $f) { jobId } }`, { f: { first } }, token);
      expect([first, errorCode(r)]).toEqual([first, expect.stringMatching(/^(VALIDATION_FAILED|BAD_USER_INPUT)$/)]);
    }
  });
});

describe('the periodic consistency check of facts (analytics.check-facts)', () => {
  it('repairs an accepted report whose facts were lost and facts of one no longer accepted, and tells the operators', async () => {
    const { rows: [accepted] } = await owner.query(
      `SELECT s.id FROM submission s WHERE s.status = 'ACCEPTED' AND EXISTS (SELECT 1 FROM fact_value f WHERE f.submission_id = s.id) ORDER BY s.id LIMIT 1`,
    );
    const { rows: [returned] } = await owner.query(`SELECT id FROM submission WHERE status = 'RETURNED' ORDER BY id LIMIT 1`);
    const factsOf = async (id: string) => (await owner.query(`SELECT count(*)::int AS n FROM fact_value WHERE submission_id = $1`, [id])).rows[0].n as number;
    const expectedRows = await factsOf(accepted.id);
    // What lost jobs leave: an accepted report without facts (its accept job gone), a returned one with facts
    // (its reopen job gone: a copy of the accepted report's rows under its id).
    await owner.query(`DELETE FROM fact_value WHERE submission_id = $1`, [accepted.id]);
    await owner.query(
      `INSERT INTO fact_value (year, province_id, centre_id, submission_id, centre_type, ownership, unit_path, template_code, period_code,
         period_type, period_start, period_end, school_year, value_key, value, computed_at)
       SELECT year, province_id, centre_id, $1, centre_type, ownership, unit_path, template_code, period_code, period_type, period_start,
              period_end, school_year, value_key, value, computed_at FROM fact_value WHERE submission_id <> $1 LIMIT 3`,
      [returned.id],
    );
    expect(await factsOf(returned.id)).toBe(3);

    const queues = api.app.get(JobQueues, { strict: false });
    const job = await queues.queue('analytics').add('analytics.check-facts', { provinceId: null, centreId: null, requestedBy: null });
    const deadline = Date.now() + 30_000;
    while ((await job.getState()) !== 'completed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const done = await queues.queue('analytics').getJob(job.id!);
    expect(done?.returnvalue).toEqual({ repaired: 2, unrepaired: 0 });
    expect(await factsOf(accepted.id)).toBe(expectedRows);
    expect(await factsOf(returned.id)).toBe(0);

    // The operator (SYSTEM_ADMIN) is told, in Vietnamese; a province admin is not.
    const LIST_NOTES = `query { notifications(first: 20) { edges { node { kind titleVi bodyVi } } } }`;
    type Notes = { notifications: { edges: { node: { kind: string; titleVi: string; bodyVi: string } }[] } };
    const forAdmin = await api.gql<Notes>(LIST_NOTES, {}, await api.login('admin'));
    expect(forAdmin.errors).toBeUndefined();
    const notice = forAdmin.data!.notifications.edges.map((e) => e.node).find((n) => n.kind === 'FACTS_REPAIRED');
    expect(notice?.titleVi).toMatch(/đã sửa 2 báo cáo/);
    const forProvince = await api.gql<Notes>(LIST_NOTES, {}, await api.login('so.quantri'));
    expect(forProvince.data!.notifications.edges.some((e) => e.node.kind === 'FACTS_REPAIRED')).toBe(false);

    // Nothing left to repair: the next run finds nothing.
    const again = await queues.queue('analytics').add('analytics.check-facts', { provinceId: null, centreId: null, requestedBy: null });
    while ((await again.getState()) !== 'completed' && Date.now() < deadline + 30_000) await new Promise((r) => setTimeout(r, 50));
    expect((await queues.queue('analytics').getJob(again.id!))?.returnvalue).toEqual({ repaired: 0, unrepaired: 0 });
  }, 90_000);
});
