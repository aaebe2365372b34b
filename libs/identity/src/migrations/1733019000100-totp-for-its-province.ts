import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies } from '@gdtx/platform';

/**
 * Second-factor secrets under the system scope of their own province (issue 13, Build 5): a system context that
 * names a province reads and writes that province's users' secrets only; the login lookup (no province) all.
 */
export class TotpForItsProvince1733019000100 implements MigrationInterface {
  name = 'TotpForItsProvince1733019000100';

  async up(qr: QueryRunner): Promise<void> {
    await createPolicies(qr, 'user_totp', { tenant: RlsRule.systemForProvince }, { replace: true });
  }

  async down(qr: QueryRunner): Promise<void> {
    await createPolicies(qr, 'user_totp', { tenant: `app_scope() = 'system'` }, { replace: true });
  }
}
