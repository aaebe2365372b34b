import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies } from '@gdtx/platform';

/** Restates this context's policies over org's RLS rule (docs/adr/0011-the-rls-rule.md); same meaning, one place. */
export class IdentityPoliciesOverTheRlsRule1733001000100 implements MigrationInterface {
  name = 'IdentityPoliciesOverTheRlsRule1733001000100';

  async up(qr: QueryRunner): Promise<void> {
    // refresh_token stays system-only (refresh_token_system): no tenant rule applies to it.
    await createPolicies(qr, 'app_user', { read: RlsRule.seesUserRecord, write: RlsRule.actsForProvince }, { replace: true });
  }

  async down(): Promise<void> {
    // Equivalent predicates; nothing to undo (TheRlsRule1733001000000 cannot be reverted in place).
  }
}
