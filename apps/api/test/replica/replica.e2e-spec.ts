import { ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, waitUntil } from '../faults/fault-kit';
import { DEMO_PASSWORD, errorCode, GqlResult } from '../harness';
import { PgCluster, Pgbouncer } from './pg-cluster-kit';

// Issue 14 item 1 (ADR 0022): N API processes against one primary behind PgBouncer (transaction mode), a streaming
// read replica and Redis. A private primary and a real hot standby (their own initdb clusters: the machine's service
// refuses replication connections), two API processes as child processes. Proves: dashboards read the replica,
// read-your-writes across processes while replay is paused, tenant isolation on the replica path, and the login
// limits shared by both processes.
const root = join(__dirname, '../../../..');
const { ensurePgbouncer } = require(join(root, 'scripts/ensure-pgbouncer.js')) as {
  ensurePgbouncer(): { ok: true; path: string; installed: boolean } | { ok: false; path: string; message: string };
};
const METRICS_TOKEN = randomBytes(24).toString('hex');
const JWT_SECRET = randomBytes(32).toString('hex');
const DB = 'gdtx';

const MINE = `{ myVisualizations { id name } }`;
const SAVE = `mutation($input: SaveVisualizationInput!) { saveVisualization(input: $input) { id name } }`;
const DEFINITION = { indicatorCodes: ['PASS_RATE'], dimension: 'UNIT_LEVEL', relativePeriod: 'LAST_5_SCHOOL_YEARS', centreType: null, layout: 'LINE' };
const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`;

/** The value of one sample `name{labels} value` of a Prometheus text body (every given label matching), else 0. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const inside = line.slice(name.length).match(/^\{(.*)\}/)?.[1] ?? '';
    const have = Object.fromEntries([...inside.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

class ApiProcess {
  private proc: ChildProcess | null = null;
  private output = '';
  readonly url: string;

  constructor(readonly name: string, readonly port: number, private readonly env: Record<string, string>) {
    this.url = `http://127.0.0.1:${port}`;
  }

  start(): void {
    this.proc = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/api/src/main.ts'], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.env, PORT: String(this.port) },
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString('utf8')).slice(-4000));
    this.proc.stdout!.on('data', keep);
    this.proc.stderr!.on('data', keep);
  }

  async ready(): Promise<void> {
    const proc = this.proc!;
    let onExit: () => void = () => undefined;
    const exited = new Promise<never>((_, reject) => {
      onExit = () => reject(new Error(`${this.name} exited (${proc.exitCode}): ${this.output}`));
      proc.once('exit', onExit);
    });
    try {
      await Promise.race([
        waitUntil(async () => (await fetch(`${this.url}/health/ready`)).status === 200, 90_000, `${this.name} ready`, 200),
        exited,
      ]);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${this.output}`);
    } finally {
      proc.off('exit', onExit);
    }
  }

  async gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResult<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const r = await this.gql<{ login: { accessToken: string } }>(LOGIN, { u: username, p: password });
    if (!r.data?.login) throw new Error(`login ${username} on ${this.name} failed: ${JSON.stringify(r.errors)}`);
    return r.data.login.accessToken;
  }

  async metrics(): Promise<string> {
    return (await fetch(`${this.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => p.kill('SIGKILL'), 5000);
      p.once('exit', () => { clearTimeout(timer); resolve(); });
      p.kill('SIGTERM');
    });
  }
}

describe('N API processes, a streaming replica and PgBouncer (e2e)', () => {
  let primary: PgCluster | null = null;
  let replica: PgCluster | null = null;
  let bouncer: Pgbouncer | null = null;
  const apis: ApiProcess[] = [];
  let primaryOwner: Client;
  let replicaOwner: Client;
  const ids: Record<string, string> = {};

  const paused = async <T>(work: () => Promise<T>): Promise<T> => {
    await replicaOwner.query('SELECT pg_wal_replay_pause()');
    try {
      return await work();
    } finally {
      await replicaOwner.query('SELECT pg_wal_replay_resume()');
    }
  };
  /** Waits until the replica has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const { rows: [{ lsn }] } = await primaryOwner.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
    await waitUntil(async () => (await replicaOwner.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn])).rows[0].ok, 10_000, 'replica caught up', 20);
  };
  const ok = <T>(r: GqlResult<T>): T => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data as T;
  };

  beforeAll(async () => {
    const pgbouncer = ensurePgbouncer();
    if (!pgbouncer.ok) throw new Error(pgbouncer.message);
    const base = freePort(31000);
    primary = await PgCluster.primary(base);
    // PgBouncer's trust still wants every user named in its auth file: the owner, the app, jobs and queue roles.
    bouncer = new Pgbouncer(base + 2, primary, pgbouncer.path, ['postgres', 'gdtx_app', 'gdtx_jobs', 'gdtx_queue']);
    await bouncer.start();
    // `npm run migrate -- --seed` as a deployment runs it: DATABASE_URL is PgBouncer's, and the migrations take
    // DATABASE_DIRECT_URL (their session-level advisory lock), then the demo seed.
    await promisify(execFile)(process.execPath, ['-r', './scripts/register.js', 'scripts/migrate.ts', '--seed'], {
      cwd: root, env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: bouncer.url(DB, 'postgres'), DATABASE_DIRECT_URL: primary.url(DB), JWT_SECRET },
    });
    replica = await PgCluster.replicaOf(primary, base + 1);
    primaryOwner = new Client({ connectionString: primary.url(DB) });
    replicaOwner = new Client({ connectionString: replica.url(DB) });
    await primaryOwner.connect();
    await replicaOwner.connect();
    for (const u of (await primaryOwner.query(`SELECT id, username, province_id FROM app_user WHERE username IN ('so.chuyenvien', 'so.lanhdao', 'bn.quantri')`)).rows) {
      ids[u.username] = u.id;
      ids[`${u.username}:province`] = u.province_id;
    }
    const env = {
      NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET, METRICS_TOKEN,
      // Everything the application does on the primary goes through PgBouncer in transaction mode…
      DATABASE_URL: bouncer.url(DB, 'postgres'),
      // …except what needs a session: the outbox relay's LISTEN (the migrations ran above, directly too).
      DATABASE_DIRECT_URL: primary.url(DB),
      DATABASE_REPLICA_URL: replica.url(DB),
      REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `gdtx-replica-${randomBytes(4).toString('hex')}`,
      READ_YOUR_WRITES_WAIT_MS: '300',
      RUN_WORKERS_IN_PROCESS: 'true',
      LOGIN_RATE_LIMIT: '1000',
      WEB_DIST_DIR: join(root, 'apps/api/test/replica/no-web'),
    };
    apis.push(new ApiProcess('api-1', base + 3, env), new ApiProcess('api-2', base + 4, env));
    for (const a of apis) a.start();
    await Promise.all(apis.map((a) => a.ready()));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await primaryOwner?.end().catch(() => undefined);
    await replicaOwner?.end().catch(() => undefined);
    await bouncer?.destroy();
    await replica?.destroy();
    await primary?.destroy();
  }, 30_000);

  it('the replica is a real streaming hot standby of the primary', async () => {
    expect((await replicaOwner.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(true);
    const { rows } = await primaryOwner.query(`SELECT state FROM pg_stat_replication`);
    expect(rows.map((r) => r.state)).toEqual(['streaming']);
  });

  it('a dashboard read is served by the replica: a row written on the primary is not seen while replay is paused', async () => {
    const [api1] = apis;
    const token = await api1.login('so.lanhdao');
    await caughtUp();
    const before = await api1.metrics();
    // A favourite written behind the application's back (the owner, directly on the primary): this user has no
    // write position of their own, so their reads go to the replica, which has not replayed it.
    const name = `Trực tiếp ${randomBytes(3).toString('hex')}`;
    await paused(async () => {
      await primaryOwner.query(`INSERT INTO visualization_favourite (province_id, user_id, name, definition) VALUES ($1, $2, $3, $4)`,
        [ids['so.lanhdao:province'], ids['so.lanhdao'], name, DEFINITION]);
      const mine = ok(await api1.gql<{ myVisualizations: { name: string }[] }>(MINE, {}, token)).myVisualizations;
      expect(mine.map((f) => f.name)).not.toContain(name);
    });
    await caughtUp();
    const after = ok(await api1.gql<{ myVisualizations: { name: string }[] }>(MINE, {}, token)).myVisualizations;
    expect(after.map((f) => f.name)).toContain(name);
    // The dashboards themselves (overview, indicators, reporting rates, at a glance) went to the replica too.
    ok(await api1.gql(`{ provinceOverview(periodCode: "2021-2022") { centreCount reportingRates { templateCode expected } } reportingAtAGlance { totals { expected } } }`, {}, token));
    const metrics = await api1.metrics();
    expect(sample(metrics, 'gdtx_db_reads_total', { route: 'replica' }) - sample(before, 'gdtx_db_reads_total', { route: 'replica' })).toBeGreaterThanOrEqual(4);
    expect(sample(metrics, 'gdtx_db_reads_total', { route: 'primary_replica_unavailable' })).toBe(0);
    expect(sample(metrics, 'gdtx_replica_up')).toBe(1);
    expect(metrics).toMatch(/^gdtx_replica_lag_bytes \d/m);
    expect(metrics).toMatch(/^gdtx_replica_lag_seconds \d/m);
    expect(sample(metrics, 'gdtx_db_pool_connections', { pool: 'replica', state: 'total' })).toBeGreaterThan(0);
    // Seen from the replica's side: the application's read pool is connected there, as the app role.
    const { rows } = await replicaOwner.query(`SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'gdtx-monitor-replica'`);
    expect(rows.map((r) => r.usename)).toEqual(['gdtx_app']);
  });

  it('read-your-writes: a user writes through API 1 and at once reads through API 2 while the replica replays nothing', async () => {
    const [api1, api2] = apis;
    const token = await api1.login('so.chuyenvien');
    await caughtUp();
    const before = await api2.metrics();
    const name = `Vừa lưu ${randomBytes(3).toString('hex')}`;
    await paused(async () => {
      ok(await api1.gql(SAVE, { input: { name, definition: DEFINITION } }, token));
      const started = Date.now();
      const mine = ok(await api2.gql<{ myVisualizations: { name: string }[] }>(MINE, {}, token)).myVisualizations;
      expect(mine.map((f) => f.name)).toContain(name);
      // API 2 waited for the replica (READ_YOUR_WRITES_WAIT_MS), then read the primary.
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      // The replica really has not got it: the proof that the answer came from the primary.
      const onReplica = await replicaOwner.query(`SELECT 1 FROM visualization_favourite WHERE name = $1`, [name]);
      expect(onReplica.rowCount).toBe(0);
    });
    const during = await api2.metrics();
    expect(sample(during, 'gdtx_db_reads_total', { route: 'primary_not_replayed' }) - sample(before, 'gdtx_db_reads_total', { route: 'primary_not_replayed' })).toBe(1);
    // Once the replica has replayed the write, the same user's reads are the replica's again, and see it.
    await caughtUp();
    const mine = ok(await api2.gql<{ myVisualizations: { name: string }[] }>(MINE, {}, token)).myVisualizations;
    expect(mine.map((f) => f.name)).toContain(name);
    const after = await api2.metrics();
    expect(sample(after, 'gdtx_db_reads_total', { route: 'replica' }) - sample(during, 'gdtx_db_reads_total', { route: 'replica' })).toBe(1);
    expect(sample(after, 'gdtx_db_reads_total', { route: 'primary_not_replayed' })).toBe(sample(during, 'gdtx_db_reads_total', { route: 'primary_not_replayed' }));
  });

  it("isolation on the replica path: one province cannot read or change another's data", async () => {
    const [api1, api2] = apis;
    const th = await api1.login('so.chuyenvien');
    const bn = await api2.login('bn.quantri');
    await caughtUp();
    // A favourite of Thanh Hóa's specialist, replayed on the replica.
    const name = `Riêng ${randomBytes(3).toString('hex')}`;
    const { id } = ok(await api1.gql<{ saveVisualization: { id: string } }>(SAVE, { input: { name, definition: DEFINITION } }, th)).saveVisualization;
    await caughtUp();
    const beforeBn = await api2.metrics();
    const seenByBn = ok(await api2.gql<{ myVisualizations: { name: string }[] }>(MINE, {}, bn)).myVisualizations;
    expect(seenByBn.map((f) => f.name)).not.toContain(name);
    // The province's centres through the replica: Bắc Ninh's overview counts Bắc Ninh's, never Thanh Hóa's.
    const overview = async (api: ApiProcess, token: string) =>
      ok(await api.gql<{ provinceOverview: { centreCount: number } }>(`{ provinceOverview(periodCode: "2021-2022") { centreCount } }`, {}, token)).provinceOverview.centreCount;
    const centres = async (province: string) => Number((await replicaOwner.query(`SELECT count(*) AS n FROM centre WHERE province_id = $1`, [province])).rows[0].n);
    expect(await overview(api2, bn)).toBe(await centres(ids['bn.quantri:province']));
    expect(await overview(api1, th)).toBe(await centres(ids['so.chuyenvien:province']));
    expect(await centres(ids['so.chuyenvien:province'])).toBeGreaterThan(await centres(ids['bn.quantri:province']));
    expect(sample(await api2.metrics(), 'gdtx_db_reads_total', { route: 'replica' }) - sample(beforeBn, 'gdtx_db_reads_total', { route: 'replica' })).toBeGreaterThanOrEqual(2);
    // Indicators of the other province's unit: nothing of it comes back through the replica.
    const foreign = await api2.gql<{ indicatorValues: unknown[] }>(`query($q: IndicatorQuery!) { indicatorValues(query: $q) { code value } }`,
      { q: { codes: ['PASS_RATE'], periodCode: '2021-2022', unitId: ids['so.chuyenvien:province'] } }, bn);
    if (foreign.errors) expect(['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT']).toContain(errorCode(foreign));
    else expect(foreign.data!.indicatorValues.every((v) => (v as { value: number | null }).value === null)).toBe(true);
    // RLS itself on the replica, as the app role under Bắc Ninh's scope: Thanh Hóa's row does not exist for it.
    const app = new Client({ connectionString: replica!.url(DB, 'gdtx_app') });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true), set_config('app.user_id', $2, true)`, [ids['bn.quantri:province'], ids['bn.quantri']]);
      expect((await app.query(`SELECT 1 FROM visualization_favourite WHERE id = $1`, [id])).rowCount).toBe(0);
      expect((await app.query(`SELECT 1 FROM centre WHERE province_id = $1`, [ids['so.chuyenvien:province']])).rowCount).toBe(0);
      // And the replica refuses any write at all (a hot standby), whatever the scope.
      await expect(app.query(`UPDATE visualization_favourite SET name = 'Chiếm' WHERE id = $1`, [id])).rejects.toThrow(/read-only/);
    } finally {
      await app.query('ROLLBACK').catch(() => undefined);
      await app.end();
    }
    // Changing it through the primary from the other province fails too (the mutation path, through PgBouncer).
    const takeOver = await api2.gql(SAVE, { input: { id, name: 'Chiếm', definition: DEFINITION } }, bn);
    expect(takeOver.errors).toBeDefined();
    expect((await primaryOwner.query(`SELECT name FROM visualization_favourite WHERE id = $1`, [id])).rows[0].name).toBe(name);
  });

  it('the login limits are shared by the two processes (they live in the database, through PgBouncer)', async () => {
    const [api1, api2] = apis;
    // The first four wrong passwords cost nothing; split across the two processes they still count as four…
    for (let i = 0; i < 4; i++) {
      const r = await (i % 2 ? api2 : api1).gql(LOGIN, { u: 'so.thanhtra', p: 'sai-mat-khau' });
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
    }
    // …so the fifth, on API 1, is the one that starts the account's delay (ACCOUNT_FREE_FAILURES = 5)…
    expect(errorCode(await api1.gql(LOGIN, { u: 'so.thanhtra', p: 'sai-mat-khau' }))).toBe('RATE_LIMITED');
    // …which API 2 enforces too, even with the right password, in Vietnamese.
    const refused = await api2.gql(LOGIN, { u: 'so.thanhtra', p: DEMO_PASSWORD });
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors![0].message).toMatch(/Tài khoản tạm thời bị khoá/);
  });

  it('nothing needs a session through PgBouncer: the outbox relay LISTENs on a direct connection, jobs still run', async () => {
    const [api1] = apis;
    // The application's traffic to the primary did go through PgBouncer, pooled per transaction, for the app role
    // (requests) and the jobs role (login limits, the relay's passes, the jobs).
    const admin0 = new Client({ connectionString: bouncer!.url('pgbouncer', 'postgres') });
    await admin0.connect();
    try {
      const pools = (await admin0.query('SHOW POOLS')).rows.filter((r) => r.database === DB);
      expect(pools.filter((r) => r.user === 'gdtx_app' || r.user === 'gdtx_jobs').map((r) => r.pool_mode)).toEqual(['transaction', 'transaction']);
      const [stats] = (await admin0.query('SHOW STATS')).rows.filter((r) => r.database === DB);
      expect(Number(stats.total_xact_count)).toBeGreaterThan(50);
    } finally {
      await admin0.end();
    }
    const { rows } = await primaryOwner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'gdtx-outbox-listen' AND query LIKE 'LISTEN%'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    // A job requested through the API (outbox row written through PgBouncer, relayed, run) completes.
    const admin = await api1.login('admin');
    const r = ok(await api1.gql<{ requestSystemPing: { jobId: string } }>('mutation { requestSystemPing { jobId } }', {}, admin));
    expect(r.requestSystemPing.jobId).toBeTruthy();
    await waitUntil(async () => {
      const total = await Promise.all(apis.map(async (a) => sample(await a.metrics(), 'gdtx_job_duration_seconds_count', { queue: 'system', name: 'system.ping', outcome: 'completed' })));
      return total.reduce((a, b) => a + b, 0) >= 1;
    }, 20_000, 'the ping job completed in one of the processes', 100);
  });
});
