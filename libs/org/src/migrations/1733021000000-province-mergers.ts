import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPolicies, grantToApp } from '@gdtx/platform';
import { RlsRule } from '../lib/rls-rule';

/**
 * Province mergers (issue 12 item 4; domain §I; docs/adr/0015-province-mergers.md).
 *
 * - province_merger: one row per absorbed province (Bắc Giang → Bắc Ninh from 2025-07-01, NQ 202/2025/QH15). The
 *   tenant column is the survivor's (`province_id`): the survivor's users read it; the absorbed province is
 *   `absorbed_province_id`. A province is absorbed at most once. Written by system work only (the SYSTEM_ADMIN's
 *   mutation runs as a system job without a province, like the seed).
 * - org_province_standing(p, on): the lineage of a province (every province absorbed into it, transitively) and,
 *   for an absorbed province, the survivor and the date. Org's read model: identity builds the session from it
 *   (the lineage goes into `app.province_lineage`; a user of an absorbed province is refused).
 * - The RLS rule follows the lineage in its one place: app_sees_province also sees the provinces of the session's
 *   lineage. app_acts_for_province is unchanged: writes stay with the province itself, so a survivor reads its
 *   predecessors' rows as history and changes none of them (ADR 0011 "Changing the rule").
 *   The body stays one expression without a sub-SELECT (inlined into every policy, ADR 0011 "Planner").
 */
export class ProvinceMergers1733021000000 implements MigrationInterface {
  name = 'ProvinceMergers1733021000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE province_merger (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES administrative_unit(id),
        absorbed_province_id uuid NOT NULL UNIQUE REFERENCES administrative_unit(id),
        reorganisation_id uuid NOT NULL REFERENCES reorganisation(id),
        effective_date date NOT NULL,
        legal_basis text NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (province_id <> absorbed_province_id)
      )`);
    await qr.query(`CREATE INDEX province_merger_survivor ON province_merger (province_id, effective_date)`);
    await grantToApp(qr, ['province_merger']);
    await createPolicies(qr, 'province_merger', { read: RlsRule.seesProvince, write: RlsRule.actsForProvince });

    // The lineage of p (its predecessors, transitively) and, when p was absorbed by p_on, into which province and when.
    await qr.query(`
      CREATE FUNCTION org_province_standing(p_province uuid, p_on date)
      RETURNS TABLE (lineage uuid[], merged_into uuid, merged_on date)
      LANGUAGE sql STABLE AS $$
        WITH RECURSIVE before AS (
          SELECT m.absorbed_province_id AS id FROM province_merger m WHERE m.province_id = p_province
          UNION
          SELECT m.absorbed_province_id FROM province_merger m JOIN before ON m.province_id = before.id)
        SELECT coalesce((SELECT array_agg(id ORDER BY id) FROM before), '{}'::uuid[]),
               (SELECT m.province_id FROM province_merger m WHERE m.absorbed_province_id = p_province AND m.effective_date <= p_on),
               (SELECT m.effective_date FROM province_merger m WHERE m.absorbed_province_id = p_province AND m.effective_date <= p_on)
      $$`);

    // The session's lineage (comma-separated ids set by platform's applyScope); empty: none.
    await qr.query(`
      CREATE FUNCTION app_province_lineage() RETURNS uuid[] LANGUAGE sql STABLE
      AS $$ SELECT coalesce(string_to_array(nullif(current_setting('app.province_lineage', true), ''), ',')::uuid[], '{}'::uuid[]) $$`);
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_sees_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT (app_scope() = 'system' AND app_province_id() IS NULL) OR p_province = app_province_id() OR p_province = ANY (app_province_lineage()) $$`);
    // Writes never follow the lineage. app_acts_for_province already names the province itself; the tables whose one
    // policy reads and writes with a sees-predicate (submission, its versions and events, unlicensed_operator_case,
    // notification) add this as a restrictive write policy, each in its own context's migration (range 1733021000xxx).
    await qr.query(`
      CREATE FUNCTION app_writes_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT (app_scope() = 'system' AND app_province_id() IS NULL) OR p_province = app_province_id() $$`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_sees_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT (app_scope() = 'system' AND app_province_id() IS NULL) OR p_province = app_province_id() $$`);
    await qr.query(`DROP FUNCTION app_writes_province(uuid)`);
    await qr.query(`DROP FUNCTION app_province_lineage()`);
    await qr.query(`DROP FUNCTION org_province_standing(uuid, date)`);
    await qr.query(`DROP TABLE province_merger`);
  }
}
