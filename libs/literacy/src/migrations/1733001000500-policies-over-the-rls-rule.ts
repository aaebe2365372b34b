import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies } from '@gdtx/platform';

/** Restates this context's policies over org's RLS rule (docs/adr/0011-the-rls-rule.md); same meaning, one place. */
export class LiteracyPoliciesOverTheRlsRule1733001000500 implements MigrationInterface {
  name = 'LiteracyPoliciesOverTheRlsRule1733001000500';

  async up(qr: QueryRunner): Promise<void> {
    for (const t of ['literacy_parameter_set', 'learning_society_target']) {
      await createPolicies(qr, t, { read: RlsRule.seesNationalOrProvince, write: RlsRule.actsForProvince }, { replace: true });
    }
    await createPolicies(qr, 'commune_dbkk', { read: RlsRule.seesProvince, write: RlsRule.actsForProvince }, { replace: true });
  }

  async down(): Promise<void> {
    // Equivalent predicates; nothing to undo (TheRlsRule1733001000000 cannot be reverted in place).
  }
}
