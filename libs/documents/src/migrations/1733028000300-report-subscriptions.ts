import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies, grantToApp, restrictWrites } from '@gdtx/platform';

/**
 * Scheduled reports (issue 15 item 6): a Sở user subscribes to the province summary by e-mail, weekly or monthly
 * (`report_subscription`, one row per user and frequency), and every mail is recorded before it is sent
 * (`report_delivery`, unique per subscription and delivery period: at most one mail per week or month, whatever
 * the retries, the schedulers and the worker crashes). A user sees and changes only their own subscriptions; the
 * deliveries are written by the job only (the jobs role, system scope, its own province).
 */
export class ReportSubscriptions1733028000300 implements MigrationInterface {
  name = 'ReportSubscriptions1733028000300';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE report_subscription (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        user_id uuid NOT NULL,
        frequency text NOT NULL CHECK (frequency IN ('WEEKLY', 'MONTHLY')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, frequency)
      )`);
    await qr.query(`
      CREATE TABLE report_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        user_id uuid NOT NULL,
        subscription_id uuid NOT NULL REFERENCES report_subscription (id) ON DELETE CASCADE,
        delivery_period text NOT NULL CHECK (delivery_period ~ '^\\d{4}-(W\\d{2}|\\d{2})$'),
        report_period_code text NOT NULL,
        status text NOT NULL CHECK (status IN ('SENDING', 'SENT', 'FAILED')),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        error text,
        UNIQUE (subscription_id, delivery_period)
      )`);
    await qr.query(`CREATE INDEX report_delivery_subscription ON report_delivery (subscription_id, recorded_at DESC)`);
    await grantToApp(qr, ['report_subscription'], 'SELECT, INSERT, UPDATE');
    await grantToApp(qr, ['report_delivery'], 'SELECT, INSERT, UPDATE');
    await createPolicies(qr, 'report_subscription', { tenant: RlsRule.seesOwnUserRow });
    await restrictWrites(qr, 'report_subscription', RlsRule.writesOwnProvince);
    await createPolicies(qr, 'report_delivery', { read: RlsRule.seesOwnUserRow, write: RlsRule.systemWritesOwnProvince });
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE report_delivery, report_subscription');
  }
}
