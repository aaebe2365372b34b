// The cost of the cheapest authenticated request (issue 14, slice A) — a measurement, not part of `npm test`:
//   npm exec -- node -r ./scripts/register.js scripts/bench/auth-latency.ts
// Boots the API on a database cloned from the test template (createTestDatabase; GDTX_TEST_TEMPLATE_DB names it)
// with Redis (REDIS_URL, default 127.0.0.1:6379), logs in once and sends AUTH_REQUESTS (1000) sequential requests of
// each kind over HTTP after 50 warm-up requests, interleaved in rounds so that drift hits every kind alike:
//   floor    `{__typename}` without a token (no resolver, no guard: HTTP + Apollo + plugins only)
//   me       `{me{id}}` with a bearer token (guard, session, the `me` resolver)
// plus, in process, the guard's principal lookup alone (AuthService.contextFor: the session cache, or the user
// row when it misses). Prints one JSON line `AUTH_LATENCY {...}` (milliseconds: p50, p95, mean).
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@gdtx/platform/testing';
import { demoLogin, graphqlClient, interleaved, stats } from './kit';

const N = Number(process.env['AUTH_REQUESTS'] ?? 1000);

async function main() {
  const db = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.ownerUrl,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'silent',
    NODE_ENV: 'test',
    LOGIN_RATE_LIMIT: '100000',
    JWT_SECRET: process.env['JWT_SECRET'] || randomBytes(32).toString('hex'),
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `gdtx-auth-bench-${Date.now()}`,
  });
  const { createApi } = await import('../../apps/api/src/bootstrap');
  const { AuthService, TokenService } = await import('@gdtx/identity');
  const app = await createApi();
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/graphql`;
  const post = graphqlClient(url);
  const token = await demoLogin(post, 'so.chuyenvien');
  const claims = app.get(TokenService).verifyAccess(token);
  const auth = app.get(AuthService);

  const kinds: Record<string, () => Promise<unknown>> = {
    floor: () => post('{__typename}'),
    me: () => post('{me{id}}', token),
    contextFor: () => auth.contextFor(claims),
  };
  const times = await interleaved(kinds, N, 50);
  const result = Object.fromEntries(Object.entries(times).map(([k, t]) => [k, stats(t)]));
  console.log(`AUTH_LATENCY ${JSON.stringify({ node: process.version, ...result })}`);
  await app.close();
  await db.drop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
