import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPolicies } from '@gdtx/platform';
import { RlsRule } from '../lib/rls-rule';

/**
 * The RLS rule in one org-owned place (issue 11, Build 6; docs/adr/0011-the-rls-rule.md). Every policy of every
 * context calls these functions (each context recreates its own policies in its migration of this range); a
 * later change of the rule (a merged province's lineage, separate request and job roles) replaces these bodies.
 *
 * Planner-friendly by construction: STABLE LANGUAGE sql, one expression, no sub-SELECT, so each call is inlined
 * into the policy and the scope tests short-circuit. app_unit_centre_ids() is the exception on purpose: it reads
 * centre (filtered by centre's own policy, so the subtree rule is stated once, in app_sees_placed) and is only
 * ever called as an InitPlan argument, `(SELECT app_unit_centre_ids())`.
 */
export class TheRlsRule1733001000000 implements MigrationInterface {
  name = 'TheRlsRule1733001000000';

  async up(qr: QueryRunner): Promise<void> {
    // Rows of a province, for reading. A province lineage (issue 12 item 4) widens this one function.
    await qr.query(`
      CREATE FUNCTION app_sees_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_scope() = 'system' OR p_province = app_province_id() $$`);
    // The Sở of the row's own province (province scope) or a system job: writes of province data.
    await qr.query(`
      CREATE FUNCTION app_acts_for_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_scope() = 'system' OR (p_province = app_province_id() AND app_scope() = 'province') $$`);
    // A row placed in the unit tree: by a centre id (centre scope), by its unit path or its supervising unit's
    // path (unit scope: the user's unit is a prefix). The subtree rule is written here and nowhere else.
    await qr.query(`
      CREATE FUNCTION app_sees_placed(p_province uuid, p_centre uuid, p_unit_path text, p_supervising_path text)
      RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_province(p_province) AND (
        app_scope() IN ('system', 'province')
        OR (app_scope() = 'centre' AND p_centre = app_centre_id())
        OR (app_scope() = 'unit' AND (p_unit_path LIKE app_unit_path() || '%' OR p_supervising_path LIKE app_unit_path() || '%'))) $$`);
    // The centres the caller sees, read through centre's policy (app_sees_placed). For unit scope only.
    await qr.query(`
      CREATE FUNCTION app_unit_centre_ids() RETURNS uuid[] LANGUAGE sql STABLE
      AS $$ SELECT coalesce(array_agg(id), '{}') FROM centre $$`);
    // A row of a centre: the centre, its Sở, a supervisor whose subtree holds it (p_unit_centres, the InitPlan
    // of app_unit_centre_ids(), evaluated only when the scope is 'unit').
    await qr.query(`
      CREATE FUNCTION app_sees_centre(p_province uuid, p_centre uuid, p_unit_centres uuid[]) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_province(p_province) AND (
        app_scope() IN ('system', 'province')
        OR (app_scope() = 'centre' AND p_centre = app_centre_id())
        OR (app_scope() = 'unit' AND p_centre = ANY (p_unit_centres))) $$`);
    // The first form of the rule stays callable for ad-hoc use, now a call of the rule instead of a copy of it.
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_can_see_centre(p_province uuid, p_centre uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_centre(p_province, p_centre, CASE WHEN app_scope() = 'unit' THEN app_unit_centre_ids() END) $$`);

    // Org's own policies.
    for (const t of ['administrative_unit', 'reorganisation', 'unit_successor']) {
      await createPolicies(qr, t, { read: RlsRule.seesProvince, write: RlsRule.actsForProvince }, { replace: true });
    }
    await createPolicies(qr, 'centre', { read: RlsRule.seesCentreRecord, write: RlsRule.actsForProvince }, { replace: true });
    for (const t of ['centre_status_history', 'centre_unit_history', 'licence_record']) {
      await createPolicies(qr, t, { read: RlsRule.seesCentre, write: RlsRule.actsForProvince }, { replace: true });
    }
    // The audit trail is platform's table, readable like its centre (rows without a centre: the Sở and system
    // jobs). Platform may not know the centre rule, so its read policy is set here, as org-core first did: a
    // listed exemption of the ownership test (scripts/table-ownership.spec.ts).
    await qr.query(`DROP POLICY IF EXISTS audit_event_read ON audit_event`);
    await qr.query(`
      CREATE POLICY audit_event_read ON audit_event FOR SELECT USING (
        CASE WHEN centre_id IS NULL THEN ${RlsRule.actsForProvince} ELSE ${RlsRule.seesCentre} END)`);
  }

  async down(): Promise<void> {
    // The policies of every context call these functions; going back means restoring each context's earlier
    // policies first. Not supported: restore from a backup taken before this migration.
    throw new Error('TheRlsRule1733001000000 cannot be reverted in place');
  }
}
