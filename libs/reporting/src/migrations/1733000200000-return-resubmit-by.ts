import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A return (or reopen) may set the day by which the centre must resubmit (issue 11, Build 2): the reporting
 * calendar judges a resubmission after such a return against that day, and only then (docs/reporting.md §2).
 */
export class ReturnResubmitBy1733000200000 implements MigrationInterface {
  name = 'ReturnResubmitBy1733000200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE submission_event ADD COLUMN resubmit_by date`);
    await qr.query(`ALTER TABLE submission_event ADD CONSTRAINT submission_event_resubmit_by_on_return
                    CHECK (resubmit_by IS NULL OR action IN ('RETURNED','REOPENED'))`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE submission_event DROP COLUMN resubmit_by`);
  }
}
