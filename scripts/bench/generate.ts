// The benchmark's data generator (scripts/bench/run.ts and growth.ts): centres of every type spread over a
// province's current communes, licensed and active from before the first school year, and their quarterly, semester
// and school-year reports over `years` school years (90 % accepted, 5 % submitted — the freshness step accepts
// those —, 5 % missing). Bulk SQL on the owner's connection under the system scope; every generated report is then
// checked against the write boundary's typed parser, as if it had come through the API.
import type { Client } from 'pg';
import { findShippedTemplate, indexTemplate, requireReportValues } from '@gdtx/domain';
import type { TemplateDefinition } from '@gdtx/domain';

export interface ProvinceData {
  provinceId: string;
  /** Centre codes start with it ('BENCH-' for the demo province's generated centres, 'BENCH-P02-' …). */
  codePrefix: string;
  centres: number;
  /** The first school year's start year (school years firstYear-(firstYear+1) … 2025-2026). */
  firstYear: number;
}

/** Numeric value keys of a template (grids are numeric; computed rates are not stored). */
export function numericKeys(t: TemplateDefinition): string[] {
  const idx = indexTemplate(t);
  return idx.keys.filter((k) => {
    const info = idx.byKey.get(k)!;
    if (info.grid) return true;
    return ['integer', 'decimal', 'percent'].includes(info.field!.type) && !info.field!.code.endsWith('_rate');
  });
}

const PLANS: { template: string; types: string[]; periodType: string }[] = [
  { template: 'LANGUAGE_IT_QUARTERLY', types: ['LANGUAGE', 'IT', 'LANGUAGE_IT', 'LIFE_SKILLS'], periodType: 'QUARTER' },
  { template: 'GDTX_SEMESTER', types: ['GDNN_GDTX'], periodType: 'SEMESTER' },
  { template: 'GDTX_SCHOOL_YEAR', types: ['GDNN_GDTX'], periodType: 'SCHOOL_YEAR' },
  { template: 'TTHTCD_SEMESTER', types: ['TTHTCD'], periodType: 'SEMESTER' },
];

/**
 * Writes the centres and reports of one province. The caller holds a transaction with the system scope set.
 * Returns the number of submissions written.
 */
export async function generateProvince(c: Client, p: ProvinceData): Promise<number> {
  const like = `${p.codePrefix}%`;
  // 65 % language/IT/life skills (quarterly), 7.5 % GDNN-GDTX (semester + school year), 27.5 % TTHTCĐ (semester).
  await c.query(
    `WITH communes AS (SELECT id, path, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM administrative_unit
                       WHERE province_id = $1 AND level IN ('COMMUNE','WARD') AND valid_to IS NULL),
          g AS (SELECT gs AS k,
                  CASE WHEN gs % 40 < 26 THEN (ARRAY['LANGUAGE','IT','LANGUAGE_IT','LIFE_SKILLS'])[1 + gs % 4]
                       WHEN gs % 40 < 29 THEN 'GDNN_GDTX' ELSE 'TTHTCD' END AS type
                FROM generate_series(1, $2::int) gs)
     INSERT INTO centre (province_id, code, name, search_text, type, ownership, admin_unit_id, supervising_unit_id, unit_path, supervising_unit_path, status, status_since, established_on)
     SELECT $1, $4 || g.k, 'Trung tâm thử tải ' || g.k, 'trung tam thu tai ' || g.k, g.type,
            CASE WHEN g.type IN ('GDNN_GDTX','TTHTCD') THEN 'PUBLIC' ELSE 'PRIVATE' END,
            cm.id, CASE WHEN g.type = 'TTHTCD' THEN cm.id ELSE $1 END, cm.path,
            CASE WHEN g.type = 'TTHTCD' THEN cm.path ELSE '/' || $1 || '/' END, 'ACTIVE', $3::date, $3::date
     FROM g JOIN communes cm ON cm.i = g.k % cm.n`,
    [p.provinceId, p.centres, `${p.firstYear - 1}-06-01`, p.codePrefix],
  );
  await c.query(
    `INSERT INTO centre_unit_history (province_id, centre_id, admin_unit_id, supervising_unit_id, valid_from)
     SELECT province_id, id, admin_unit_id, supervising_unit_id, established_on FROM centre WHERE province_id = $1 AND code LIKE $2`,
    [p.provinceId, like],
  );
  await c.query(
    `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from)
     SELECT province_id, id, 'ACTIVE', established_on FROM centre WHERE province_id = $1 AND code LIKE $2`,
    [p.provinceId, like],
  );
  await c.query(
    `INSERT INTO licence_record (province_id, centre_id, kind, decision_number, decided_on, issuer, valid_from, valid_to)
     SELECT c.province_id, c.id, r.kind, 'B-' || c.code, c.established_on, 'Sở GDĐT', c.established_on, NULL
     FROM centre c JOIN licence_requirement r ON r.centre_type = c.type WHERE c.province_id = $1 AND c.code LIKE $2`,
    [p.provinceId, like],
  );
  let written = 0;
  for (const plan of PLANS) {
    const t = findShippedTemplate(plan.template)!;
    // Random counts; the exam block keeps certified <= candidates (below) so rates stay meaningful.
    const r = await c.query(
      `WITH periods AS (SELECT code, start_date, end_date FROM reporting_period WHERE type = $1 AND start_date >= $2::date AND end_date <= '2026-08-31'),
            pairs AS (SELECT c.id AS centre_id, c.province_id, p.code, p.end_date, random() AS r FROM centre c CROSS JOIN periods p
                      WHERE c.province_id = $6 AND c.code LIKE $7 AND c.type = ANY($3))
       INSERT INTO submission (province_id, centre_id, template_code, template_version, period_code, status, "values", version, submitted_at, accepted_at)
       SELECT province_id, centre_id, $4, 1, code, CASE WHEN r < 0.90 THEN 'ACCEPTED' ELSE 'SUBMITTED' END,
              (SELECT jsonb_object_agg(k, floor(random() * 200)::int + 1) FROM unnest($5::text[]) k), 2,
              (end_date + (floor(r * 20)::int) * interval '1 day')::timestamptz,
              CASE WHEN r < 0.90 THEN (end_date + 25)::timestamptz END
       FROM pairs WHERE r < 0.95`,
      [plan.periodType, `${p.firstYear}-09-01`, plan.types, plan.template, numericKeys(t), p.provinceId, like],
    );
    written += r.rowCount ?? 0;
  }
  await c.query(
    `UPDATE submission SET "values" = "values" || jsonb_build_object('exam_certified', floor(("values"->>'exam_candidates')::int * 0.97)::int)
     WHERE template_code LIKE 'GDTX_%' AND province_id = $1 AND centre_id IN (SELECT id FROM centre WHERE province_id = $1 AND code LIKE $2)`,
    [p.provinceId, like],
  );
  await assertGeneratedValuesParse(c, p);
  return written;
}

/** Every generated document passes the typed value parser (issue 11), or the bench stops here. */
async function assertGeneratedValuesParse(c: Client, p: ProvinceData): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let checked = 0;
  for (;;) {
    const { rows } = await c.query(
      `SELECT s.id, s.template_code AS code, s.template_version AS version, s."values" FROM submission s JOIN centre c ON c.id = s.centre_id
       WHERE s.province_id = $2 AND c.code LIKE $3 AND s.id > $1 ORDER BY s.id LIMIT 5000`,
      [after, p.provinceId, `${p.codePrefix}%`],
    );
    if (!rows.length) break;
    for (const row of rows) {
      const template = findShippedTemplate(row.code, row.version);
      if (!template) throw new Error(`bench: no shipped template ${row.code} v${row.version}`);
      requireReportValues(template, row.values);
    }
    checked += rows.length;
    after = rows[rows.length - 1].id;
  }
  return checked;
}

/**
 * A generated province (code `BX02` …, "Tỉnh thử tải 2") with `communes` communes, valid from before the first
 * school year so that every report has its unit. Nothing but the benchmark uses it. Returns its id.
 */
export async function createSyntheticProvince(c: Client, index: number, communes: number, firstYear: number): Promise<string> {
  const code = `BX${String(index).padStart(2, '0')}`;
  const from = `${firstYear - 2}-01-01`;
  const { rows: [{ id }] } = await c.query(
    `WITH new_id AS (SELECT gen_random_uuid() AS id)
     INSERT INTO administrative_unit (id, province_id, parent_id, level, code, name, path, valid_from)
     SELECT id, id, NULL, 'PROVINCE', $1, $2, '/' || id || '/', $3::date FROM new_id RETURNING id`,
    [code, `Tỉnh thử tải ${index}`, from],
  );
  await c.query(
    `WITH g AS (SELECT gs, gen_random_uuid() AS id FROM generate_series(1, $2::int) gs)
     INSERT INTO administrative_unit (id, province_id, parent_id, level, code, name, path, valid_from)
     SELECT g.id, $1::uuid, $1::uuid, 'COMMUNE', $3 || lpad(g.gs::text, 4, '0'), 'Xã thử tải ' || g.gs, '/' || $1::text || '/' || g.id || '/', $4::date FROM g`,
    [id, communes, `${code}-`, from],
  );
  return id;
}
