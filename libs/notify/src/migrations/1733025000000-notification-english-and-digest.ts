import { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole } from '@gdtx/platform';

/**
 * Issue 16 items 6 and 7: a notification carries its English text beside the Vietnamese one (the web shows the
 * caller's language; names of centres and units are proper nouns and stay as written), and the e-mail copy goes out
 * in a periodic digest (one mail per user) rather than one mail per notification: `email_digest_id` records which
 * digest carried it, written before the mail is sent, so a notification is mailed at most once.
 * Notification kinds for the new events: a report submitted (its reviewers) and accepted (the centre).
 * Rows written before this migration have no English text: the web falls back to the Vietnamese one.
 */
export class NotificationEnglishAndDigest1733025000000 implements MigrationInterface {
  name = 'NotificationEnglishAndDigest1733025000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE notification ADD COLUMN title_en text, ADD COLUMN body_en text, ADD COLUMN email_digest_id uuid`);
    await qr.query(`GRANT UPDATE (email_digest_id) ON notification TO ${appRole()}`);
    await qr.query(`CREATE INDEX notification_email_pending ON notification (user_id) WHERE email_status = 'PENDING'`);
    await qr.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await qr.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check
      CHECK (kind IN ('DEADLINE_AHEAD','REPORT_OVERDUE','REPORT_RETURNED','REPORT_SUBMITTED','REPORT_ACCEPTED','LICENCE_EXPIRY','FINDING_OPENED','LOGIN_THROTTLED','FACTS_REPAIRED'))`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM notification WHERE kind IN ('REPORT_SUBMITTED','REPORT_ACCEPTED')`);
    await qr.query(`ALTER TABLE notification DROP CONSTRAINT notification_kind_check`);
    await qr.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check
      CHECK (kind IN ('DEADLINE_AHEAD','REPORT_OVERDUE','REPORT_RETURNED','LICENCE_EXPIRY','FINDING_OPENED','LOGIN_THROTTLED','FACTS_REPAIRED'))`);
    await qr.query(`DROP INDEX notification_email_pending`);
    await qr.query(`ALTER TABLE notification DROP COLUMN title_en, DROP COLUMN body_en, DROP COLUMN email_digest_id`);
  }
}
