import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPolicies, grantToApp } from '@gdtx/platform';
import { RlsRule } from '../lib/rls-rule';

/**
 * Supervision after the 2025 reform (issue 12 item 2; domain §H; docs/adr/0012-two-tier-government.md).
 *
 * - supervisory_area: a named set of communes defined by the Sở ("Khu vực Thọ Xuân"), its members versioned by
 *   date (supervisory_area_member.valid_from/valid_to); areas may overlap.
 * - org_supervisor_scope(unit, area, on): what a SUPERVISOR sees on a date — the member units of an area, or a
 *   unit; for a unit that has ended (a dissolved district office) its own subtree plus the units that succeeded
 *   the units under it, with the date it ended (the legacy, read-only scope).
 * - The RLS rule gains the 'area' scope in its one place: app_sees_placed and app_sees_centre are replaced here
 *   (same bodies as 1733001000000 plus the area case). The session holds the area's unit paths in app.area_paths
 *   (comma-separated, set by platform's applyScope); app_area_patterns() turns them into LIKE patterns.
 */
export class SupervisoryAreas1733004000000 implements MigrationInterface {
  name = 'SupervisoryAreas1733004000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE supervisory_area (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES administrative_unit(id),
        code text NOT NULL,
        name text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (province_id, code)
      )`);
    await qr.query(`
      CREATE TABLE supervisory_area_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES administrative_unit(id),
        area_id uuid NOT NULL REFERENCES supervisory_area(id) ON DELETE CASCADE,
        unit_id uuid NOT NULL REFERENCES administrative_unit(id),
        valid_from date NOT NULL,
        valid_to date,
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await qr.query(`CREATE INDEX supervisory_area_member_area ON supervisory_area_member (area_id, valid_from)`);
    await qr.query(`CREATE UNIQUE INDEX supervisory_area_member_open ON supervisory_area_member (area_id, unit_id) WHERE valid_to IS NULL`);
    await grantToApp(qr, ['supervisory_area', 'supervisory_area_member']);
    for (const t of ['supervisory_area', 'supervisory_area_member']) {
      await createPolicies(qr, t, { read: RlsRule.seesProvince, write: RlsRule.actsForProvince });
    }

    // What a supervisor sees on p_on: the name of the scope, the unit paths it covers, and when it ended (NULL: in force).
    await qr.query(`
      CREATE FUNCTION org_supervisor_scope(p_unit uuid, p_area uuid, p_on date)
      RETURNS TABLE (name text, paths text[], ended_on date)
      LANGUAGE sql STABLE AS $$
        WITH RECURSIVE
          unit AS (SELECT id, name, path, valid_to FROM administrative_unit WHERE id = p_unit),
          under AS (SELECT d.id FROM administrative_unit d, unit WHERE unit.valid_to < p_on AND d.path LIKE unit.path || '%'),
          succ AS (
            SELECT s.successor_id AS id FROM unit_successor s JOIN under ON s.predecessor_id = under.id
            UNION
            SELECT s.successor_id FROM unit_successor s JOIN succ ON s.predecessor_id = succ.id)
        SELECT unit.name,
               ARRAY[unit.path] || coalesce((SELECT array_agg(DISTINCT a.path ORDER BY a.path) FROM administrative_unit a JOIN succ ON succ.id = a.id
                                            WHERE a.valid_from <= p_on AND (a.valid_to IS NULL OR a.valid_to >= p_on)), '{}'),
               CASE WHEN unit.valid_to < p_on THEN unit.valid_to END
        FROM unit WHERE p_area IS NULL
        UNION ALL
        SELECT a.name,
               coalesce((SELECT array_agg(u.path ORDER BY u.path) FROM supervisory_area_member m JOIN administrative_unit u ON u.id = m.unit_id
                         WHERE m.area_id = a.id AND m.valid_from <= p_on AND (m.valid_to IS NULL OR m.valid_to >= p_on)), '{}'),
               CASE WHEN NOT EXISTS (SELECT 1 FROM supervisory_area_member m WHERE m.area_id = a.id AND (m.valid_to IS NULL OR m.valid_to >= p_on))
                    THEN (SELECT max(m.valid_to) FROM supervisory_area_member m WHERE m.area_id = a.id) END
        FROM supervisory_area a WHERE a.id = p_area
      $$`);

    // The area's unit paths as LIKE patterns ('/p/c1/%'); NULL when the session has none (matches nothing).
    await qr.query(`
      CREATE FUNCTION app_area_patterns() RETURNS text[] LANGUAGE sql STABLE
      AS $$ SELECT string_to_array(replace(nullif(current_setting('app.area_paths', true), ''), ',', '%,') || '%', ',') $$`);
    // The rule of 1733001000000 with the area case: an area scope sees what lies in any of its units.
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_sees_placed(p_province uuid, p_centre uuid, p_unit_path text, p_supervising_path text)
      RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_province(p_province) AND (
        app_scope() IN ('system', 'province')
        OR (app_scope() = 'centre' AND p_centre = app_centre_id())
        OR (app_scope() = 'unit' AND (p_unit_path LIKE app_unit_path() || '%' OR p_supervising_path LIKE app_unit_path() || '%'))
        OR (app_scope() = 'area' AND (p_unit_path LIKE ANY (app_area_patterns()) OR p_supervising_path LIKE ANY (app_area_patterns())))) $$`);
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_sees_centre(p_province uuid, p_centre uuid, p_unit_centres uuid[]) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_province(p_province) AND (
        app_scope() IN ('system', 'province')
        OR (app_scope() = 'centre' AND p_centre = app_centre_id())
        OR (app_scope() IN ('unit', 'area') AND p_centre = ANY (p_unit_centres))) $$`);
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_can_see_centre(p_province uuid, p_centre uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_centre(p_province, p_centre, CASE WHEN app_scope() IN ('unit', 'area') THEN app_unit_centre_ids() END) $$`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_sees_placed(p_province uuid, p_centre uuid, p_unit_path text, p_supervising_path text)
      RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_province(p_province) AND (
        app_scope() IN ('system', 'province')
        OR (app_scope() = 'centre' AND p_centre = app_centre_id())
        OR (app_scope() = 'unit' AND (p_unit_path LIKE app_unit_path() || '%' OR p_supervising_path LIKE app_unit_path() || '%'))) $$`);
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_sees_centre(p_province uuid, p_centre uuid, p_unit_centres uuid[]) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_province(p_province) AND (
        app_scope() IN ('system', 'province')
        OR (app_scope() = 'centre' AND p_centre = app_centre_id())
        OR (app_scope() = 'unit' AND p_centre = ANY (p_unit_centres))) $$`);
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_can_see_centre(p_province uuid, p_centre uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_sees_centre(p_province, p_centre, CASE WHEN app_scope() = 'unit' THEN app_unit_centre_ids() END) $$`);
    await qr.query(`DROP FUNCTION app_area_patterns()`);
    await qr.query(`DROP FUNCTION org_supervisor_scope(uuid, uuid, date)`);
    await qr.query(`DROP TABLE supervisory_area_member`);
    await qr.query(`DROP TABLE supervisory_area`);
  }
}
