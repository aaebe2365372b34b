import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies } from '@gdtx/platform';

/** Restates this context's policies over org's RLS rule (docs/adr/0011-the-rls-rule.md); same meaning, one place. */
export class ReportingPoliciesOverTheRlsRule1733001000200 implements MigrationInterface {
  name = 'ReportingPoliciesOverTheRlsRule1733001000200';

  async up(qr: QueryRunner): Promise<void> {
    for (const t of ['report_template', 'report_template_version']) {
      await createPolicies(qr, t, { read: RlsRule.seesNationalOrProvince, write: RlsRule.actsForProvince }, { replace: true });
    }
    for (const t of ['submission', 'submission_version', 'submission_event']) await createPolicies(qr, t, { tenant: RlsRule.seesCentre }, { replace: true });
    await createPolicies(qr, 'deadline_extension', { read: RlsRule.seesCentre, write: RlsRule.actsForProvince }, { replace: true });
    // The conversion report of the typed-values migration is for the Sở (and system jobs) only.
    await createPolicies(qr, 'value_conversion_report', { read: RlsRule.actsForProvince }, { replace: true });
  }

  async down(): Promise<void> {
    // Equivalent predicates; nothing to undo (TheRlsRule1733001000000 cannot be reverted in place).
  }
}
