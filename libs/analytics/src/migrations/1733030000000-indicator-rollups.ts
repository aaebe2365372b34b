import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies, grantToApp } from '@gdtx/platform';

/**
 * Indicator rollups (issue 14 item 2, docs/adr/0020-rollups.md): per province, indicator and period, one row per
 * cell (unit path as the facts place the centre, centre type, ownership) holding the sums the indicator rule
 * (IndicatorService.combine over reportParts) gives over the centres of that cell, so every dashboard grouping
 * (whole scope, UNIT_LEVEL, CENTRE_TYPE, PERIOD, OWNERSHIP) is a sum of rows. `indicator_rollup_period` records
 * which (indicator, period) a province's rows are complete for, and for which definition version: the read side
 * serves from rollups only when that row matches the current definition, else it computes from the facts.
 *
 * Written by system jobs only, for their own province (systemWritesOwnProvince); read like the facts by unit path
 * (seesUnitPath), the period record by province.
 */
export class IndicatorRollups1733030000000 implements MigrationInterface {
  name = 'IndicatorRollups1733030000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE indicator_rollup (
        province_id uuid NOT NULL,
        indicator_code text NOT NULL,
        definition_version int NOT NULL,
        period_code text NOT NULL,
        period_type text NOT NULL,
        -- The year of the period's end (the fact table's partition key).
        year int NOT NULL,
        unit_path text NOT NULL,
        centre_type text NOT NULL,
        ownership text,
        -- Reports holding any part of the indicator (a group exists on the fact path when one does).
        report_rows int NOT NULL,
        numerator float8 NOT NULL,
        denominator float8,
        reporting_centres int NOT NULL,
        expected_centres int NOT NULL,
        computed_at timestamptz,
        -- Like for like: this period over the centres that also hold every part in the previous period, and the
        -- previous period's parts over those same centres (placed in this period's cell).
        lfl_centres int NOT NULL DEFAULT 0,
        lfl_numerator float8 NOT NULL DEFAULT 0,
        lfl_denominator float8,
        lfl_previous_numerator float8 NOT NULL DEFAULT 0,
        lfl_previous_denominator float8,
        lfl_computed_at timestamptz,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE UNIQUE INDEX indicator_rollup_cell ON indicator_rollup (province_id, indicator_code, period_code, unit_path, centre_type, coalesce(ownership, ''))`);
    await qr.query(`
      CREATE TABLE indicator_rollup_period (
        province_id uuid NOT NULL,
        indicator_code text NOT NULL,
        period_code text NOT NULL,
        definition_id uuid NOT NULL,
        definition_version int NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, indicator_code, period_code)
      )`);
    await grantToApp(qr, ['indicator_rollup', 'indicator_rollup_period']);
    await createPolicies(qr, 'indicator_rollup', { read: RlsRule.seesUnitPath, write: RlsRule.systemWritesOwnProvince });
    await createPolicies(qr, 'indicator_rollup_period', { read: RlsRule.seesProvince, write: RlsRule.systemWritesOwnProvince });
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE indicator_rollup_period`);
    await qr.query(`DROP TABLE indicator_rollup`);
  }
}
