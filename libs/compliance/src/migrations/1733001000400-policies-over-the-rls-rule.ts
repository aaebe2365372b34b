import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies, replacePolicy } from '@gdtx/platform';

/** Restates this context's policies over org's RLS rule (docs/adr/0011-the-rls-rule.md); same meaning, one place. */
export class CompliancePoliciesOverTheRlsRule1733001000400 implements MigrationInterface {
  name = 'CompliancePoliciesOverTheRlsRule1733001000400';

  async up(qr: QueryRunner): Promise<void> {
    await replacePolicy(qr, 'compliance_rule_parameter', 'compliance_rule_parameter_read', `FOR SELECT USING (${RlsRule.seesNationalOrProvince})`);
    await replacePolicy(qr, 'compliance_rule_parameter', 'compliance_rule_parameter_write', `FOR INSERT WITH CHECK (${RlsRule.actsForProvince})`);
    for (const t of ['finding', 'inspection', 'inspection_finding']) {
      await createPolicies(qr, t, { read: RlsRule.seesCentre, write: RlsRule.actsForProvince }, { replace: true });
    }
    // A case is placed by its unit path: the Sở and the supervisors of that subtree; no centre sees it.
    await createPolicies(qr, 'unlicensed_operator_case', { tenant: RlsRule.seesUnitPath }, { replace: true });
  }

  async down(): Promise<void> {
    // Equivalent predicates; nothing to undo (TheRlsRule1733001000000 cannot be reverted in place).
  }
}
