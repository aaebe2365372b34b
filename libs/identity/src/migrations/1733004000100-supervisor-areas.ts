import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A SUPERVISOR's scope is a unit (a commune after the 2025 reform, or a dissolved district office kept as a
 * read-only legacy scope) or a supervisory area of org (issue 12 item 2; docs/adr/0012-two-tier-government.md).
 */
export class SupervisorAreas1733004000100 implements MigrationInterface {
  name = 'SupervisorAreas1733004000100';

  async up(qr: QueryRunner): Promise<void> {
    // No foreign key: the area is org's table (one owner per table); users.service checks the area through org's
    // read model (org_supervisor_scope) and areas are never deleted, only their membership ends.
    await qr.query(`ALTER TABLE app_user ADD COLUMN area_id uuid`);
    await qr.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_check`);
    await qr.query(`
      ALTER TABLE app_user ADD CONSTRAINT app_user_supervisor_scope
        CHECK ((role = 'SUPERVISOR') = ((unit_id IS NOT NULL) <> (area_id IS NOT NULL)) AND (role = 'SUPERVISOR' OR (unit_id IS NULL AND area_id IS NULL)))`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_supervisor_scope`);
    await qr.query(`ALTER TABLE app_user DROP COLUMN area_id`);
    await qr.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_check CHECK ((role = 'SUPERVISOR') = (unit_id IS NOT NULL))`);
  }
}
