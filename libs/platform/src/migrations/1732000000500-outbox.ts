import { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole, enableRls, grantToApp } from '../lib/database/migration-helpers';

/**
 * The transactional outbox (architecture §5): a state change that needs background work inserts a row here
 * in its own transaction, so the work is recorded if and only if the change commits. The relay (system
 * scope) moves unsent rows into BullMQ and marks them sent.
 *
 * Also `job_ping`, written by the `system.ping` probe job, which proves the whole path end to end.
 * References no table of another context: it runs right after the platform scope functions.
 */
export class Outbox1732000000500 implements MigrationInterface {
  name = 'Outbox1732000000500';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        province_id uuid NOT NULL,
        centre_id uuid,
        topic text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        dedupe_key text NOT NULL UNIQUE,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CHECK (length(dedupe_key) BETWEEN 1 AND 400)
      )`);
    // The relay's only query: the oldest unsent rows. Sent rows drop out of the index.
    await qr.query(`CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL`);
    await qr.query(`CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await grantToApp(qr, ['outbox'], 'SELECT, INSERT, UPDATE, DELETE');
    await qr.query(`GRANT USAGE ON SEQUENCE outbox_id_seq TO ${appRole()}`);
    await enableRls(qr, 'outbox');
    // Like audit_event: any scope may append for its own province; only the relay (system) reads and updates.
    await qr.query(`CREATE POLICY outbox_insert ON outbox FOR INSERT WITH CHECK (app_scope() = 'system' OR province_id = app_province_id())`);
    await qr.query(`CREATE POLICY outbox_system_read ON outbox FOR SELECT USING (app_scope() = 'system')`);
    await qr.query(`CREATE POLICY outbox_system_update ON outbox FOR UPDATE USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system')`);
    await qr.query(`CREATE POLICY outbox_system_delete ON outbox FOR DELETE USING (app_scope() = 'system')`);

    await qr.query(`
      CREATE TABLE job_ping (
        ping_id uuid PRIMARY KEY,
        province_id uuid,
        requested_by uuid,
        requested_at timestamptz NOT NULL,
        processed_at timestamptz NOT NULL
      )`);
    await grantToApp(qr, ['job_ping'], 'SELECT, INSERT, UPDATE');
    await enableRls(qr, 'job_ping');
    await qr.query(`CREATE POLICY job_ping_system ON job_ping USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system')`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE job_ping`);
    await qr.query(`DROP TABLE outbox`);
  }
}
