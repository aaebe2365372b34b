// Freshness through a streaming replica (issue 14: "freshness p95 ≤ 1 s measured through the replica"), the last
// step of the growth bench. The production read path on this machine: a private PostgreSQL primary and a streaming
// hot standby (the replica test's kit: their own initdb clusters, since the machine's service refuses replication),
// the demo province migrated and seeded on the primary, two compiled API processes reading dashboards from the
// replica (DATABASE_REPLICA_URL) and one worker. A Sở specialist accepts a submitted report through API 1; the time
// until a Sở leader (another user: no read-your-writes detour to the primary) sees the province's indicators change
// through API 2 — the event, the worker's fact and rollup refresh on the primary, WAL shipping, the replica's replay
// and the API's read from it.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PgCluster } from '../../apps/api/test/replica/pg-cluster-kit';
import { prepareDatabase } from '../db-setup';
import { demoLogin, freePort, graphqlClient, startCompiled, stats, stopProcess, waitReady, type Stats } from './kit';

const DB = 'gdtx_bench_replica';
const INDICATORS = `query BenchFreshIndicators($q: IndicatorQuery!) { indicatorValues(query: $q) { code numerator denominator coverage { reporting } } }`;

export interface ReplicaFreshness {
  freshness: Stats;
  /** The replica's replay lag (primary's WAL position − the replica's replayed one) at the end, in bytes. */
  lagBytesAtEnd: number;
  samples: number;
  /** Accepted reports after which no indicator changed within 10 s (they hold no indicator's parts). */
  unchanged: number;
}

export async function measureReplicaFreshness(log: (m: string) => void, samples = 20): Promise<ReplicaFreshness> {
  const primary = await PgCluster.primary(await freePort());
  let replica: PgCluster | null = null;
  const children: ChildProcess[] = [];
  try {
    log('replica: private primary, migrations and the demo seed');
    await prepareDatabase(primary.url(DB), { seed: true });
    replica = await PgCluster.replicaOf(primary, await freePort());
    const env = {
      DATABASE_URL: primary.url(DB), DATABASE_REPLICA_URL: replica.url(DB), NODE_ENV: 'production', LOG_LEVEL: 'warn',
      JWT_SECRET: process.env['JWT_SECRET'] || randomBytes(32).toString('hex'),
      APP_DB_PASSWORD: process.env['APP_DB_PASSWORD'] ?? 'gdtx_app_dev_password', JOBS_DB_PASSWORD: process.env['JOBS_DB_PASSWORD'] ?? 'gdtx_app_dev_password',
      QUEUE_DB_PASSWORD: process.env['QUEUE_DB_PASSWORD'] ?? 'gdtx_app_dev_password',
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: `gdtx-bench-replica-${Date.now()}`, LOGIN_RATE_LIMIT: '100000',
      RUN_WORKERS_IN_PROCESS: 'false', MALLOC_ARENA_MAX: '2',
    };
    const ports = [await freePort(), await freePort()];
    const apis = ports.map((port) => startCompiled('dist/apps/api/src/main.js', { ...env, PORT: String(port) }));
    children.push(...apis, startCompiled('dist/apps/worker/src/main.js', { ...env, METRICS_PORT: String(await freePort()) }));
    await Promise.all(apis.map((a, i) => waitReady(ports[i], a)));
    const [writer, reader] = ports.map((p) => graphqlClient(`http://127.0.0.1:${p}/graphql`));
    const specialist = await demoLogin(writer, 'so.chuyenvien');
    const leader = await demoLogin(reader, 'so.lanhdao');
    const codes = ((await reader(`{ indicatorDefinitions { code } }`, leader)).indicatorDefinitions as { code: string }[]).map((d) => d.code);
    const owner = new Client({ connectionString: primary.url(DB) });
    await owner.connect();
    await owner.query(`SELECT set_config('app.scope', 'system', false)`);
    const pending = (await owner.query(
      // The specialist's own province (the demo's other provinces' reports are not theirs to accept).
      `SELECT s.id, s.version, s.period_code FROM submission s JOIN administrative_unit p ON p.id = s.province_id AND p.level = 'PROVINCE' AND p.code = 'TH'
        WHERE s.status = 'SUBMITTED' ORDER BY s.period_code DESC, s.id LIMIT $1`, [samples],
    )).rows as { id: string; version: number; period_code: string }[];
    const fresh: number[] = [];
    let unchanged = 0;
    for (const p of pending) {
      const q = { codes, periodCode: p.period_code };
      const before = JSON.stringify((await reader(INDICATORS, leader, { q })).indicatorValues);
      const accepted = await writer(`mutation BenchAccept($id:ID!,$v:Int!){acceptSubmission(id:$id,expectedVersion:$v){status}}`, specialist, { id: p.id, v: p.version })
        .catch((e: Error) => (log(`replica: accept of ${p.id} refused (${e.message.slice(0, 160)}); skipped`), null));
      if (!accepted) continue;
      const t0 = Date.now();
      let seen = false;
      while (Date.now() - t0 < 10_000) {
        // Visible: the province's indicators of that period differ (the report now counts in their coverage).
        if (JSON.stringify((await reader(INDICATORS, leader, { q })).indicatorValues) !== before) { seen = true; break; }
        await new Promise((r) => setTimeout(r, 10));
      }
      // A report that holds no part of any indicator changes nothing to see: not a sample (counted, not hidden).
      if (seen) fresh.push(Date.now() - t0);
      else unchanged++;
    }
    const [{ lsn }] = (await owner.query(`SELECT pg_current_wal_lsn()::text AS lsn`)).rows;
    await owner.end();
    const rc = new Client({ connectionString: replica.url(DB) });
    await rc.connect();
    const [{ lag }] = (await rc.query(`SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::bigint AS lag`, [lsn])).rows;
    await rc.end();
    if (!fresh.length) throw new Error('replica freshness: no submitted report of the demo could be accepted');
    return { freshness: stats(fresh), lagBytesAtEnd: Math.max(0, Number(lag)), samples: fresh.length, unchanged };
  } finally {
    await Promise.all(children.map(stopProcess));
    await replica?.destroy();
    await primary.destroy();
  }
}
