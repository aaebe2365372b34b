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

const N = Number(process.env['AUTH_REQUESTS'] ?? 1000);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (x: number) => Math.round(x * 100) / 100;
const stats = (xs: number[]) => ({ p50: round(pct(xs, 50)), p95: round(pct(xs, 95)), mean: round(xs.reduce((a, b) => a + b, 0) / xs.length), n: xs.length });

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
  const post = async (query: string, token?: string, variables?: Record<string, unknown>) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, { accessToken?: string }>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const token = (await post(`mutation($u:String!,$p:String!){login(input:{username:$u,password:$p}){accessToken}}`, undefined, { u: 'so.chuyenvien', p: 'Demo@2026' }))
    .login.accessToken!;
  const claims = app.get(TokenService).verifyAccess(token);
  const auth = app.get(AuthService);

  const kinds: Record<string, () => Promise<unknown>> = {
    floor: () => post('{__typename}'),
    me: () => post('{me{id}}', token),
    contextFor: () => auth.contextFor(claims),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < 50; i++) for (const fn of Object.values(kinds)) await fn();
  for (let i = 0; i < N; i++) {
    for (const [k, fn] of Object.entries(kinds)) {
      const s = process.hrtime.bigint();
      await fn();
      times[k].push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  const result = Object.fromEntries(Object.entries(times).map(([k, t]) => [k, stats(t)]));
  console.log(`AUTH_LATENCY ${JSON.stringify({ node: process.version, ...result })}`);
  await app.close();
  await db.drop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
