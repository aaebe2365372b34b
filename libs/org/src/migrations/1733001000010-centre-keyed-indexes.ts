import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes led by centre_id on org's histories (licence status, status and unit history by centre), measured by
 * `npm run bench`. Analytics' migration 1732000004100 first created them; they belong with their tables. A database
 * migrated before has them already (IF NOT EXISTS).
 */
export class CentreKeyedIndexes1733001000010 implements MigrationInterface {
  name = 'CentreKeyedIndexes1733001000010';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE INDEX IF NOT EXISTS licence_record_by_centre ON licence_record (centre_id, kind)`);
    await qr.query(`CREATE INDEX IF NOT EXISTS centre_status_history_by_centre ON centre_status_history (centre_id, valid_from)`);
    await qr.query(`CREATE INDEX IF NOT EXISTS centre_unit_history_by_centre ON centre_unit_history (centre_id, valid_from)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const i of ['licence_record_by_centre', 'centre_status_history_by_centre', 'centre_unit_history_by_centre']) await qr.query(`DROP INDEX IF EXISTS ${i}`);
  }
}
