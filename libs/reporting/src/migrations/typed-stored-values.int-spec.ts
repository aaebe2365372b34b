import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@gdtx/platform/testing';
import { TypedStoredValues1733000100000 } from './1733000100000-typed-stored-values';

// Issue 11, build item 1: the migration of values stored as strings before the typed parser. It converts what
// parses exactly as the key's type, reports the rest in value_conversion_report, and deletes nothing.
describe('migration 1733000100000: typed stored values (int)', () => {
  let db: TestDatabase;
  let owner: Client;
  let gdtx: { id: string; versionId: string };
  let language: { id: string };

  /** Runs the migration's up() in one transaction on the owner connection, as the migration runner does. */
  async function migrate(): Promise<void> {
    const qr = { query: async (sql: string, params?: unknown[]) => (await owner.query(sql, params)).rows } as unknown as QueryRunner;
    await owner.query('BEGIN');
    try {
      await new TypedStoredValues1733000100000().up(qr);
      await owner.query('COMMIT');
    } catch (e) {
      await owner.query('ROLLBACK');
      throw e;
    }
  }
  const counts = async () =>
    (await owner.query(`SELECT (SELECT count(*) FROM submission)::int AS s, (SELECT count(*) FROM submission_version)::int AS v,
                               (SELECT count(*) FROM value_conversion_report)::int AS r`)).rows[0];
  const typed = async (table: string, id: string, key: string) =>
    (await owner.query(`SELECT jsonb_typeof("values"->$2) AS t, "values"->$2 AS v FROM ${table} WHERE id = $1`, [id, key])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    // Rows as the API stored them before the parser: strings under numeric keys, in a report and its submitted version.
    const { rows: [g] } = await owner.query(
      `SELECT s.id, v.id AS "versionId" FROM submission s JOIN submission_version v ON v.submission_id = s.id
       WHERE s.status = 'ACCEPTED' AND s.template_code = 'GDTX_SEMESTER' ORDER BY s.period_code, v.number DESC LIMIT 1`,
    );
    gdtx = g;
    const strings = JSON.stringify({ exam_candidates: '1100', exam_pass_rate: '99.6', exam_councils: '1.100', staff_total: ' 56', 'exam_by_type.it_basic.candidates': '1100' });
    await owner.query(`UPDATE submission SET "values" = "values" || $2::jsonb WHERE id = $1`, [gdtx.id, strings]);
    await owner.query(`UPDATE submission_version SET "values" = "values" || $2::jsonb WHERE id = $1`, [gdtx.versionId, strings]);
    const { rows: [l] } = await owner.query(
      `SELECT id FROM submission WHERE template_code = 'LANGUAGE_IT_QUARTERLY' AND "values" ? 'establishment_decision_no' ORDER BY period_code LIMIT 1`,
    );
    language = l;
    await owner.query(`UPDATE submission SET "values" = "values" || '{"teachers_total": "8", "khong_co": "5"}'::jsonb WHERE id = $1`, [language.id]);
  });
  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  it('converts the strings that parse exactly as their key type, in the report and its submitted versions', async () => {
    const before = await counts();
    await migrate();
    for (const [table, id] of [['submission', gdtx.id], ['submission_version', gdtx.versionId]]) {
      expect(await typed(table, id, 'exam_candidates')).toEqual({ t: 'number', v: 1100 });
      expect(await typed(table, id, 'exam_pass_rate')).toEqual({ t: 'number', v: 99.6 });
      expect(await typed(table, id, 'exam_by_type.it_basic.candidates')).toEqual({ t: 'number', v: 1100 });
      // Looser text is left as it is, for a person to decide.
      expect(await typed(table, id, 'exam_councils')).toEqual({ t: 'string', v: '1.100' });
      expect(await typed(table, id, 'staff_total')).toEqual({ t: 'string', v: ' 56' });
    }
    expect(await typed('submission', language.id, 'teachers_total')).toEqual({ t: 'number', v: 8 });
    expect((await typed('submission', language.id, 'establishment_decision_no')).t).toBe('string'); // text stays text
    const after = await counts();
    expect({ s: after.s, v: after.v }).toEqual({ s: before.s, v: before.v }); // nothing deleted
  });

  it('lists every value it converted or left, with the reason in Vietnamese and English', async () => {
    const { rows } = await owner.query(
      `SELECT source, row_id AS "rowId", value_key AS key, stored_value AS stored, outcome, status, reason_vi AS "reasonVi", reason_en AS "reasonEn"
       FROM value_conversion_report ORDER BY source, value_key`,
    );
    const of = (rowId: string) => rows.filter((r) => r.rowId === rowId).map((r) => [r.key, r.outcome]);
    expect(of(gdtx.id)).toEqual([
      ['exam_by_type.it_basic.candidates', 'CONVERTED'], ['exam_candidates', 'CONVERTED'], ['exam_councils', 'LEFT_AS_IS'],
      ['exam_pass_rate', 'CONVERTED'], ['staff_total', 'LEFT_AS_IS'],
    ]);
    expect(of(gdtx.versionId)).toEqual(of(gdtx.id));
    expect(of(language.id)).toEqual([['khong_co', 'LEFT_AS_IS'], ['teachers_total', 'CONVERTED']]);
    const councils = rows.find((r) => r.rowId === gdtx.id && r.key === 'exam_councils');
    expect(councils).toMatchObject({ stored: '1.100', status: 'ACCEPTED' });
    expect(councils.reasonVi).toMatch(/phải là số nguyên, không phải chuỗi ký tự "1.100"/);
    expect(councils.reasonEn).toMatch(/must be a whole number/);
    expect(rows.find((r) => r.rowId === language.id && r.key === 'khong_co').reasonVi).toMatch(/không có trong biểu mẫu LANGUAGE_IT_QUARTERLY/);
    // Only the rows inserted above: the demo data is already typed.
    expect(new Set(rows.map((r) => r.rowId))).toEqual(new Set([gdtx.id, gdtx.versionId, language.id]));
  });

  it('is idempotent: a second run converts nothing more and reports nothing twice', async () => {
    const before = await counts();
    const { rows: [values] } = await owner.query(`SELECT "values" FROM submission WHERE id = $1`, [gdtx.id]);
    await migrate();
    expect(await counts()).toEqual(before);
    expect((await owner.query(`SELECT "values" FROM submission WHERE id = $1`, [gdtx.id])).rows[0]).toEqual(values);
  });
});
