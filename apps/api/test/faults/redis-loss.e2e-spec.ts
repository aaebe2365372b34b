// Fault suite (issue 13): Redis killed with a backlog of accepted submissions. The API's relay had handed every
// job to Redis (outbox rows marked sent), no worker had run them yet; Redis is SIGKILLed and comes back with its
// append-only file, and then again without any data (a failover to a replica that had not received them, a lost
// volume). After recovery every accepted submission has its facts: nothing was lost. The test's own
// redis-server on its own port; the machine's shared Redis is never touched.
import { Client } from 'pg';
import { JobWorkers, OutboxRelay } from '@gdtx/platform';
import { bootApi, TestApi } from '../harness';
import { freePort, OwnRedis, waitUntil } from './fault-kit';

const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptSubmission(id: $id, expectedVersion: $v) { status } }`;

describe('fault: Redis killed with a backlog (e2e)', () => {
  const redis = new OwnRedis(freePort(26390));
  let api: TestApi;
  let owner: Client;

  beforeAll(async () => {
    await redis.start();
    // Workers and the relay's loop are driven by hand: first the backlog builds up, then recovery runs.
    api = await bootApi({
      REDIS_URL: redis.url, RUN_WORKERS_IN_PROCESS: 'false', OUTBOX_MAX_BACKOFF_MS: '1000', OUTBOX_POLL_MS: '100',
      OUTBOX_RECONCILE_MS: '500', OUTBOX_RECONCILE_GRACE_MS: '0', JOB_BACKOFF_MS: '100',
    });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  }, 60_000);
  afterAll(async () => {
    await api?.app.get(OutboxRelay, { strict: false }).stop().catch(() => undefined);
    await api?.app.get(JobWorkers, { strict: false }).stop().catch(() => undefined);
    await owner?.end();
    await api?.close();
    await redis.stop();
  });

  /** Accepted submissions of `ids` whose fact rows disagree with their values (count or sum). */
  async function withoutFacts(ids: string[]): Promise<string[]> {
    const { rows } = await owner.query(
      `SELECT s.id FROM submission s
         LEFT JOIN LATERAL (SELECT count(*)::int AS n, coalesce(sum((kv.value #>> '{}')::numeric), 0) AS total
                              FROM jsonb_each(s."values") kv WHERE jsonb_typeof(kv.value) = 'number') e ON true
         LEFT JOIN LATERAL (SELECT count(*)::int AS n, coalesce(sum(f.value), 0) AS total FROM fact_value f WHERE f.submission_id = s.id) a ON true
        WHERE s.id = ANY($1::uuid[]) AND s.status = 'ACCEPTED' AND (e.n <> a.n OR e.total <> a.total)`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  async function acceptBacklog(count: number): Promise<string[]> {
    const { rows } = await owner.query(
      `SELECT s.id, s.version FROM submission s
        WHERE s.status = 'SUBMITTED' AND s.province_id = (SELECT province_id FROM app_user WHERE username = 'so.chuyenvien')
        ORDER BY s.id LIMIT $1`,
      [count],
    );
    expect(rows.length).toBe(count);
    const specialist = await api.login('so.chuyenvien');
    // Concurrently, as the 22 acceptSubmission calls: every one succeeds.
    const results = await Promise.all(rows.map((r) => api.gql(ACCEPT, { id: r.id, v: r.version }, specialist)));
    for (const r of results) expect(r.errors).toBeUndefined();
    return rows.map((r) => r.id);
  }

  it('loses no accepted submission\'s facts when Redis is killed, whether it returns with its AOF or with nothing', async () => {
    const relay = api.app.get(OutboxRelay, { strict: false });
    const workers = api.app.get(JobWorkers, { strict: false });
    const accepted = await acceptBacklog(22);
    const half = accepted.slice(0, 11);
    // Relay everything: the rows are marked sent, their jobs wait in Redis (no worker yet).
    while ((await relay.drainOnce()).relayed > 0) { /* whole backlog */ }
    const unsent = await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND topic = 'submission.accepted'`);
    expect(unsent.rows[0].n).toBe(0);
    expect((await withoutFacts(accepted)).sort()).toEqual([...accepted].sort());

    // 1. Killed, back with its append-only file.
    await redis.kill();
    await redis.start();
    // 2. Killed again and back empty: every job in it is gone, while PostgreSQL says "sent".
    await redis.kill();
    await redis.start({ fresh: true });

    const recoveryStarted = Date.now();
    relay.start();
    workers.start();
    await waitUntil(async () => (await withoutFacts(accepted)).length === 0, 60_000, 'facts of every accepted submission');
    const recoveredInMs = Date.now() - recoveryStarted;
    const requeued = await owner.query(
      `SELECT count(*)::int AS n FROM outbox_job j JOIN outbox o ON o.id = j.outbox_id
        WHERE o.topic = 'submission.accepted' AND o.payload->>'submissionId' = ANY($1) AND j.requeued > 0`,
      [accepted],
    );
    // The reconciler, not luck, brought them back: Redis came back empty.
    expect(requeued.rows[0].n).toBeGreaterThanOrEqual(accepted.length);
    expect(await withoutFacts(half)).toEqual([]);
    // Figures for docs/reliability.md (printed with FAULT_REPORT=1).
    if (process.env['FAULT_REPORT']) console.log(`redis-loss: ${accepted.length} accepted, ${requeued.rows[0].n} jobs re-enqueued, facts complete after ${recoveredInMs} ms`);
  }, 120_000);
});
