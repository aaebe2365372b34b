import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, getNamedType, GraphQLField, GraphQLInputType, GraphQLObjectType, GraphQLSchema, isInputObjectType, type IntrospectionQuery } from 'graphql';
import { Client } from 'pg';
import { ErrorCodes } from '@gdtx/platform';
import { bootApi, TestApi } from '../harness';
import { Answer, documentFor, inBatches as inBatchesOf, Pools, raw, wellFormed } from './schema-kit';

// Issue 13 "Must show": a schema-driven fuzz suite. fast-check generates well-formed and malformed operations and
// variables for every query and mutation of the introspected schema (ids, codes and periods from the demo data, so
// that well-formed input reaches the resolvers), plus malformed traffic for the HTTP layer. Oracles: no HTTP 500,
// no INTERNAL, every error coded from the closed set, and no row written by a mutation that failed.
// Re-run one sequence: GDTX_FC_SEED=<seed printed below> npm test -- apps/api/test/fuzz. GDTX_FUZZ_SCALE=2 doubles it.
const SEED = process.env['GDTX_FC_SEED'] ? Number(process.env['GDTX_FC_SEED']) : Date.now() % 2 ** 31;
const SCALE = Number(process.env['GDTX_FUZZ_SCALE'] ?? 1);
const WELL_FORMED_PER_OPERATION = Math.round(12 * SCALE);
const MALFORMED_PER_OPERATION = Math.round(100 * SCALE);
const HTTP_REQUESTS = Math.round(3500 * SCALE);
const CONCURRENCY = 6;
const CLOSED_CODES: readonly string[] = ErrorCodes;
const inBatches = <T>(items: T[], fn: (item: T) => Promise<void>) => inBatchesOf(items, fn, CONCURRENCY);

/** Operations the fuzz leaves out of the well-formed runs, and why. */
const SKIP_WELL_FORMED: Record<string, string> = {
  logout: 'ends the session of the fuzzing user',
  login: 'argon2 per call; covered by its own suite and by the malformed runs',
  refreshToken: 'covered by its own suite and by the malformed runs',
  createUser: 'argon2 per call; covered by identity-users.e2e-spec.ts and the malformed runs',
};
/** Mutations that deliberately write when they fail: a wrong password is counted (login limits, issue 13). */
const WRITES_WHEN_FAILING = new Set(['login', 'refreshToken']);
const ACTORS = ['so.quantri', 'so.chuyenvien', 'so.lanhdao', 'so.thanhtra', 'gd.gdtx', 'cb.gdtx', 'phong.thoxuan', 'admin'];

const stats = { requests: 0, http500: 0, internal: 0, uncoded: 0, codes: new Map<string, number>(), failures: [] as string[] };

function record(label: string, a: Answer): void {
  stats.requests++;
  if (a.status >= 500 && a.status !== 503) {
    stats.http500++;
    stats.failures.push(`${label}: HTTP ${a.status} ${a.text.slice(0, 300)}`);
  }
  if (a.status === 503) stats.failures.push(`${label}: HTTP 503 (a backing service was down during the fuzz) ${a.text.slice(0, 200)}`);
  for (const e of a.body?.errors ?? []) {
    const code = e.extensions?.code;
    stats.codes.set(String(code), (stats.codes.get(String(code)) ?? 0) + 1);
    if (code === 'INTERNAL') {
      stats.internal++;
      stats.failures.push(`${label}: INTERNAL ${e.message}`);
    } else if (!code || !CLOSED_CODES.includes(code)) {
      stats.uncoded++;
      stats.failures.push(`${label}: uncoded error ${JSON.stringify(e).slice(0, 300)}`);
    }
  }
  if (a.status >= 400 && !a.body?.errors?.length) {
    stats.uncoded++;
    stats.failures.push(`${label}: HTTP ${a.status} without the envelope: ${a.text.slice(0, 200)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Values from the schema
/** Values that a careless or hostile client sends: wrong types, impossible dates, NUL, huge strings, odd shapes. */
function malformedValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom('2026-02-30', '-1', '2026-13-01', '0000-00-00', '9999-99-99', '2026-2-3', '', ' ', 'null', '🙂', 'a\u0000b', 'x'.repeat(20_001)),
    fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', "'; DROP TABLE centre; --", '1 OR 1=1', '%', '\\', '../../etc/passwd'),
    fc.integer(), fc.double(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, -0),
    fc.boolean(), fc.constant(null), fc.string({ maxLength: 50 }), fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }), fc.object({ maxDepth: 3 }),
    fc.constant({ __proto__: { polluted: true } }), fc.constant({ constructor: { prototype: { x: 1 } } }),
  );
}

function malformedVariables(field: GraphQLField<unknown, unknown>, pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const entries = field.args.map((a) => [a.name, fc.oneof(
    { weight: 3, arbitrary: malformedValue() },
    { weight: 2, arbitrary: malformedInside(a.type, pools) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  )] as const);
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Record<string, unknown>>;
}

/** A well-formed value with one part replaced by a malformed one (a nested field, a list element). */
function malformedInside(type: GraphQLInputType, pools: Pools): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    return fc.tuple(wellFormed(named, named.name, '', pools), fc.constantFrom(...fields.map((f) => f.name), '__unknownField'), malformedValue())
      .map(([value, key, bad]) => ({ ...(value as object), [key]: bad }));
  }
  return malformedValue();
}

// ---------------------------------------------------------------------------------------------------------------
// Documents
/** Broken documents: truncated, braces swapped, unknown fields, wrong operation types, fragments that loop. */
const brokenDocument = (doc: string) =>
  fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, doc.length - 1) }).map((i) => doc.slice(0, i)),
    fc.constant(doc.replace('{', '}')),
    fc.constant(doc.replace(/\{ (\w+)/, '{ $1_unknown')),
    fc.constant(doc.replace(/^(query|mutation)/, 'subscription')),
    fc.constant(`${doc} fragment F on Query { ...F }`),
    fc.constant(doc.replace(/\$(\w+): [\w![\]]+/, '$$$1: NoSuchType')),
    fc.string({ maxLength: 80 }),
  );

// ---------------------------------------------------------------------------------------------------------------

describe('schema-driven fuzz (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let schema: GraphQLSchema;
  let pools: Pools;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const ids = async (sql: string) => (await owner.query(sql)).rows.map((r) => String(r.v));
    const actors = ACTORS.map((u) => `'${u}'`).join(',');
    pools = {
      centre: await ids(`SELECT id AS v FROM centre`),
      unit: await ids(`SELECT id AS v FROM administrative_unit`),
      submission: await ids(`SELECT id AS v FROM submission LIMIT 200`),
      user: await ids(`SELECT id AS v FROM app_user WHERE username NOT IN (${actors})`),
      finding: await ids(`SELECT id AS v FROM finding LIMIT 200`),
      inspection: await ids(`SELECT id AS v FROM inspection LIMIT 100`),
      case: await ids(`SELECT id AS v FROM unlicensed_operator_case LIMIT 100`),
      notification: await ids(`SELECT id AS v FROM notification LIMIT 100`),
      template: await ids(`SELECT DISTINCT code AS v FROM report_template_version`),
      period: await ids(`SELECT code AS v FROM reporting_period ORDER BY code DESC LIMIT 60`),
      any: [],
    };
    for (const k of Object.keys(pools) as (keyof Pools)[]) if (!pools[k].length) pools[k] = ['00000000-0000-0000-0000-000000000000'];
    pools.any = [...pools.centre, ...pools.unit, ...pools.submission];
    for (const u of ACTORS) tokens.set(u, await api.login(u));
    const introspection = await api.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, tokens.get('so.quantri'));
    schema = buildClientSchema(introspection.data as IntrospectionQuery);
    console.log(`fuzz seed ${SEED} (replay: GDTX_FC_SEED=${SEED})`);
  }, 60_000);
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const post = (doc: string, variables: unknown, token?: string, headers: Record<string, string> = {}) =>
    raw(`${api.url}/graphql`, {
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query: doc, variables }),
    });

  /** Rows a mutation could have written: every table's exact count would be slow, these are what mutations touch. */
  async function footprint(): Promise<string> {
    const { rows } = await owner.query(`SELECT
      (SELECT count(*) FROM audit_event) a, (SELECT count(*) FROM outbox) o, (SELECT count(*) FROM submission) s,
      (SELECT count(*) FROM submission_event) se, (SELECT count(*) FROM centre) c, (SELECT count(*) FROM app_user) u,
      (SELECT count(*) FROM finding) f, (SELECT count(*) FROM inspection) i, (SELECT count(*) FROM notification) n,
      (SELECT count(*) FROM licence_record) l, (SELECT count(*) FROM report_template_version) t,
      (SELECT coalesce(max(version), 0) FROM submission) sv, (SELECT coalesce(sum(token_version), 0) FROM app_user) tv`);
    return JSON.stringify(rows[0]);
  }

  it('every operation, well-formed and malformed, and the HTTP layer: no 500, no INTERNAL, every error coded, no write by a failed mutation', async () => {
    const started = Date.now();
    const roots: ['query' | 'mutation', GraphQLObjectType][] = [['query', schema.getQueryType()!], ['mutation', schema.getMutationType()!]];
    const operations = roots.flatMap(([kind, t]) => Object.values(t.getFields()).map((f) => ({ kind, field: f })));
    const reached = new Set<string>();
    const wellFormedTried = new Set<string>();
    const writesByFailures: string[] = [];
    let seed = SEED;

    for (const { kind, field } of operations) {
      const doc = documentFor(kind, field);
      const varsArb = fc.record(Object.fromEntries(field.args.map((a) => [a.name, wellFormed(a.type, a.name, field.name, pools)]))) as fc.Arbitrary<Record<string, unknown>>;
      const wellFormedSamples = SKIP_WELL_FORMED[field.name] ? [] : fc.sample(varsArb, { seed: seed++, numRuns: WELL_FORMED_PER_OPERATION });
      if (wellFormedSamples.length) wellFormedTried.add(field.name);
      const malformed = fc.sample(
        fc.oneof(
          { weight: 3, arbitrary: fc.tuple(fc.constant(doc), malformedVariables(field, pools)) },
          { weight: 1, arbitrary: fc.tuple(brokenDocument(doc), varsArb) },
        ),
        { seed: seed++, numRuns: MALFORMED_PER_OPERATION },
      );
      const calls = [
        ...wellFormedSamples.map((v, i) => ({ doc, vars: v as unknown, wellFormed: true, actor: ACTORS[i % ACTORS.length] })),
        // logout with a fuzzing user's token would end that user's session for the rest of the run: anonymous only.
        ...malformed.map(([d, v], i) => ({ doc: d, vars: v as unknown, wellFormed: false, actor: i % 5 === 0 || field.name === 'logout' ? null : ACTORS[i % ACTORS.length] })),
      ];
      const run = async (c: (typeof calls)[number]) => {
        const before = kind === 'mutation' && !WRITES_WHEN_FAILING.has(field.name) ? await footprint() : null;
        const a = await post(c.doc, c.vars, c.actor ? tokens.get(c.actor) : undefined);
        record(`${field.name}${c.wellFormed ? '' : ' (malformed)'} as ${c.actor ?? 'anonymous'} vars=${JSON.stringify(c.vars)?.slice(0, 200)}`, a);
        const errors = a.body?.errors ?? [];
        const refusedBefore = errors.some((e) => ['UNAUTHENTICATED', 'FORBIDDEN'].includes(String(e.extensions?.code)));
        const edgeRefusal = !a.body || !('data' in a.body);
        if (c.wellFormed && !refusedBefore && !edgeRefusal) reached.add(field.name);
        if (c.wellFormed && process.env['GDTX_FUZZ_VERBOSE']) console.log(`${field.name} ${a.status} ${JSON.stringify(errors.map((e) => [e.extensions?.code, e.message?.slice(0, 80)]))}`);
        if (before !== null && errors.length) {
          const after = await footprint();
          if (after !== before) writesByFailures.push(`${field.name} ${JSON.stringify(c.vars).slice(0, 200)}: ${before} → ${after} (${errors[0].extensions?.code})`);
        }
      };
      // Mutations one at a time, so that the footprint before/after is the mutation's own.
      if (kind === 'mutation') for (const c of calls) await run(c);
      else await inBatches(calls, run);
    }

    // The HTTP layer: bodies, content types, encodings, sizes, headers, methods, paths.
    const token = tokens.get('so.chuyenvien')!;
    const httpCases = fc.sample(
      fc.oneof(
        fc.record({ method: fc.constant('POST'), path: fc.constant('/graphql'), contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/json; charset=latin1', 'application/xml', ''), body: fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 }), fc.constantFrom('{', '{"query":', '[]', 'null', '{"query": 1}', '{"query": "{ me { id } }", "variables": "x"}', '{"query": "{ me { id } }", "operationName": 7}', '{"query":"{__typename}","extensions":{"persistedQuery":{"version":1,"sha256Hash":"x"}}}')), encoding: fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'identity', 'x-nonsense') }),
        fc.record({ method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), path: fc.constantFrom('/graphql', '/graphql?query=%7B__typename%7D', '/graphql?query={', '/api/reports/workbook', '/api/exports/centres.xlsx?type=X', '/api/exports/centres.xlsx?asOf=2026-02-30', '/health', '/health/live', '/admin/queues/', '/admin/queues?token=eyJx', '/nope', '/api/%zz'), contentType: fc.constant('application/json'), body: fc.constant(''), encoding: fc.constant(undefined) }),
        fc.record({ method: fc.constant('POST'), path: fc.constantFrom('/api/reports/workbook', '/graphql'), contentType: fc.constantFrom('multipart/form-data; boundary=xyz', 'multipart/form-data', 'application/octet-stream'), body: fc.constantFrom('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc\r\n--xyz--', '--xyz\r\n\r\n', 'garbage', '--xyz\r\nContent-Disposition: form-data; name="centreId"\r\n\r\nnot-a-uuid\r\n--xyz--'), encoding: fc.constant(undefined) }),
      ),
      { seed: seed++, numRuns: HTTP_REQUESTS },
    );
    await inBatches(httpCases.map((c, i) => ({ ...c, i })), async (c) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (c.contentType) headers['content-type'] = c.contentType;
      if (c.encoding) headers['content-encoding'] = c.encoding;
      if (c.i % 50 === 0) headers['x-filler'] = 'x'.repeat(20 * 1024);
      let body: string | Buffer | undefined = c.method === 'GET' || c.method === 'HEAD' ? undefined : c.body;
      if (c.i % 97 === 0 && body !== undefined) body = JSON.stringify({ query: '{ __typename }', variables: { x: 'a'.repeat(3 * 1024 * 1024) } });
      const a = await raw(`${api.url}${c.path}`, { method: c.method, headers, body });
      if (a.status === 0 || c.method === 'HEAD' || c.method === 'OPTIONS' || (a.status < 400 && !a.text.startsWith('{'))) {
        // A closed socket, a HEAD without a body, a CORS preflight or a file: only the status counts.
        stats.requests++;
        if (a.status >= 500 && a.status !== 503) stats.failures.push(`HTTP ${c.method} ${c.path}: ${a.status}`);
        return;
      }
      record(`HTTP ${c.method} ${c.path} ${c.contentType} ${c.encoding ?? ''} ${String(c.body).slice(0, 60)}`, a);
    });

    const seconds = (Date.now() - started) / 1000;
    const tried = [...wellFormedTried];
    const ratio = tried.filter((n) => reached.has(n)).length / tried.length;
    console.log(
      [
        `fuzz seed ${SEED}: ${stats.requests} requests in ${seconds.toFixed(1)} s over ${operations.length} operations`,
        `well-formed input reached the resolver of ${tried.filter((n) => reached.has(n)).length}/${tried.length} operations (${(ratio * 100).toFixed(1)} %); not reached: ${tried.filter((n) => !reached.has(n)).join(', ') || 'none'}`,
        `codes seen: ${[...stats.codes.entries()].sort().map(([c, n]) => `${c} ${n}`).join(', ')}`,
        `HTTP 500: ${stats.http500}, INTERNAL: ${stats.internal}, uncoded: ${stats.uncoded}, writes by failed mutations: ${writesByFailures.length}`,
      ].join('\n'),
    );
    expect(stats.failures.slice(0, 20)).toEqual([]);
    expect(writesByFailures.slice(0, 20)).toEqual([]);
    expect(stats.requests).toBeGreaterThanOrEqual(10_000 * Math.min(1, SCALE));
    expect(ratio).toBeGreaterThanOrEqual(0.8);
  }, 300_000);
});
