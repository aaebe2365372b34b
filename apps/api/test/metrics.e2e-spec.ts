import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { bootApi, TestApi } from './harness';
import { freePort, waitUntil } from './faults/fault-kit';

// Issue 14, slice B: Prometheus metrics (prom-client) at /metrics on the API, and on the worker's own port.
// Who may read them: the METRICS_TOKEN bearer, or (without a token) a direct loopback connection only.
const root = join(__dirname, '../../..');
const TOKEN = randomBytes(24).toString('hex');

/** The value of one sample line `name{labels} value`, with every label given matching; undefined if absent. */
function sample(body: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const inside = line.slice(name.length).match(/^\{(.*)\}/)?.[1] ?? '';
    const have = Object.fromEntries([...inside.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('metrics (e2e)', () => {
  let api: TestApi;
  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => {
    const res = await fetch(`${api.url}/metrics`, { headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };

  beforeAll(async () => {
    api = await bootApi({ METRICS_TOKEN: TOKEN, RUN_WORKERS_IN_PROCESS: 'true' });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('refuses /metrics without the bearer, or with a wrong one, in the error envelope in Vietnamese', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN.slice(1)}x` }, { authorization: 'Bearer ' + 'y'.repeat(TOKEN.length) }] as Record<string, string>[]) {
      const r = await scrape(headers);
      expect(r.status).toBe(401);
      const body = JSON.parse(r.body);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toMatch(/số liệu vận hành/);
    }
    // A user's API token is not the metrics token.
    const user = await api.login('admin');
    expect((await scrape({ authorization: `Bearer ${user}` })).status).toBe(401);
  });

  it('after a few GraphQL calls the operation histogram has them, by name, type and outcome', async () => {
    const token = await api.login('so.chuyenvien');
    for (let i = 0; i < 3; i++) expect((await api.gql('query MetricsProbe { me { id } }', undefined, token)).errors).toBeUndefined();
    await api.gql('{ me { id } }', undefined, token);
    await api.gql('query MetricsRefused { me { id } }'); // no token: UNAUTHENTICATED
    const r = await scrape();
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/plain/);
    expect(sample(r.body, 'gdtx_graphql_request_duration_seconds_count', { operation: 'MetricsProbe', type: 'query', outcome: 'ok' })).toBe(3);
    expect(sample(r.body, 'gdtx_graphql_request_duration_seconds_count', { operation: '~me', type: 'query', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(r.body, 'gdtx_graphql_request_duration_seconds_count', { operation: 'MetricsRefused', outcome: 'error' })).toBe(1);
    expect(sample(r.body, 'gdtx_graphql_request_duration_seconds_bucket', { operation: 'MetricsProbe', le: '+Inf' })).toBe(3);
    // REST by matched route, and the process itself.
    await fetch(`${api.url}/health/live`);
    const again = await scrape();
    expect(sample(again.body, 'gdtx_http_request_duration_seconds_count', { route: '/health/live', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(again.body, 'gdtx_process_resident_memory_bytes', {})).toBeGreaterThan(0);
    expect(sample(again.body, 'gdtx_db_pool_connections', { pool: 'app', state: 'total' })).toBeGreaterThan(0);
    expect(sample(again.body, 'gdtx_db_pool_max', { pool: 'app' })).toBe(10);
  });

  it('client-chosen operation names cannot grow the labels without bound', async () => {
    await api.gql('query Bad_Name_' + 'x'.repeat(80) + ' { __typename }');
    const r = await scrape();
    expect(r.body).not.toMatch(/Bad_Name_x/);
    expect(sample(r.body, 'gdtx_graphql_request_duration_seconds_count', { operation: 'other' })).toBeGreaterThanOrEqual(1);
  });

  it('a job run shows in the job metrics; queue depth and outbox lag are there', async () => {
    const admin = await api.login('admin');
    const before = sample((await scrape()).body, 'gdtx_job_duration_seconds_count', { queue: 'system', name: 'system.ping', outcome: 'completed' }) ?? 0;
    const r = await api.gql<{ requestSystemPing: { jobId: string } }>('mutation { requestSystemPing { jobId } }', {}, admin);
    expect(r.errors).toBeUndefined();
    const body = await waitUntil(async () => {
      const s = await scrape();
      return (sample(s.body, 'gdtx_job_duration_seconds_count', { queue: 'system', name: 'system.ping', outcome: 'completed' }) ?? 0) > before && s.body;
    }, 15_000, 'the ping in the job metrics', 50);
    expect(sample(body, 'gdtx_queue_backend_up', {})).toBe(1);
    expect(sample(body, 'gdtx_queue_jobs', { queue: 'system', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(sample(body, 'gdtx_outbox_oldest_unsent_age_seconds', {})).toBeGreaterThanOrEqual(0);
    expect(sample(body, 'gdtx_outbox_unsent', {})).toBeGreaterThanOrEqual(0);
  });

  it('labels carry no tenant: no province id or name in the metrics', async () => {
    const body = (await scrape()).body;
    const { Client } = await import('pg');
    const owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query(`SELECT id::text, name FROM administrative_unit WHERE level = 'PROVINCE'`);
    await owner.end();
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) {
      expect(body).not.toContain(r.id);
      expect(body).not.toContain(r.name);
    }
  });
});

describe('metrics without METRICS_TOKEN: loopback only (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi({ METRICS_TOKEN: '', RUN_WORKERS_IN_PROCESS: 'false' });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('answers a direct loopback connection, refuses one a proxy forwarded', async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(200);
    const proxied = await fetch(`${api.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.status).toBe(403);
    expect((await proxied.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('an outbox row left unsent shows as lag', async () => {
    const { Client } = await import('pg');
    const owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    try {
      // No relay runs in this API (RUN_WORKERS_IN_PROCESS=false): a row backdated by a minute, as if the relay were stuck.
      const { rows: [p] } = await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH'`);
      await owner.query(
        `INSERT INTO outbox (province_id, topic, payload, dedupe_key, created_at, sent_at) VALUES ($1, 'metrics.test', '{}', $2, clock_timestamp() - interval '60 seconds', NULL)`,
        [p.id, `metrics-lag-${Date.now()}`],
      );
      const age = sample(await (await fetch(`${api.url}/metrics`)).text(), 'gdtx_outbox_oldest_unsent_age_seconds', {});
      expect(age).toBeGreaterThanOrEqual(59);
      await owner.query(`DELETE FROM outbox WHERE topic = 'metrics.test'`);
    } finally {
      await owner.end();
    }
  });
});

describe('the worker process exposes its own /metrics (e2e)', () => {
  let api: TestApi;
  let worker: ChildProcess | null = null;
  const port = freePort(24000);

  beforeAll(async () => {
    api = await bootApi({ METRICS_TOKEN: TOKEN, RUN_WORKERS_IN_PROCESS: 'false', QUEUE_PREFIX: `gdtx-metrics-${randomBytes(4).toString('hex')}` });
    worker = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/worker/src/main.ts'], {
      cwd: root, stdio: 'ignore',
      env: { ...process.env, METRICS_PORT: String(port), METRICS_TOKEN: TOKEN, RUN_WORKERS_IN_PROCESS: 'true' },
    });
  }, 60_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await api?.close();
  });

  it("runs the API's job and counts it in the worker's metrics, behind the same token", async () => {
    const url = `http://127.0.0.1:${port}/metrics`;
    await waitUntil(async () => (await fetch(url).catch(() => null))?.status === 401, 60_000, 'worker metrics up', 250);
    const admin = await api.login('admin');
    const r = await api.gql<{ requestSystemPing: { jobId: string } }>('mutation { requestSystemPing { jobId } }', {}, admin);
    expect(r.errors).toBeUndefined();
    const body = await waitUntil(async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      const text = await res.text();
      return (sample(text, 'gdtx_job_duration_seconds_count', { queue: 'system', name: 'system.ping', outcome: 'completed' }) ?? 0) >= 1 && text;
    }, 30_000, "the ping in the worker's metrics", 100);
    expect(sample(body, 'gdtx_queue_backend_up', {})).toBe(1);
    // The API process ran no job itself.
    const apiBody = await (await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(sample(apiBody, 'gdtx_job_duration_seconds_count', { name: 'system.ping' })).toBeUndefined();
  }, 90_000);
});
