import { request as httpRequest } from 'node:http';
import { bootApi, errorCode, TestApi } from './harness';

// Issue 13, "one error envelope for every response the server writes": what fuzzing found answering HTTP 500,
// INTERNAL, or a body without `extensions.code`, each as a regression test.
interface Envelope {
  errors?: { message: string; extensions?: { code?: string; messageEn?: string; reason?: string } }[];
}

const VIETNAMESE = /[ăâđêôơưạảãáàếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

function expectEnvelope(body: Envelope, code: string): void {
  expect(body.errors?.length).toBeGreaterThan(0);
  const e = body.errors![0];
  expect(e.extensions?.code).toBe(code);
  expect(e.message).toMatch(VIETNAMESE);
  expect(typeof e.extensions?.messageEn).toBe('string');
}

/** A raw HTTP request (fetch refuses oversized headers and odd encodings on the client side). */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('error envelope (e2e)', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await bootApi();
    token = await api.login('so.chuyenvien');
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${api.url}/graphql`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${token}` }, body });

  it('a GraphQL syntax error is HTTP 400 with BAD_USER_INPUT and a Vietnamese message', async () => {
    const res = await post(JSON.stringify({ query: '{ me { id ' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as Envelope;
    expectEnvelope(body, 'BAD_USER_INPUT');
    expect(body.errors![0].extensions?.reason).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('a body that is not JSON is HTTP 400 in the same envelope', async () => {
    const res = await post('{"query": "{ me { id } }"');
    expect(res.status).toBe(400);
    expectEnvelope((await res.json()) as Envelope, 'BAD_USER_INPUT');
  });

  it('a body over the limit is HTTP 413 in the same envelope', async () => {
    const res = await post(JSON.stringify({ query: '{ me { id } }', variables: { x: 'a'.repeat(3 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
    const body = (await res.json()) as Envelope;
    expectEnvelope(body, 'BAD_USER_INPUT');
    expect(body.errors![0].extensions?.reason).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unsupported content encoding is HTTP 415 in the same envelope', async () => {
    const res = await raw(`${api.url}/graphql`, {
      headers: { 'content-type': 'application/json', 'content-encoding': 'br-nonsense', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(res.status).toBe(415);
    expectEnvelope(JSON.parse(res.body) as Envelope, 'BAD_USER_INPUT');
  });

  it('a 20 kB header is HTTP 431 with a coded JSON body, not an empty one', async () => {
    const res = await raw(`${api.url}/graphql`, {
      headers: { 'content-type': 'application/json', 'x-filler': 'x'.repeat(20 * 1024) },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(431);
    expectEnvelope(JSON.parse(res.body) as Envelope, 'BAD_USER_INPUT');
  });

  it('U+0000 in a string argument is BAD_USER_INPUT, never INTERNAL (PostgreSQL rejects 0x00)', async () => {
    const inline = await api.gql(`{ centres(filter: { search: "ab\\u0000c" }) { totalCount } }`, {}, token);
    expect(errorCode(inline)).toBe('BAD_USER_INPUT');
    const viaVariable = await api.gql(
      `query($f: CentreFilter) { centres(filter: $f) { totalCount } }`,
      { f: { search: 'ab\u0000c' } },
      token,
    );
    expect(errorCode(viaVariable)).toBe('BAD_USER_INPUT');
    expect(viaVariable.errors![0].message).toMatch(VIETNAMESE);
    const login = await api.gql(`mutation($u: String!) { login(input: { username: $u, password: "x" }) { accessToken } }`, {
      u: 'gd\u0000gdtx',
    });
    expect(errorCode(login)).toBe('BAD_USER_INPUT');
  });

  it('a string over the length limit is BAD_USER_INPUT', async () => {
    const r = await api.gql(`query($f: CentreFilter) { centres(filter: $f) { totalCount } }`, { f: { search: 'a'.repeat(20_001) } }, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });

  it('a subscription operation is BAD_USER_INPUT (the API has none), not INTERNAL', async () => {
    const r = await api.gql(`subscription { me { id } }`, {}, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });

  it.each(['2026-02-30', '-1', '2026-13-01'])('an impossible date %s is BAD_USER_INPUT, not INTERNAL', async (asOf) => {
    const r = await api.gql(`query($d: Date) { administrativeUnits(asOf: $d) { id } }`, { d: asOf }, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(VIETNAMESE);
  });
});

describe('error envelope: query size (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('a document over the token limit is HTTP 400 with reason MAX_TOKENS', async () => {
    const fields = Array.from({ length: 6000 }, () => '__typename').join(' ');
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${fields} }` }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Envelope;
    expectEnvelope(body, 'BAD_USER_INPUT');
    expect(body.errors![0].extensions?.reason).toBe('MAX_TOKENS');
  });

  it('a refused string is HTTP 400, not 500', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($u: String!) { login(input: { username: $u, password: "x" }) { accessToken } }', variables: { u: 'a\u0000' } }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Envelope).errors![0].extensions?.reason).toBe('NUL_CHARACTER');
  });
});

describe('error envelope: REST routes and unavailable services (e2e)', () => {
  let api: TestApi;
  let owner: import('pg').Client;
  beforeAll(async () => {
    api = await bootApi();
    const { Client } = await import('pg');
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('an unknown route is NOT_FOUND in the envelope', async () => {
    const res = await fetch(`${api.url}/api/does-not-exist`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as Envelope;
    expectEnvelope(body, 'NOT_FOUND');
    expect(body.errors![0].extensions?.reason).toBe('ROUTE_NOT_FOUND');
  });

  it('the workbook endpoint without a token is UNAUTHENTICATED in the envelope', async () => {
    const res = await fetch(`${api.url}/api/reports/workbook?centreId=00000000-0000-0000-0000-000000000000&templateCode=X&periodCode=2025-S1`);
    expect(res.status).toBe(401);
    expectEnvelope((await res.json()) as Envelope, 'UNAUTHENTICATED');
  });

  it('a bad query parameter of the centre export is VALIDATION_FAILED in the envelope, and an impossible date is refused', async () => {
    const token = await api.login('so.chuyenvien');
    const res = await fetch(`${api.url}/api/exports/centres.xlsx?type=NOPE`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(422);
    expectEnvelope((await res.json()) as Envelope, 'VALIDATION_FAILED');
    const date = await fetch(`${api.url}/api/exports/centres.xlsx?asOf=2026-02-30`, { headers: { authorization: `Bearer ${token}` } });
    expect(date.status).toBe(422);
    expectEnvelope((await date.json()) as Envelope, 'VALIDATION_FAILED');
  });

  it('the queue dashboard without its token is UNAUTHENTICATED in the envelope', async () => {
    const res = await fetch(`${api.url}/admin/queues/`);
    expect(res.status).toBe(401);
    expectEnvelope((await res.json()) as Envelope, 'UNAUTHENTICATED');
  });

  it('a multipart body the upload library refuses is coded, never 500', async () => {
    const token = await api.login('cb.gdtx');
    const res = await fetch(`${api.url}/api/reports/workbook`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc',
    });
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as Envelope;
    expect(body.errors?.[0]?.extensions?.code).toMatch(/^(BAD_USER_INPUT|VALIDATION_FAILED)$/);
  });

  it('PostgreSQL refusing connections is UNAVAILABLE (HTTP 503, Retry-After) on GraphQL and REST, and service resumes after', async () => {
    const token = await api.login('so.chuyenvien');
    const dbName = (await owner.query(`SELECT current_database() AS d`)).rows[0].d as string;
    // The app role may not connect any more and its pooled connections are cut: what a PostgreSQL restart looks like.
    await owner.query(`ALTER DATABASE "${dbName}" CONNECTION LIMIT 0`);
    try {
      await owner.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ centres { totalCount } }' }),
      });
      const body = (await res.json()) as Envelope;
      expectEnvelope(body, 'UNAVAILABLE');
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const rest = await fetch(`${api.url}/api/exports/centres.xlsx`, { headers: { authorization: `Bearer ${token}` } });
      expect(rest.status).toBe(503);
      expectEnvelope((await rest.json()) as Envelope, 'UNAVAILABLE');
    } finally {
      await owner.query(`ALTER DATABASE "${dbName}" CONNECTION LIMIT -1`);
    }
    const again = await api.gql(`{ centres { totalCount } }`, {}, token);
    expect(again.errors).toBeUndefined();
  });
});

describe('error envelope: fuzz findings (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi();
  });
  afterAll(async () => api?.close());

  it.each(['gzip', 'deflate', 'br'])('a body declared %s that does not decompress is HTTP 400 BAD_USER_INPUT, not 500', async (encoding) => {
    const res = await raw(`${api.url}/graphql`, {
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as Envelope;
    expectEnvelope(body, 'BAD_USER_INPUT');
    expect(body.errors![0].extensions?.reason).toBe('MALFORMED_REQUEST');
  });
});

describe('error envelope: persisted queries (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi();
  });
  afterAll(async () => api?.close());

  it('a persisted-query hash that does not match is BAD_USER_INPUT, not INTERNAL', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }),
    });
    expect(res.status).toBeLessThan(500);
    expectEnvelope((await res.json()) as Envelope, 'BAD_USER_INPUT');
  });
});
