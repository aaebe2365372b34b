/**
 * Must show (f): every stored number is a JSON number. Reads every report (current values and every submitted
 * version) with its template version's definition and checks, key by key, that a value under a numeric field
 * (integer, decimal, percent) or a grid cell (grids are numeric) has jsonb_typeof 'number' — the oracle's own
 * reading of the definitions, not the product's SQL. Also the numeric rule parameters.
 */
import type { Client } from 'pg';

interface Definition {
  sections: { fields?: { code: string; type: string }[]; grids?: { code: string }[] }[];
}

export interface NotANumber {
  table: string;
  id: string;
  key: string;
  type: string;
}

export async function storedNonNumbers(owner: Client): Promise<{ checked: number; bad: NotANumber[] }> {
  const { rows: defs } = await owner.query(`SELECT code, version, province_id, definition FROM report_template_version`);
  const numericOf = new Map<string, { fields: Set<string>; grids: Set<string> }>();
  for (const d of defs as { code: string; version: number; province_id: string | null; definition: Definition }[]) {
    const fields = new Set<string>();
    const grids = new Set<string>();
    for (const s of d.definition.sections) {
      for (const f of s.fields ?? []) if (['integer', 'decimal', 'percent'].includes(f.type)) fields.add(f.code);
      for (const g of s.grids ?? []) grids.add(g.code);
    }
    numericOf.set(`${d.code}|${d.version}|${d.province_id ?? ''}`, { fields, grids });
  }
  const bad: NotANumber[] = [];
  let checked = 0;
  for (const table of ['submission', 'submission_version']) {
    const { rows } = await owner.query(
      table === 'submission'
        ? `SELECT s.id, s.template_code AS code, s.template_version AS version, s.province_id, kv.key, jsonb_typeof(kv.value) AS type
           FROM submission s CROSS JOIN LATERAL jsonb_each(s."values") kv`
        : `SELECT v.id, s.template_code AS code, v.template_version AS version, s.province_id, kv.key, jsonb_typeof(kv.value) AS type
           FROM submission_version v JOIN submission s ON s.id = v.submission_id CROSS JOIN LATERAL jsonb_each(v."values") kv`,
    );
    for (const r of rows as { id: string; code: string; version: number; province_id: string; key: string; type: string }[]) {
      const numeric = numericOf.get(`${r.code}|${r.version}|${r.province_id}`) ?? numericOf.get(`${r.code}|${r.version}|`);
      if (!numeric) throw new Error(`no template version ${r.code} v${r.version}`);
      const isNumericKey = numeric.fields.has(r.key) || (r.key.split('.').length === 3 && numeric.grids.has(r.key.split('.')[0]));
      if (!isNumericKey) continue;
      checked++;
      if (r.type !== 'number') bad.push({ table, id: r.id, key: r.key, type: r.type });
    }
  }
  const { rows: params } = await owner.query(`SELECT id, code, value FROM compliance_rule_parameter`);
  for (const p of params as { id: string; code: string; value: unknown }[]) {
    const values = Array.isArray(p.value) ? p.value : [p.value];
    for (const v of values) {
      checked++;
      if (typeof v !== 'number') bad.push({ table: 'compliance_rule_parameter', id: p.id, key: p.code, type: typeof v });
    }
  }
  return { checked, bad };
}
