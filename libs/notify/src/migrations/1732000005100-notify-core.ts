import { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole, enableRls } from '@gdtx/platform';

/**
 * In-app notifications (and the state of their e-mail copy). `event_key` identifies the event a notification
 * is about (e.g. `deadline-ahead:<centre>:<template>:<period>:<due>`): UNIQUE per user, so a scheduler that runs
 * twice, a retried job or two workers can never notify the same person twice about the same thing.
 */
export class NotifyCore1732000005100 implements MigrationInterface {
  name = 'NotifyCore1732000005100';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        centre_id uuid REFERENCES centre(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('DEADLINE_AHEAD','REPORT_OVERDUE','REPORT_RETURNED','LICENCE_EXPIRY','FINDING_OPENED')),
        title_vi text NOT NULL,
        body_vi text NOT NULL,
        link text,
        event_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        email_to text,
        email_status text NOT NULL DEFAULT 'NONE' CHECK (email_status IN ('NONE','PENDING','SENT','FAILED')),
        emailed_at timestamptz,
        email_error text,
        UNIQUE (user_id, event_key)
      )`);
    await qr.query(`CREATE INDEX notification_user ON notification (user_id, created_at DESC)`);
    await qr.query(`CREATE INDEX notification_unread ON notification (user_id) WHERE read_at IS NULL`);

    // Users only read and mark their own; only system work (jobs, the notification service) creates rows.
    // Column grants keep the user's UPDATE to read_at (and the mailer's to the e-mail state).
    await qr.query(`GRANT SELECT, INSERT ON notification TO ${appRole()}`);
    await qr.query(`GRANT UPDATE (read_at, email_status, emailed_at, email_error) ON notification TO ${appRole()}`);
    await enableRls(qr, 'notification');
    await qr.query(`
      CREATE POLICY notification_own ON notification FOR SELECT
      USING (app_scope() = 'system' OR (province_id = app_province_id() AND user_id = app_user_id()))`);
    await qr.query(`
      CREATE POLICY notification_mark ON notification FOR UPDATE
      USING (app_scope() = 'system' OR (province_id = app_province_id() AND user_id = app_user_id()))
      WITH CHECK (app_scope() = 'system' OR (province_id = app_province_id() AND user_id = app_user_id()))`);
    await qr.query(`CREATE POLICY notification_create ON notification FOR INSERT WITH CHECK (app_scope() = 'system')`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE notification`);
  }
}
