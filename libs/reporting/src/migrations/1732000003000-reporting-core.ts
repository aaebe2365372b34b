import { MigrationInterface, QueryRunner } from 'typeorm';
import { PeriodTypes, periodsBetween, shippedTemplates } from '@gdtx/domain';
import { appRole, createPolicies, enableRls, grantToApp } from '@gdtx/platform';


// The predicates as this migration first wrote them (platform's helpers then held them). Every policy is
// restated over org's RLS rule by the migrations of range 1733001000000 (docs/adr/0011-the-rls-rule.md).
const NATIONAL_OR_PROVINCE_READ = `app_scope() = 'system' OR province_id IS NULL OR province_id = app_province_id()`;
const PROVINCE_WRITE = `app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province')`;
const CENTRE_ROWS = 'app_can_see_centre(province_id, centre_id)';

/**
 * Reporting (architecture §4): versioned templates, the period calendar, per-centre deadline extensions and
 * submissions with their submitted versions and workflow events. The shipped templates (libs/domain) are
 * published here as national version-1 templates, so every deployment has them without the demo seed.
 */
export class ReportingCore1732000003000 implements MigrationInterface {
  name = 'ReportingCore1732000003000';

  async up(qr: QueryRunner): Promise<void> {
    // province_id NULL: a national template (shipped with the product), readable by every province.
    await qr.query(`
      CREATE TABLE report_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid,
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        period_type text NOT NULL CHECK (period_type IN ('MONTH','QUARTER','SEMESTER','SCHOOL_YEAR','LITERACY_YEAR')),
        centre_types text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE UNIQUE INDEX report_template_code ON report_template (coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid), code)`);

    await qr.query(`
      CREATE TABLE report_template_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid,
        template_id uuid NOT NULL REFERENCES report_template(id),
        code text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        definition jsonb NOT NULL,
        published_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (template_id, version),
        CHECK (definition->>'code' = code AND (definition->>'version')::int = version)
      )`);
    await qr.query(`CREATE INDEX report_template_version_code ON report_template_version (code, version)`);
    // A published version is immutable (issue 3 §1): reports already filed against it must keep meaning
    // exactly what they meant. Enforced in the database so no code path (or console session) can slip.
    await qr.query(`
      CREATE OR REPLACE FUNCTION report_template_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.published_at IS NOT NULL THEN
          RAISE EXCEPTION 'report_template_version % v% is published and immutable', OLD.code, OLD.version
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await qr.query(`
      CREATE TRIGGER report_template_version_immutable BEFORE UPDATE OR DELETE ON report_template_version
      FOR EACH ROW EXECUTE FUNCTION report_template_version_immutable()`);

    // The period calendar: reference data shared by every province (codes as in libs/domain periods.ts).
    await qr.query(`
      CREATE TABLE reporting_period (
        code text PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('MONTH','QUARTER','SEMESTER','SCHOOL_YEAR','LITERACY_YEAR')),
        start_date date NOT NULL,
        end_date date NOT NULL,
        label_vi text NOT NULL,
        label_en text NOT NULL,
        CHECK (end_date >= start_date)
      )`);
    await qr.query(`CREATE INDEX reporting_period_type ON reporting_period (type, end_date)`);

    await qr.query(`
      CREATE TABLE deadline_extension (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
        template_code text NOT NULL,
        period_code text NOT NULL REFERENCES reporting_period(code),
        due_date date NOT NULL,
        reason text NOT NULL,
        granted_by uuid,
        granted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (centre_id, template_code, period_code)
      )`);

    await qr.query(`
      CREATE TABLE submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
        template_code text NOT NULL,
        template_version integer NOT NULL,
        period_code text NOT NULL REFERENCES reporting_period(code),
        status text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','RETURNED','ACCEPTED')),
        "values" jsonb NOT NULL DEFAULT '{}',
        explanations jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        submitted_by uuid,
        accepted_at timestamptz,
        accepted_by uuid,
        UNIQUE (centre_id, template_code, period_code)
      )`);
    await qr.query(`CREATE INDEX submission_queue ON submission (province_id, status, template_code, period_code)`);

    await qr.query(`
      CREATE TABLE submission_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL,
        submission_id uuid NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
        number integer NOT NULL,
        template_version integer NOT NULL,
        "values" jsonb NOT NULL,
        explanations jsonb NOT NULL DEFAULT '{}',
        submitted_by uuid,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (submission_id, number)
      )`);

    await qr.query(`
      CREATE TABLE submission_event (
        id bigserial PRIMARY KEY,
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL,
        submission_id uuid NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('CREATED','SAVED','UPLOADED','SUBMITTED','RETURNED','ACCEPTED','REOPENED')),
        from_status text,
        to_status text NOT NULL,
        submission_version integer NOT NULL,
        actor_user_id uuid,
        actor_name text,
        comment text,
        field_comments jsonb NOT NULL DEFAULT '[]',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX submission_event_submission ON submission_event (submission_id, id)`);

    await grantToApp(qr, ['report_template', 'report_template_version'], 'SELECT, INSERT, UPDATE');
    await grantToApp(qr, ['reporting_period'], 'SELECT, INSERT');
    await grantToApp(qr, ['deadline_extension', 'submission'], 'SELECT, INSERT, UPDATE');
    // History is append-only for the application.
    await grantToApp(qr, ['submission_version', 'submission_event'], 'SELECT, INSERT');
    await qr.query(`GRANT USAGE ON SEQUENCE submission_event_id_seq TO ${appRole()}`);

    for (const t of ['report_template', 'report_template_version']) {
      // National templates change only through migrations (system); a Sở edits its own province's templates.
      await createPolicies(qr, t, { read: NATIONAL_OR_PROVINCE_READ, write: PROVINCE_WRITE });
    }
    for (const t of ['submission', 'submission_version', 'submission_event']) await createPolicies(qr, t, { tenant: CENTRE_ROWS });
    await enableRls(qr, 'deadline_extension');
    await qr.query(`CREATE POLICY deadline_extension_read ON deadline_extension FOR SELECT USING (app_can_see_centre(province_id, centre_id))`);
    await qr.query(`
      CREATE POLICY deadline_extension_write ON deadline_extension FOR ALL
      USING (app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province'))
      WITH CHECK (app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province'))`);

    await insertPeriods(qr, '2015-01-01', '2035-12-31');
    await publishShippedTemplates(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE submission_event, submission_version, submission, deadline_extension, reporting_period, report_template_version, report_template`);
    await qr.query(`DROP FUNCTION report_template_version_immutable()`);
  }
}

async function insertPeriods(qr: QueryRunner, from: string, to: string): Promise<void> {
  const periods = PeriodTypes.flatMap((type) => periodsBetween(type, from, to));
  await qr.query(
    `INSERT INTO reporting_period (code, type, start_date, end_date, label_vi, label_en)
     SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::text[], $6::text[]) ON CONFLICT (code) DO NOTHING`,
    [periods.map((p) => p.code), periods.map((p) => p.type), periods.map((p) => p.start), periods.map((p) => p.end), periods.map((p) => p.labelVi), periods.map((p) => p.labelEn)],
  );
}

/** Publishes every shipped template version that is not in the database yet (national, immutable). */
export async function publishShippedTemplates(qr: Pick<QueryRunner, 'query'>): Promise<void> {
  for (const t of shippedTemplates) {
    const [template] = await qr.query(
      `INSERT INTO report_template (province_id, code, name_vi, name_en, period_type, centre_types) VALUES (NULL, $1, $2, $3, $4, $5)
       ON CONFLICT ((coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid)), code)
       DO UPDATE SET name_vi = EXCLUDED.name_vi RETURNING id`,
      [t.code, t.nameVi, t.nameEn, t.periodType, t.centreTypes],
    );
    await qr.query(
      `INSERT INTO report_template_version (province_id, template_id, code, version, definition, published_at)
       VALUES (NULL, $1, $2, $3, $4, now()) ON CONFLICT (template_id, version) DO NOTHING`,
      [template.id, t.code, t.version, JSON.stringify(t)],
    );
  }
}
