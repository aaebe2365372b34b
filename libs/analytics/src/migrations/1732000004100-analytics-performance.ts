import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Measured by `npm run bench` (docs/performance.md):
 * - fact_value's policy uses its own columns (the unit path is on every fact row) instead of calling
 *   app_can_see_centre() per row, so the planner inlines the scope functions and aggregates stay index-friendly;
 * - centre-keyed lookups (licence status, status and unit history) get indexes led by centre_id (now created by
 *   org, whose tables they are: 1733001000010);
 * - fact_value keeps two indexes instead of four (rebuild time).
 */
export class AnalyticsPerformance1732000004100 implements MigrationInterface {
  name = 'AnalyticsPerformance1732000004100';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP POLICY fact_value_tenant ON fact_value`);
    await qr.query(`
      CREATE POLICY fact_value_scope ON fact_value USING (
        app_scope() = 'system' OR (province_id = app_province_id() AND (
          app_scope() = 'province'
          OR (app_scope() = 'centre' AND centre_id = app_centre_id())
          OR (app_scope() = 'unit' AND unit_path LIKE app_unit_path() || '%')
        )))
      WITH CHECK (app_scope() = 'system')`);
    await qr.query(`CREATE INDEX fact_value_period ON fact_value (province_id, period_code, value_key)`);
    // Fewer indexes to maintain on a rebuild of millions of rows: the natural key leads with submission_id, so
    // it also serves the incremental refresh's delete, and the first lookup index is superseded by the one above.
    await qr.query(`ALTER TABLE fact_value DROP CONSTRAINT fact_value_year_submission_id_value_key_key`);
    await qr.query(`ALTER TABLE fact_value ADD CONSTRAINT fact_value_natural_key UNIQUE (submission_id, value_key, year)`);
    await qr.query(`DROP INDEX fact_value_submission`);
    await qr.query(`DROP INDEX fact_value_lookup`);
    // The centre-keyed indexes on org's tables it first created here are org's (1733001000010-centre-keyed-indexes).
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE fact_value DROP CONSTRAINT fact_value_natural_key`);
    await qr.query(`ALTER TABLE fact_value ADD CONSTRAINT fact_value_year_submission_id_value_key_key UNIQUE (year, submission_id, value_key)`);
    await qr.query(`CREATE INDEX fact_value_lookup ON fact_value (province_id, template_code, value_key, period_end)`);
    await qr.query(`CREATE INDEX fact_value_submission ON fact_value (submission_id)`);
    for (const i of ['fact_value_period']) await qr.query(`DROP INDEX ${i}`);
    await qr.query(`DROP POLICY fact_value_scope ON fact_value`);
    await qr.query(`CREATE POLICY fact_value_tenant ON fact_value USING (app_can_see_centre(province_id, centre_id)) WITH CHECK (app_can_see_centre(province_id, centre_id))`);
  }
}
