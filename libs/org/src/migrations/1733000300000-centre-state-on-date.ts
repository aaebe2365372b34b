import { MigrationInterface, QueryRunner } from 'typeorm';
import { todayInVietnam } from '@gdtx/domain';

/**
 * State as a function of date (issue 11, Build 3). A centre's status and licence status on any date are read
 * from centre_status_history and licence_record, so a future-dated change takes effect on its date and nothing
 * is written ahead of time. These functions are the SQL form of libs/domain centre-state.ts (centreStatusOn,
 * licenceStatusOn); org's readers (libs/org/src/lib/org.readers.ts) call them and a property test checks
 * that the SQL and the TypeScript agree. Both run as the caller (not SECURITY DEFINER), so RLS applies.
 *
 * centre_licence_status(centre, type, date) with its fixed 90 days is replaced by org_licence_statuses_on
 * with the window as a parameter, and EXPIRING becomes "ends within the window, inclusive" as in compliance.
 */
export class CentreStateOnDate1733000300000 implements MigrationInterface {
  name = 'CentreStateOnDate1733000300000';

  async up(qr: QueryRunner): Promise<void> {
    // The status in force on p_on: the history record with the latest start on or before it.
    await qr.query(`
      CREATE FUNCTION org_centre_statuses_on(p_on date, p_centre_ids uuid[] DEFAULT NULL)
      RETURNS TABLE (centre_id uuid, status text, status_since date)
      LANGUAGE sql STABLE AS $$
        SELECT DISTINCT ON (h.centre_id) h.centre_id, h.status, h.valid_from
        FROM centre_status_history h
        WHERE h.valid_from <= p_on AND (p_centre_ids IS NULL OR h.centre_id = ANY (p_centre_ids))
        ORDER BY h.centre_id, h.valid_from DESC, h.recorded_at DESC
      $$`);

    // Licence status on p_on, set-based: in-force decisions aggregated once per (centre, kind) and joined to
    // the kinds licence_requirement lists for the centre's type. The worst kind decides.
    await qr.query(`
      CREATE FUNCTION org_licence_statuses_on(p_on date, p_expiring_within_days integer, p_centre_ids uuid[] DEFAULT NULL)
      RETURNS TABLE (centre_id uuid, licence_status text)
      LANGUAGE sql STABLE AS $$
        WITH held AS (
          SELECT l.centre_id, l.kind, max(coalesce(l.valid_to, 'infinity'::date)) AS until
          FROM licence_record l
          WHERE l.state = 'IN_FORCE' AND l.valid_from <= p_on AND (p_centre_ids IS NULL OR l.centre_id = ANY (p_centre_ids))
          GROUP BY 1, 2)
        SELECT c.id, CASE
            WHEN bool_or(r.kind IS NOT NULL AND h.until IS NULL) THEN 'MISSING'
            WHEN bool_or(h.until < p_on) THEN 'EXPIRED'
            WHEN bool_or(h.until <= p_on + p_expiring_within_days) THEN 'EXPIRING'
            ELSE 'VALID' END
        FROM centre c
        LEFT JOIN licence_requirement r ON r.centre_type = c.type
        LEFT JOIN held h ON h.centre_id = c.id AND h.kind = r.kind
        WHERE p_centre_ids IS NULL OR c.id = ANY (p_centre_ids)
        GROUP BY c.id
      $$`);
    await qr.query(`DROP FUNCTION centre_licence_status(uuid, text, date)`);

    // A future-dated change recorded before this migration overwrote centre.status ahead of its date (defect 6):
    // put back the status in force today (Vietnam) wherever the history says otherwise.
    await qr.query(`
      UPDATE centre c SET status = s.status, status_since = s.status_since
      FROM org_centre_statuses_on($1::date) s
      WHERE s.centre_id = c.id AND (c.status, c.status_since) IS DISTINCT FROM (s.status, s.status_since)`, [todayInVietnam()]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE OR REPLACE FUNCTION centre_licence_status(p_centre uuid, p_type text, p_as_of date) RETURNS text
      LANGUAGE sql STABLE AS $$ SELECT licence_status FROM org_licence_statuses_on(p_as_of, 90, ARRAY[p_centre]) $$`);
    await qr.query(`DROP FUNCTION org_licence_statuses_on(date, integer, uuid[])`);
    await qr.query(`DROP FUNCTION org_centre_statuses_on(date, uuid[])`);
  }
}
