import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from '@gdtx/platform';

/**
 * Identity's SQL read model (issue 11, Build 6): who can be notified. notify named app_user when it chose a
 * notification's recipients; it now selects this view, listed in identitySqlReadModel (libs/identity/src/index.ts).
 * No password hash, token version or login data. security_invoker: the caller's RLS on app_user applies.
 */
export class IdentityReadModelViews1733020000100 implements MigrationInterface {
  name = 'IdentityReadModelViews1733020000100';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE VIEW identity_user_recipient (id, province_id, role, active, email, centre_id, unit_id, area_id)
      WITH (security_invoker = true) AS
      SELECT u.id, u.province_id, u.role, u.active, u.email, u.centre_id, u.unit_id, u.area_id FROM app_user u`);
    await grantToApp(qr, ['identity_user_recipient'], 'SELECT');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP VIEW identity_user_recipient`);
  }
}
