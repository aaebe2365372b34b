// What the landing pages cost on the server (issue 15 item 1 "cheap when everyone opens it", issue 16 item 9) — a
// measurement, not part of `npm test`:
//   npm exec -- node -r ./scripts/register.js scripts/bench/landing-latency.ts
// Boots the API on a database cloned from the test template (the demo province; createTestDatabase,
// GDTX_TEST_TEMPLATE_DB names it), logs in once per role and sends LANDING_REQUESTS (300) sequential requests of
// each kind after 20 warm-up rounds, interleaved so that drift hits every kind alike: the `{me{id}}` floor, the
// shell's `Me` document, and each landing page's own document exactly as the web sends it (printed from
// apps/web/src/gql). Prints one JSON line `LANDING_LATENCY {...}` (milliseconds: p50, p95, mean).
import { randomBytes } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import { createTestDatabase } from '@gdtx/platform/testing';
import { demoLogin, graphqlClient, interleaved, stats } from './kit';
import { PROVINCE_LANDING } from '../../apps/web/src/gql/landing';
import { AREA_AT_A_GLANCE, CENTRE_HOME } from '../../apps/web/src/gql/reporting';
import { centreCountsDocument, ME } from '../../apps/web/src/gql/org';
import { CentreStatuses, CentreTypes } from '@gdtx/domain';

const ALIASES = [
  { alias: 'all', filter: {} },
  ...CentreTypes.map((type) => ({ alias: `type_${type}`, filter: { type } })),
  ...CentreStatuses.map((status) => ({ alias: `status_${status}`, filter: { status } })),
  ...(['VALID', 'EXPIRING', 'EXPIRED', 'MISSING'] as const).map((licenceStatus) => ({ alias: `licence_${licenceStatus}`, filter: { licenceStatus } })),
];

const N = Number(process.env['LANDING_REQUESTS'] ?? 300);

async function main() {
  const db = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.ownerUrl,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'silent',
    NODE_ENV: 'test',
    LOGIN_RATE_LIMIT: '100000',
    JWT_SECRET: process.env['JWT_SECRET'] || randomBytes(32).toString('hex'),
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `gdtx-landing-bench-${Date.now()}`,
  });
  const { createApi } = await import('../../apps/api/src/bootstrap');
  const app = await createApi();
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/graphql`;
  const post = graphqlClient(url);
  const login = (u: string) => demoLogin(post, u);
  const so = await login('so.chuyenvien');
  const commune = await login('xa.xuanhoa');
  const director = await login('gd.gdtx');
  const centreId = (await post('{me{centreId}}', director)).me.centreId!;
  const doc = (d: unknown) => print(d as DocumentNode);

  const kinds: Record<string, () => Promise<unknown>> = {
    floor_me_id: () => post('{me{id}}', so),
    shell_Me: () => post(doc(ME), so),
    so_ProvinceLanding: () => post(doc(PROVINCE_LANDING), so),
    supervisor_AreaAtAGlance: () => post(doc(AREA_AT_A_GLANCE), commune),
    director_CentreHome: () => post(doc(CENTRE_HOME), director, { centreId }),
    // Its two halves, to see where the time goes: the calendar's picture, and the registry's count aliases.
    so_part_glance: () => post('{ reportingAtAGlance { needsActionCount totals { expected } needsAction(first: 20) { centreId } } }', so),
    // The areas needing attention (issue 15 item 1), from the same completeness rollup (ADR 0021).
    so_part_attention: () => post('{ areasNeedingAttention(first: 5) { areas { id missingOrLate } communes { id missingOrLate } } }', so),
    so_part_counts: () => post('{ centreCounts { total byType { key count } byStatus { key count } byLicenceStatus { key count } } }', so),
    // What the page asked before centreCounts: one `centres { totalCount }` alias per tile and bar (17 queries).
    so_before_count_aliases: () => post(doc(centreCountsDocument(ALIASES)), so),
  };
  // Where the glance is served from (ROLLUP after the first read of the day recomputed the province; LIVE otherwise).
  const source = ((await post('{ reportingAtAGlance { source } }', so)) as { reportingAtAGlance: { source: string } }).reportingAtAGlance.source;
  const times = await interleaved(kinds, N, 20);
  console.log(`LANDING_LATENCY ${JSON.stringify({ glanceSource: source, ...Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, stats(xs)])) })}`);
  await app.close();
  await db.drop();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
