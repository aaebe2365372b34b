// Per-province export and import (issue 13, Build 9; docs/operations.md): the demo's Thanh Hóa exported from a
// seeded database with `npm run province:export`, imported with `npm run province:import` into a database that
// only ran the migrations; a tampered or mismatched archive is refused and writes nothing; nothing of Bắc Ninh
// is in the archive.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { Client } from 'pg';
import { connectAsAppRole, createTestDatabase, TestDatabase, testAdminUrl } from '@gdtx/platform/testing';
import { prepareDatabase } from './db-setup';
import { fingerprint, quoteIdent } from './db-fingerprint';
import { exportProvince, importProvince, Manifest, ProvinceArchiveError } from './province-archive';

const root = join(__dirname, '..');

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

function run(script: string, args: string[], url: string) {
  return spawnSync(process.execPath, ['-r', './scripts/register.js', script, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** Independently of the archive code: every public table with a province_id column, partitions as their parent. */
async function tablesWithProvince(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    url,
    `SELECT table_name AS name FROM information_schema.columns c JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace
      WHERE c.table_schema = 'public' AND c.column_name = 'province_id' AND k.relkind IN ('r', 'p') AND NOT k.relispartition ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

async function rezip(archive: Buffer, change: (files: Map<string, Buffer>) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(archive);
  const files = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) if (!f.dir) files.set(f.name, await f.async('nodebuffer'));
  change(files);
  const out = new JSZip();
  for (const [name, data] of files) out.file(name, data);
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function refusal(p: Promise<unknown>): Promise<ProvinceArchiveError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProvinceArchiveError) return e;
    throw e;
  }
  throw new Error('the import was not refused');
}

/** The signature of a zip local file header (PK 03 04). */
const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

describe('per-province export and import', () => {
  let source: TestDatabase;
  let targetName: string;
  let targetUrl: string;
  let dir: string;
  let thanhHoa: string;
  let bacNinh: string;
  let emptyTarget: Awaited<ReturnType<typeof fingerprint>>;
  let archive: Buffer;
  let manifest: Manifest;

  beforeAll(async () => {
    source = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'gdtx-province-'));
    targetName = `${source.name}_target`;
    const u = new URL(source.ownerUrl);
    u.pathname = `/${targetName}`;
    targetUrl = u.toString();
    // A fresh deployment: created and migrated, never seeded.
    await prepareDatabase(targetUrl, { seed: false });
    emptyTarget = await fingerprint(targetUrl);
    const provinces = await query<{ id: string; code: string }>(source.ownerUrl, `SELECT id, code FROM administrative_unit WHERE level = 'PROVINCE'`);
    thanhHoa = provinces.find((p) => p.code === 'TH')!.id;
    bacNinh = provinces.find((p) => p.code === 'BN')!.id;

    const file = join(dir, 'th.zip');
    const exported = run('scripts/province-export.ts', ['TH', file], source.ownerUrl);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('Đã xuất tỉnh TH');
    archive = readFileSync(file);
    manifest = JSON.parse(await (await JSZip.loadAsync(archive)).file('manifest.json')!.async('string'));
  }, 120_000);

  afterAll(async () => {
    const c = new Client({ connectionString: testAdminUrl() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`).catch(() => undefined);
    await c.end();
    await source?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a manifest with the migration level, the province and every province table with its rows and sha256', async () => {
    const [{ name: last }] = await query<{ name: string }>(source.ownerUrl, `SELECT name FROM schema_migrations ORDER BY timestamp DESC LIMIT 1`);
    expect(manifest).toMatchObject({ format: 'gdtx-province-archive', formatVersion: 1, lastMigration: last, province: { id: thanhHoa, code: 'TH', name: 'Tỉnh Thanh Hóa' } });
    expect(Date.now() - Date.parse(manifest.exportedAt)).toBeLessThan(120_000);
    expect(manifest.tables.map((t) => t.table).sort()).toEqual(await tablesWithProvince(source.ownerUrl));
    // Foreign-key order: every referenced province table comes first.
    const position = new Map(manifest.tables.map((t, i) => [t.table, i]));
    const fks = await query<{ child: string; parent: string }>(
      source.ownerUrl,
      `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
    );
    for (const fk of fks.filter((f) => position.has(f.child) && position.has(f.parent) && f.child !== f.parent)) {
      expect({ ...fk, before: position.get(fk.parent)! < position.get(fk.child)! }).toEqual({ ...fk, before: true });
    }
    const counts = await fingerprint(source.ownerUrl, { provinceId: thanhHoa, tables: manifest.tables.map((t) => t.table) });
    for (const t of manifest.tables) expect({ table: t.table, rows: t.rowCount }).toEqual({ table: t.table, rows: counts[t.table].rows });
    expect(manifest.tables.find((t) => t.table === 'submission')!.rowCount).toBeGreaterThan(10);
    expect(manifest.tables.find((t) => t.table === 'fact_value')!.rowCount).toBeGreaterThan(100);
  });

  it('holds nothing of the other province (Bắc Ninh): not its id, nor the id of any of its rows', async () => {
    const zip = await JSZip.loadAsync(archive);
    const text = (await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')))).join('\n');
    expect(text).toContain(thanhHoa);
    expect(text).not.toContain(bacNinh);
    const foreignIds = await query<{ id: string }>(
      source.ownerUrl,
      `SELECT id::text FROM centre WHERE province_id = $1 UNION SELECT id::text FROM app_user WHERE province_id = $1
       UNION SELECT id::text FROM administrative_unit WHERE province_id = $1 UNION SELECT id::text FROM submission WHERE province_id = $1`,
      [bacNinh],
    );
    expect(foreignIds.length).toBeGreaterThan(10);
    const leaked = foreignIds.filter((r) => text.includes(r.id));
    expect(leaked).toEqual([]);
    expect(archive.includes(Buffer.from(bacNinh))).toBe(false);
    expect(text).not.toContain('Bắc Ninh');
  });

  it('refuses an unknown province, and a connection that does not bypass RLS (no partial export)', async () => {
    expect((await refusal(exportProvince(source.ownerUrl, 'XX'))).problem).toBe('UNKNOWN_PROVINCE');
    const app = new URL(source.ownerUrl);
    app.username = process.env['APP_DB_ROLE'] ?? 'gdtx_app';
    app.password = process.env['APP_DB_PASSWORD'] ?? 'gdtx_app_dev_password';
    const e = await refusal(exportProvince(app.toString(), 'TH'));
    expect(e.problem).toBe('NOT_PRIVILEGED');
    expect(e.messageVi).toContain('BYPASSRLS');
    expect((await refusal(importProvince(app.toString(), archive))).problem).toBe('NOT_PRIVILEGED');
  });

  it('refuses a tampered archive (one byte changed) and leaves the target empty', async () => {
    // One byte of one table file changed, the archive otherwise well-formed: the sha256 does not match.
    const changed = await rezip(archive, (files) => {
      const f = files.get('tables/centre.ndjson')!;
      const at = f.indexOf(Buffer.from('"name":"')) + 8;
      f[at] = f[at] === 0x58 ? 0x59 : 0x58;
    });
    const e = await refusal(importProvince(targetUrl, changed));
    expect(e.problem).toBe('CHECKSUM_MISMATCH');
    expect(e.messageVi).toContain('tables/centre.ndjson');
    expect(e.messageEn).toContain('does not match');
    // One raw byte of the zip file flipped, inside the largest entry's compressed data (found from the local file
    // headers, so the byte never lands in a field the reader ignores): unreadable or mismatched.
    const flipped = Buffer.from(archive);
    let largest = { start: 0, size: 0 };
    for (let at = flipped.indexOf(LOCAL_HEADER); at >= 0; at = flipped.indexOf(LOCAL_HEADER, at + 4)) {
      const size = flipped.readUInt32LE(at + 18);
      const start = at + 30 + flipped.readUInt16LE(at + 26) + flipped.readUInt16LE(at + 28);
      if (size > largest.size) largest = { start, size };
    }
    expect(largest.size).toBeGreaterThan(100);
    flipped[largest.start + Math.floor(largest.size / 2)] ^= 0xff;
    const cli = run('scripts/province-import.ts', [writeTo(join(dir, 'flipped.zip'), flipped)], targetUrl);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/UNREADABLE|CHECKSUM_MISMATCH|BAD_MANIFEST/);
    expect(cli.stderr).toMatch(/hỏng|không khớp/);
    expect(await fingerprint(targetUrl)).toEqual(emptyTarget);
  });

  it('refuses an archive of another migration level, and one that carries another province\'s row, writing nothing', async () => {
    const older = await rezip(archive, (files) => {
      const m = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
      m.lastMigration = 'OlderRelease1700000000000';
      m.migrationCount -= 1;
      m.migrationsSha256 = 'f'.repeat(64);
      files.set('manifest.json', Buffer.from(JSON.stringify(m)));
    });
    const e = await refusal(importProvince(targetUrl, older));
    expect(e.problem).toBe('MIGRATION_MISMATCH');
    expect(e.messageVi).toContain('OlderRelease1700000000000');
    expect(e.messageVi).toContain(manifest.lastMigration);
    expect(e.code).toBe('CONFLICT');

    // A consistent archive (checksums recomputed) that smuggles a row of Bắc Ninh in: refused before any write.
    const smuggled = await rezip(archive, (files) => {
      const m = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
      const entry = m.tables.find((t) => t.table === 'licence_record')!;
      const lines = files.get(entry.file)!.toString('utf8').split('\n');
      lines[0] = lines[0].replace(thanhHoa, bacNinh);
      const data = Buffer.from(lines.join('\n'));
      files.set(entry.file, data);
      entry.sha256 = createHash('sha256').update(data).digest('hex');
      files.set('manifest.json', Buffer.from(JSON.stringify(m)));
    });
    expect((await refusal(importProvince(targetUrl, smuggled))).problem).toBe('FOREIGN_ROW');
    expect(await fingerprint(targetUrl)).toEqual(emptyTarget);
  });

  it('imports into a freshly migrated, unseeded database: every province table has the same rows and checksum', async () => {
    const file = join(dir, 'th.zip');
    const imported = run('scripts/province-import.ts', [file], targetUrl);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('Đã nhập tỉnh TH');

    // Per table (partitions of fact_value included, so each fact lands in the same yearly partition).
    const provinceTables = Object.keys(emptyTarget);
    const before = await fingerprint(source.ownerUrl, { provinceId: thanhHoa, tables: provinceTables });
    const after = await fingerprint(targetUrl, { provinceId: thanhHoa, tables: provinceTables });
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const t of Object.keys(before)) expect({ t, ...after[t] }).toEqual({ t, ...before[t] });
    expect(before['centre'].rows).toBeGreaterThan(10);

    // Nothing else arrived: the target holds Thanh Hóa's rows and the national rows the migrations shipped.
    const whole = await fingerprint(targetUrl);
    for (const t of Object.keys(whole)) {
      const expected = (after[t]?.rows ?? 0) + emptyTarget[t].rows;
      expect({ t, rows: whole[t].rows }).toEqual({ t, rows: expected });
    }

    // National rows are referenced by natural key (template code and version, period code), and they resolve.
    const [{ unresolved }] = await query<{ unresolved: string }>(
      targetUrl,
      `SELECT count(*) AS unresolved FROM submission s WHERE s.province_id = $1 AND NOT EXISTS (
         SELECT 1 FROM report_template_version v WHERE v.code = s.template_code AND v.version = s.template_version AND (v.province_id IS NULL OR v.province_id = s.province_id))`,
      [thanhHoa],
    );
    expect(Number(unresolved)).toBe(0);

    // Sequences are past the imported ids: a new row takes a fresh id.
    const seqs = await query<{ table_name: string; column_name: string; seq: string }>(
      targetUrl,
      `SELECT table_name, column_name, pg_get_serial_sequence(format('public.%I', table_name), column_name) AS seq FROM information_schema.columns
        WHERE table_schema = 'public' AND column_default LIKE 'nextval%' AND table_name <> 'schema_migrations'`,
    );
    expect(seqs.length).toBeGreaterThan(2);
    for (const s of seqs) {
      const [r] = await query<{ ok: boolean }>(
        targetUrl,
        `SELECT coalesce((SELECT max(${quoteIdent(s.column_name)}) FROM ${quoteIdent(s.table_name)}), 0) <= (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${s.seq}) AS ok`,
      );
      expect({ ...s, ok: r.ok }).toEqual({ ...s, ok: true });
    }
    const cols = 'province_id, centre_id, submission_id, action, from_status, to_status, submission_version, actor_user_id, actor_name, comment, field_comments, at';
    await query(targetUrl, `INSERT INTO submission_event (${cols}) SELECT ${cols} FROM submission_event WHERE province_id = $1 LIMIT 1`, [thanhHoa]);

    // The API's role sees the imported province through RLS with its scope, nothing without one.
    const app = await connectAsAppRole(targetUrl);
    try {
      await app.query('BEGIN');
      expect((await app.query(`SELECT count(*)::int AS n FROM centre`)).rows[0].n).toBe(0);
      await app.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [thanhHoa]);
      expect((await app.query(`SELECT count(*)::int AS n FROM centre`)).rows[0].n).toBe(before['centre'].rows);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }

    // A second import of the same province is refused, and changes nothing.
    const again = await refusal(importProvince(targetUrl, archive));
    expect(again.problem).toBe('PROVINCE_PRESENT');
  });

  it('renumbers sequence ids the target already uses for another province, and foreign keys follow', async () => {
    // An outbox row of Thanh Hóa with its job record (outbox_job.outbox_id → outbox.id), then a fresh archive.
    const [{ id: outboxId }] = await query<{ id: string }>(
      source.ownerUrl,
      `INSERT INTO outbox (province_id, topic, payload, dedupe_key, sent_at) VALUES ($1, 'backup.test', '{}', 'backup-test-' || gen_random_uuid(), now()) RETURNING id::text`,
      [thanhHoa],
    );
    await query(source.ownerUrl, `INSERT INTO outbox_job (job_id, outbox_id, province_id, name, done_at) VALUES ('backup-test-' || gen_random_uuid(), $1, $2, 'backup.test', now())`, [
      outboxId,
      thanhHoa,
    ]);
    const th = (await exportProvince(source.ownerUrl, 'TH')).archive;
    // Another deployment that already serves Bắc Ninh, whose rows hold some of the numbers Thanh Hóa's rows use.
    const u = new URL(source.ownerUrl);
    u.pathname = `/${source.name}_other`;
    const other = u.toString();
    try {
      await prepareDatabase(other, { seed: false });
      await importProvince(other, (await exportProvince(source.ownerUrl, 'BN')).archive);
      const taken = (await query<{ id: string }>(source.ownerUrl, `SELECT id::text FROM submission_event WHERE province_id = $1 ORDER BY id LIMIT 3`, [thanhHoa])).map((r) => r.id);
      const cols = 'province_id, centre_id, submission_id, action, from_status, to_status, submission_version, actor_user_id, actor_name, comment, field_comments, at';
      await query(other, `INSERT INTO submission_event (id, ${cols}) SELECT x.id, ${cols} FROM (SELECT * FROM submission_event WHERE province_id = $1 LIMIT 1) e CROSS JOIN unnest($2::bigint[]) x(id)`, [
        bacNinh,
        taken,
      ]);
      await query(other, `INSERT INTO outbox (id, province_id, topic, payload, dedupe_key) VALUES ($1, $2, 'backup.test', '{}', 'bn-' || gen_random_uuid())`, [outboxId, bacNinh]);

      const result = await importProvince(other, th);
      const [{ n: events }] = await query<{ n: string }>(source.ownerUrl, `SELECT count(*) AS n FROM submission_event WHERE province_id = $1`, [thanhHoa]);
      expect(result.renumbered).toEqual({ 'submission_event.id': Number(events), 'outbox.id': 1 });

      // Thanh Hóa's rows all arrived: the renumbered tables are equal but for their ids, every other table exactly.
      const withoutIds = async (url: string, table: string, drop: string[]) =>
        query(url, `SELECT count(*)::int AS n, md5(string_agg((to_jsonb(t) - $2::text[])::text, E'\\n' ORDER BY (to_jsonb(t) - $2::text[])::text COLLATE "C")) AS md5 FROM ${quoteIdent(table)} t WHERE province_id = $1`, [
          thanhHoa,
          drop,
        ]);
      for (const [table, drop] of [['submission_event', ['id']], ['outbox', ['id']], ['outbox_job', ['outbox_id']]] as const) {
        expect({ table, v: await withoutIds(other, table, [...drop]) }).toEqual({ table, v: await withoutIds(source.ownerUrl, table, [...drop]) });
      }
      const rest = Object.keys(emptyTarget).filter((t) => !['submission_event', 'outbox', 'outbox_job'].includes(t));
      expect(await fingerprint(other, { provinceId: thanhHoa, tables: rest })).toEqual(await fingerprint(source.ownerUrl, { provinceId: thanhHoa, tables: rest }));
      // The job record points at Thanh Hóa's outbox row under its new number; Bắc Ninh's rows kept theirs.
      const [{ n: linked }] = await query<{ n: string }>(
        other,
        `SELECT count(*) AS n FROM outbox_job j JOIN outbox o ON o.id = j.outbox_id WHERE j.province_id = $1 AND o.province_id = $1 AND o.topic = 'backup.test'`,
        [thanhHoa],
      );
      expect(Number(linked)).toBe(1);
      expect(await query(other, `SELECT province_id FROM outbox WHERE id = $1`, [outboxId])).toEqual([{ province_id: bacNinh }]);
      expect((await query(other, `SELECT DISTINCT province_id FROM submission_event WHERE id = ANY($1::bigint[])`, [taken])).length).toBe(1);
    } finally {
      const c = new Client({ connectionString: testAdminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${source.name}_other WITH (FORCE)`).catch(() => undefined);
      await c.end();
    }
  });

  it('refuses to export rows that reference a national row by id (such an id differs between deployments)', async () => {
    // Today no province row does (docs/operations.md); this is the guard if one ever did: a province template
    // version pointing at a national template's id.
    await query(
      source.ownerUrl,
      `INSERT INTO report_template_version (province_id, template_id, code, version, definition, published_at)
       SELECT $1, t.id, t.code, 99, jsonb_set(v.definition, '{version}', '99'), now() FROM report_template t JOIN report_template_version v ON v.template_id = t.id
        WHERE t.province_id IS NULL LIMIT 1`,
      [thanhHoa],
    );
    const e = await refusal(exportProvince(source.ownerUrl, 'TH'));
    expect(e.problem).toBe('OUTSIDE_REFERENCE');
    expect(e.messageVi).toContain('report_template_version');
    expect(e.messageEn).toContain('template_id');
    // Bắc Ninh is unaffected and still exports.
    expect((await exportProvince(source.ownerUrl, 'BN')).manifest.province.id).toBe(bacNinh);
  });
});

function writeTo(path: string, data: Buffer): string {
  writeFileSync(path, data);
  return path;
}
