import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { replacePolicy } from '@gdtx/platform';

/** Restates this context's policies over org's RLS rule (docs/adr/0011-the-rls-rule.md); same meaning, one place. */
export class AnalyticsPoliciesOverTheRlsRule1733001000300 implements MigrationInterface {
  name = 'AnalyticsPoliciesOverTheRlsRule1733001000300';

  async up(qr: QueryRunner): Promise<void> {
    // Facts carry their centre's unit path, so unit scope needs no lookup; only the fact jobs (system) write.
    await replacePolicy(qr, 'fact_value', 'fact_value_scope', `USING (${RlsRule.seesCentreAtPath}) WITH CHECK (${RlsRule.systemOnly})`);
  }

  async down(): Promise<void> {
    // Equivalent predicates; nothing to undo (TheRlsRule1733001000000 cannot be reverted in place).
  }
}
