import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies, grantToApp, restrictWrites } from '@gdtx/platform';

/**
 * The data visualizer's favourites (issue 15 item 2; docs/visualizer.md): a user's own saved visualisations. The
 * definition is the same value the web keeps in a shared link (libs/domain visualization.ts), checked by the API
 * before it is stored. A user reads and changes only their own (seesOwnUserRow); a province's lineage reads its
 * predecessors' rows but writes only its own province's (writesOwnProvince, restrictive, ADR 0015).
 */
export class VisualizationFavourites1733029000000 implements MigrationInterface {
  name = 'VisualizationFavourites1733029000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE visualization_favourite (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        -- identity's user; no foreign key across contexts (scripts/table-ownership.spec.ts), and accounts are
        -- deactivated, never deleted.
        user_id uuid NOT NULL,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
        definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX visualization_favourite_user ON visualization_favourite (user_id, name)`);
    await grantToApp(qr, ['visualization_favourite']);
    await createPolicies(qr, 'visualization_favourite', { tenant: RlsRule.seesOwnUserRow });
    await restrictWrites(qr, 'visualization_favourite', RlsRule.writesOwnProvince);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE visualization_favourite`);
  }
}
