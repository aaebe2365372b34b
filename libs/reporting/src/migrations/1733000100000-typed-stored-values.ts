import { MigrationInterface, QueryRunner } from 'typeorm';
import { convertStoredString, parseFieldValue, unknownKeyIssue, valueSpecs } from '@gdtx/domain';
import type { TemplateDefinition, ValueMap } from '@gdtx/domain';
import { enableRls, grantToApp } from '@gdtx/platform';

/**
 * Issue 11, build item 1: values stored before the typed parser existed. Reports were saved with counts sent
 * as JSON strings ("exam_candidates": "1100"); the facts keep numbers only, so those figures vanished from the
 * indicators. This migration:
 *
 *   - converts every stored string that is exactly the JSON text of a value of its key's type ("1100" under
 *     an integer key → 1100, "99.6" under a percentage → 99.6), in drafts and current values (`submission`)
 *     and in every submitted version (`submission_version`), judged against the row's own template version;
 *   - records every value it leaves as it is and that the parser would refuse today (a looser string such as
 *     "1.100" or " 1100", a key the template does not define, a value of another type) in
 *     `value_conversion_report`, one row per (row, key), with the reason in Vietnamese and English, for the
 *     Sở to correct with the centre;
 *   - deletes nothing, and changes no version number: the figures are the same, now typed.
 *
 * Facts are not rebuilt here (analytics owns them): converted accepted reports count again after the next
 * fact rebuild or re-acceptance. `value_conversion_report.status` tells which converted rows were accepted.
 * Idempotent: a second run finds nothing to convert and reports the same remaining values once.
 */
export class TypedStoredValues1733000100000 implements MigrationInterface {
  name = 'TypedStoredValues1733000100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`SELECT set_config('app.scope', 'system', true)`);
    await qr.query(`
      CREATE TABLE IF NOT EXISTS value_conversion_report (
        id bigserial PRIMARY KEY,
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL,
        source text NOT NULL CHECK (source IN ('submission', 'submission_version')),
        row_id uuid NOT NULL,
        submission_id uuid NOT NULL,
        status text NOT NULL,
        template_code text NOT NULL,
        template_version integer NOT NULL,
        value_key text NOT NULL,
        stored_value jsonb NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('CONVERTED', 'LEFT_AS_IS')),
        reason_vi text,
        reason_en text,
        found_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source, row_id, value_key)
      )`);
    await grantToApp(qr, ['value_conversion_report'], 'SELECT');
    await enableRls(qr, 'value_conversion_report');
    await qr.query(`DROP POLICY IF EXISTS value_conversion_report_read ON value_conversion_report`);
    await qr.query(
      `CREATE POLICY value_conversion_report_read ON value_conversion_report FOR SELECT
       USING (app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province'))`,
    );

    const templates = await loadTemplates(qr);
    await convertTable(qr, templates, 'submission');
    await convertTable(qr, templates, 'submission_version');
  }

  async down(qr: QueryRunner): Promise<void> {
    // Converted values stay numbers (they are what the reports meant); only the report goes.
    await qr.query(`DROP TABLE IF EXISTS value_conversion_report`);
  }
}

type Templates = (provinceId: string, code: string, version: number) => TemplateDefinition | undefined;

async function loadTemplates(qr: QueryRunner): Promise<Templates> {
  const rows: { provinceId: string | null; code: string; version: number; definition: TemplateDefinition }[] = await qr.query(
    `SELECT province_id AS "provinceId", code, version, definition FROM report_template_version`,
  );
  const byKey = new Map(rows.map((r) => [`${r.provinceId ?? ''}:${r.code}:${r.version}`, r.definition]));
  // A province's own template shadows a national one of the same code (as TemplateService.definition reads it).
  return (provinceId, code, version) => byKey.get(`${provinceId}:${code}:${version}`) ?? byKey.get(`:${code}:${version}`);
}

interface StoredRow {
  id: string;
  provinceId: string;
  centreId: string;
  submissionId: string;
  status: string;
  templateCode: string;
  templateVersion: number;
  values: ValueMap;
}

interface Finding {
  key: string;
  stored: unknown;
  outcome: 'CONVERTED' | 'LEFT_AS_IS';
  reasonVi: string | null;
  reasonEn: string | null;
}

/**
 * @description What today's parser makes of one stored document: the converted document (null when nothing
 * changes) and a finding for every value converted or left invalid.
 */
export function reviewStoredValues(template: TemplateDefinition | undefined, values: ValueMap): { converted: ValueMap | null; findings: Finding[] } {
  const findings: Finding[] = [];
  if (!template) {
    return {
      converted: null,
      findings: Object.entries(values).map(([key, stored]) => ({
        key, stored, outcome: 'LEFT_AS_IS' as const,
        reasonVi: 'Không tìm thấy phiên bản biểu mẫu của báo cáo', reasonEn: 'The report\'s template version was not found',
      })),
    };
  }
  const specs = valueSpecs(template);
  const next: ValueMap = { ...values };
  let changed = false;
  for (const [key, stored] of Object.entries(values)) {
    if (stored === null) continue;
    const spec = specs.get(key);
    if (!spec) {
      const issue = unknownKeyIssue(template, key);
      findings.push({ key, stored, outcome: 'LEFT_AS_IS', reasonVi: issue.messageVi, reasonEn: issue.messageEn });
      continue;
    }
    const parsed = typeof stored === 'string' ? convertStoredString(spec, stored) : parseFieldValue(spec, stored);
    if (!parsed.ok) {
      findings.push({ key, stored, outcome: 'LEFT_AS_IS', reasonVi: parsed.issue.messageVi, reasonEn: parsed.issue.messageEn });
    } else if (typeof stored === 'string' && typeof parsed.value === 'number') {
      next[key] = parsed.value;
      changed = true;
      findings.push({ key, stored, outcome: 'CONVERTED', reasonVi: null, reasonEn: null });
    }
  }
  return { converted: changed ? next : null, findings };
}

async function convertTable(qr: QueryRunner, templates: Templates, source: 'submission' | 'submission_version'): Promise<void> {
  const select =
    source === 'submission'
      ? `SELECT s.id, s.province_id AS "provinceId", s.centre_id AS "centreId", s.id AS "submissionId", s.status,
                s.template_code AS "templateCode", s.template_version AS "templateVersion", s."values"
         FROM submission s`
      : `SELECT v.id, v.province_id AS "provinceId", v.centre_id AS "centreId", v.submission_id AS "submissionId", s.status,
                s.template_code AS "templateCode", v.template_version AS "templateVersion", v."values"
         FROM submission_version v JOIN submission s ON s.id = v.submission_id`;
  const alias = source === 'submission' ? 's' : 'v';
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // Every document is read (once): a number can be wrong too (under a text key, or a key the template lacks).
    const rows: StoredRow[] = await qr.query(
      `${select} WHERE ${alias}.id > $1 ORDER BY ${alias}.id LIMIT 500`,
      [after],
    );
    if (!rows.length) return;
    for (const row of rows) {
      const { converted, findings } = reviewStoredValues(templates(row.provinceId, row.templateCode, row.templateVersion), row.values);
      if (converted) await qr.query(`UPDATE ${source} SET "values" = $2 WHERE id = $1`, [row.id, JSON.stringify(converted)]);
      for (const f of findings) {
        await qr.query(
          `INSERT INTO value_conversion_report (province_id, centre_id, source, row_id, submission_id, status, template_code, template_version,
                                                value_key, stored_value, outcome, reason_vi, reason_en)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (source, row_id, value_key) DO NOTHING`,
          [row.provinceId, row.centreId, source, row.id, row.submissionId, row.status, row.templateCode, row.templateVersion,
            f.key, JSON.stringify(f.stored), f.outcome, f.reasonVi, f.reasonEn],
        );
      }
    }
    after = rows[rows.length - 1].id;
  }
}
