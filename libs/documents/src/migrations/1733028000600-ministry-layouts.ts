import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies, grantToApp } from '@gdtx/platform';
import { SHIPPED_MINISTRY_LAYOUTS } from '../lib/ministry/layouts';

/**
 * The ministry's Excel layouts as versioned data (issue 15 item 7): the shipped national rows (province_id NULL,
 * written by migrations only) and a province's own versions (a Sở that has the real template replaces a layout).
 */
export class MinistryLayouts1733028000600 implements MigrationInterface {
  name = 'MinistryLayouts1733028000600';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE ministry_layout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid,
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{2,60}$'),
        version integer NOT NULL CHECK (version >= 1),
        definition jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE UNIQUE INDEX ministry_layout_version ON ministry_layout (coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid), code, version)`);
    await grantToApp(qr, ['ministry_layout'], 'SELECT, INSERT');
    await createPolicies(qr, 'ministry_layout', { read: RlsRule.seesNationalOrProvince, write: RlsRule.actsForProvince });
    for (const l of SHIPPED_MINISTRY_LAYOUTS) {
      await qr.query(`INSERT INTO ministry_layout (province_id, code, version, definition) VALUES (NULL, $1, $2, $3)`, [l.code, l.version, JSON.stringify(l)]);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE ministry_layout');
  }
}
