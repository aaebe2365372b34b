// Boots the real API (real PostgreSQL, own cloned database) on a random port and talks to it over HTTP.
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '@gdtx/platform/testing';

export const DEMO_PASSWORD = 'Demo@2026';

export interface GqlResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: string[] }[];
}

export interface TestApi {
  url: string;
  db: TestDatabase;
  app: INestApplication;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** `world: 'pre-reform'` boots on the demo before the 2025 reform (for suites that apply it themselves). */
export async function bootApi(env: Record<string, string> = {}, opts: { world?: 'today' | 'pre-reform' } = {}): Promise<TestApi> {
  const db = await createTestDatabase(opts);
  Object.assign(process.env, {
    DATABASE_URL: db.ownerUrl,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    LOGIN_RATE_LIMIT: '1000',
    ...env,
  });
  // Imported after the environment is set: modules read their configuration when loaded.
  const { createApi } = await import('../src/bootstrap');
  const app = await createApi();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;

  const gql = async <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  };
  const tokens = new Map<string, string>();
  const login = async (username: string, password = DEMO_PASSWORD): Promise<string> => {
    const cached = tokens.get(`${username}:${password}`);
    if (cached) return cached;
    const r = await gql<{ login: { accessToken: string } }>(
      `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`,
      { u: username, p: password },
    );
    if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
    tokens.set(`${username}:${password}`, r.data.login.accessToken);
    return r.data.login.accessToken;
  };
  return {
    url, db, app, gql, login,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export function errorCode(r: GqlResult<unknown>): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}
