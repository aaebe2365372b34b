import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from '@gdtx/platform';

/**
 * Compliance's SQL read model (listed in its index.ts, complianceSqlReadModel): the open findings of each centre,
 * for org's centre list filter (HAS_OPEN_FINDINGS, NON_COMPLIANT, AT_RISK, COMPLIANT), which named the finding table
 * before. security_invoker: the caller's RLS on finding applies, as it did in org's own sub-query.
 */
export class OpenFindingsView1733001000410 implements MigrationInterface {
  name = 'OpenFindingsView1733001000410';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE VIEW compliance_open_finding (province_id, centre_id, severity) WITH (security_invoker = true) AS
      SELECT f.province_id, f.centre_id, f.severity FROM finding f WHERE f.status = 'OPEN'`);
    await grantToApp(qr, ['compliance_open_finding'], 'SELECT');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP VIEW compliance_open_finding`);
  }
}
