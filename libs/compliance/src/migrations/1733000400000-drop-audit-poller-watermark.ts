import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRls, grantToApp } from '@gdtx/platform';

/**
 * Compliance no longer polls the audit trail (issue 11, build item 7): org and reporting emit their changes through
 * the outbox, and compliance subscribes. The poller's read position goes with it.
 */
export class DropAuditPollerWatermark1733000400000 implements MigrationInterface {
  name = 'DropAuditPollerWatermark1733000400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE compliance_watermark`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE TABLE compliance_watermark (name text PRIMARY KEY, last_id bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    await enableRls(qr, 'compliance_watermark');
    await qr.query(`CREATE POLICY compliance_watermark_system ON compliance_watermark USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system')`);
    await grantToApp(qr, ['compliance_watermark'], 'SELECT, UPDATE');
  }
}
