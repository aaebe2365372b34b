import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: a notification kind for "your account is on a login delay after wrong passwords". */
export class LoginThrottledKind1733005000100 implements MigrationInterface {
  name = 'LoginThrottledKind1733005000100';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE notification DROP CONSTRAINT IF EXISTS notification_kind_check`);
    await qr.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check
      CHECK (kind IN ('DEADLINE_AHEAD','REPORT_OVERDUE','REPORT_RETURNED','LICENCE_EXPIRY','FINDING_OPENED','LOGIN_THROTTLED'))`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM notification WHERE kind = 'LOGIN_THROTTLED'`);
    await qr.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await qr.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check
      CHECK (kind IN ('DEADLINE_AHEAD','REPORT_OVERDUE','REPORT_RETURNED','LICENCE_EXPIRY','FINDING_OPENED'))`);
  }
}
