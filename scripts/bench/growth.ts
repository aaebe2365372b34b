// The benchmark of growth (issue 14 item 4), the second half of `npm run bench` (scripts/bench.js runs run.ts first,
// which generates the demo province's 2,000 centres × 10 school years in the database gdtx_bench and keeps it).
// For each scale of BENCH_SCALES (default 1,4,16 provinces) it adds generated provinces of the same size (2,000
// centres × 10 school years each: scripts/bench/generate.ts) until there are that many, rebuilds each new
// province's facts through the product (FactService.rebuild, the nightly job's path, timed), and then measures on
// the demo province, with the production topology on this machine: TWO compiled API processes (one per core) and
// one worker process (node dist/…, NODE_ENV=production, the runtime images' malloc settings):
//   - data size (database, fact rows, rollup rows), generation and rebuild time per province;
//   - serial p50/p95 of `{me{id}}` (the floor), the overview and the drill-down, interleaved;
//   - 20 concurrent clients on the overview for BENCH_LOAD_SECONDS, spread over the two APIs: requests/s, p50/p95;
//   - API memory (RSS from /proc) idle, at the peak of that load, and 15 s after it;
//   - freshness: acceptSubmission through API 1 → the change visible through API 2 (the worker refreshes the facts);
//   - /metrics of API 1 holds the operation histograms of what was measured.
// It stops adding provinces when the next step would not finish inside BENCH_BUDGET_MINUTES (default 24, so that
// with run.ts the whole bench stays inside 30 minutes), and says where it stopped. Results: docs/performance.md
// (section "Growth"), docs/performance-growth.json and the chart docs/performance-growth.svg.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { print, type DocumentNode } from 'graphql';
import { Client } from 'pg';
import { PROVINCE_LANDING } from '../../apps/web/src/gql/landing';
import { createSyntheticProvince, generateProvince } from './generate';
import { measureReplicaFreshness, type ReplicaFreshness } from './replica-freshness';
import { demoLogin, freePort, graphqlClient, interleaved, pct, round2, rssMB, startCompiled, stats, stopProcess, timed, waitReady, type Stats } from './kit';

const ADMIN_URL = process.env['BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env['BENCH_DB'] ?? 'gdtx_bench';
const CENTRES = Number(process.env['BENCH_CENTRES'] ?? 2000);
const YEARS = Number(process.env['BENCH_YEARS'] ?? 10);
const FIRST_YEAR = 2025 - YEARS + 1;
const SCALES = (process.env['BENCH_SCALES'] ?? '1,4,16').split(',').map(Number).filter((n) => n >= 1).sort((a, b) => a - b);
const BUDGET_MS = Number(process.env['BENCH_BUDGET_MINUTES'] ?? 24) * 60_000;
const ROUNDS = Number(process.env['BENCH_REQUESTS'] ?? 200);
const CLIENTS = Number(process.env['BENCH_CONCURRENCY'] ?? 20);
const LOAD_SECONDS = Number(process.env['BENCH_LOAD_SECONDS'] ?? 15);
const COMMUNES_PER_PROVINCE = 150;
const root = join(__dirname, '../..');
const started = Date.now();
const log = (m: string) => console.log(`[growth ${new Date().toISOString().slice(11, 19)}] ${m}`);

function dbUrl(): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
}

// The documents measured, named so that /metrics shows them by operation.
const OVERVIEW = `query BenchOverview($p:String!){provinceOverview(periodCode:$p){centreCount computedAt indicators{current{code value computedAt coverage{reporting expected}} previous{value} change} submissionsByStatus{key count}}}`;
const DRILL = `query BenchDrill($q:IndicatorQuery!){indicatorValues(query:$q){code value numerator denominator unitName periodCode computedAt}}`;
const ME_ID = `query BenchMe{me{id}}`;
// The Sở landing page's own document, exactly as the web sends it (issue 15: at most two requests, Me and this one).
const LANDING = print(PROVINCE_LANDING as unknown as DocumentNode);
const drillQuery = { codes: ['PASS_RATE', 'EXAM_CANDIDATES'], periodFrom: `${FIRST_YEAR}-${FIRST_YEAR + 1}`, periodTo: '2025-2026', groupBy: ['UNIT_LEVEL', 'PERIOD'] };

interface Step {
  provinces: number;
  databaseMB: number;
  factRows: number;
  rollupRows: number | null;
  submissions: number;
  /** Seconds to generate and to rebuild each province added in this step. */
  added: { generateSeconds: number; rebuildSeconds: number; rows: number }[];
  serial: { me: Stats; overview: Stats; drill: Stats; landing: Stats };
  load: { clients: number; seconds: number; requests: number; perSecond: number; p50: number; p95: number; failures: number };
  memoryMB: { idle: number; peak: number; after: number };
  freshness: Stats;
  metricsHaveOperations: boolean;
}

async function measure(provinces: number, added: Step['added'], demoProvinceId: string): Promise<Step> {
  const owner = new Client({ connectionString: dbUrl() });
  await owner.connect();
  const size = async () => {
    const q = async (sql: string) => (await owner.query(sql)).rows[0];
    const databaseMB = Math.round(Number((await q(`SELECT pg_database_size(current_database()) AS b`)).b) / 2 ** 20);
    const factRows = Number((await q(`SELECT count(*)::bigint AS n FROM fact_value`)).n);
    const hasRollup = (await q(`SELECT to_regclass('indicator_rollup') IS NOT NULL AS ok`)).ok as boolean;
    const rollupRows = hasRollup ? Number((await q(`SELECT count(*)::bigint AS n FROM indicator_rollup`)).n) : null;
    const submissions = Number((await q(`SELECT count(*)::bigint AS n FROM submission`)).n);
    return { databaseMB, factRows, rollupRows, submissions };
  };
  const data = await size();
  const metricsToken = randomBytes(16).toString('hex');
  const env = {
    DATABASE_URL: dbUrl(), NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: process.env['JWT_SECRET']!,
    APP_DB_PASSWORD: process.env['APP_DB_PASSWORD'] ?? 'gdtx_app_dev_password', JOBS_DB_PASSWORD: process.env['JOBS_DB_PASSWORD'] ?? 'gdtx_app_dev_password',
    QUEUE_DB_PASSWORD: process.env['QUEUE_DB_PASSWORD'] ?? 'gdtx_app_dev_password',
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', QUEUE_PREFIX: `gdtx-growth-${Date.now()}`, LOGIN_RATE_LIMIT: '100000',
    METRICS_TOKEN: metricsToken, MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576', RUN_WORKERS_IN_PROCESS: 'false',
  };
  const ports = [await freePort(), await freePort()];
  const apis = ports.map((port) => startCompiled('dist/apps/api/src/main.js', { ...env, PORT: String(port) }));
  const worker = startCompiled('dist/apps/worker/src/main.js', { ...env, METRICS_PORT: String(await freePort()) });
  try {
    await Promise.all(apis.map((a, i) => waitReady(ports[i], a)));
    const gqls = ports.map((p) => graphqlClient(`http://127.0.0.1:${p}/graphql`));
    const token = await demoLogin(gqls[0], 'so.chuyenvien');
    const kinds = {
      me: () => gqls[0](ME_ID, token),
      overview: () => gqls[0](OVERVIEW, token, { p: '2024-2025' }),
      drill: () => gqls[0](DRILL, token, { q: drillQuery }),
      landing: () => gqls[0](LANDING, token),
    };
    // Warm both APIs (plans, the session cache, the definitions), then idle memory.
    for (let i = 0; i < 20; i++) for (const g of gqls) await g(OVERVIEW, token, { p: '2024-2025' });
    await new Promise((r) => setTimeout(r, 5000));
    const idle = Math.max(...apis.map((a) => rssMB(a.pid!)));
    log(`${provinces} province(s): serial requests`);
    const t = await interleaved(kinds, ROUNDS, 5);
    const serial = { me: stats(t['me']), overview: stats(t['overview']), drill: stats(t['drill']), landing: stats(t['landing']) };
    log(`serial ${JSON.stringify(serial)}`);

    // 20 concurrent clients on the overview, alternating between the two APIs; RSS sampled every 250 ms.
    let peak = idle;
    const sampler = setInterval(() => { for (const a of apis) peak = Math.max(peak, rssMB(a.pid!)); }, 250);
    const lat: number[] = [];
    let failures = 0;
    const until = Date.now() + LOAD_SECONDS * 1000;
    const l0 = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
      const g = gqls[i % gqls.length];
      while (Date.now() < until) {
        try {
          lat.push(await timed(() => g(OVERVIEW, token, { p: '2024-2025' })));
        } catch {
          failures++;
        }
      }
    }));
    const loadSeconds = (Date.now() - l0) / 1000;
    clearInterval(sampler);
    const load = { clients: CLIENTS, seconds: round2(loadSeconds), requests: lat.length, perSecond: Math.round(lat.length / loadSeconds), p50: round2(pct(lat, 50)), p95: round2(pct(lat, 95)), failures };
    log(`load ${JSON.stringify(load)}`);
    await new Promise((r) => setTimeout(r, 15_000));
    const after = Math.max(...apis.map((a) => rssMB(a.pid!)));

    // Freshness: accept through API 1, poll through API 2 until the indicator counts the report.
    const pending = (await owner.query(
      `SELECT s.id, s.version, s.period_code, ("values"->>'certificates_issued')::int AS v FROM submission s
        WHERE s.province_id = $1 AND s.status = 'SUBMITTED' AND s.template_code = 'LANGUAGE_IT_QUARTERLY'
          AND ("values"->>'certificates_issued')::int > 0 ORDER BY s.period_code DESC, s.id LIMIT 20`,
      [demoProvinceId],
    )).rows as { id: string; version: number; period_code: string; v: number }[];
    const fresh: number[] = [];
    for (const p of pending) {
      const q = { codes: ['CERTIFICATES_ISSUED'], periodCode: p.period_code };
      const before = (await gqls[1](DRILL, token, { q })).indicatorValues[0]?.numerator ?? 0;
      await gqls[0](`mutation BenchAccept($id:ID!,$v:Int!){acceptSubmission(id:$id,expectedVersion:$v){status}}`, token, { id: p.id, v: p.version });
      const t0 = Date.now();
      for (;;) {
        const now = (await gqls[1](DRILL, token, { q })).indicatorValues[0]?.numerator ?? 0;
        if (now === before + p.v) break;
        if (Date.now() - t0 > 30_000) throw new Error(`freshness: not visible after 30 s (${p.id})`);
        await new Promise((r) => setTimeout(r, 10));
      }
      fresh.push(Date.now() - t0);
    }
    log(`freshness ${JSON.stringify(stats(fresh))}`);
    const metrics = await fetch(`http://127.0.0.1:${ports[0]}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } }).then((r) => r.text());
    const metricsHaveOperations = ['BenchOverview', 'BenchDrill', 'BenchMe'].every((op) =>
      metrics.includes(`gdtx_graphql_request_duration_seconds_bucket{`) && metrics.includes(`operation="${op}"`));
    return { provinces, ...data, added, serial, load, memoryMB: { idle, peak, after }, freshness: stats(fresh), metricsHaveOperations };
  } finally {
    await Promise.all([...apis, worker].map(stopProcess));
    await owner.end();
  }
}

/** Least-squares line through (x, y): the value at `at`. */
function extrapolate(xs: number[], ys: number[], at: number): number {
  const n = xs.length;
  if (n < 2) return ys[0];
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return my + slope * (at - mx);
}

async function main() {
  if (!existsSync(join(root, 'dist/apps/api/src/main.js'))) throw new Error('growth: the compiled build is missing (scripts/bench.js runs node scripts/build.js first)');
  process.env['JWT_SECRET'] ||= randomBytes(32).toString('hex');
  const owner = new Client({ connectionString: dbUrl() });
  await owner.connect();
  const [{ id: demoProvinceId }] = (await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH'`)).rows;
  const generated = Number((await owner.query(`SELECT count(*)::int AS n FROM centre WHERE province_id = $1 AND code LIKE 'BENCH-%'`, [demoProvinceId])).rows[0].n);
  if (!generated) throw new Error(`growth: ${DB} holds no generated demo province: run \`npm run bench\` (run.ts generates it)`);
  let provinces = 1 + Number((await owner.query(`SELECT count(*)::int AS n FROM administrative_unit WHERE level = 'PROVINCE' AND code LIKE 'BX%'`)).rows[0].n);

  // The product's own rebuild (facts, and whatever the nightly job maintains with them), in this process, without
  // its job processors: the measured processes are the children started per step.
  Object.assign(process.env, { DATABASE_URL: dbUrl(), LOG_LEVEL: 'silent', RUN_WORKERS_IN_PROCESS: 'false', QUEUE_PREFIX: `gdtx-growth-gen-${Date.now()}`, REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' });
  const { createApi } = await import('../../apps/api/src/bootstrap');
  const { FactService } = await import('@gdtx/analytics');
  const { systemContext } = await import('@gdtx/platform');
  const app = await createApi();
  const facts = app.get(FactService);

  const steps: Step[] = [];
  let stoppedBecause: string | null = null;
  let perProvinceMs = 0;
  for (const scale of SCALES) {
    const added: Step['added'] = [];
    while (provinces < scale) {
      const elapsed = Date.now() - started;
      // The next province, one measurement step (≈ 1.5 min) and the replica step (≈ 2.5 min) must fit in what is left.
      const reserve = 100_000 + (process.env['BENCH_REPLICA'] !== '0' ? 150_000 : 0);
      if (perProvinceMs && elapsed + perProvinceMs + reserve > BUDGET_MS) {
        stoppedBecause = `stopped at ${provinces} provinces before reaching ${scale}: the next province would not fit in the ${BUDGET_MS / 60_000}-minute budget (≈ ${Math.round(perProvinceMs / 1000)} s per province)`;
        break;
      }
      const index = provinces + 1;
      const p0 = Date.now();
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('app.scope', 'system', true)`);
      const provinceId = await createSyntheticProvince(owner, index, COMMUNES_PER_PROVINCE, FIRST_YEAR);
      await generateProvince(owner, { provinceId, codePrefix: `BX${String(index).padStart(2, '0')}-C`, centres: CENTRES, firstYear: FIRST_YEAR });
      await owner.query('COMMIT');
      const generateSeconds = round2((Date.now() - p0) / 1000);
      const r0 = Date.now();
      const rows = await facts.rebuild(systemContext(null, 'bench growth'), provinceId);
      const rebuildSeconds = round2((Date.now() - r0) / 1000);
      added.push({ generateSeconds, rebuildSeconds, rows });
      provinces++;
      perProvinceMs = Date.now() - p0;
      log(`province ${index}: generated in ${generateSeconds} s, rebuilt (${rows} fact rows) in ${rebuildSeconds} s`);
    }
    // Stopped short of the scale: the provinces added so far are still a size worth measuring.
    if (provinces < scale && !added.length) break;
    await owner.query('ANALYZE');
    steps.push(await measure(provinces, added, demoProvinceId));
    writeResults(steps, stoppedBecause);
    if (provinces < scale) break;
  }
  await app.close();
  await owner.end();
  // Freshness through a streaming replica: its own private clusters (the demo province), after the scales.
  let replica: ReplicaFreshness | string = 'not measured (BENCH_REPLICA=0)';
  if (process.env['BENCH_REPLICA'] !== '0') {
    replica = await measureReplicaFreshness(log).catch((e: Error) => `failed: ${e.message.slice(0, 300)}`);
    log(`replica freshness ${JSON.stringify(replica)}`);
  }
  writeResults(steps, stoppedBecause, replica);
  log(`done in ${Math.round((Date.now() - started) / 1000)} s${stoppedBecause ? ` (${stoppedBecause})` : ''}`);
  process.exit(0);
}

function writeResults(steps: Step[], stoppedBecause: string | null, replica: ReplicaFreshness | string = 'measured after the scales'): void {
  if (!steps.length) return;
  writeFileSync(join(root, 'docs/performance-growth.json'), JSON.stringify({ measuredOn: new Date().toISOString(), cores: os.cpus().length, node: process.version, centresPerProvince: CENTRES, years: YEARS, stoppedBecause, steps, replica }, null, 2) + '\n');
  writeFileSync(join(root, 'docs/performance-growth.svg'), chart(steps));
  const first = steps[0];
  const ok = (b: boolean) => (b ? 'met' : '**missed**');
  const xs = steps.map((s) => s.provinces);
  const at34 = (f: (s: Step) => number) => Math.round(extrapolate(xs, steps.map(f), 34) * 10) / 10;
  const rows = steps.map((s) => {
    const rebuild = s.added.length ? `${pct(s.added.map((a) => a.rebuildSeconds), 50)} s` : '(run.ts)';
    const gen = s.added.length ? `${pct(s.added.map((a) => a.generateSeconds), 50)} s` : '(run.ts)';
    return `| ${s.provinces} | ${s.databaseMB.toLocaleString('en')} | ${s.factRows.toLocaleString('en')} | ${s.rollupRows === null ? '—' : s.rollupRows.toLocaleString('en')} | ${gen} | ${rebuild} | ${s.serial.me.p50} / ${s.serial.me.p95} | ${s.serial.overview.p50} / ${s.serial.overview.p95} | ${s.serial.drill.p50} / ${s.serial.drill.p95} | ${s.serial.landing.p50} / ${s.serial.landing.p95} | ${s.load.perSecond} (p95 ${s.load.p95}) | ${s.freshness.p50} / ${s.freshness.p95} | ${s.memoryMB.idle} / ${s.memoryMB.peak} / ${s.memoryMB.after} |`;
  });
  const last = steps[steps.length - 1];
  const flat = (f: (s: Step) => number) => steps.every((s) => Math.abs(f(s) - f(first)) <= 0.2 * f(first));
  const worst = (f: (s: Step) => number) => Math.max(...steps.map(f));
  const md = `<!-- growth:start (written by scripts/bench/growth.ts; do not edit by hand) -->
## Growth: 1 to ${last.provinces} provinces (issue 14 item 4)

Measured by \`npm run bench\` (scripts/bench/growth.ts) on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}.
Each province: ${CENTRES.toLocaleString('en')} generated centres × ${YEARS} school years. Topology: two compiled API processes (one per
core) and one worker, all on this machine with the benchmark's clients. Latencies in ms on the demo province
(the Sở specialist), ${ROUNDS} interleaved serial rounds; load: ${CLIENTS} concurrent clients on the overview for
${LOAD_SECONDS} s over both APIs; memory: the larger API's RSS idle / at the load's peak / 15 s after.
${stoppedBecause ? `\n**Where it stopped:** ${stoppedBecause}.\n` : ''}
| provinces | database MB | fact rows | rollup rows | generate / province | rebuild / province | \`{me{id}}\` p50 / p95 | overview p50 / p95 | drill-down p50 / p95 | landing (\`ProvinceLanding\`) p50 / p95 | overview req/s at ${CLIENTS} clients | freshness p50 / p95 | API RSS MB idle / peak / after |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

![growth](performance-growth.svg)

Extrapolated to 34 provinces (least squares over the measured steps): database ≈ ${at34((s) => s.databaseMB).toLocaleString('en')} MB, fact rows
≈ ${at34((s) => s.factRows).toLocaleString('en')}, overview p95 ≈ ${at34((s) => s.serial.overview.p95)} ms, drill-down p95 ≈ ${at34((s) => s.serial.drill.p95)} ms.
Every number is in docs/performance-growth.json.

| target (issue 14) | measured | |
|---|---|---|
| overview p95 ≤ 2× \`{me{id}}\` p95 and ≤ 15 ms, at every scale | worst ${worst((s) => s.serial.overview.p95)} ms; ratio ${steps.map((s) => (s.serial.overview.p95 / s.serial.me.p95).toFixed(2) + '×').join(', ')} | ${ok(steps.every((s) => s.serial.overview.p95 <= 2 * s.serial.me.p95 && s.serial.overview.p95 <= 15))} |
| drill-down p95 ≤ 2× \`{me{id}}\` p95 and ≤ 15 ms | worst ${worst((s) => s.serial.drill.p95)} ms; ratio ${steps.map((s) => (s.serial.drill.p95 / s.serial.me.p95).toFixed(2) + '×').join(', ')} | ${ok(steps.every((s) => s.serial.drill.p95 <= 2 * s.serial.me.p95 && s.serial.drill.p95 <= 15))} |
| overview and drill-down flat (±20 %) from 1 to ${last.provinces} provinces | overview p95 ${steps.map((s) => s.serial.overview.p95).join(' → ')}; drill-down p95 ${steps.map((s) => s.serial.drill.p95).join(' → ')} | ${ok(flat((s) => s.serial.overview.p95) && flat((s) => s.serial.drill.p95))} |
| issue 15: the Sở landing page's document (\`ProvinceLanding\`, its second request after \`Me\`) p95 ≤ 2× \`{me{id}}\` p95 | ${steps.map((s) => `${s.serial.landing.p95} ms (${(s.serial.landing.p95 / s.serial.me.p95).toFixed(2)}×)`).join(', ')} | ${ok(steps.every((s) => s.serial.landing.p95 <= 2 * s.serial.me.p95))} |
| \`{me{id}}\` p50 ≤ 3 ms | ${steps.map((s) => s.serial.me.p50).join(', ')} | ${ok(steps.every((s) => s.serial.me.p50 <= 3))} |
| ≥ 5× 84 = 420 overview requests/s at ${CLIENTS} clients, one API per core | ${steps.map((s) => s.load.perSecond).join(', ')} | ${ok(steps.every((s) => s.load.perSecond >= 420))} |
| freshness p95 ≤ 1 s on the primary (accept through API 1, read through API 2) | ${steps.map((s) => s.freshness.p95).join(', ')} ms | ${ok(steps.every((s) => s.freshness.p95 <= 1000))} |
| freshness p95 ≤ 1 s through a streaming replica (private primary + hot standby, the demo province, two APIs reading from the replica, another user reading) | ${typeof replica === 'string' ? replica : `p50 ${replica.freshness.p50} ms, p95 ${replica.freshness.p95} ms (n=${replica.samples}); replay lag at the end ${replica.lagBytesAtEnd} bytes`} | ${typeof replica === 'string' ? '—' : ok(replica.freshness.p95 <= 1000)} |
| full rebuild of one province ≤ 60 s | ${steps.flatMap((s) => s.added.map((a) => a.rebuildSeconds)).join(', ') || 'n/a'} s | ${ok(steps.every((s) => s.added.every((a) => a.rebuildSeconds <= 60)))} |
| API memory ≤ 200 MB idle, ≤ 300 MB under load, back within 10 % of idle after | ${steps.map((s) => `${s.memoryMB.idle} / ${s.memoryMB.peak} / ${s.memoryMB.after}`).join('; ')} | ${ok(steps.every((s) => s.memoryMB.idle <= 200 && s.memoryMB.peak <= 300 && s.memoryMB.after <= 1.1 * s.memoryMB.idle))} |
| \`/metrics\` has the operation histograms after the run | ${steps.map((s) => (s.metricsHaveOperations ? 'yes' : 'no')).join(', ')} | ${ok(steps.every((s) => s.metricsHaveOperations))} |
<!-- growth:end -->
`;
  const file = join(root, 'docs/performance.md');
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf('<!-- growth:start');
  const b = doc.indexOf('<!-- growth:end -->');
  const next = a >= 0 && b > a ? doc.slice(0, a) + md + doc.slice(b + '<!-- growth:end -->\n'.length) : doc.trimEnd() + '\n\n' + md;
  writeFileSync(file, next);
}

/** The growth chart (SVG, ECharts' server-side renderer): p95 latencies and throughput by number of provinces. */
function chart(steps: Step[]): string {
  const echarts = require('echarts') as typeof import('echarts');
  const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 360 });
  const xs = steps.map((s) => String(s.provinces));
  c.setOption({
    animation: false,
    title: { text: 'Tăng trưởng dữ liệu: độ trễ p95 và thông lượng theo số tỉnh', left: 'center', textStyle: { fontSize: 14 } },
    legend: { top: 28 },
    grid: { top: 70, left: 60, right: 70, bottom: 40 },
    xAxis: { type: 'category', name: 'số tỉnh', data: xs },
    yAxis: [{ type: 'value', name: 'ms (p95)' }, { type: 'value', name: 'req/s' }],
    series: [
      { name: '{me{id}} p95', type: 'line', data: steps.map((s) => s.serial.me.p95) },
      { name: 'overview p95', type: 'line', data: steps.map((s) => s.serial.overview.p95) },
      { name: 'drill-down p95', type: 'line', data: steps.map((s) => s.serial.drill.p95) },
      { name: `overview req/s (${CLIENTS} clients)`, type: 'bar', yAxisIndex: 1, data: steps.map((s) => s.load.perSecond), barWidth: 24, itemStyle: { opacity: 0.35 } },
    ],
  });
  const svg = c.renderToSVGString();
  c.dispose();
  return svg;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
