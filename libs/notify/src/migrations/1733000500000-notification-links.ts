import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, defect 12: stored notification links written by hand pointed to pages that never existed. They now
 * name pages of the shared route table (@gdtx/domain's WEB_ROUTES); this rewrites the ones already stored:
 * - `/reports/<template>/<period>` (deadline reminders) → `/reports/<notification's centre>/<template>/<period>`;
 * - `/compliance/centres/<centre>` (findings, licence alerts) → `/centres/<centre>`.
 * Only notification (notify's own table) is touched. E-mails already sent keep the old text: the web redirects
 * those links (LEGACY_ROUTES). `down` restores the old forms, which the web still redirects.
 */
export class NotificationLinks1733000500000 implements MigrationInterface {
  name = 'NotificationLinks1733000500000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(
      `UPDATE notification SET link = '/reports/' || centre_id || '/' || split_part(link, '/', 3) || '/' || split_part(link, '/', 4)
        WHERE centre_id IS NOT NULL AND link ~ '^/reports/[^/]+/[^/]+$'`,
    );
    await qr.query(`UPDATE notification SET link = '/centres/' || split_part(link, '/', 4) WHERE link ~ '^/compliance/centres/[^/]+$'`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`UPDATE notification SET link = '/compliance/centres/' || split_part(link, '/', 3)
      WHERE kind IN ('FINDING_OPENED', 'LICENCE_EXPIRY') AND link ~ '^/centres/[^/]+$'`);
    await qr.query(`UPDATE notification SET link = '/reports/' || split_part(link, '/', 4) || '/' || split_part(link, '/', 5)
      WHERE kind IN ('DEADLINE_AHEAD', 'REPORT_OVERDUE') AND link ~ '^/reports/[^/]+/[^/]+/[^/]+$'`);
  }
}
