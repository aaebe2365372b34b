// Cost of the province lineage in the RLS rule (docs/adr/0015-province-mergers.md), on a migrated, seeded copy of
// the demo database (it replaces app_sees_province for the "before" runs and restores it: never on a live one):
//   node -r ./scripts/register.js scripts/bench/province-lineage.ts postgres://postgres@127.0.0.1:5432/<copy>
// As the app role, province scope: Thanh Hóa (no lineage) and Bắc Ninh (lineage: Bắc Giang), `SELECT count(*)`
// per table, median of RUNS (default 200) runs, with the lineage body and with the body of migration 1733009000200.
import { Client } from 'pg';

const TABLES = ['fact_value', 'submission', 'submission_event', 'centre', 'licence_record'];
const WITH_LINEAGE = `SELECT (app_scope() = 'system' AND app_province_id() IS NULL) OR p_province = app_province_id() OR p_province = ANY (app_province_lineage())`;
const BEFORE = `SELECT (app_scope() = 'system' AND app_province_id() IS NULL) OR p_province = app_province_id()`;

async function main(): Promise<void> {
  const c = new Client({ connectionString: process.argv[2] });
  await c.connect();
  const role = process.env['APP_DB_ROLE'] || 'gdtx_app';
  const runs = Number(process.env['RUNS'] ?? 200);
  const ids = new Map((await c.query(`SELECT code, id FROM administrative_unit WHERE level = 'PROVINCE'`)).rows.map((r) => [r.code as string, r.id as string]));
  const sessions = [
    { who: 'Thanh Hóa (no lineage)', province: ids.get('TH')!, lineage: '' },
    { who: 'Bắc Ninh (lineage Bắc Giang)', province: ids.get('BN')!, lineage: ids.get('BG')! },
  ];
  const setBody = (body: string) => c.query(`CREATE OR REPLACE FUNCTION app_sees_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE AS $$ ${body} $$`);
  const results: string[] = ['| session | table (rows seen) | before | with lineage |', '|---|---|---|---|'];
  const measure = async (s: (typeof sessions)[number], table: string) => {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      await c.query('BEGIN');
      await c.query(`SET LOCAL ROLE ${role}`);
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true), set_config('app.province_lineage', $2, true)`, [s.province, s.lineage]);
      const t0 = process.hrtime.bigint();
      rows = Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await c.query('ROLLBACK');
    }
    times.sort((a, b) => a - b);
    return { rows, median: times[Math.floor(times.length / 2)] };
  };
  try {
    for (const s of sessions) {
      for (const table of TABLES) {
        await setBody(BEFORE);
        const before = await measure(s, table);
        await setBody(WITH_LINEAGE);
        const after = await measure(s, table);
        results.push(`| ${s.who} | ${table} (${before.rows} → ${after.rows}) | ${before.median.toFixed(1)} ms | ${after.median.toFixed(1)} ms |`);
      }
    }
  } finally {
    await setBody(WITH_LINEAGE);
    await c.end();
  }
  console.log(results.join('\n'));
}

void main();
