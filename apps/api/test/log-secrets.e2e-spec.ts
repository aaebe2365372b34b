// Issue 13, Build 7: no secret in a log. The API runs as a real process (as `npm start` runs it) at LOG_LEVEL=debug;
// the test drives the requests that carry secrets (logins right and wrong, a refresh, users created and refused, a
// token in a query string, a failing statement with a password hash among its parameters) and then scans everything
// the process wrote to stdout and stderr for the passwords, the tokens, the refresh tokens, the JWT secret and any
// argon2 hash.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '@gdtx/platform/testing';
import { DEMO_PASSWORD } from './harness';

const root = join(__dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('logs without secrets (e2e, a real API process)', () => {
  let db: TestDatabase;
  let api: ChildProcess;
  let url: string;
  let output = '';
  const jwtSecret = randomBytes(32).toString('hex');
  const secrets: { name: string; value: string }[] = [{ name: 'JWT_SECRET', value: jwtSecret }, { name: 'demo password', value: DEMO_PASSWORD }];

  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Record<string, any>; errors?: { extensions: { code: string } }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const LOGIN = `mutation($u:String!,$p:String!){login(input:{username:$u,password:$p}){accessToken refreshToken}}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/api/src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: db.ownerUrl,
        PORT: String(port),
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        JWT_SECRET: jwtSecret,
        LOGIN_RATE_LIMIT: '1000',
        QUEUE_PREFIX: `gdtx-logscan-${randomBytes(4).toString('hex')}`,
      },
    });
    api.stdout!.on('data', (d) => (output += d));
    api.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the API exited (${api.exitCode}):\n${output.slice(-2000)}`);
      const ok = await fetch(`${url}/health/live`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the API did not start:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (api.exitCode === null) api.kill('SIGKILL');
    }
    await db?.drop();
  });

  it('writes request and error lines, none of which holds a password, a token, the secret or a hash', async () => {
    // A right login, and its tokens.
    const admin = await gql(LOGIN, { u: 'so.quantri', p: DEMO_PASSWORD });
    const { accessToken, refreshToken } = admin.data!['login'];
    secrets.push({ name: 'access token', value: accessToken }, { name: 'refresh token', value: refreshToken });

    // Wrong passwords (the throttle's path too).
    const wrong = `Sai-${randomBytes(6).toString('hex')}`;
    secrets.push({ name: 'wrong password', value: wrong });
    for (let i = 0; i < 7; i++) expect((await gql(LOGIN, { u: 'so.quantri', p: wrong })).errors?.[0]?.extensions.code).toBeDefined();

    // A refresh (the old refresh token rotates out; the new one is a secret too).
    const refreshed = await gql(`mutation($t:String!){refreshToken(refreshToken:$t){accessToken refreshToken}}`, { t: refreshToken });
    secrets.push({ name: 'rotated refresh token', value: refreshed.data!['refreshToken'].refreshToken });

    // A user created with a password, then the same again (refused), then a statement that fails in PostgreSQL
    // with the new user's password hash among its parameters (an email longer than its column).
    const newPassword = `Mk-${randomBytes(8).toString('hex')}!A1`;
    secrets.push({ name: 'new user password', value: newPassword });
    const CREATE = `mutation($i:CreateUserInput!){createUser(input:$i){id}}`;
    const input = { username: `nhatky.${randomBytes(3).toString('hex')}`, fullName: 'Kiểm tra nhật ký', password: newPassword, role: 'SO_SPECIALIST' };
    expect((await gql(CREATE, { i: input }, accessToken)).data?.['createUser']?.id).toBeDefined();
    expect((await gql(CREATE, { i: input }, accessToken)).errors?.[0]?.extensions.code).toBeDefined();
    const failing = await gql(CREATE, { i: { ...input, username: `${input.username}.2`, email: `${'a'.repeat(400)}@example.vn` } }, accessToken);
    expect(failing.errors?.[0]?.extensions.code).toBeDefined();

    // A token in a query string (the queue dashboard takes one once; any logged URL is redacted the same way) and a
    // bearer header, on a plain HTTP route that logs its requests.
    await fetch(`${url}/admin/queues?token=${accessToken}`);
    await fetch(`${url}/api/reports/workbook?centreId=x&templateCode=y&periodCode=z&token=${accessToken}`, { headers: { authorization: `Bearer ${accessToken}` } });

    // Pino writes asynchronously: give the last lines a moment.
    await new Promise((r) => setTimeout(r, 1000));

    // The scan sees the log (request lines were written), so finding nothing below means something.
    expect(output).toMatch(/"url":"\/graphql"/);
    expect(output).toMatch(/\/api\/reports\/workbook\?[^"]*token=\[redacted\]/);
    expect(output).toMatch(/"msg":"query failed"[^\n]*"parameterCount":8/); // the refused duplicate's failed INSERT
    const leaks = secrets.filter((s) => s.value && output.includes(s.value)).map((s) => s.name);
    expect(leaks).toEqual([]);
    expect(output).not.toMatch(/\$argon2(id|i|d)\$/);
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // no JWT of any kind
  }, 120_000);
});
