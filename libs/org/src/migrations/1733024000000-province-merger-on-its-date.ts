import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A province merger takes effect on its date (ADR 0015 "On its date"; issue 12 item 4, the gaps).
 *
 * - province_merger.centres_moved_at: when the absorbed province's centres came under the survivor (their unit
 *   history re-opened on the re-created units, `centre.province_id` switched). Null while the merger is recorded
 *   for a date still to come: the absorbed province keeps running its centres until then, and org's daily job
 *   `org.apply-due-province-mergers` moves them on the date. Mergers already recorded moved them when recorded.
 * - org_province_standing(p, on): the lineage holds the mergers in force on `on` only (as `merged_into` already
 *   did), so the survivor reads the absorbed province's rows from the date, not from the day it was recorded.
 */
export class ProvinceMergerOnItsDate1733024000000 implements MigrationInterface {
  name = 'ProvinceMergerOnItsDate1733024000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE province_merger ADD COLUMN centres_moved_at timestamptz`);
    await qr.query(`UPDATE province_merger SET centres_moved_at = recorded_at`);
    await qr.query(`CREATE INDEX province_merger_pending ON province_merger (effective_date) WHERE centres_moved_at IS NULL`);
    await qr.query(standing('AND m.effective_date <= p_on'));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(standing(''));
    await qr.query(`DROP INDEX province_merger_pending`);
    await qr.query(`ALTER TABLE province_merger DROP COLUMN centres_moved_at`);
  }
}

/** org_province_standing's body (migration 1733021000000's), the lineage limited by `inForce`. */
function standing(inForce: string): string {
  return `
    CREATE OR REPLACE FUNCTION org_province_standing(p_province uuid, p_on date)
    RETURNS TABLE (lineage uuid[], merged_into uuid, merged_on date)
    LANGUAGE sql STABLE AS $$
      WITH RECURSIVE before AS (
        SELECT m.absorbed_province_id AS id FROM province_merger m WHERE m.province_id = p_province ${inForce}
        UNION
        SELECT m.absorbed_province_id FROM province_merger m JOIN before ON m.province_id = before.id ${inForce})
      SELECT coalesce((SELECT array_agg(id ORDER BY id) FROM before), '{}'::uuid[]),
             (SELECT m.province_id FROM province_merger m WHERE m.absorbed_province_id = p_province AND m.effective_date <= p_on),
             (SELECT m.effective_date FROM province_merger m WHERE m.absorbed_province_id = p_province AND m.effective_date <= p_on)
    $$`;
}
