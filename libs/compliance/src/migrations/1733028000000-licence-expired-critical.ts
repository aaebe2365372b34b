import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 item 6: LICENCE_EXPIRED is CRITICAL (the rule in rules/licence.ts). Open findings written HIGH before
 * would take it at their next evaluation; raised here at once so that the filters and notifications agree from
 * the first start. Centre status is unchanged (HIGH and CRITICAL both mean NON_COMPLIANT).
 */
export class LicenceExpiredCritical1733028000000 implements MigrationInterface {
  name = 'LicenceExpiredCritical1733028000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`UPDATE finding SET severity = 'CRITICAL' WHERE rule_code = 'LICENCE_EXPIRED' AND status = 'OPEN' AND severity = 'HIGH'`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`UPDATE finding SET severity = 'HIGH' WHERE rule_code = 'LICENCE_EXPIRED' AND status = 'OPEN' AND severity = 'CRITICAL'`);
  }
}
