import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@gdtx/platform/testing';
import { rebuildProvinceFacts, UnflattenableValuesError } from './fact.service';

// Issue 11, build item 1: flattening values to facts never drops a value silently. The parser refuses strings
// under numeric keys at the write boundary; a row that got past it anyway (stored before the parser, edited in
// a console) stops the flattening with the submission and key named, and no fact row is touched.
describe('flattening accepted values to facts (int)', () => {
  let db: TestDatabase;
  let owner: Client;
  const query = async (sql: string, params: unknown[]) => (await owner.query(sql, params)).rows;
  const facts = async (provinceId: string) =>
    (await owner.query(`SELECT count(*)::int AS n, coalesce(sum(value), 0)::float8 AS total FROM fact_value WHERE province_id = $1`, [provinceId])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  it('flattens every numeric value of the seeded accepted reports; text, dates, choices and booleans are not facts', async () => {
    const { rows } = await owner.query(`SELECT DISTINCT province_id AS id FROM submission WHERE status = 'ACCEPTED'`);
    for (const { id } of rows) {
      const n = await rebuildProvinceFacts(query as never, id);
      const { rows: [expected] } = await owner.query(
        `SELECT count(*)::int AS n FROM submission s CROSS JOIN LATERAL jsonb_each(s."values") kv
         WHERE s.status = 'ACCEPTED' AND s.province_id = $1 AND jsonb_typeof(kv.value) = 'number'`,
        [id],
      );
      expect(n).toBe(expected.n);
    }
    // The demo data holds non-numeric values under non-numeric keys (decision numbers, dates, yes/no): no false alarm.
    const { rows: [mixed] } = await owner.query(
      `SELECT count(*)::int AS n FROM submission s CROSS JOIN LATERAL jsonb_each(s."values") kv WHERE s.status = 'ACCEPTED' AND jsonb_typeof(kv.value) <> 'number'`,
    );
    expect(mixed.n).toBeGreaterThan(0);
  });

  it('a string under a numeric field or grid cell of an accepted report stops the rebuild, naming both, and writes nothing', async () => {
    const { rows: [report] } = await owner.query(
      `SELECT id, province_id AS "provinceId" FROM submission WHERE status = 'ACCEPTED' AND template_code = 'GDTX_SEMESTER' ORDER BY period_code LIMIT 1`,
    );
    await owner.query(
      `UPDATE submission SET "values" = "values" || '{"exam_candidates": "1100", "exam_by_type.it_basic.candidates": "1100"}'::jsonb WHERE id = $1`,
      [report.id],
    );
    const before = await facts(report.provinceId);
    const failure = await rebuildProvinceFacts(query as never, report.provinceId).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UnflattenableValuesError);
    expect((failure as UnflattenableValuesError).values).toEqual([
      { submissionId: report.id, templateCode: 'GDTX_SEMESTER', key: 'exam_by_type.it_basic.candidates', value: '"1100"' },
      { submissionId: report.id, templateCode: 'GDTX_SEMESTER', key: 'exam_candidates', value: '"1100"' },
    ]);
    expect(await facts(report.provinceId)).toEqual(before);
  });
});
