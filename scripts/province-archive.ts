// A province's data as an archive, for a tenant that leaves one deployment for another (issue 13, Build 9;
// docs/operations.md "Xuất và nhập dữ liệu một tỉnh / Per-province export and import").
//
// The table list is the schema's, not a hand-kept list: every table of the public schema with a province_id
// column (partitioned tables as their parent), in foreign-key order from pg_constraint. Only the province's rows
// are exported (national rows, province_id IS NULL, are shipped by the migrations and are not). Each row is one
// JSON object of its columns' text forms (exact for numeric, timestamps in UTC, bytea in hex, json as written),
// so an import casts each value back to the target column's own type.
//
// The archive: manifest.json (format and version, the source's migration level, the province, the time, per
// table: file, columns, row count, sha256) and tables/<table>.ndjson. Import verifies everything before it
// writes, then inserts every row in one transaction, sets the sequences and checks the counts; any failure rolls
// back and leaves the target as it was.
//
// Both sides read and write as a role that bypasses row-level security (a superuser or a BYPASSRLS role, like
// pg_dump: every table has FORCE ROW LEVEL SECURITY), and set row_security = off so that PostgreSQL raises an
// error instead of silently filtering rows if that is not the case.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { Client } from 'pg';
import { z } from 'zod';
import { AppError, ErrorCode } from '@gdtx/platform';

export const ARCHIVE_FORMAT = 'gdtx-province-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
const BATCH_ROWS = 500;

/** Why an export or an import was refused (`extensions.archiveProblem`). */
export type ArchiveProblem =
  | 'NOT_PRIVILEGED'
  | 'UNKNOWN_PROVINCE'
  | 'OUTSIDE_REFERENCE'
  | 'UNREADABLE'
  | 'BAD_MANIFEST'
  | 'CHECKSUM_MISMATCH'
  | 'ROW_COUNT_MISMATCH'
  | 'FOREIGN_ROW'
  | 'MIGRATION_MISMATCH'
  | 'SCHEMA_MISMATCH'
  | 'PROVINCE_PRESENT'
  | 'INSERT_FAILED';

export class ProvinceArchiveError extends AppError {
  constructor(
    code: ErrorCode,
    readonly problem: ArchiveProblem,
    messageVi: string,
    messageEn: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, messageVi, messageEn, { archiveProblem: problem, ...details });
    this.name = 'ProvinceArchiveError';
  }
}

const ManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int(),
  lastMigration: z.string(),
  migrationCount: z.number().int(),
  migrationsSha256: z.string(),
  // lineage: the provinces merged into this one (ADR 0015), whose rows travel with it (absent: none).
  province: z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), lineage: z.array(z.string().uuid()).optional() }),
  exportedAt: z.string(),
  tables: z.array(
    z.object({
      table: z.string(),
      file: z.string(),
      columns: z.array(z.string()),
      rowCount: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type Manifest = z.infer<typeof ManifestSchema>;

interface Column {
  name: string;
  type: string;
}
interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  columns: string[];
  refColumns: string[];
}
export interface ProvinceTable {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Columns filled from a sequence (serial or identity), with the sequence's name. */
  sequences: { column: string; sequence: string }[];
  /** Columns unique on their own (a one-column primary key or unique index). */
  uniqueColumns: string[];
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Session settings that make every text form exact and independent of the server's defaults. */
async function prepareSession(client: Client): Promise<void> {
  const [{ ok }] = (await client.query<{ ok: boolean }>(`SELECT rolsuper OR rolbypassrls AS ok FROM pg_roles WHERE rolname = current_user`)).rows;
  if (!ok) {
    throw new ProvinceArchiveError(
      'FORBIDDEN',
      'NOT_PRIVILEGED',
      'Cần kết nối bằng vai trò superuser hoặc có BYPASSRLS (như pg_dump): mọi bảng đều bật FORCE ROW LEVEL SECURITY',
      'Connect as a superuser or a BYPASSRLS role (as for pg_dump): every table has FORCE ROW LEVEL SECURITY',
    );
  }
  await client.query(
    `SET row_security = off; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';
     SET bytea_output = 'hex'; SET extra_float_digits = 3; SET standard_conforming_strings = on`,
  );
}

/** The migration level: the last migration (by timestamp), how many ran, and a digest of their names. */
async function migrationLevel(client: Client): Promise<{ lastMigration: string; migrationCount: number; migrationsSha256: string }> {
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY timestamp, name`);
  const names = rows.map((r) => r.name);
  return {
    lastMigration: names[names.length - 1] ?? '',
    migrationCount: names.length,
    migrationsSha256: createHash('sha256').update(names.join('\n')).digest('hex'),
  };
}

/** Every public table with a province_id column, parents before children (foreign keys from pg_constraint). */
export async function provinceTables(client: Client): Promise<{ tables: ProvinceTable[]; foreignKeys: ForeignKey[] }> {
  const { rows: rels } = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'province_id' AND NOT a.attisdropped)
      ORDER BY c.relname`,
  );
  const tables = new Map<string, ProvinceTable>();
  for (const rel of rels) {
    const { rows: columns } = await client.query<Column & { seq: string | null }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
              pg_get_serial_sequence(format('public.%I', $2::text), a.attname) AS seq
         FROM pg_attribute a WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        ORDER BY a.attnum`,
      [rel.oid, rel.name],
    );
    const { rows: pk } = await client.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = $1 AND i.indisprimary ORDER BY k.ord`,
      [rel.oid],
    );
    const { rows: unique } = await client.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = $1 AND i.indisunique AND i.indnatts = 1 AND i.indexprs IS NULL AND i.indpred IS NULL`,
      [rel.oid],
    );
    tables.set(rel.name, {
      name: rel.name,
      columns: columns.map(({ name, type }) => ({ name, type })),
      primaryKey: pk.map((r) => r.name),
      sequences: columns.filter((c) => c.seq).map((c) => ({ column: c.name, sequence: c.seq! })),
      uniqueColumns: unique.map((r) => r.name),
    });
  }
  const { rows: fks } = await client.query<ForeignKey>(
    `SELECT c.conname AS name, ch.relname AS child, pa.relname AS parent,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS "columns",
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS "refColumns"
       FROM pg_constraint c JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.conparentid = 0
      ORDER BY c.conname`,
  );
  const foreignKeys = fks.filter((f) => tables.has(f.child));
  // Kahn's algorithm over the tables (self-references are ordered within the table, see rowsInOrder).
  const pending = new Map([...tables.keys()].map((t) => [t, new Set(foreignKeys.filter((f) => f.child === t && f.parent !== t && tables.has(f.parent)).map((f) => f.parent))]));
  const ordered: ProvinceTable[] = [];
  while (pending.size) {
    const ready = [...pending].filter(([, parents]) => parents.size === 0).map(([t]) => t).sort();
    if (!ready.length) throw new Error(`foreign-key cycle between ${[...pending.keys()].join(', ')}`);
    for (const t of ready) {
      ordered.push(tables.get(t)!);
      pending.delete(t);
      for (const parents of pending.values()) parents.delete(t);
    }
  }
  return { tables: ordered, foreignKeys };
}

/** A row's values as text, keyed by column name, in column order. */
type Row = Record<string, string | null>;

/** Rows of a self-referencing table so that every referenced row comes before the rows that reference it. */
function rowsInOrder(rows: Row[], selfRefs: ForeignKey[]): Row[] {
  if (!selfRefs.length) return rows;
  const key = (r: Row, cols: string[]) => (cols.some((c) => r[c] === null) ? null : JSON.stringify(cols.map((c) => r[c])));
  const out: Row[] = [];
  const placed = new Set<string>();
  const present = new Map(selfRefs.map((f) => [f.name, new Set(rows.map((r) => key(r, f.refColumns)))]));
  let rest = rows;
  while (rest.length) {
    const next: Row[] = [];
    for (const r of rest) {
      const waits = selfRefs.some((f) => {
        const k = key(r, f.columns);
        return k !== null && k !== key(r, f.refColumns) && !placed.has(`${f.name}:${k}`) && present.get(f.name)!.has(k);
      });
      if (waits) next.push(r);
      else {
        out.push(r);
        for (const f of selfRefs) {
          const k = key(r, f.refColumns);
          if (k !== null) placed.add(`${f.name}:${k}`);
        }
      }
    }
    if (next.length === rest.length) throw new Error('self-reference cycle');
    rest = next;
  }
  return out;
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface ExportResult {
  archive: Buffer;
  manifest: Manifest;
}

/** Exports one province (by its code, e.g. `TH`) from the database at `ownerUrl`. */
export async function exportProvince(ownerUrl: string, provinceCode: string, now = new Date()): Promise<ExportResult> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await prepareSession(client);
    // One snapshot for every table: the archive is consistent even while the API keeps writing.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: provinces } = await client.query<{ id: string; code: string; name: string }>(
      `SELECT id, code, name FROM administrative_unit WHERE level = 'PROVINCE' AND code = $1 AND province_id = id`,
      [provinceCode],
    );
    if (provinces.length !== 1) {
      throw new ProvinceArchiveError('NOT_FOUND', 'UNKNOWN_PROVINCE', `Không tìm thấy tỉnh có mã ${provinceCode}`, `No province with code ${provinceCode}`);
    }
    const province = provinces[0];
    // A merged province leaves with its predecessors' rows (its history, read through its lineage; ADR 0015).
    const lineage = (await client.query<{ id: string }>(
      `WITH RECURSIVE before AS (SELECT absorbed_province_id AS id FROM province_merger WHERE province_id = $1
                                 UNION SELECT m.absorbed_province_id FROM province_merger m JOIN before b ON m.province_id = b.id)
       SELECT id FROM before ORDER BY id`,
      [province.id],
    )).rows.map((r) => r.id);
    const ids = [province.id, ...lineage];
    const level = await migrationLevel(client);
    const { tables, foreignKeys } = await provinceTables(client);
    const names = new Set(tables.map((t) => t.name));
    // Every reference from an exported row must land on an exported row of the same province (or on a table
    // without province_id, which the migrations ship identically). A reference by id to a national row or to
    // another province's row would not survive the move: refuse rather than write an archive that cannot load.
    for (const f of foreignKeys.filter((fk) => names.has(fk.parent))) {
      const match = f.columns.map((c, i) => `p.${quoteIdent(f.refColumns[i])} = c.${quoteIdent(c)}`).join(' AND ');
      const notNull = f.columns.map((c) => `c.${quoteIdent(c)} IS NOT NULL`).join(' AND ');
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${quoteIdent(f.child)} c WHERE c.province_id = ANY ($1::uuid[]) AND ${notNull}
            AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(f.parent)} p WHERE ${match} AND p.province_id = ANY ($1::uuid[]))`,
        [ids],
      );
      if (Number(rows[0].n) > 0) {
        throw new ProvinceArchiveError(
          'CONFLICT',
          'OUTSIDE_REFERENCE',
          `${rows[0].n} dòng của bảng ${f.child} (${f.columns.join(', ')}) tham chiếu tới dòng của ${f.parent} không thuộc tỉnh ${provinceCode} (dòng dùng chung toàn quốc hoặc của tỉnh khác): không thể xuất`,
          `${rows[0].n} rows of ${f.child} (${f.columns.join(', ')}) reference rows of ${f.parent} outside province ${provinceCode} (national or another province's): cannot export`,
          { table: f.child, constraint: f.name },
        );
      }
    }
    const zip = new JSZip();
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      ...level,
      province: { id: province.id, code: province.code, name: province.name, ...(lineage.length ? { lineage } : {}) },
      exportedAt: now.toISOString(),
      tables: [],
    };
    for (const t of tables) {
      const select = t.columns.map((c) => `${quoteIdent(c.name)}::text AS ${quoteIdent(c.name)}`).join(', ');
      const orderBy = t.primaryKey.length ? t.primaryKey.map(quoteIdent).join(', ') : `t::text COLLATE "C"`;
      const { rows } = await client.query<Row>(`SELECT ${select} FROM ${quoteIdent(t.name)} t WHERE t.province_id = ANY ($1::uuid[]) ORDER BY ${orderBy}`, [ids]);
      const ordered = rowsInOrder(rows, foreignKeys.filter((f) => f.child === t.name && f.parent === t.name));
      const text = ordered.map((r) => `${JSON.stringify(r)}\n`).join('');
      const file = `tables/${t.name}.ndjson`;
      zip.file(file, text);
      manifest.tables.push({ table: t.name, file, columns: t.columns.map((c) => c.name), rowCount: ordered.length, sha256: sha256(Buffer.from(text, 'utf8')) });
    }
    await client.query('COMMIT');
    zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
    return { archive, manifest };
  } finally {
    await client.end();
  }
}

function refused(problem: ArchiveProblem, vi: string, en: string, details: Record<string, unknown> = {}, code: ErrorCode = 'BAD_USER_INPUT'): ProvinceArchiveError {
  return new ProvinceArchiveError(code, problem, vi, en, details);
}

/** Reads and verifies an archive without touching any database: manifest, every file's checksum and rows. */
export async function readArchive(archive: Buffer): Promise<{ manifest: Manifest; rows: Map<string, Row[]> }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(archive, { checkCRC32: true });
  } catch (e) {
    throw refused('UNREADABLE', `Tệp lưu trữ hỏng hoặc không phải tệp zip (${(e as Error).message})`, `The archive is damaged or not a zip file (${(e as Error).message})`);
  }
  const manifestFile = zip.file('manifest.json');
  if (!manifestFile) throw refused('BAD_MANIFEST', 'Tệp lưu trữ thiếu manifest.json', 'The archive has no manifest.json');
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(await manifestFile.async('string')));
  } catch (e) {
    throw refused('BAD_MANIFEST', `manifest.json không hợp lệ (${(e as Error).message})`, `manifest.json is invalid (${(e as Error).message})`);
  }
  if (manifest.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw refused(
      'BAD_MANIFEST',
      `Phiên bản định dạng ${manifest.formatVersion} không được hỗ trợ (cần ${ARCHIVE_FORMAT_VERSION})`,
      `Format version ${manifest.formatVersion} is not supported (expected ${ARCHIVE_FORMAT_VERSION})`,
    );
  }
  const listed = new Set(['manifest.json', ...manifest.tables.map((t) => t.file)]);
  const extra = Object.values(zip.files).filter((f) => !f.dir && !listed.has(f.name)).map((f) => f.name);
  if (extra.length) throw refused('BAD_MANIFEST', `Tệp lưu trữ có tệp không có trong manifest: ${extra.join(', ')}`, `Files not in the manifest: ${extra.join(', ')}`);
  const rows = new Map<string, Row[]>();
  const provinceIds = provinceIdsOf(manifest);
  for (const t of manifest.tables) {
    const entry = zip.file(t.file);
    if (!entry) throw refused('BAD_MANIFEST', `Thiếu tệp ${t.file}`, `Missing file ${t.file}`);
    let data: Buffer;
    try {
      data = await entry.async('nodebuffer');
    } catch (e) {
      throw refused('UNREADABLE', `Không đọc được ${t.file} (${(e as Error).message})`, `Cannot read ${t.file} (${(e as Error).message})`);
    }
    if (sha256(data) !== t.sha256) {
      throw refused('CHECKSUM_MISMATCH', `Tổng kiểm tra (sha256) của ${t.file} không khớp manifest: tệp đã bị thay đổi hoặc hỏng`, `The sha256 of ${t.file} does not match the manifest: the file was changed or damaged`, { file: t.file });
    }
    const lines = data.toString('utf8').split('\n');
    if (lines.pop() !== '') {
      if (t.rowCount || data.length) throw refused('ROW_COUNT_MISMATCH', `${t.file} không kết thúc bằng dòng mới`, `${t.file} does not end with a newline`, { file: t.file });
    }
    if (lines.length !== t.rowCount) {
      throw refused('ROW_COUNT_MISMATCH', `${t.file} có ${lines.length} dòng, manifest ghi ${t.rowCount}`, `${t.file} has ${lines.length} rows, the manifest says ${t.rowCount}`, { file: t.file });
    }
    const parsed = lines.map((line, i) => {
      let row: Row;
      try {
        row = JSON.parse(line) as Row;
      } catch {
        throw refused('BAD_MANIFEST', `Dòng ${i + 1} của ${t.file} không phải JSON`, `Row ${i + 1} of ${t.file} is not JSON`, { file: t.file });
      }
      const keys = Object.keys(row);
      if (keys.length !== t.columns.length || keys.some((k, j) => k !== t.columns[j])) {
        throw refused('BAD_MANIFEST', `Dòng ${i + 1} của ${t.file} không đúng các cột trong manifest`, `Row ${i + 1} of ${t.file} does not have the manifest's columns`, { file: t.file });
      }
      // No row of another province (or a national row) may ride along.
      if (!provinceIds.includes(row['province_id'] as string)) {
        throw refused('FOREIGN_ROW', `Dòng ${i + 1} của ${t.file} không thuộc tỉnh ${manifest.province.code}`, `Row ${i + 1} of ${t.file} is not of province ${manifest.province.code}`, { file: t.file });
      }
      return row;
    });
    rows.set(t.table, parsed);
  }
  return { manifest, rows };
}

export interface ImportResult {
  manifest: Manifest;
  inserted: Record<string, number>;
  /** Per `table.column`: how many sequence ids were already taken in the target and got new numbers. */
  renumbered: Record<string, number>;
}

/** Imports an archive into the database at `ownerUrl`: all or nothing. */
export async function importProvince(ownerUrl: string, archive: Buffer): Promise<ImportResult> {
  const { manifest, rows } = await readArchive(archive);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await prepareSession(client);
    await client.query('BEGIN');
    try {
      // No migration may run meanwhile (the migrator holds this lock while it migrates).
      await client.query('SELECT pg_advisory_xact_lock(727001)');
      const level = await migrationLevel(client);
      if (level.migrationsSha256 !== manifest.migrationsSha256 || level.migrationCount !== manifest.migrationCount) {
        throw refused(
          'MIGRATION_MISMATCH',
          `Mức migration không khớp: tệp lưu trữ ở ${manifest.lastMigration} (${manifest.migrationCount} migration), cơ sở dữ liệu đích ở ${level.lastMigration} (${level.migrationCount}). Hãy đưa hai bên về cùng phiên bản rồi xuất lại`,
          `Migration level mismatch: the archive is at ${manifest.lastMigration} (${manifest.migrationCount} migrations), the target at ${level.lastMigration} (${level.migrationCount}). Bring both to the same release and export again`,
          { archive: manifest.lastMigration, target: level.lastMigration },
          'CONFLICT',
        );
      }
      const { tables, foreignKeys } = await provinceTables(client);
      const describe = (cols: string[]) => cols.join(',');
      const mine = new Map(tables.map((t) => [t.name, describe(t.columns.map((c) => c.name))]));
      const theirs = new Map(manifest.tables.map((t) => [t.table, describe(t.columns)]));
      const differs = [...new Set([...mine.keys(), ...theirs.keys()])].filter((t) => mine.get(t) !== theirs.get(t));
      if (differs.length) {
        throw refused('SCHEMA_MISMATCH', `Cấu trúc bảng khác nhau: ${differs.join(', ')}`, `Tables differ: ${differs.join(', ')}`, { tables: differs }, 'CONFLICT');
      }
      for (const t of tables) {
        const { rows: present } = await client.query(`SELECT 1 FROM ${quoteIdent(t.name)} WHERE province_id = ANY ($1::uuid[]) LIMIT 1`, [provinceIdsOf(manifest)]);
        if (present.length) {
          throw refused('PROVINCE_PRESENT', `Cơ sở dữ liệu đích đã có dữ liệu của tỉnh ${manifest.province.code} (bảng ${t.name})`, `The target already holds data of province ${manifest.province.code} (table ${t.name})`, { table: t.name }, 'CONFLICT');
        }
      }
      const { rows: sameCode } = await client.query(`SELECT 1 FROM administrative_unit WHERE level = 'PROVINCE' AND code = $1`, [manifest.province.code]);
      if (sameCode.length) {
        throw refused('PROVINCE_PRESENT', `Cơ sở dữ liệu đích đã có một tỉnh mã ${manifest.province.code}`, `The target already has a province with code ${manifest.province.code}`, {}, 'CONFLICT');
      }
      const inserted: Record<string, number> = {};
      const renumbered: Record<string, number> = {};
      // old → new value per `table.column` whose sequence ids were renumbered.
      const renumbering = new Map<string, Map<string, string>>();
      for (const t of tables) {
        let data = rows.get(t.name)!;
        // A sequence id unique on its own (submission_event.id, outbox.id…) may already be taken when the target
        // holds other provinces: then this table's rows get fresh numbers from the target's sequence, and every
        // foreign key to them (outbox_job.outbox_id…) follows. UUIDs and keys that include province_id cannot collide.
        for (const s of t.sequences.filter((q) => t.uniqueColumns.includes(q.column))) {
          const ids = data.map((r) => r[s.column]).filter((v): v is string => v !== null);
          if (!ids.length) continue;
          const type = t.columns.find((c) => c.name === s.column)!.type;
          const [{ taken }] = (
            await client.query<{ taken: string }>(`SELECT count(*) AS taken FROM ${quoteIdent(t.name)} WHERE ${quoteIdent(s.column)} = ANY($1::${type}[])`, [ids])
          ).rows;
          if (Number(taken) === 0) continue;
          // Past the target's ids and the archive's, so no new number is one an imported row still holds.
          const maxImported = ids.reduce((m, v) => (BigInt(v) > m ? BigInt(v) : m), 0n);
          await client.query(
            `SELECT setval($1::regclass, GREATEST((SELECT coalesce(max(${quoteIdent(s.column)}), 0) FROM ${quoteIdent(t.name)})::bigint, $2::bigint,
                    (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${s.sequence}), 1), true)`,
            [s.sequence, maxImported.toString()],
          );
          const fresher = (await client.query<{ id: string }>(`SELECT nextval($1::regclass)::text AS id FROM generate_series(1, $2) g ORDER BY g`, [s.sequence, ids.length])).rows.map(
            (r) => r.id,
          );
          fresher.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
          const oldSorted = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
          renumbering.set(`${t.name}.${s.column}`, new Map(oldSorted.map((v, i) => [v, fresher[i]])));
          renumbered[`${t.name}.${s.column}`] = ids.length;
        }
        for (const f of foreignKeys.filter((k) => k.child === t.name)) {
          f.columns.forEach((c, i) => {
            const map = renumbering.get(`${f.parent}.${f.refColumns[i]}`);
            if (map) data = data.map((r) => (r[c] !== null && map.has(r[c]!) ? { ...r, [c]: map.get(r[c]!)! } : r));
          });
        }
        for (const [key, map] of renumbering) {
          const [table, column] = key.split('.');
          if (table === t.name) data = data.map((r) => (r[column] !== null && map.has(r[column]!) ? { ...r, [column]: map.get(r[column]!)! } : r));
        }
        const cols = t.columns.map((c) => quoteIdent(c.name)).join(', ');
        const values = t.columns.map((c) => `(r->>${literal(c.name)})::${c.type}`).join(', ');
        for (let i = 0; i < data.length; i += BATCH_ROWS) {
          try {
            await client.query(`INSERT INTO ${quoteIdent(t.name)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements($1::json) r`, [
              JSON.stringify(data.slice(i, i + BATCH_ROWS)),
            ]);
          } catch (e) {
            const pg = e as { message: string; detail?: string };
            throw refused(
              'INSERT_FAILED',
              `Không ghi được bảng ${t.name}: ${pg.message}${pg.detail ? ` (${pg.detail})` : ''}. Không có gì được ghi`,
              `Cannot write ${t.name}: ${pg.message}${pg.detail ? ` (${pg.detail})` : ''}. Nothing was written`,
              { table: t.name },
              'CONFLICT',
            );
          }
        }
        inserted[t.name] = data.length;
        // Sequences past every id now in the table (the target's own rows included).
        for (const s of t.sequences) {
          await client.query(
            `SELECT setval($1::regclass, m, true) FROM (SELECT max(${quoteIdent(s.column)})::bigint AS m FROM ${quoteIdent(t.name)}) x
              WHERE m IS NOT NULL AND m > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${s.sequence})`,
            [s.sequence],
          );
        }
        const [{ n }] = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(t.name)} WHERE province_id = ANY ($1::uuid[])`, [provinceIdsOf(manifest)])).rows;
        if (Number(n) !== data.length) {
          throw refused('INSERT_FAILED', `Bảng ${t.name}: ghi ${n} dòng, cần ${data.length}`, `Table ${t.name}: ${n} rows written, ${data.length} expected`, { table: t.name }, 'CONFLICT');
        }
      }
      await client.query('COMMIT');
      return { manifest, inserted, renumbered };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await client.end();
  }
}

function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** One line for the command line: Vietnamese, then English. */
export function describeError(e: unknown): string {
  if (e instanceof ProvinceArchiveError) return `${e.messageVi}\n${e.messageEn} [${e.code} ${e.problem}]`;
  return String((e as Error)?.stack ?? e);
}

/** The province of an archive and the provinces merged into it (their rows travel with it). */
function provinceIdsOf(manifest: { province: { id: string; lineage?: string[] } }): string[] {
  return [manifest.province.id, ...(manifest.province.lineage ?? [])];
}
