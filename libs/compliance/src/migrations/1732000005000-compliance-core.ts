import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPolicies, enableRls, grantToApp } from '@gdtx/platform';
import { DEFAULT_PARAMETERS, PARAMETER_DESCRIPTIONS_VI, ParameterCodes } from '../lib/rules/parameters';
import type { ComplianceParameters } from '../lib/rules/parameters';


// The predicates as this migration first wrote them (platform's helpers then held them). Every policy is
// restated over org's RLS rule by the migrations of range 1733001000000 (docs/adr/0011-the-rls-rule.md).
const PROVINCE_WRITE = `app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province')`;
const CENTRE_ROWS = 'app_can_see_centre(province_id, centre_id)';

/**
 * Compliance (domain §D3): rule parameters as versioned data, findings keyed by their natural key so that
 * re-evaluation updates instead of duplicating, inspections with their findings and remediation deadlines,
 * and unlicensed-operator cases reported by supervisors and inspectors.
 */
export class ComplianceCore1732000005000 implements MigrationInterface {
  name = 'ComplianceCore1732000005000';

  async up(qr: QueryRunner): Promise<void> {
    // province_id NULL: the national default. A province overrides by inserting its own row; a new threshold
    // takes effect from valid_from, so findings evaluated before keep the value they were judged by.
    await qr.query(`
      CREATE TABLE compliance_rule_parameter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid,
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        value jsonb NOT NULL,
        valid_from date NOT NULL DEFAULT DATE '2000-01-01',
        description_vi text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE UNIQUE INDEX compliance_rule_parameter_key ON compliance_rule_parameter (coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid), code, valid_from)`);
    for (const [key, code] of Object.entries(ParameterCodes) as [keyof ComplianceParameters, string][]) {
      await qr.query(`INSERT INTO compliance_rule_parameter (province_id, code, value, description_vi) VALUES (NULL, $1, $2, $3)`, [
        code, JSON.stringify(DEFAULT_PARAMETERS[key]), PARAMETER_DESCRIPTIONS_VI[key],
      ]);
    }

    await qr.query(`
      CREATE TABLE finding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
        rule_code text NOT NULL,
        subject_key text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH','CRITICAL')),
        status text NOT NULL CHECK (status IN ('OPEN','RESOLVED')),
        title_vi text NOT NULL,
        legal_basis_vi text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '{}',
        found_on date NOT NULL,
        last_evaluated_on date NOT NULL,
        resolved_on date,
        resolution text CHECK (resolution IN ('AUTO','REMEDIATED')),
        resolution_note text,
        resolved_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'RESOLVED') = (resolved_on IS NOT NULL)),
        UNIQUE (centre_id, rule_code, subject_key)
      )`);
    await qr.query(`CREATE INDEX finding_province ON finding (province_id, status, rule_code)`);
    await qr.query(`CREATE INDEX finding_centre ON finding (province_id, centre_id, status)`);

    await qr.query(`
      CREATE TABLE inspection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
        inspected_on date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SCHEDULED','UNSCHEDULED','FOLLOW_UP')),
        decision_ref text,
        inspector_name text NOT NULL,
        conclusion_vi text,
        recorded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX inspection_centre ON inspection (province_id, centre_id, inspected_on)`);
    await qr.query(`
      CREATE TABLE inspection_finding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
        inspection_id uuid NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
        category text NOT NULL,
        description_vi text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH','CRITICAL')),
        remediation_due date,
        remediated_on date,
        remediation_note text,
        remediated_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX inspection_finding_centre ON inspection_finding (province_id, centre_id)`);

    // Cases are not centre-owned (the operator has no licence, hence no centre row): they belong to the unit
    // where the operator was found, and the unit scope sees its subtree.
    await qr.query(`
      CREATE TABLE unlicensed_operator_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        unit_id uuid NOT NULL REFERENCES administrative_unit(id),
        unit_path text NOT NULL,
        operator_name text NOT NULL,
        address text,
        activity_vi text NOT NULL,
        found_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN','INVESTIGATING','REFERRED','SANCTIONED','CLOSED')),
        status_note text,
        fine_vnd bigint CHECK (fine_vnd IS NULL OR fine_vnd >= 0),
        closed_on date,
        reported_by uuid,
        reported_by_name text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL))
      )`);
    await qr.query(`CREATE INDEX unlicensed_operator_case_path ON unlicensed_operator_case (province_id, unit_path text_pattern_ops)`);

    // How far the change watcher has read the audit trail (licence and status changes made in libs/org).
    await qr.query(`CREATE TABLE compliance_watermark (name text PRIMARY KEY, last_id bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    // It started at the end of the trail (then read from platform's audit_event). The poller and its watermark are
    // gone (1733000400000) and compliance reads no table of another context: an empty watermark starts it there too.
    await enableRls(qr, 'compliance_watermark');
    await qr.query(`CREATE POLICY compliance_watermark_system ON compliance_watermark USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system')`);
    await grantToApp(qr, ['compliance_watermark'], 'SELECT, UPDATE');

    await grantToApp(qr, ['compliance_rule_parameter'], 'SELECT, INSERT');
    await grantToApp(qr, ['finding', 'inspection', 'inspection_finding', 'unlicensed_operator_case'], 'SELECT, INSERT, UPDATE');

    await enableRls(qr, 'compliance_rule_parameter');
    await qr.query(`CREATE POLICY compliance_rule_parameter_read ON compliance_rule_parameter FOR SELECT
      USING (app_scope() = 'system' OR province_id IS NULL OR province_id = app_province_id())`);
    await qr.query(`CREATE POLICY compliance_rule_parameter_write ON compliance_rule_parameter FOR INSERT
      WITH CHECK (app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province'))`);

    // Findings, inspections: readable wherever the centre is; written by the rules (system) and the Sở's
    // inspectors (province scope) only — a centre cannot close its own findings.
    for (const t of ['finding', 'inspection', 'inspection_finding']) {
      await createPolicies(qr, t, { read: CENTRE_ROWS, write: PROVINCE_WRITE });
    }

    await enableRls(qr, 'unlicensed_operator_case');
    await qr.query(`
      CREATE POLICY unlicensed_operator_case_tenant ON unlicensed_operator_case
      USING (app_scope() = 'system' OR (province_id = app_province_id() AND (
        app_scope() = 'province' OR (app_scope() = 'unit' AND unit_path LIKE app_unit_path() || '%'))))
      WITH CHECK (app_scope() = 'system' OR (province_id = app_province_id() AND (
        app_scope() = 'province' OR (app_scope() = 'unit' AND unit_path LIKE app_unit_path() || '%'))))`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE compliance_watermark, unlicensed_operator_case, inspection_finding, inspection, finding, compliance_rule_parameter`);
  }
}
