import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPolicies, enableRls, grantToApp } from '@gdtx/platform';


// The predicates as this migration first wrote them (platform's helpers then held them). Every policy is
// restated over org's RLS rule by the migrations of range 1733001000000 (docs/adr/0011-the-rls-rule.md).
const PROVINCE_WRITE = `app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province')`;

/** Users (one role each, scoped to a province, a unit subtree or a centre) and rotating refresh tokens. */
export class IdentityCore1732000002000 implements MigrationInterface {
  name = 'IdentityCore1732000002000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES administrative_unit(id),
        username text NOT NULL,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        email text,
        role text NOT NULL CHECK (role IN ('SYSTEM_ADMIN','SO_ADMIN','SO_SPECIALIST','SO_LEADER','INSPECTOR','SUPERVISOR','CENTRE_DIRECTOR','CENTRE_STAFF')),
        unit_id uuid REFERENCES administrative_unit(id),
        centre_id uuid REFERENCES centre(id),
        active boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 0,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'SUPERVISOR') = (unit_id IS NOT NULL)),
        CHECK ((role IN ('CENTRE_DIRECTOR','CENTRE_STAFF')) = (centre_id IS NOT NULL))
      )`);
    await qr.query(`CREATE UNIQUE INDEX app_user_username ON app_user (lower(username))`);
    await qr.query(`CREATE INDEX app_user_province ON app_user (province_id, role)`);

    await qr.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        replaced_by uuid
      )`);
    await qr.query(`CREATE INDEX refresh_token_family ON refresh_token (family_id)`);

    await grantToApp(qr, ['app_user', 'refresh_token']);
    await enableRls(qr, 'app_user');
    await qr.query(`
      CREATE POLICY app_user_read ON app_user FOR SELECT USING (
        app_scope() = 'system' OR (province_id = app_province_id() AND (app_scope() = 'province' OR id = app_user_id())))`);
    await createPolicies(qr, 'app_user', { write: PROVINCE_WRITE });
    // Refresh tokens are only ever touched by the authentication service, under an explicit system scope.
    await enableRls(qr, 'refresh_token');
    await qr.query(`CREATE POLICY refresh_token_system ON refresh_token USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system')`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE refresh_token, app_user`);
  }
}
