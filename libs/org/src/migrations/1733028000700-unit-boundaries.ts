import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPolicies, grantToApp, restrictWrites } from '@gdtx/platform';
import { RlsRule } from '../lib/rls-rule';

/**
 * Unit boundaries as data (issue 15 item 3): one geometry (GeoJSON, WGS 84, simplified on import) per unit
 * version, IMPORTED by the Sở from official files or SCHEMATIC (the demo's illustrations, always labelled so).
 * Read by the province's users; written by its Sở.
 */
export class UnitBoundaries1733028000700 implements MigrationInterface {
  name = 'UnitBoundaries1733028000700';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE unit_boundary (
        unit_id uuid PRIMARY KEY REFERENCES administrative_unit (id),
        province_id uuid NOT NULL,
        geometry jsonb NOT NULL CHECK (geometry->>'type' IN ('Polygon', 'MultiPolygon')),
        source text NOT NULL CHECK (source IN ('IMPORTED', 'SCHEMATIC')),
        file_name text,
        positions integer NOT NULL,
        imported_by uuid,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX unit_boundary_province ON unit_boundary (province_id)`);
    await grantToApp(qr, ['unit_boundary'], 'SELECT, INSERT, UPDATE, DELETE');
    await createPolicies(qr, 'unit_boundary', { read: RlsRule.seesProvince, write: RlsRule.actsForProvince });
    await restrictWrites(qr, 'unit_boundary', RlsRule.writesOwnProvince);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE unit_boundary');
  }
}
