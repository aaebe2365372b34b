// Before/after timing of the RLS rule on a migrated, seeded database (docs/adr/0011-the-rls-rule.md):
//   node -r ./scripts/register.js scripts/bench/rls-rule.ts postgres://postgres@127.0.0.1:5432/<db>
// Runs each query as the app role under the scope of a demo user (Sở, supervisor, centre), many times, and
// prints the median in milliseconds, plus the plan of the first query under unit scope.
import { Client } from 'pg';

const QUERIES = {
  'fact_value (all rows)': 'SELECT count(*) FROM fact_value',
  'submission (all rows)': 'SELECT count(*) FROM submission',
  'licence_record (all rows)': 'SELECT count(*) FROM licence_record',
  'centre (all rows)': 'SELECT count(*) FROM centre',
};

async function main(): Promise<void> {
  const url = process.argv[2];
  const c = new Client({ connectionString: url });
  await c.connect();
  const role = process.env['APP_DB_ROLE'] || 'gdtx_app';
  const users: { username: string; scope: string; province_id: string; centre_id: string | null; path: string | null }[] = (
    await c.query(
      `SELECT u.username, CASE u.role WHEN 'SUPERVISOR' THEN 'unit' WHEN 'CENTRE_DIRECTOR' THEN 'centre' ELSE 'province' END AS scope,
              u.province_id, u.centre_id, a.path
       FROM app_user u LEFT JOIN administrative_unit a ON a.id = u.unit_id
       WHERE u.username IN ('so.quantri', 'phong.thoxuan', 'gd.gdtx') ORDER BY u.username`,
    )
  ).rows;
  const runs = Number(process.env['RUNS'] ?? 200);
  for (const u of users) {
    for (const [label, sql] of Object.entries(QUERIES)) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        await c.query('BEGIN');
        await c.query(`SET LOCAL ROLE ${role}`);
        await c.query(
          `SELECT set_config('app.scope', $1, true), set_config('app.province_id', $2, true), set_config('app.centre_id', $3, true), set_config('app.unit_path', $4, true)`,
          [u.scope, u.province_id, u.centre_id ?? '', u.path ?? ''],
        );
        const t0 = process.hrtime.bigint();
        const r = await c.query(sql);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        rows = Number(r.rows[0].count);
        if (i === 0 && u.scope === 'unit' && label.startsWith('submission') && process.env['PLAN']) {
          const plan = await c.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`);
          console.log(plan.rows.map((p) => p['QUERY PLAN']).join('\n'));
        }
        await c.query('ROLLBACK');
      }
      times.sort((a, b) => a - b);
      console.log(`${u.username.padEnd(14)} ${u.scope.padEnd(9)} ${label.padEnd(26)} rows ${String(rows).padStart(5)}  median ${times[Math.floor(runs / 2)].toFixed(3)} ms`);
    }
  }
  await c.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
