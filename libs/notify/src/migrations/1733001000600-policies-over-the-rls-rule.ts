import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { replacePolicy } from '@gdtx/platform';

/** Restates this context's policies over org's RLS rule (docs/adr/0011-the-rls-rule.md); same meaning, one place. */
export class NotifyPoliciesOverTheRlsRule1733001000600 implements MigrationInterface {
  name = 'NotifyPoliciesOverTheRlsRule1733001000600';

  async up(qr: QueryRunner): Promise<void> {
    // A user reads and marks their own; only system work creates rows (notification_create is unchanged).
    await replacePolicy(qr, 'notification', 'notification_own', `FOR SELECT USING (${RlsRule.seesOwnUserRow})`);
    await replacePolicy(qr, 'notification', 'notification_mark', `FOR UPDATE USING (${RlsRule.seesOwnUserRow}) WITH CHECK (${RlsRule.seesOwnUserRow})`);
  }

  async down(): Promise<void> {
    // Equivalent predicates; nothing to undo (TheRlsRule1733001000000 cannot be reverted in place).
  }
}
