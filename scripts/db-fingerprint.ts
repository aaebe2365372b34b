// Per-table fingerprints of a database, to compare a restore or an import with its source (docs/operations.md,
// "Sao lưu và khôi phục / Backup and restore"). Read as a role that bypasses row-level security (the owner as a
// superuser, or a BYPASSRLS role): `row_security = off` makes PostgreSQL refuse rather than filter silently.
import { Client } from 'pg';

export interface TableFingerprint {
  rows: number;
  /** md5 of every row's text form, sorted, one per line (empty string for an empty table). */
  md5: string;
}

/** Every ordinary table of the public schema (partitions included, partitioned parents not: no double count). */
export async function publicTables(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/**
 * count(*) and md5 of the ordered rows of each table; with `provinceId`, only that province's rows of the
 * tables that have a province_id column (the others are left out).
 */
export async function fingerprint(url: string, opts: { provinceId?: string; tables?: string[] } = {}): Promise<Record<string, TableFingerprint>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET row_security = off; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3`);
    let tables = opts.tables ?? (await publicTables(client));
    if (opts.provinceId) {
      const { rows } = await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'province_id' AND NOT a.attisdropped
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)`,
        [tables],
      );
      const withProvince = new Set(rows.map((r) => r.name));
      tables = tables.filter((t) => withProvince.has(t));
    }
    const out: Record<string, TableFingerprint> = {};
    for (const t of tables) {
      const where = opts.provinceId ? 'WHERE t.province_id = $1' : '';
      const { rows } = await client.query<{ n: string; md5: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS md5 FROM ${quoteIdent(t)} t ${where}`,
        opts.provinceId ? [opts.provinceId] : [],
      );
      out[t] = { rows: Number(rows[0].n), md5: rows[0].md5 };
    }
    return out;
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
