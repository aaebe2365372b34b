import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: the periodic consistency check of background work tells the operators (SYSTEM_ADMIN) what it
 * repaired, as a notification of its own kind. Only notification (notify's own table) is touched.
 */
export class OperatorNotifications1733007000100 implements MigrationInterface {
  name = 'OperatorNotifications1733007000100';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await qr.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check
      CHECK (kind IN ('DEADLINE_AHEAD','REPORT_OVERDUE','REPORT_RETURNED','LICENCE_EXPIRY','FINDING_OPENED','LOGIN_THROTTLED','FACTS_REPAIRED'))`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM notification WHERE kind = 'FACTS_REPAIRED'`);
    await qr.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await qr.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check
      CHECK (kind IN ('DEADLINE_AHEAD','REPORT_OVERDUE','REPORT_RETURNED','LICENCE_EXPIRY','FINDING_OPENED','LOGIN_THROTTLED'))`);
  }
}
