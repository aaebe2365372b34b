import { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole, enableRls, grantToApp } from '../lib/database/migration-helpers';

/**
 * Scope functions read the transaction-local settings that TenantDb sets with set_config(..., true).
 * An unset scope yields '' and matches no policy: no scope means no rows (fail closed).
 */
export class PlatformScope1732000000000 implements MigrationInterface {
  name = 'PlatformScope1732000000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`GRANT USAGE ON SCHEMA public TO ${appRole()}`);
    await qr.query(`CREATE OR REPLACE FUNCTION app_scope() RETURNS text LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('app.scope', true), '') $$`);
    await qr.query(`CREATE OR REPLACE FUNCTION app_province_id() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.province_id', true), '')::uuid $$`);
    await qr.query(`CREATE OR REPLACE FUNCTION app_centre_id() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.centre_id', true), '')::uuid $$`);
    await qr.query(`CREATE OR REPLACE FUNCTION app_unit_path() RETURNS text LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.unit_path', true), '') $$`);
    await qr.query(`CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$`);

    // Audit trail of every state change (who, when, what). Append-only for the app role.
    await qr.query(`
      CREATE TABLE audit_event (
        province_id uuid NOT NULL,
        id bigserial NOT NULL,
        centre_id uuid,
        actor_user_id uuid,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        data jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id)
      )`);
    await qr.query(`CREATE INDEX audit_event_entity ON audit_event (province_id, entity, entity_id)`);
    await grantToApp(qr, ['audit_event'], 'SELECT, INSERT');
    await qr.query(`GRANT USAGE ON SEQUENCE audit_event_id_seq TO ${appRole()}`);
    await enableRls(qr, 'audit_event');
    // Read policy is added by the org migration (it needs app_can_see_centre); inserts must stay in scope.
    await qr.query(`CREATE POLICY audit_event_insert ON audit_event FOR INSERT WITH CHECK (app_scope() = 'system' OR province_id = app_province_id())`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE audit_event`);
    for (const f of ['app_scope', 'app_province_id', 'app_centre_id', 'app_unit_path', 'app_user_id']) await qr.query(`DROP FUNCTION ${f}()`);
  }
}
