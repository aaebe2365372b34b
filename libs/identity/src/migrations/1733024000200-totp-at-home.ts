import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies } from '@gdtx/platform';

/**
 * Second-factor secrets stay with their own province even for a system job that carries a merged province's
 * lineage (ADR 0015 §2b): read and written by a system job of the secret's province (or with no province) only.
 */
export class TotpAtHome1733024000200 implements MigrationInterface {
  name = 'TotpAtHome1733024000200';

  async up(qr: QueryRunner): Promise<void> {
    await createPolicies(qr, 'user_totp', { tenant: RlsRule.systemWritesOwnProvince }, { replace: true });
  }

  async down(qr: QueryRunner): Promise<void> {
    await createPolicies(qr, 'user_totp', { tenant: RlsRule.systemForProvince }, { replace: true });
  }
}
