import { MigrationInterface, QueryRunner } from 'typeorm';
import { CENTRE_SCOPE_PREDICATE } from '../lib/database/migration-helpers';

/**
 * Runs after every context's migrations. Rewrites each policy that calls app_can_see_centre(province_id,
 * centre_id) to the same predicate written inline, and wraps every scope function call in a sub-SELECT. Reason (measured by `npm run bench`): a SQL function
 * containing a sub-SELECT is never inlined, so the policy ran one function call — a small query — per row:
 * 65 ms to read 4,671 licence rows under the Sở's scope. Inline, the scope test short-circuits before the
 * EXISTS sub-plan for province and centre scopes, and only unit scope pays for the lookup into centre (whose
 * own policy still decides what a supervisor may see). Semantics are unchanged; the function remains for
 * ad-hoc use. New tables get the inline form from centreOwnedPolicies().
 */
export class InlineCentrePolicies1732000099000 implements MigrationInterface {
  name = 'InlineCentrePolicies1732000099000';

  async up(qr: QueryRunner): Promise<void> {
    const policies: { tablename: string; policyname: string; qual: string | null; with_check: string | null }[] = await qr.query(
      `SELECT tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = 'public'`,
    );
    // 1. app_can_see_centre(...) written inline; 2. every scope function wrapped in a scalar sub-SELECT, which
    // PostgreSQL evaluates once per statement (an InitPlan) instead of once per row — and which can still
    // drive an index (province_id = $initplan).
    const inline = (expr: string | null) =>
      expr
        ?.replace(/app_can_see_centre\(province_id, centre_id\)/g, `(${CENTRE_SCOPE_PREDICATE})`)
        .replace(/(?<!SELECT )\bapp_(scope|province_id|centre_id|unit_path|user_id)\(\)/g, '(SELECT app_$1())') ?? null;
    for (const p of policies) {
      const using = inline(p.qual);
      const check = inline(p.with_check);
      if ((using ?? '').includes('app_can_see_centre(') || (check ?? '').includes('app_can_see_centre(')) {
        throw new Error(`policy ${p.policyname} on ${p.tablename} calls app_can_see_centre with other arguments; rewrite it by hand`);
      }
      await qr.query(
        `ALTER POLICY ${p.policyname} ON ${p.tablename}${using ? ` USING (${using})` : ''}${check ? ` WITH CHECK (${check})` : ''}`,
      );
    }
  }

  async down(): Promise<void> {
    // The inline predicate is equivalent; nothing to undo.
  }
}
