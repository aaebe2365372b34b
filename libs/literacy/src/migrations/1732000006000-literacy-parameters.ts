import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPolicies, grantToApp } from '@gdtx/platform';
import { SHIPPED_LITERACY_PARAMETERS } from '../lib/rules/parameters';
import { LEARNING_SOCIETY_TARGETS } from '../lib/rules/learning-society';


// The predicates as this migration first wrote them (platform's helpers then held them). Every policy is
// restated over org's RLS rule by the migrations of range 1733001000000 (docs/adr/0011-the-rls-rule.md).
const PROVINCE_READ = `app_scope() = 'system' OR province_id = app_province_id()`;
const NATIONAL_OR_PROVINCE_READ = `app_scope() = 'system' OR province_id IS NULL OR province_id = app_province_id()`;
const PROVINCE_WRITE = `app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province')`;

/**
 * Literacy recognition parameters and learning-society targets as data (issue 5 items 2–3, domain §D1, §D4).
 *
 * - `literacy_parameter_set`: thresholds, age bands and the aggregation tier, versioned by validity dates.
 *   Rows with province_id NULL are the national sets shipped with the product (written here, read-only for the
 *   app); a Sở adds or overrides (same version) its own rows.
 * - `commune_dbkk`: which communes are especially disadvantaged (xã ĐBKK), versioned by date.
 * - `learning_society_target`: QĐ 1373 / QĐ 387 targets per code and year; national rows plus provincial
 *   overrides of the same (code, year).
 */
export class LiteracyParameters1732000006000 implements MigrationInterface {
  name = 'LiteracyParameters1732000006000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE literacy_parameter_set (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid,
        version text NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
        valid_from date NOT NULL,
        valid_to date,
        definition jsonb NOT NULL,
        legal_basis text[] NOT NULL DEFAULT '{}',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CHECK (definition->>'version' = version)
      )`);
    await qr.query(
      `CREATE UNIQUE INDEX literacy_parameter_set_version ON literacy_parameter_set (coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid), version)`,
    );

    await qr.query(`
      CREATE TABLE commune_dbkk (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        unit_id uuid NOT NULL REFERENCES administrative_unit(id),
        valid_from date NOT NULL,
        valid_to date,
        decision_ref text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        UNIQUE (province_id, unit_id, valid_from)
      )`);

    await qr.query(`
      CREATE TABLE learning_society_target (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid,
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        target_pct numeric(9,6) NOT NULL CHECK (target_pct > 0 AND target_pct <= 100),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        legal_basis text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(
      `CREATE UNIQUE INDEX learning_society_target_key ON learning_society_target (coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid), code, year)`,
    );

    await grantToApp(qr, ['literacy_parameter_set', 'learning_society_target'], 'SELECT, INSERT, UPDATE');
    await grantToApp(qr, ['commune_dbkk']);
    for (const t of ['literacy_parameter_set', 'learning_society_target']) {
      // National rows change only through migrations; a Sở (province scope) edits its own province's rows.
      await createPolicies(qr, t, { read: NATIONAL_OR_PROVINCE_READ, write: PROVINCE_WRITE });
    }
    await createPolicies(qr, 'commune_dbkk', { read: PROVINCE_READ, write: PROVINCE_WRITE });

    for (const p of SHIPPED_LITERACY_PARAMETERS) {
      await qr.query(
        `INSERT INTO literacy_parameter_set (province_id, version, valid_from, valid_to, definition, legal_basis) VALUES (NULL, $1, $2, $3, $4, $5)`,
        [p.version, p.validFrom, p.validTo, JSON.stringify(p), [...p.legalBasis]],
      );
    }
    for (const t of LEARNING_SOCIETY_TARGETS) {
      await qr.query(
        `INSERT INTO learning_society_target (province_id, code, year, target_pct, name_vi, name_en, legal_basis) VALUES (NULL, $1, $2, $3, $4, $5, $6)`,
        [t.code, t.year, t.targetPct, t.nameVi, t.nameEn, t.legalBasis],
      );
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE learning_society_target, commune_dbkk, literacy_parameter_set`);
  }
}
