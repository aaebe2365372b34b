import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies, grantToApp, restrictWrites } from '@gdtx/platform';

/**
 * The completeness rollup (issue 14 item 2, issue 15 item 1; docs/adr/0021-completeness-rollup.md): the reporting
 * calendar's classification of every expected (centre, template, current period), computed by the calendar's own
 * code (reportCalendar → classifyReport) for a Vietnamese date and stored, so the landing pages count and list from
 * rows instead of classifying on every request. One row per report; the run table says for which date a province
 * was last computed in full, so a read never serves a picture of an earlier day.
 *
 * `waiting_review` and `action_rank` (null: nothing to do) are written by the TypeScript rules (isWaitingForReview,
 * the glance's action order), so SQL only filters and sorts on them.
 *
 * RLS: a row belongs to its centre (the centre rule, like submissions: the centre, its supervisors, its Sở); writes
 * stay in the writer's own province (reporting's in-transaction refresh runs as the writer, the jobs as system).
 * The run table is the province's: read by its users, written by its Sở or a system job.
 */
export class StatusRollup1733031000000 implements MigrationInterface {
  name = 'StatusRollup1733031000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE reporting_status_rollup (
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL,
        centre_code text NOT NULL,
        centre_name text NOT NULL,
        centre_type text NOT NULL,
        unit_path text NOT NULL,
        template_code text NOT NULL,
        template_rank int NOT NULL,
        template_name_vi text NOT NULL,
        template_name_en text NOT NULL,
        period_code text NOT NULL,
        period_start date NOT NULL,
        period_label_vi text NOT NULL,
        period_label_en text NOT NULL,
        due_date date NOT NULL,
        regular_due_date date NOT NULL,
        report_class text NOT NULL CHECK (report_class IN ('NOT_YET_DUE', 'ON_TIME', 'LATE', 'RETURNED', 'MISSING')),
        days int NOT NULL,
        submission_id uuid,
        submission_status text,
        waiting_review boolean NOT NULL,
        action_rank int,
        as_of date NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (centre_id, template_code, period_code)
      )`);
    await qr.query(`CREATE INDEX reporting_status_rollup_province ON reporting_status_rollup (province_id, template_rank, period_start)`);
    await qr.query(`CREATE INDEX reporting_status_rollup_action ON reporting_status_rollup (province_id, action_rank, days DESC) WHERE action_rank IS NOT NULL`);
    await qr.query(`CREATE INDEX reporting_status_rollup_unit ON reporting_status_rollup (province_id, unit_path)`);
    await qr.query(`
      CREATE TABLE reporting_status_rollup_run (
        province_id uuid PRIMARY KEY,
        as_of date NOT NULL,
        report_count int NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await grantToApp(qr, ['reporting_status_rollup', 'reporting_status_rollup_run']);
    await createPolicies(qr, 'reporting_status_rollup', { tenant: RlsRule.seesCentre });
    await restrictWrites(qr, 'reporting_status_rollup', RlsRule.writesOwnProvince);
    await createPolicies(qr, 'reporting_status_rollup_run', { read: RlsRule.seesProvince, write: RlsRule.actsForProvince });
    await restrictWrites(qr, 'reporting_status_rollup_run', RlsRule.writesOwnProvince);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE reporting_status_rollup_run');
    await qr.query('DROP TABLE reporting_status_rollup');
  }
}
