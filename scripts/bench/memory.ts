// The API's memory before and after load (issue 13, Build 8) — a measurement, not part of `npm test`:
//   node --expose-gc -r ./scripts/register.js scripts/bench/memory.ts
// Boots the API on a database cloned from the test template (createTestDatabase), records RSS / heapUsed /
// external after a forced GC, drives MEMORY_LOAD_SECONDS (30) of GraphQL load from MEMORY_CLIENTS (8) concurrent
// clients (provinceOverview, centres, indicatorValues, dueReports, logins), waits, forces GC and records again;
// then a second load phase of the same length, to tell a plateau (caches filled once) from a leak (grows per phase).
// With MEMORY_SNAPSHOTS=1 it writes heap snapshots (v8.writeHeapSnapshot) before the first phase and after the
// last, and prints the constructors that grew most (count and self size), parsed from the snapshots' JSON.
// Prints one JSON line `MEMORY_RESULT {...}` (MB); run it 3 times for medians (docs/reliability.md).
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { Client } from 'pg';
import { createTestDatabase } from '@gdtx/platform/testing';

const LOAD_SECONDS = Number(process.env['MEMORY_LOAD_SECONDS'] ?? 30);
const CLIENTS = Number(process.env['MEMORY_CLIENTS'] ?? 8);
const PHASES = Number(process.env['MEMORY_PHASES'] ?? 2);
const SNAPSHOTS = process.env['MEMORY_SNAPSHOTS'] === '1';
const log = (m: string) => console.log(`[memory ${new Date().toISOString().slice(11, 19)}] ${m}`);
const MB = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc');
  process.exit(2);
}

async function settle(): Promise<{ rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }> {
  await new Promise((r) => setTimeout(r, 3000)); // in-flight responses, timers, the relay's tick
  for (let i = 0; i < 3; i++) {
    gc!();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return { rss: MB(m.rss), heapUsed: MB(m.heapUsed), heapTotal: MB(m.heapTotal), external: MB(m.external), arrayBuffers: MB(m.arrayBuffers) };
}

/** Node counts and self sizes per `type:constructor` in a .heapsnapshot file. */
function summarise(file: string): Map<string, { count: number; size: number }> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const fType = fields.indexOf('type');
  const fName = fields.indexOf('name');
  const fSize = fields.indexOf('self_size');
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + fType]];
    const named = type === 'object' || type === 'closure' || type === 'native' || type === 'hidden';
    const key = named ? `${type}:${snap.strings[snap.nodes[i + fName]].slice(0, 80)}` : type;
    const e = out.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += snap.nodes[i + fSize];
    out.set(key, e);
  }
  return out;
}

async function main(): Promise<void> {
  const db = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.ownerUrl,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info', // the logs a deployment writes (pino to a file, not the terminal)
    NODE_ENV: 'production',
    // The local PostgreSQL trusts loopback: the development passwords of the template's roles.
    APP_DB_PASSWORD: process.env['APP_DB_PASSWORD'] ?? 'gdtx_app_dev_password',
    JOBS_DB_PASSWORD: process.env['JOBS_DB_PASSWORD'] ?? process.env['APP_DB_PASSWORD'] ?? 'gdtx_app_dev_password',
    LOGIN_RATE_LIMIT: '1000000',
    JWT_SECRET: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `gdtx-mem-${Date.now()}`,
    RUN_WORKERS_IN_PROCESS: process.env['RUN_WORKERS_IN_PROCESS'] ?? 'true',
  });
  process.env['REDIS_URL'] ??= 'redis://127.0.0.1:6379';
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const centreId = (await owner.query(`SELECT id FROM centre WHERE code = 'TH-NN-004'`)).rows[0].id as string;
  const unitIds = (await owner.query(`SELECT id FROM administrative_unit WHERE level IN ('COMMUNE','WARD') AND valid_to IS NULL
    AND province_id = (SELECT province_id FROM centre WHERE code = 'TH-NN-004') ORDER BY code LIMIT 40`)).rows.map((r) => r.id as string);
  await owner.end();

  const { createApi } = await import('../../apps/api/src/bootstrap');
  const app = await createApi();
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  let errors = 0;
  let requests = 0;
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    requests++;
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (body.errors) {
      if (errors++ < 3) log(`error: ${JSON.stringify(body.errors).slice(0, 300)}`);
    }
    return body.data ?? {};
  };
  const LOGIN = `mutation($u:String!){login(input:{username:$u,password:"Demo@2026"}){accessToken}}`;
  const login = async (u: string) => (await gql(LOGIN, { u })).login?.accessToken as string;
  const users = ['so.chuyenvien', 'so.lanhdao', 'so.quantri', 'phong.thoxuan', 'gd.hoasen'];
  const tokens = new Map<string, string>();
  for (const u of users) tokens.set(u, await login(u));

  const OVERVIEW = `query($p:String!){provinceOverview(periodCode:$p){centreCount computedAt centresByType{key count} indicators{current{code value computedAt} previous{value} change} submissionsByStatus{key count} reportingRates{templateCode}}}`;
  const CENTRES = `query($f:CentreFilter,$n:Int,$a:String){centres(first:$n,after:$a,filter:$f){totalCount nodes{id code name type status licenceStatus adminUnit{name}} pageInfo{endCursor hasNextPage}}}`;
  const DRILL = `query($q:IndicatorQuery!){indicatorValues(query:$q){code value numerator denominator unitName periodCode computedAt}}`;
  const DUE = `query($c:ID!){dueReports(centreId:$c){centreId dueDate daysLeft calendarStatus}}`;
  const periods = ['2024-2025', '2023-2024', '2025-2026'];
  const pick = <T>(a: T[]) => a[Math.floor(Math.random() * a.length)];
  const ops: [number, () => Promise<unknown>][] = [
    [3, () => gql(OVERVIEW, { p: pick(periods) }, tokens.get(pick(['so.chuyenvien', 'so.lanhdao', 'so.quantri'])))],
    [3, () => gql(CENTRES, { n: 20, f: pick([{}, { search: pick(['trung tâm', 'hoa', 'ngoại ngữ', randomBytes(3).toString('hex')]) }, { type: 'LANGUAGE' }, { unitId: pick(unitIds) }]) }, tokens.get(pick(['so.chuyenvien', 'phong.thoxuan'])))],
    [3, () => gql(DRILL, { q: { codes: pick([['PASS_RATE'], ['PASS_RATE', 'EXAM_CANDIDATES'], ['CERTIFICATES_ISSUED']]), periodCode: pick(periods), groupBy: pick([['UNIT_LEVEL'], ['PERIOD'], ['UNIT_LEVEL', 'PERIOD']]), ...(Math.random() < 0.3 ? { unitId: pick(unitIds) } : {}) } }, tokens.get(pick(['so.chuyenvien', 'phong.thoxuan'])))],
    [2, () => gql(DUE, { c: centreId }, tokens.get('gd.hoasen'))],
    [Number(process.env['MEMORY_LOGIN_WEIGHT'] ?? 1), () => gql(LOGIN, { u: pick(users) })], // argon2id per call
  ];
  const weighted = ops.flatMap(([w, f]) => Array.from({ length: w }, () => f));

  const load = async () => {
    const until = Date.now() + LOAD_SECONDS * 1000;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) await pick(weighted)();
    }));
  };

  const result: Record<string, unknown> = { loadSeconds: LOAD_SECONDS, clients: CLIENTS, node: process.version, mallocArenaMax: process.env['MALLOC_ARENA_MAX'] ?? null, loginWeight: Number(process.env['MEMORY_LOGIN_WEIGHT'] ?? 1) };
  result['before'] = await settle();
  log(`before ${JSON.stringify(result['before'])}`);
  const snapBefore = SNAPSHOTS ? v8.writeHeapSnapshot(join(tmpdir(), `gdtx-mem-before-${process.pid}.heapsnapshot`)) : null;
  for (let phase = 1; phase <= PHASES; phase++) {
    const r0 = requests;
    await load();
    const after = await settle();
    result[`afterPhase${phase}`] = { ...after, requests: requests - r0 };
    log(`after phase ${phase} (${requests - r0} requests, ${errors} errors so far) ${JSON.stringify(after)}`);
  }
  result['errors'] = errors;
  if (snapBefore) {
    const snapAfter = v8.writeHeapSnapshot(join(tmpdir(), `gdtx-mem-after-${process.pid}.heapsnapshot`));
    await app.close();
    await db.drop();
    const a = summarise(snapBefore);
    const b = summarise(snapAfter);
    unlinkSync(snapBefore);
    unlinkSync(snapAfter);
    const rows = [...b.entries()].map(([k, v]) => ({ k, dCount: v.count - (a.get(k)?.count ?? 0), dSize: v.size - (a.get(k)?.size ?? 0), size: v.size }));
    rows.sort((x, y) => y.dSize - x.dSize);
    console.log('\ngrowth by self size (before → after), top 30:');
    for (const r of rows.slice(0, 30)) console.log(`${(r.dSize / 1024).toFixed(0).padStart(8)} KB ${String(r.dCount).padStart(8)} nodes  ${r.k}`);
    const total = (m: Map<string, { size: number }>) => [...m.values()].reduce((s, v) => s + v.size, 0);
    console.log(`snapshot totals: ${MB(total(a))} MB → ${MB(total(b))} MB`);
  } else {
    await app.close();
    await db.drop();
  }
  console.log(`MEMORY_RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
