import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import { accountDelaySeconds } from '@gdtx/identity';
import { bootApi, DEMO_PASSWORD, TestApi } from './harness';

// Issue 13, "Logins": limits per account (5 free wrong passwords, then delays that double up to 15 minutes, never a
// permanent lock) and per address (generous: an office shares one address), kept in PostgreSQL so that every API
// replica sees the same counts. Express trusts X-Forwarded-For from loopback (bootstrap.ts), so these tests speak
// from many addresses by setting it.
interface LoginAnswer {
  status: number;
  retryAfter: string | null;
  body: { data?: { login?: { accessToken: string } } | null; errors?: { message: string; extensions?: { code?: string; reason?: string; retryAfterSeconds?: number } }[] };
}

async function login(url: string, username: string, password: string, address: string): Promise<LoginAnswer> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({
      query: `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`,
      variables: { u: username, p: password },
    }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as LoginAnswer['body'] };
}

const code = (a: LoginAnswer) => a.body.errors?.[0]?.extensions?.code;
const reason = (a: LoginAnswer) => a.body.errors?.[0]?.extensions?.reason;

describe('login delays per account (unit)', () => {
  it('five wrong passwords are free, then the delay doubles from 30 s up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(accountDelaySeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 60].map(accountDelaySeconds)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });
});

describe('login limits (e2e)', () => {
  let api: TestApi;
  let owner: Client;

  beforeAll(async () => {
    api = await bootApi({
      LOGIN_RATE_LIMIT: '30',
      LOGIN_RATE_WINDOW_SECONDS: '60',
      REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
      RUN_WORKERS_IN_PROCESS: 'true',
      QUEUE_PREFIX: `gdtx-e2e-login-${randomBytes(4).toString('hex')}`,
      OUTBOX_POLL_MS: '20',
    });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  async function waitFor(check: () => Promise<boolean>, timeoutMs = 15000): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  it('60 wrong passwords for one account from 60 addresses: refused after the fifth, with 429, Retry-After and a Vietnamese message', async () => {
    const answers: LoginAnswer[] = [];
    for (let i = 0; i < 60; i++) answers.push(await login(api.url, 'so.chuyenvien', `sai-${i}`, `203.0.113.${i + 1}`));
    expect(answers.slice(0, 4).map(code)).toEqual(Array(4).fill('UNAUTHENTICATED'));
    // The fifth earns the first delay; every later one is refused without the password being checked.
    for (const refused of answers.slice(4)) {
      expect(code(refused)).toBe('RATE_LIMITED');
      expect(reason(refused)).toBe('ACCOUNT_THROTTLED');
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(30);
    }
    expect(answers[10].body.errors![0].message).toMatch(/tạm thời bị khoá đăng nhập.*thử lại sau \d+ giây/);
    // Even the right password waits for the delay to end.
    const right = await login(api.url, 'so.chuyenvien', DEMO_PASSWORD, '203.0.113.200');
    expect(reason(right)).toBe('ACCOUNT_THROTTLED');
    const { rows } = await owner.query(`SELECT failures FROM login_account_throttle WHERE username_key = 'so.chuyenvien'`);
    expect(rows[0].failures).toBe(5);
  });

  it('the delay doubles after it ends and the next password is wrong; a right password then starts afresh', async () => {
    // End the running delay instead of waiting 30 s.
    await owner.query(`UPDATE login_account_throttle SET blocked_until = now() - interval '1 second' WHERE username_key = 'so.chuyenvien'`);
    const sixth = await login(api.url, 'so.chuyenvien', 'sai-again', '203.0.113.201');
    expect(reason(sixth)).toBe('ACCOUNT_THROTTLED');
    expect(Number(sixth.retryAfter)).toBeGreaterThan(30);
    expect(Number(sixth.retryAfter)).toBeLessThanOrEqual(60);

    await owner.query(`UPDATE login_account_throttle SET blocked_until = now() - interval '1 second' WHERE username_key = 'so.chuyenvien'`);
    const right = await login(api.url, 'so.chuyenvien', DEMO_PASSWORD, '203.0.113.202');
    expect(right.body.data?.login?.accessToken).toBeTruthy();
    const { rows } = await owner.query(`SELECT 1 FROM login_account_throttle WHERE username_key = 'so.chuyenvien'`);
    expect(rows).toHaveLength(0);
  });

  it('the delay is audited and the account owner and the Sở admins are told in Vietnamese', async () => {
    const { rows: [user] } = await owner.query(`SELECT id FROM app_user WHERE username = 'so.chuyenvien'`);
    const { rows: audits } = await owner.query(
      `SELECT action, count(*)::int AS n FROM audit_event WHERE entity = 'app_user' AND entity_id = $1 AND action IN ('LOGIN_FAILED', 'LOGIN_THROTTLED') GROUP BY action ORDER BY action`,
      [user.id],
    );
    expect(audits).toEqual([{ action: 'LOGIN_FAILED', n: 6 }, { action: 'LOGIN_THROTTLED', n: 2 }]);
    const told = await waitFor(async () => {
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'LOGIN_THROTTLED' AND user_id = $1`, [user.id]);
      return rows[0].n >= 2;
    });
    expect(told).toBe(true);
    const { rows: [note] } = await owner.query(`SELECT title_vi AS "titleVi", body_vi AS "bodyVi" FROM notification WHERE kind = 'LOGIN_THROTTLED' AND user_id = $1 LIMIT 1`, [user.id]);
    expect(note.titleVi).toMatch(/tạm thời bị khoá đăng nhập/);
    const { rows: admins } = await owner.query(
      `SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'LOGIN_THROTTLED' AND u.role = 'SO_ADMIN'`,
    );
    expect(admins[0].n).toBeGreaterThan(0);
  });

  it('an office behind one address: one user’s wrong passwords do not lock out a colleague', async () => {
    const office = '198.51.100.7';
    for (let i = 0; i < 8; i++) await login(api.url, 'so.lanhdao', `sai-${i}`, office);
    expect(reason(await login(api.url, 'so.lanhdao', DEMO_PASSWORD, office))).toBe('ACCOUNT_THROTTLED');
    const colleague = await login(api.url, 'so.quantri', DEMO_PASSWORD, office);
    expect(colleague.body.errors).toBeUndefined();
    expect(colleague.body.data?.login?.accessToken).toBeTruthy();
  });

  it('an unknown username is delayed like a real one (the answers do not tell which accounts exist)', async () => {
    const answers: LoginAnswer[] = [];
    for (let i = 0; i < 6; i++) answers.push(await login(api.url, 'khong.ton.tai', 'sai', `192.0.2.${i + 1}`));
    expect(answers.map(code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('one address sending more attempts than the limit (30 a minute here, 100 by default) is refused for every account', async () => {
    const address = '192.0.2.250';
    const answers: LoginAnswer[] = [];
    for (let i = 0; i < 31; i++) answers.push(await login(api.url, `nguoi.${i}`, 'sai', address));
    expect(answers.slice(0, 30).every((a) => code(a) === 'UNAUTHENTICATED')).toBe(true);
    const over = answers[30];
    expect(over.status).toBe(429);
    expect(reason(over)).toBe('ADDRESS_THROTTLED');
    expect(over.body.errors![0].message).toMatch(/địa chỉ mạng này/);
    // Another address is not affected.
    expect(code(await login(api.url, 'nguoi.x', 'sai', '192.0.2.251'))).toBe('UNAUTHENTICATED');
  });

  it('the counts are shared by API replicas: a second API on the same database refuses the delayed account', async () => {
    const { createApi } = await import('../src/bootstrap');
    const second: INestApplication = await createApi();
    try {
      await second.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
      for (let i = 0; i < 5; i++) await login(api.url, 'so.thanhtra', `sai-${i}`, `100.64.0.${i + 1}`);
      const onSecond = await login(url, 'so.thanhtra', DEMO_PASSWORD, '100.64.0.99');
      expect(reason(onSecond)).toBe('ACCOUNT_THROTTLED');
    } finally {
      await second.close();
    }
  });

  it('does not limit other operations', async () => {
    for (let i = 0; i < 5; i++) expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  });
});
