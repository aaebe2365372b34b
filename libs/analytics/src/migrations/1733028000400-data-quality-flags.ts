import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies, grantToApp, restrictWrites } from '@gdtx/platform';

/**
 * Data quality (issue 15 item 4): a Sở specialist flags a reported value for follow-up (an outlier, a doubt) and
 * resolves the flag with a comment once the centre has confirmed or corrected it. One open flag per report and
 * value. Read by the Sở and by the centre the value belongs to (its supervisors too: the centre rule); written by
 * the Sở of its own province only.
 */
export class DataQualityFlags1733028000400 implements MigrationInterface {
  name = 'DataQualityFlags1733028000400';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE data_quality_flag (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL,
        submission_id uuid NOT NULL,
        template_code text NOT NULL,
        period_code text NOT NULL,
        value_key text NOT NULL,
        value numeric,
        note text NOT NULL CHECK (length(note) BETWEEN 1 AND 1000),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RESOLVED')),
        flagged_by uuid NOT NULL,
        flagged_at timestamptz NOT NULL DEFAULT now(),
        resolution text CHECK (resolution IS NULL OR length(resolution) BETWEEN 3 AND 1000),
        resolved_by uuid,
        resolved_at timestamptz,
        CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL AND resolution IS NOT NULL))
      )`);
    await qr.query(`CREATE UNIQUE INDEX data_quality_flag_one_open ON data_quality_flag (submission_id, value_key) WHERE status = 'OPEN'`);
    await qr.query(`CREATE INDEX data_quality_flag_province ON data_quality_flag (province_id, status, period_code)`);
    await grantToApp(qr, ['data_quality_flag'], 'SELECT, INSERT, UPDATE');
    await createPolicies(qr, 'data_quality_flag', { read: RlsRule.seesCentre, write: RlsRule.actsForProvince });
    await restrictWrites(qr, 'data_quality_flag', RlsRule.writesOwnProvince);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE data_quality_flag');
  }
}
