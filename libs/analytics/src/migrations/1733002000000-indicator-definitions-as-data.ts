import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { appRole, createPolicies, grantToApp } from '@gdtx/platform';

/**
 * Issue 11, Build 4: indicator definitions are data the Sở manages, versioned (docs/indicators.md).
 *
 * - `indicator_definition` keeps one row per (province, code): province_id NULL for the national definitions
 *   shipped with the product, a province for the Sở's own ones (its new indicators, or its revision of a
 *   national code, which then replaces the national one for that province only).
 * - `indicator_definition_version` holds what the indicator computes: numerator and denominator EXPRESSIONS in
 *   the validation rule language over the value keys of the report, the factor, the unit, the aggregation
 *   (RATIO_OF_SUMS or SUM) and the templates it reads. A save adds a version; the newest applies to all periods;
 *   versions are immutable, so an old version stays readable as it was.
 * The former key arrays become expressions: ['a','b'] → 'a + b'; a target set the period before becomes
 * `prev(…)` (the language's previous-period report).
 */
export class IndicatorDefinitionsAsData1733002000000 implements MigrationInterface {
  name = 'IndicatorDefinitionsAsData1733002000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE indicator_definition ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(), ADD COLUMN province_id uuid,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    await qr.query(`ALTER TABLE indicator_definition DROP CONSTRAINT indicator_definition_pkey, ADD PRIMARY KEY (id)`);
    await qr.query(`CREATE UNIQUE INDEX indicator_definition_code ON indicator_definition (coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid), code)`);
    await qr.query(`
      CREATE TABLE indicator_definition_version (
        definition_id uuid NOT NULL REFERENCES indicator_definition(id),
        province_id uuid,
        version integer NOT NULL CHECK (version >= 1),
        name_vi text NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 200),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
        unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 40),
        description_vi text CHECK (length(description_vi) <= 1000),
        template_codes text[] NOT NULL CHECK (cardinality(template_codes) BETWEEN 1 AND 5),
        numerator text NOT NULL CHECK (length(numerator) BETWEEN 1 AND 2000),
        denominator text CHECK (length(denominator) BETWEEN 1 AND 2000),
        factor numeric NOT NULL DEFAULT 1 CHECK (factor > 0),
        aggregation text NOT NULL CHECK (aggregation IN ('RATIO_OF_SUMS', 'SUM')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (definition_id, version),
        CHECK ((aggregation = 'SUM') = (denominator IS NULL))
      )`);
    await qr.query(`
      INSERT INTO indicator_definition_version (definition_id, province_id, version, name_vi, name_en, unit, description_vi, template_codes,
                                                numerator, denominator, factor, aggregation)
      SELECT id, province_id, 1, name_vi, name_en, unit, description_vi, template_codes,
             array_to_string(numerator_keys, ' + '),
             CASE WHEN denominator_keys IS NULL OR cardinality(denominator_keys) = 0 THEN NULL
                  WHEN denominator_previous_period THEN 'prev(' || array_to_string(denominator_keys, ' + ') || ')'
                  ELSE array_to_string(denominator_keys, ' + ') END,
             factor,
             CASE WHEN denominator_keys IS NULL OR cardinality(denominator_keys) = 0 THEN 'SUM' ELSE 'RATIO_OF_SUMS' END
      FROM indicator_definition`);
    await qr.query(`ALTER TABLE indicator_definition DROP COLUMN name_vi, DROP COLUMN name_en, DROP COLUMN template_codes, DROP COLUMN numerator_keys,
      DROP COLUMN denominator_keys, DROP COLUMN denominator_previous_period, DROP COLUMN factor, DROP COLUMN unit, DROP COLUMN description_vi`);
    // A version is what some figure was computed with: it never changes and is never removed.
    await qr.query(`
      CREATE FUNCTION indicator_definition_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'indicator_definition_version % v% is immutable', OLD.definition_id, OLD.version USING ERRCODE = 'check_violation';
      END $$`);
    await qr.query(`CREATE TRIGGER indicator_definition_version_immutable BEFORE UPDATE OR DELETE ON indicator_definition_version
      FOR EACH ROW EXECUTE FUNCTION indicator_definition_version_immutable()`);
    await grantToApp(qr, ['indicator_definition', 'indicator_definition_version'], 'SELECT, INSERT, UPDATE');
    // National definitions are read by every province and written by system jobs only; a province's own
    // definitions are read by its users and written by its Sở.
    for (const t of ['indicator_definition', 'indicator_definition_version']) {
      await createPolicies(qr, t, { read: RlsRule.seesNationalOrProvince, write: RlsRule.actsForProvince });
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE indicator_definition ADD COLUMN name_vi text, ADD COLUMN name_en text, ADD COLUMN template_codes text[],
      ADD COLUMN numerator_keys text[], ADD COLUMN denominator_keys text[], ADD COLUMN denominator_previous_period boolean NOT NULL DEFAULT false,
      ADD COLUMN factor numeric NOT NULL DEFAULT 1, ADD COLUMN unit text NOT NULL DEFAULT '', ADD COLUMN description_vi text`);
    // Back to key arrays from version 1 (the only shape the old columns can hold: sums of keys).
    await qr.query(`
      UPDATE indicator_definition d SET name_vi = v.name_vi, name_en = v.name_en, template_codes = v.template_codes, factor = v.factor,
        unit = v.unit, description_vi = v.description_vi,
        numerator_keys = string_to_array(v.numerator, ' + '),
        denominator_previous_period = coalesce(v.denominator LIKE 'prev(%', false),
        denominator_keys = string_to_array(regexp_replace(v.denominator, '^prev\\((.*)\\)$', '\\1'), ' + ')
      FROM indicator_definition_version v WHERE v.definition_id = d.id AND v.version = 1`);
    await qr.query(`DROP TABLE indicator_definition_version`);
    await qr.query(`DROP POLICY IF EXISTS indicator_definition_read ON indicator_definition`);
    await qr.query(`DROP POLICY IF EXISTS indicator_definition_write ON indicator_definition`);
    await qr.query(`ALTER TABLE indicator_definition NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`);
    await qr.query(`REVOKE INSERT, UPDATE ON indicator_definition FROM ${appRole()}`);
    await qr.query(`DROP FUNCTION indicator_definition_version_immutable()`);
    await qr.query(`DELETE FROM indicator_definition WHERE province_id IS NOT NULL`);
    await qr.query(`DROP INDEX indicator_definition_code`);
    await qr.query(`ALTER TABLE indicator_definition DROP CONSTRAINT indicator_definition_pkey, ADD PRIMARY KEY (code)`);
    await qr.query(`ALTER TABLE indicator_definition DROP COLUMN id, DROP COLUMN province_id, DROP COLUMN created_at`);
    await qr.query(`ALTER TABLE indicator_definition ALTER COLUMN name_vi SET NOT NULL, ALTER COLUMN name_en SET NOT NULL,
      ALTER COLUMN template_codes SET NOT NULL, ALTER COLUMN numerator_keys SET NOT NULL`);
  }
}
