import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from '@gdtx/platform';

/**
 * Reporting's SQL read model, views (issue 11, Build 6): analytics' fact flattening named submission,
 * reporting_period and report_template_version; it now selects these views, listed in reportingSqlReadModel
 * (libs/reporting/src/index.ts). Plain views, inlined by the planner, so the rebuild stays one set-based INSERT.
 * security_invoker: the caller's RLS on submission applies.
 */
export class ReportingReadModelViews1733020000200 implements MigrationInterface {
  name = 'ReportingReadModelViews1733020000200';

  async up(qr: QueryRunner): Promise<void> {
    // An accepted report with its period: what counts.
    await qr.query(`
      CREATE VIEW reporting_accepted_submission
        (id, province_id, centre_id, template_code, template_version, period_code, period_type, start_date, end_date, "values")
      WITH (security_invoker = true) AS
      SELECT s.id, s.province_id, s.centre_id, s.template_code, s.template_version, s.period_code, p.type, p.start_date, p.end_date, s."values"
      FROM submission s JOIN reporting_period p ON p.code = s.period_code
      WHERE s.status = 'ACCEPTED'`);
    // Values of accepted reports under a numeric key of the report's template version (a numeric field, or a grid
    // cell) that are not JSON numbers: the write boundary refuses them; flattening asserts that none got past it.
    await qr.query(`
      CREATE VIEW reporting_accepted_non_numeric_value (submission_id, province_id, template_code, key, value)
      WITH (security_invoker = true) AS
      SELECT s.id, s.province_id, s.template_code, kv.key, kv.value::text
      FROM submission s
      JOIN report_template_version v ON v.code = s.template_code AND v.version = s.template_version
       AND (v.province_id IS NULL OR v.province_id = s.province_id)
      CROSS JOIN LATERAL jsonb_each(s."values") kv
      WHERE s.status = 'ACCEPTED' AND jsonb_typeof(kv.value) <> 'number'
        AND (kv.key IN (SELECT jsonb_path_query(v.definition,
                          '$.sections[*].fields[*] ? (@.type == "integer" || @.type == "decimal" || @.type == "percent").code') #>> '{}')
             OR (kv.key LIKE '%.%.%' AND split_part(kv.key, '.', 1) IN (SELECT jsonb_path_query(v.definition, '$.sections[*].grids[*].code') #>> '{}')))`);
    await grantToApp(qr, ['reporting_accepted_submission', 'reporting_accepted_non_numeric_value'], 'SELECT');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP VIEW reporting_accepted_non_numeric_value`);
    await qr.query(`DROP VIEW reporting_accepted_submission`);
  }
}
