// ReportingReader's readers of reports (issue 11, Build 6): what analytics, compliance, literacy and notify read
// instead of naming submission, submission_event and reporting_period. They run in the caller's transaction as the
// application role, so RLS decides: one province's Sở sees none of another province's reports. Real PostgreSQL.
import { Client } from 'pg';
import { connectAsAppRole, createTestDatabase, TestDatabase } from '@gdtx/platform/testing';
import type { CallerTx } from '@gdtx/org';
import { ReportingReader } from './reporting.reader';

let db: TestDatabase;
let owner: Client;
let app: Client;
let bn: { id: string; province_id: string };
let th: { id: string; province_id: string };
let bnReport: { id: string; period_code: string; template_code: string };

beforeAll(async () => {
  db = await createTestDatabase();
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  app = await connectAsAppRole(db.ownerUrl);
  const centre = async (code: string) => (await owner.query(`SELECT id, province_id FROM centre WHERE code = $1`, [code])).rows[0];
  bn = await centre('BN-NN-001');
  th = await centre('TH-NN-001');
  bnReport = (await owner.query(
    `SELECT id, period_code, template_code FROM submission WHERE centre_id = $1 AND status = 'ACCEPTED' ORDER BY period_code LIMIT 1`, [bn.id],
  )).rows[0];
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.drop();
});

async function asProvince<T>(provinceId: string, fn: (tx: CallerTx) => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    await app.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [provinceId]);
    return await fn({ query: async (sql, params) => (await app.query(sql, params as unknown[])).rows });
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('ReportingReader under RLS', () => {
  it("a province's Sở reads its own reports", async () => {
    expect(bnReport).toBeDefined();
    await asProvince(bn.province_id, async (tx) => {
      expect(await ReportingReader.centreOfSubmission(tx, bnReport.id)).toBe(bn.id);
      const reports = await ReportingReader.reportsOfCentre(tx, bn.id, bnReport.template_code);
      expect(reports.length).toBeGreaterThan(0);
      expect(reports.find((r) => r.periodCode === bnReport.period_code)).toMatchObject({ templateCode: bnReport.template_code, status: 'ACCEPTED', values: expect.any(Object) });
      const accepted = await ReportingReader.acceptedReports(tx, { provinceId: bn.province_id, templateCode: bnReport.template_code, periodCodes: [bnReport.period_code] });
      expect(accepted.map((r) => r.centreId)).toContain(bn.id);
      expect(accepted.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.periodEnd))).toBe(true);
      const counts = await ReportingReader.submissionCountsByStatus(tx, bnReport.period_code);
      expect(counts.find((c) => c.key === 'ACCEPTED')?.count).toBeGreaterThan(0);
      expect((await ReportingReader.returnedReportNotice(tx, bnReport.id))?.centreId).toBe(bn.id);
    });
  });

  it("another province's Sở reads none of them", async () => {
    expect(th.province_id).not.toBe(bn.province_id);
    await asProvince(th.province_id, async (tx) => {
      expect(await ReportingReader.centreOfSubmission(tx, bnReport.id)).toBeNull();
      expect(await ReportingReader.reportsOfCentre(tx, bn.id, bnReport.template_code)).toEqual([]);
      expect(await ReportingReader.acceptedReports(tx, { provinceId: bn.province_id, templateCode: bnReport.template_code, periodCodes: [bnReport.period_code] })).toEqual([]);
      expect(await ReportingReader.returnedReportNotice(tx, bnReport.id)).toBeNull();
      const own = await owner.query(`SELECT count(*)::int AS n FROM submission WHERE period_code = $1 AND province_id = $2`, [bnReport.period_code, th.province_id]);
      const seen = (await ReportingReader.submissionCountsByStatus(tx, bnReport.period_code)).reduce((s, c) => s + c.count, 0);
      expect(seen).toBe(own.rows[0].n);
    });
  });

  it('periods: a range of one type in order, and the period before', async () => {
    await asProvince(bn.province_id, async (tx) => {
      expect(await ReportingReader.periodCodesWithin(tx, 'QUARTER', '2025-01-01', '2025-12-31')).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
      expect(await ReportingReader.previousPeriodCode(tx, '2025-Q1')).toBe('2024-Q4');
      expect(await ReportingReader.calendarTemplate(tx, 'NO_SUCH_TEMPLATE')).toBeNull();
      expect((await ReportingReader.calendarTemplate(tx, bnReport.template_code))?.code).toBe(bnReport.template_code);
    });
  });
});

// Reporting's read-model views (migration 1733020000200): what analytics' fact flattening selects.
describe("reporting's read-model views under RLS", () => {
  it("reporting_accepted_submission: a province's Sở sees its accepted reports, another province's none of them", async () => {
    await asProvince(bn.province_id, async (tx) => {
      expect(await tx.query(`SELECT centre_id, period_code FROM reporting_accepted_submission WHERE id = $1`, [bnReport.id]))
        .toEqual([{ centre_id: bn.id, period_code: bnReport.period_code }]);
    });
    await asProvince(th.province_id, async (tx) => {
      expect(await tx.query(`SELECT id FROM reporting_accepted_submission WHERE id = $1`, [bnReport.id])).toEqual([]);
      for (const view of ['reporting_accepted_submission', 'reporting_accepted_non_numeric_value']) {
        const rows = await tx.query(`SELECT DISTINCT province_id FROM ${view}`);
        expect(rows.every((r: Record<string, unknown>) => r['province_id'] === th.province_id)).toBe(true);
      }
    });
  });

  it('reporting_accepted_non_numeric_value: a text under a numeric key of an accepted report, seen by its province only', async () => {
    const [key] = (await owner.query(`SELECT k FROM submission s, jsonb_each(s."values") kv(k, v) WHERE s.id = $1 AND jsonb_typeof(v) = 'number' LIMIT 1`, [bnReport.id])).rows.map((r) => r.k as string);
    await owner.query('BEGIN');
    try {
      await owner.query(`UPDATE submission SET "values" = jsonb_set("values", ARRAY[$2], '"12"') WHERE id = $1`, [bnReport.id, key]);
      const q = `SELECT key, value FROM reporting_accepted_non_numeric_value WHERE submission_id = $1`;
      expect((await owner.query(q, [bnReport.id])).rows).toEqual([{ key, value: '"12"' }]);
    } finally {
      await owner.query('ROLLBACK');
    }
  });
});
