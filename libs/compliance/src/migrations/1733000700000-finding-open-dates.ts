import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings carry the dates they opened and closed (issue 11, defect 9): `opened_on` is the day the rule's
 * condition began to hold (the day after a missed due date, after a decision's end, the inspection date…),
 * `closed_on` the day it stopped (a filed report, a remediation, the evaluation that no longer found it).
 * `found_on` stays the day the system first recorded the finding, `resolved_on` the day it was resolved.
 * "Open on a date" reads opened_on / closed_on, so a finding computed today from an old cause is open on the
 * dates it was true, not only from today.
 *
 * Backfill from what each finding's evidence says (never later than found_on); where the evidence says
 * nothing about the start, found_on. closed_on = resolved_on.
 */
export class FindingOpenDates1733000700000 implements MigrationInterface {
  name = 'FindingOpenDates1733000700000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE finding ADD COLUMN opened_on date, ADD COLUMN closed_on date`);
    await qr.query(`
      UPDATE finding f SET opened_on = least(f.found_on, coalesce(CASE f.rule_code
          WHEN 'REPORT_MISSING' THEN (f.evidence->>'dueDate')::date + 1
          WHEN 'REPORT_LATE' THEN (f.evidence->>'firstSubmittedOn')::date
          WHEN 'LICENCE_EXPIRED' THEN (f.evidence->>'validTo')::date + 1
          WHEN 'LICENCE_EXPIRING' THEN (f.evidence->>'validTo')::date - (f.evidence->>'alertDays')::int
          WHEN 'DORMANT_CENTRE' THEN CASE WHEN f.evidence->'reasons' ? 'NOT_ENROLLING' THEN (f.evidence->>'statusSince')::date END
          WHEN 'NO_ACTIVITY_AFTER_ESTABLISHMENT' THEN (f.evidence->>'graceEnd')::date + 1
          WHEN 'INSPECTION_FINDING' THEN (f.evidence->>'inspectedOn')::date
          WHEN 'INSPECTION_REMEDIATION_OVERDUE' THEN (f.evidence->>'remediationDue')::date + 1
        END, f.found_on))`);
    await qr.query(`UPDATE finding SET closed_on = greatest(resolved_on, opened_on) WHERE resolved_on IS NOT NULL`);
    await qr.query(`ALTER TABLE finding ALTER COLUMN opened_on SET NOT NULL`);
    await qr.query(`ALTER TABLE finding ADD CONSTRAINT finding_closed_iff_resolved CHECK ((status = 'RESOLVED') = (closed_on IS NOT NULL))`);
    await qr.query(`ALTER TABLE finding ADD CONSTRAINT finding_closed_after_opened CHECK (closed_on IS NULL OR closed_on >= opened_on)`);
    await qr.query(`CREATE INDEX finding_open_dates ON finding (province_id, centre_id, opened_on, closed_on)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP INDEX finding_open_dates`);
    await qr.query(`ALTER TABLE finding DROP CONSTRAINT finding_closed_after_opened, DROP CONSTRAINT finding_closed_iff_resolved`);
    await qr.query(`ALTER TABLE finding DROP COLUMN closed_on, DROP COLUMN opened_on`);
  }
}
