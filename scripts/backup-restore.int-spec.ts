// Backup and restore round trip (issue 13, Build 9; docs/operations.md "Sao lưu và khôi phục / Backup and
// restore"): the documented commands, run with this machine's pg_dump / pg_restore on a seeded test database.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { connectAsAppRole, createTestDatabase, TestDatabase, testAdminUrl } from '@gdtx/platform/testing';
import { freePort, OwnPostgres } from '../apps/api/test/faults/fault-kit';
import { fingerprint, quoteIdent } from './db-fingerprint';

const root = join(__dirname, '..');

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: testAdminUrl() });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

function npmMigrate(url: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', './scripts/register.js', 'scripts/migrate.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** What the schema says beyond the rows: policies, RLS flags, grants, sequences' positions, functions. */
async function catalog(url: string) {
  const policies = await query(url, `SELECT tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2`);
  const rls = await query(url, `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') ORDER BY 1`);
  const grants = await query(url, `SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants WHERE table_schema = 'public' AND grantee LIKE 'gdtx%' ORDER BY 1, 2, 3`);
  const sequences = await query(url, `SELECT sequencename, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
  const functions = await query(url, `SELECT p.proname, md5(pg_get_functiondef(p.oid)) AS def FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f' ORDER BY 1, 2`);
  return { policies, rls, grants, sequences, functions };
}

/** Tables the app role may read, and what it sees of them in one transaction with the given session settings. */
async function visibleAsApp(url: string, settings: Record<string, string>, provinceId: string) {
  const c = await connectAsAppRole(url);
  try {
    const { rows: tables } = await c.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'province_id'
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition
          AND has_table_privilege(current_user, c.oid, 'SELECT') ORDER BY 1`,
    );
    const out: Record<string, { own: number; foreign: number }> = {};
    await c.query('BEGIN');
    for (const [k, v] of Object.entries(settings)) await c.query(`SELECT set_config($1, $2, true)`, [k, v]);
    for (const { name } of tables) {
      const [r] = (
        await c.query<{ own: string; foreign: string }>(
          `SELECT count(*) FILTER (WHERE province_id = $1) AS own, count(*) FILTER (WHERE province_id IS NOT NULL AND province_id <> $1) AS foreign
             FROM ${quoteIdent(name)}`,
          [provinceId],
        )
      ).rows;
      out[name] = { own: Number(r.own), foreign: Number(r.foreign) };
    }
    await c.query('ROLLBACK');
    return out;
  } finally {
    await c.end();
  }
}

describe('backup and restore (pg_dump -Fc / pg_restore into an empty database)', () => {
  let source: TestDatabase;
  let restoredName: string;
  let restoredUrl: string;
  let dir: string;
  let thanhHoa: string;

  beforeAll(async () => {
    source = await createTestDatabase();
    // pg_dump refuses a server newer than itself: say so plainly (e.g. the embedded PostgreSQL 18 fallback of
    // `npm test` on a machine whose client tools are older).
    const client = Number(/(\d+)\.\d+/.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }))![1]);
    const [{ server_version_num }] = await query<{ server_version_num: string }>(source.ownerUrl, 'SHOW server_version_num');
    const server = Math.floor(Number(server_version_num) / 10000);
    if (client < server) throw new Error(`pg_dump ${client} is older than the test server (PostgreSQL ${server}): install postgresql-client-${server}`);
    dir = mkdtempSync(join(tmpdir(), 'gdtx-backup-'));
    restoredName = `${source.name}_restored`;
    const u = new URL(source.ownerUrl);
    u.pathname = `/${restoredName}`;
    restoredUrl = u.toString();
    [{ id: thanhHoa }] = await query<{ id: string }>(source.ownerUrl, `SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH'`);
    // Something written after the seed, so the dump carries live rows and a moved sequence too.
    await query(source.ownerUrl, `INSERT INTO audit_event (province_id, action, entity, entity_id, data) VALUES ($1, 'BACKUP_TEST', 'centre', $2, '{}')`, [
      thanhHoa,
      randomBytes(4).toString('hex'),
    ]);
  });

  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`)).catch(() => undefined);
    await source?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores every row, policy, grant and sequence; the migrator then has nothing to do; RLS still holds', async () => {
    const dump = join(dir, 'gdtx.dump');
    // The documented commands (docs/operations.md), as the owner (here the test cluster's superuser).
    execFileSync('pg_dump', ['-Fc', '--file', dump, '--dbname', source.ownerUrl], { stdio: 'pipe' });
    expect(statSync(dump).size).toBeGreaterThan(10_000);
    await admin((c) => c.query(`CREATE DATABASE ${restoredName} ENCODING 'UTF8' TEMPLATE template0`));
    execFileSync('pg_restore', ['--exit-on-error', '--single-transaction', '--dbname', restoredUrl, dump], { stdio: 'pipe' });

    // `npm run migrate` on the restored database: roles re-created / passwords reset, no migration to run.
    const migrate = npmMigrate(restoredUrl);
    expect(migrate.stderr).toBe('');
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toContain('database ready');
    expect(migrate.stdout).not.toContain('migrated:');

    const [before, after] = [await fingerprint(source.ownerUrl), await fingerprint(restoredUrl)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(before).length).toBeGreaterThan(30);
    for (const table of Object.keys(before)) expect({ table, ...after[table] }).toEqual({ table, ...before[table] });
    // The demo really is in it: the comparison is over data, not over empty tables.
    expect(before['centre'].rows).toBeGreaterThan(10);
    expect(before['submission'].rows).toBeGreaterThan(10);
    expect(before['audit_event'].rows).toBeGreaterThan(0);
    expect(await catalog(restoredUrl)).toEqual(await catalog(source.ownerUrl));

    // RLS on the restored database, as the API's role: a province scope sees its own rows only (exactly what it
    // saw on the source), no scope sees nothing, and the app role cannot take the system scope.
    const provinceScope = { 'app.scope': 'province', 'app.province_id': thanhHoa };
    const seen = await visibleAsApp(restoredUrl, provinceScope, thanhHoa);
    expect(seen).toEqual(await visibleAsApp(source.ownerUrl, provinceScope, thanhHoa));
    expect(Object.keys(seen).length).toBeGreaterThan(20);
    for (const [table, v] of Object.entries(seen)) expect({ table, foreign: v.foreign }).toEqual({ table, foreign: 0 });
    const [{ n: thanhHoaCentres }] = await query<{ n: string }>(restoredUrl, `SELECT count(*) AS n FROM centre WHERE province_id = $1`, [thanhHoa]);
    expect(seen['centre'].own).toBe(Number(thanhHoaCentres));
    expect(seen['centre'].own).toBeLessThan(before['centre'].rows); // the other demo province exists and is hidden
    expect(seen['submission'].own).toBeGreaterThan(0);
    for (const settings of [{}, { 'app.scope': 'system' }] as Record<string, string>[]) {
      const none = await visibleAsApp(restoredUrl, settings, thanhHoa);
      for (const [table, v] of Object.entries(none)) expect({ table, ...v }).toEqual({ table, own: 0, foreign: 0 });
    }
  });

  it('restores into a new cluster: the roles first (`npm run migrate -- --roles-only`), then pg_restore, then migrate', async () => {
    // A PostgreSQL cluster of the test's own (embedded, own port, never the shared one): no gdtx role exists there.
    const cluster = new OwnPostgres(freePort(57000));
    await cluster.boot();
    try {
      const dump = join(dir, 'new-cluster.dump');
      execFileSync('pg_dump', ['-Fc', '--file', dump, '--dbname', source.ownerUrl], { stdio: 'pipe' });
      const url = cluster.url('gdtx');
      // Without the roles, the dump's GRANTs fail and --single-transaction leaves nothing behind.
      await query(cluster.url('postgres'), `CREATE DATABASE gdtx_without_roles ENCODING 'UTF8' TEMPLATE template0`);
      const withoutRoles = spawnSync('pg_restore', ['--exit-on-error', '--single-transaction', '--dbname', cluster.url('gdtx_without_roles'), dump], { encoding: 'utf8' });
      expect(withoutRoles.status).not.toBe(0);
      expect(withoutRoles.stderr).toMatch(/role "gdtx_\w+" does not exist/);
      expect(await query(cluster.url('gdtx_without_roles'), `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace`)).toEqual([]);

      const roles = npmMigrate(url, '--roles-only');
      expect(roles.stderr).toBe('');
      expect(roles.status).toBe(0);
      expect(await query(url, `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace`)).toEqual([]); // roles only, no table
      execFileSync('pg_restore', ['--exit-on-error', '--single-transaction', '--dbname', url, dump], { stdio: 'pipe' });
      const migrate = npmMigrate(url);
      expect(migrate.status).toBe(0);
      expect(migrate.stdout).not.toContain('migrated:');

      const [before, after] = [await fingerprint(source.ownerUrl), await fingerprint(url)];
      for (const table of Object.keys(before)) expect({ table, ...after[table] }).toEqual({ table, ...before[table] });
      expect(Object.keys(after)).toEqual(Object.keys(before));
      // The app role logs in with its configured password, and RLS holds as on the source.
      const provinceScope = { 'app.scope': 'province', 'app.province_id': thanhHoa };
      expect(await visibleAsApp(url, provinceScope, thanhHoa)).toEqual(await visibleAsApp(source.ownerUrl, provinceScope, thanhHoa));
      const none = await visibleAsApp(url, { 'app.scope': 'system' }, thanhHoa);
      for (const [table, v] of Object.entries(none)) expect({ table, ...v }).toEqual({ table, own: 0, foreign: 0 });
    } finally {
      await cluster.quit();
    }
  }, 240_000);
});
