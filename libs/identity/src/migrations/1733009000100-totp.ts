import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPolicies, grantToApp, jobsRole } from '@gdtx/platform';
import { RlsRule } from '@gdtx/org';

/**
 * A TOTP second factor (issue 13, Build 6), optional per user and required for SYSTEM_ADMIN and SO_ADMIN where the
 * province turns it on.
 *
 * - `user_totp` holds the shared secrets. Only the authentication service touches it, under the system scope, so
 *   it is granted to the jobs role alone: the request role cannot read a secret even with SQL of its own.
 *   `last_step` is the last accepted 30-second step, so a code is accepted once (no replay).
 * - `province_security` is the province's choice (the Sở admin's): whether its admins must use a second factor.
 */
export class Totp1733009000100 implements MigrationInterface {
  name = 'Totp1733009000100';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE user_totp (
        user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        province_id uuid NOT NULL,
        secret text NOT NULL,
        confirmed_at timestamptz,
        last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON user_totp TO ${jobsRole()}`);
    await createPolicies(qr, 'user_totp', { tenant: `app_scope() = 'system'` });

    await qr.query(`
      CREATE TABLE province_security (
        province_id uuid PRIMARY KEY,
        totp_required_for_admins boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid
      )`);
    await grantToApp(qr, ['province_security'], 'SELECT, INSERT, UPDATE');
    await createPolicies(qr, 'province_security', { read: RlsRule.seesProvince, write: RlsRule.actsForProvince });
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE province_security, user_totp`);
  }
}
