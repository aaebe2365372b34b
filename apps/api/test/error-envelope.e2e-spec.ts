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
    const r = await api.gql(`query($d: String) { administrativeUnits(asOf: $d) { id } }`, { d: asOf }, token);
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
