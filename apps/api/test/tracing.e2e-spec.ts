// Issue 14 item 3: one trace across processes. acceptSubmission in the API process (its HTTP span, named after
// the operation) → the outbox row (its traceparent) → the relay → the fact refresh job in a separate apps/worker
// process, whose span is a child in the same trace. Real PostgreSQL, Redis, BullMQ; spans written as JSON lines.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { SpanLine } from '@gdtx/platform';
import { bootApi, TestApi } from './harness';

const root = join(__dirname, '../../..');
const tag = randomBytes(4).toString('hex');
const API_SPANS = join(tmpdir(), `gdtx-spans-api-${tag}.jsonl`);
const WORKER_SPANS = join(tmpdir(), `gdtx-spans-worker-${tag}.jsonl`);
const spansOf = (file: string): SpanLine[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SpanLine) : []);

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await check();
    if (v !== undefined && v !== null && v !== false) return v as T;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('one trace from acceptSubmission in the API to the fact refresh in a worker process (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let worker: ChildProcess | null = null;
  const prefix = `gdtx-e2e-trace-${tag}`;
  const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';

  beforeAll(async () => {
    // The API runs no workers: every job goes to the worker process.
    api = await bootApi({ REDIS_URL: redisUrl, RUN_WORKERS_IN_PROCESS: 'false', QUEUE_PREFIX: prefix, OTEL_SPANS_FILE: API_SPANS, OUTBOX_POLL_MS: '50' });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    worker = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/worker/src/main.ts'], {
      cwd: root, stdio: 'ignore',
      env: { ...process.env, DATABASE_URL: api.db.ownerUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, NODE_ENV: 'test', LOG_LEVEL: 'silent', METRICS_PORT: '0', OTEL_SPANS_FILE: WORKER_SPANS, OUTBOX_POLL_MS: '50' },
    });
  }, 120_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGTERM');
    await owner?.end();
    await api?.close();
    delete process.env['OTEL_SPANS_FILE'];
    for (const f of [API_SPANS, WORKER_SPANS]) rmSync(f, { force: true });
  });

  it('the worker span of the fact refresh is a child in the trace of the acceptSubmission request', async () => {
    const [sub] = (await owner.query(
      `SELECT s.id, s.version FROM submission s JOIN centre c ON c.id = s.centre_id
       WHERE c.code = 'TH-GDTX' AND s.template_code = 'GDTX_SCHOOL_YEAR' AND s.status = 'SUBMITTED' LIMIT 1`,
    )).rows as { id: string; version: number }[];
    expect(sub).toBeDefined();
    const factsBefore = Number((await owner.query(`SELECT count(*) FROM fact_value WHERE submission_id = $1`, [sub.id])).rows[0].count);
    expect(factsBefore).toBe(0);
    const specialist = await api.login('so.chuyenvien');
    const accepted = await api.gql(`mutation($id: ID!, $v: Int!) { acceptSubmission(id: $id, expectedVersion: $v) { status } }`, { id: sub.id, v: sub.version }, specialist);
    expect(accepted.errors).toBeUndefined();

    // The API's span of the request, named after its operation; the outbox row keeps its traceparent.
    const request = await waitFor(() => spansOf(API_SPANS).find((s) => s.name === 'graphql acceptSubmission'), 10_000, 'the API span');
    expect(request).toMatchObject({ service: 'gdtx-api', kind: 'SERVER', pid: process.pid });
    const [row] = (await owner.query(`SELECT trace_parent FROM outbox WHERE topic = 'submission.accepted' AND payload->>'submissionId' = $1`, [sub.id])).rows;
    expect(row.trace_parent).toBe(`00-${request.traceId}-${request.spanId}-01`);

    // The worker process's fact refresh: a CONSUMER span in the same trace, child of the request's span.
    const refresh = await waitFor(
      () => spansOf(WORKER_SPANS).find((s) => s.traceId === request.traceId && /^job submission\.accepted>analytics/.test(s.name)),
      120_000, 'the worker span of the fact refresh',
    );
    expect(refresh).toMatchObject({ service: 'gdtx-worker', kind: 'CONSUMER', parentSpanId: request.spanId, status: 'UNSET' });
    expect(refresh.pid).not.toBe(process.pid);
    expect(refresh.pid).toBe(worker!.pid);
    // And the refresh did its work: the facts of the accepted report exist.
    expect(Number((await owner.query(`SELECT count(*) FROM fact_value WHERE submission_id = $1`, [sub.id])).rows[0].count)).toBeGreaterThan(0);
  }, 180_000);
});
