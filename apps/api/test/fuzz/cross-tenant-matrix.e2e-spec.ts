import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, getNamedType, GraphQLField, GraphQLInputType, GraphQLObjectType, isInputObjectType, type IntrospectionQuery } from 'graphql';
import { Client } from 'pg';
import { bootApi, TestApi } from '../harness';
import { documentFor, inBatches, Pools, raw, wellFormed } from './schema-kit';

// Issue 13 "Must show": a cross-tenant matrix generated from the schema. Every text a person reads in the rows of
// each province (names, titles, notes, addresses, reasons…) gets a marker unique to that province. Then every
// operation of the schema × every role of one province is called with the OTHER province's ids wherever the
// operation takes an id (arguments and input fields), own well-formed values elsewhere, and every list without ids
// as well. Oracle: the other province's marker never appears in any response, its province id never appears in
// the background-work page, and not one of its rows changed (a checksum per table, before and after).
// Replay: GDTX_FC_SEED=<seed printed below> npm test -- apps/api/test/fuzz/cross-tenant-matrix.
const SEED = process.env['GDTX_FC_SEED'] ? Number(process.env['GDTX_FC_SEED']) : Date.now() % 2 ** 31;
const SAMPLES_PER_OPERATION = Number(process.env['GDTX_MATRIX_SAMPLES'] ?? 3);
const PROVINCES = [
  { code: 'TH', actors: ['so.quantri', 'so.chuyenvien', 'so.lanhdao', 'so.thanhtra', 'gd.gdtx', 'cb.gdtx', 'phong.thoxuan', 'admin'] },
  { code: 'BN', actors: ['bn.quantri'] },
];
/** Operations that would end the caller's own session or need a password: not cross-tenant reads or writes. */
const LEFT_OUT: Record<string, string> = {
  logout: 'ends the calling session',
  login: 'takes a username, not an id; its own suite covers it',
  refreshToken: 'takes a token, not an id',
};
/** Columns a person reads, which carry the marker (text columns that are not codes, enums, paths or secrets). */
const READABLE = /(^|_)(name|full_name|title_vi|body_vi|note|resolution_note|description_vi|reason|comment|address|holder_name|inspector_name|operator_name|reported_by_name|status_note|remediation_note|actor_name|name_vi|name_en)$/;
const NOT_MARKED = new Set(['app_user.username', 'outbox_job.name', 'login_address_window.address']);

/** The id-like argument names and input fields of an operation (what gets the other province's ids). */
function takesIds(field: GraphQLField<unknown, unknown>): boolean {
  const seen = new Set<string>();
  const visit = (name: string, type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    if (named.name === 'ID' || /Id$|^id$|Ids$/.test(name)) return true;
    if (isInputObjectType(named) && !seen.has(named.name)) {
      seen.add(named.name);
      return Object.values(named.getFields()).some((f) => visit(f.name, f.type));
    }
    return false;
  };
  return field.args.some((a) => visit(a.name, a.type));
}

describe('cross-tenant matrix (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const marker = new Map<string, string>(); // province code → marker
  const provinceId = new Map<string, string>();
  const pools = new Map<string, Pools>();
  const tokens = new Map<string, string>();
  const marked: { table: string; column: string }[] = [];
  let tenantTables: string[] = [];

  async function poolsOf(province: string): Promise<Pools> {
    const ids = async (sql: string) => (await owner.query(sql, [province])).rows.map((r) => String(r.v));
    const p: Pools = {
      centre: await ids(`SELECT id AS v FROM centre WHERE province_id = $1`),
      unit: await ids(`SELECT id AS v FROM administrative_unit WHERE province_id = $1 OR id = $1`),
      submission: await ids(`SELECT id AS v FROM submission WHERE province_id = $1 LIMIT 100`),
      user: await ids(`SELECT id AS v FROM app_user WHERE province_id = $1`),
      finding: await ids(`SELECT id AS v FROM finding WHERE province_id = $1 LIMIT 100`),
      inspection: await ids(`SELECT id AS v FROM inspection WHERE province_id = $1 LIMIT 100`),
      case: await ids(`SELECT id AS v FROM unlicensed_operator_case WHERE province_id = $1 LIMIT 100`),
      notification: await ids(`SELECT id AS v FROM notification WHERE province_id = $1 LIMIT 100`),
      template: (await owner.query(`SELECT DISTINCT code AS v FROM report_template_version`)).rows.map((r) => String(r.v)),
      period: (await owner.query(`SELECT code AS v FROM reporting_period ORDER BY code DESC LIMIT 40`)).rows.map((r) => String(r.v)),
      any: [],
    };
    for (const k of Object.keys(p) as (keyof Pools)[]) if (!p[k].length) p[k] = ['00000000-0000-0000-0000-000000000000'];
    p.any = [...p.centre, ...p.unit, ...p.submission];
    return p;
  }

  /** One checksum per tenant table over the rows of a province: any change by the matrix shows. */
  async function checksums(province: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const t of tenantTables) {
      const { rows } = await owner.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x WHERE province_id = $1`, [province]);
      out[t] = `${rows[0].n}:${rows[0].h}`;
    }
    return out;
  }

  beforeAll(async () => {
    // Jobs stay out of the way: the checksums are to see the matrix's writes, not a scheduled refresh's.
    api = await bootApi({ RUN_WORKERS_IN_PROCESS: 'false' });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    for (const p of PROVINCES) {
      const { rows } = await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = $1`, [p.code]);
      expect(rows).toHaveLength(1);
      provinceId.set(p.code, rows[0].id);
      marker.set(p.code, `XTENANT${p.code}${Math.abs(SEED).toString(36)}Q`);
    }
    tenantTables = (await owner.query(
      `SELECT c.table_name AS t FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = 'province_id' ORDER BY 1`,
    )).rows.map((r) => r.t as string);
    const columns = (await owner.query(
      `SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type = 'text' ORDER BY 1, 2`,
    )).rows as { t: string; c: string }[];
    for (const { t, c } of columns) {
      if (!READABLE.test(c) || NOT_MARKED.has(`${t}.${c}`) || !tenantTables.includes(t)) continue;
      let changed = 0;
      for (const p of PROVINCES) {
        // A column whose CHECK or trigger refuses the marker is left as it is (savepoint), and said below.
        await owner.query('BEGIN');
        try {
          const r = await owner.query(`UPDATE ${t} SET ${c} = ${c} || ' ' || $2 WHERE province_id = $1 AND ${c} IS NOT NULL`, [provinceId.get(p.code), marker.get(p.code)]);
          await owner.query('COMMIT');
          changed += r.rowCount ?? 0;
        } catch {
          await owner.query('ROLLBACK');
        }
      }
      if (changed > 0) marked.push({ table: t, column: c });
    }
    for (const p of PROVINCES) pools.set(p.code, await poolsOf(provinceId.get(p.code)!));
    for (const p of PROVINCES) for (const u of p.actors) tokens.set(u, await api.login(u));
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('no role of one province reads or changes the other province\'s rows through any operation', async () => {
    const started = Date.now();
    const introspection = await api.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, tokens.get('so.quantri'));
    const schema = buildClientSchema(introspection.data as IntrospectionQuery);
    const roots: ['query' | 'mutation', GraphQLObjectType][] = [['query', schema.getQueryType()!], ['mutation', schema.getMutationType()!]];
    const operations = roots.flatMap(([kind, t]) => Object.values(t.getFields()).map((field) => ({ kind, field }))).filter((o) => !LEFT_OUT[o.field.name]);
    const leaks: string[] = [];
    const changedRows: string[] = [];
    const counts = { requests: 0, withForeignIds: 0, lists: 0, operationsWithIds: new Set<string>() };
    let seed = SEED;

    for (const own of PROVINCES) {
      const other = PROVINCES.find((p) => p.code !== own.code)!;
      const foreign = pools.get(other.code)!;
      const ownPools = pools.get(own.code)!;
      const otherMarker = marker.get(other.code)!;
      const otherId = provinceId.get(other.code)!;
      // Only this province's actors act now: not one row of the other province may change.
      const before = await checksums(otherId);
      for (const { kind, field } of operations) {
        const withIds = takesIds(field);
        if (withIds) counts.operationsWithIds.add(field.name);
        // Ids from the other province wherever an id goes; other values (codes, periods, dates) as a real client sends.
        const vars = fc.sample(
          fc.record(Object.fromEntries(field.args.map((a) => [a.name, wellFormed(a.type, a.name, field.name, withIds ? { ...foreign, template: ownPools.template, period: ownPools.period } : ownPools)]))),
          { seed: seed++, numRuns: withIds ? SAMPLES_PER_OPERATION : 1 },
        );
        const doc = documentFor(kind, field);
        const calls = own.actors.flatMap((actor) => vars.map((v) => ({ actor, v })));
        const call = async ({ actor, v }: { actor: string; v: unknown }) => {
          const a = await raw(`${api.url}/graphql`, {
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(actor)}` },
            body: JSON.stringify({ query: doc, variables: v }),
          });
          counts.requests++;
          if (withIds) counts.withForeignIds++;
          else counts.lists++;
          if (a.text.includes(otherMarker)) leaks.push(`${field.name} as ${actor} (${own.code}) showed ${other.code}'s marker: ${JSON.stringify(v).slice(0, 200)} → ${a.text.slice(0, 300)}`);
          if (field.name === 'backgroundJobs' && a.text.includes(otherId)) leaks.push(`backgroundJobs as ${actor} (${own.code}) listed a job of ${other.code}`);
        };
        if (kind === 'mutation') for (const c of calls) await call(c);
        else await inBatches(calls, call);
      }
      const after = await checksums(otherId);
      for (const t of tenantTables) if (before[t] !== after[t]) changedRows.push(`${other.code}.${t} (rows:checksum) ${before[t]} → ${after[t]} while ${own.code} acted`);
    }
    console.log(
      [
        `cross-tenant matrix seed ${SEED}: ${counts.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; ${operations.length} operations × ${PROVINCES.map((p) => `${p.actors.length} roles of ${p.code}`).join(' and ')}`,
        `${counts.operationsWithIds.size} operations take ids (${counts.withForeignIds} calls with the other province's ids), ${counts.lists} calls of the rest`,
        `markers in ${marked.length} columns: ${marked.map((m) => `${m.table}.${m.column}`).join(', ')}`,
        `leaks: ${leaks.length}; the other province's tables changed: ${changedRows.length ? changedRows.join('; ') : 'none'}`,
      ].join('\n'),
    );
    expect(marked.length).toBeGreaterThanOrEqual(10);
    expect(leaks.slice(0, 20)).toEqual([]);
    expect(changedRows).toEqual([]);
  }, 600_000);
});
