import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from '@gdtx/platform';

/**
 * Org's SQL read model, views (issue 11, Build 6: one owner per table). Other contexts named centre,
 * administrative_unit and centre_unit_history in their list joins, the login's user row and the fact rebuild;
 * they now select these views, listed in orgSqlReadModel (libs/org/src/index.ts). Explicit columns: what is
 * not listed here is org's alone. security_invoker: the caller's RLS on the underlying tables applies, as it did
 * when the caller named the tables (a view otherwise runs as its owner and would see every province).
 */
export class OrgReadModelViews1733020000000 implements MigrationInterface {
  name = 'OrgReadModelViews1733020000000';

  async up(qr: QueryRunner): Promise<void> {
    // A centre as other contexts show and filter it: code, name, kind and where it sits (today's units).
    await qr.query(`
      CREATE VIEW org_centre_ref (id, province_id, code, name, type, ownership, status, unit_path, supervising_unit_path)
      WITH (security_invoker = true) AS
      SELECT c.id, c.province_id, c.code, c.name, c.type, c.ownership, c.status, c.unit_path, c.supervising_unit_path FROM centre c`);
    // An administrative unit's name and path.
    await qr.query(`
      CREATE VIEW org_unit_ref (id, province_id, level, name, path)
      WITH (security_invoker = true) AS
      SELECT u.id, u.province_id, u.level, u.name, u.path FROM administrative_unit u`);
    // The unit a centre belonged to over time (survives reorganisations), with the unit's path.
    await qr.query(`
      CREATE VIEW org_centre_unit_span (centre_id, province_id, unit_path, valid_from, valid_to)
      WITH (security_invoker = true) AS
      SELECT h.centre_id, h.province_id, u.path, h.valid_from, h.valid_to
      FROM centre_unit_history h JOIN administrative_unit u ON u.id = h.admin_unit_id`);
    await grantToApp(qr, ['org_centre_ref', 'org_unit_ref', 'org_centre_unit_span'], 'SELECT');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP VIEW org_centre_unit_span`);
    await qr.query(`DROP VIEW org_unit_ref`);
    await qr.query(`DROP VIEW org_centre_ref`);
  }
}
