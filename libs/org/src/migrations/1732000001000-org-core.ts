import { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole, createPolicies, enableRls, grantToApp } from '@gdtx/platform';


// The predicates as this migration first wrote them (platform's helpers then held them). Every policy is
// restated over org's RLS rule by the migrations of range 1733001000000 (docs/adr/0011-the-rls-rule.md).
const PROVINCE_READ = `app_scope() = 'system' OR province_id = app_province_id()`;
const PROVINCE_WRITE = `app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province')`;
const CENTRE_ROWS = 'app_can_see_centre(province_id, centre_id)';

/**
 * Administrative units (time-versioned, with successor links for reorganisations such as the 2025 reform)
 * and centres — the tenants — with their licence records and status history.
 */
export class OrgCore1732000001000 implements MigrationInterface {
  name = 'OrgCore1732000001000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE administrative_unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        parent_id uuid REFERENCES administrative_unit(id),
        level text NOT NULL CHECK (level IN ('PROVINCE','DISTRICT','COMMUNE','WARD','SPECIAL_ZONE')),
        code text NOT NULL,
        name text NOT NULL,
        path text NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        UNIQUE (province_id, code, valid_from)
      )`);
    await qr.query(`CREATE INDEX administrative_unit_parent ON administrative_unit (province_id, parent_id)`);
    await qr.query(`CREATE INDEX administrative_unit_path ON administrative_unit (province_id, path text_pattern_ops)`);

    await qr.query(`
      CREATE TABLE reorganisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        effective_date date NOT NULL,
        legal_basis text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (province_id, code)
      )`);
    await qr.query(`
      CREATE TABLE unit_successor (
        province_id uuid NOT NULL,
        predecessor_id uuid NOT NULL REFERENCES administrative_unit(id),
        successor_id uuid NOT NULL REFERENCES administrative_unit(id),
        reorganisation_id uuid NOT NULL REFERENCES reorganisation(id),
        PRIMARY KEY (predecessor_id, successor_id)
      )`);

    await qr.query(`
      CREATE TABLE centre (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        search_text text NOT NULL,
        type text NOT NULL CHECK (type IN ('PROVINCIAL_GDTX','GDNN_GDTX','LANGUAGE','IT','LANGUAGE_IT','LIFE_SKILLS','TTHTCD','INCLUSIVE_EDUCATION')),
        ownership text NOT NULL CHECK (ownership IN ('PUBLIC','PRIVATE')),
        admin_unit_id uuid NOT NULL REFERENCES administrative_unit(id),
        supervising_unit_id uuid NOT NULL REFERENCES administrative_unit(id),
        unit_path text NOT NULL,
        supervising_unit_path text NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE','NOT_ENROLLING','SUSPENDED','DISSOLVED')),
        status_since date NOT NULL,
        established_on date,
        address text,
        phone text,
        email text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (province_id, code)
      )`);
    await qr.query(`CREATE INDEX centre_unit_path ON centre (province_id, unit_path text_pattern_ops)`);
    await qr.query(`CREATE INDEX centre_sup_path ON centre (province_id, supervising_unit_path text_pattern_ops)`);
    await qr.query(`CREATE INDEX centre_type ON centre (province_id, type, status)`);

    await qr.query(`
      CREATE TABLE centre_status_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
        status text NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        reason text,
        decision_ref text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX centre_status_history_centre ON centre_status_history (province_id, centre_id, valid_from)`);

    await qr.query(`
      CREATE TABLE centre_unit_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
        admin_unit_id uuid NOT NULL REFERENCES administrative_unit(id),
        supervising_unit_id uuid NOT NULL REFERENCES administrative_unit(id),
        valid_from date NOT NULL,
        valid_to date
      )`);
    await qr.query(`CREATE INDEX centre_unit_history_centre ON centre_unit_history (province_id, centre_id, valid_from)`);

    await qr.query(`
      CREATE TABLE licence_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('ESTABLISHMENT','OPERATING_PERMISSION','DIRECTOR_RECOGNITION')),
        decision_number text NOT NULL,
        decided_on date NOT NULL,
        issuer text NOT NULL,
        holder_name text,
        valid_from date NOT NULL,
        valid_to date,
        state text NOT NULL DEFAULT 'IN_FORCE' CHECK (state IN ('IN_FORCE','SUPERSEDED','REVOKED')),
        note text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX licence_record_centre ON licence_record (province_id, centre_id, kind, decided_on)`);

    // Who may see a centre's rows. Runs as the caller, so the lookup into centre is itself filtered by
    // centre's policy: the unit-scope rule is written once, on centre, and every other table inherits it.
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_can_see_centre(p_province uuid, p_centre uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT app_scope() = 'system' OR (p_province = app_province_id() AND (
          app_scope() = 'province'
          OR (app_scope() = 'centre' AND p_centre = app_centre_id())
          OR (app_scope() = 'unit' AND EXISTS (SELECT 1 FROM centre c WHERE c.id = p_centre))
        ))
      $$`);

    // Which decisions each centre type must hold (domain §D3 licence completeness). Data, not code: the
    // list for GDNN-GDTX and TTHTCĐ is [U] in the domain brief, so the Sở can change it.
    await qr.query(`
      CREATE TABLE licence_requirement (
        centre_type text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ESTABLISHMENT','OPERATING_PERMISSION','DIRECTOR_RECOGNITION')),
        PRIMARY KEY (centre_type, kind)
      )`);
    await qr.query(`
      INSERT INTO licence_requirement (centre_type, kind) VALUES
        ('PROVINCIAL_GDTX','ESTABLISHMENT'), ('GDNN_GDTX','ESTABLISHMENT'), ('TTHTCD','ESTABLISHMENT'),
        ('INCLUSIVE_EDUCATION','ESTABLISHMENT'),
        ('LANGUAGE','ESTABLISHMENT'), ('LANGUAGE','OPERATING_PERMISSION'), ('LANGUAGE','DIRECTOR_RECOGNITION'),
        ('IT','ESTABLISHMENT'), ('IT','OPERATING_PERMISSION'), ('IT','DIRECTOR_RECOGNITION'),
        ('LANGUAGE_IT','ESTABLISHMENT'), ('LANGUAGE_IT','OPERATING_PERMISSION'), ('LANGUAGE_IT','DIRECTOR_RECOGNITION'),
        ('LIFE_SKILLS','ESTABLISHMENT'), ('LIFE_SKILLS','OPERATING_PERMISSION'), ('LIFE_SKILLS','DIRECTOR_RECOGNITION')`);
    await qr.query(`GRANT SELECT ON licence_requirement TO ${appRole()}`);
    // Licence status of a centre on a date: MISSING (a required decision absent), EXPIRED, EXPIRING (≤ 90
    // days), VALID. Runs as the caller, so it only ever reads licence rows the caller may see.
    await qr.query(`
      CREATE OR REPLACE FUNCTION centre_licence_status(p_centre uuid, p_type text, p_as_of date) RETURNS text
      LANGUAGE sql STABLE AS $$
        WITH cur AS (
          SELECT r.kind, (
            SELECT max(coalesce(l.valid_to, 'infinity'::date)) FROM licence_record l
            WHERE l.centre_id = p_centre AND l.kind = r.kind AND l.state = 'IN_FORCE' AND l.valid_from <= p_as_of
          ) AS until
          FROM licence_requirement r WHERE r.centre_type = p_type
        )
        SELECT CASE
          WHEN bool_or(until IS NULL) THEN 'MISSING'
          WHEN bool_or(until < p_as_of) THEN 'EXPIRED'
          WHEN bool_or(until < p_as_of + 90) THEN 'EXPIRING'
          ELSE 'VALID' END
        FROM cur
      $$`);

    await grantToApp(qr, ['administrative_unit', 'reorganisation', 'unit_successor', 'centre', 'centre_status_history', 'centre_unit_history', 'licence_record']);
    for (const t of ['administrative_unit', 'reorganisation', 'unit_successor']) await createPolicies(qr, t, { read: PROVINCE_READ, write: PROVINCE_WRITE });

    await enableRls(qr, 'centre');
    await qr.query(`
      CREATE POLICY centre_read ON centre FOR SELECT USING (
        app_scope() = 'system' OR (province_id = app_province_id() AND (
          app_scope() = 'province'
          OR (app_scope() = 'centre' AND id = app_centre_id())
          OR (app_scope() = 'unit' AND (unit_path LIKE app_unit_path() || '%' OR supervising_unit_path LIKE app_unit_path() || '%'))
        )))`);
    // Only the Sở (province scope) and system jobs change the centre registry itself.
    await createPolicies(qr, 'centre', { write: PROVINCE_WRITE });

    for (const t of ['centre_status_history', 'centre_unit_history', 'licence_record']) {
      await createPolicies(qr, t, { read: CENTRE_ROWS, write: PROVINCE_WRITE });
    }

    await qr.query(`
      CREATE POLICY audit_event_read ON audit_event FOR SELECT USING (
        CASE WHEN centre_id IS NULL THEN app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province')
             ELSE app_can_see_centre(province_id, centre_id) END)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP POLICY audit_event_read ON audit_event`);
    await qr.query(`DROP FUNCTION centre_licence_status(uuid, text, date)`);
    await qr.query(`DROP TABLE licence_requirement, licence_record, centre_unit_history, centre_status_history, centre, unit_successor, reorganisation, administrative_unit`);
    await qr.query(`DROP FUNCTION app_can_see_centre(uuid, uuid)`);
  }
}
