import { runMigrations as migrateBullmqSchema } from 'bullmq';
import type { PoolClient } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/**
 * Runs migrations as the owner role, after making sure the roles exist with their passwords: the application
 * role (requests), the system-scope group (NOLOGIN; `app_scope()` honours the system scope only for its members)
 * and the jobs role (background work: inherits the app role's grants and is the group's one member). Roles are
 * cluster-wide; grants are per database and live in the migrations themselves.
 */
export async function runMigrations(opts: {
  ownerUrl: string;
  migrations: MigrationClass[];
  appRole: string;
  appPassword: string;
  jobsRole: string;
  jobsPassword: string;
  /** The embedded queue backend's role (QUEUE_DB_ROLE); null password: created without login. */
  queueRole: string;
  queuePassword: string | null;
  log?: (msg: string) => void;
}): Promise<string[]> {
  const ds = new DataSource({ type: 'postgres', url: opts.ownerUrl, migrations: opts.migrations, migrationsTableName: 'schema_migrations', logging: false });
  await ds.initialize();
  try {
    // Serialise concurrent migrators (several test workers, or API replicas starting together).
    await ds.query('SELECT pg_advisory_lock(727001)');
    try {
      await ensureAppRole(ds, opts.appRole, opts.appPassword);
      await ensureJobsRole(ds, opts.appRole, opts.jobsRole, opts.jobsPassword);
      await ensureQueueRole(ds, opts.queueRole, opts.queuePassword, [opts.appRole, opts.jobsRole]);
      const ran = await ds.runMigrations({ transaction: 'each' });
      ran.forEach((m) => opts.log?.(`migrated: ${m.name}`));
      const version = await prepareQueueSchema(ds, opts.queueRole);
      opts.log?.(`queue schema ${QUEUE_SCHEMA} at BullMQ version ${version}, owned by ${opts.queueRole}`);
      return ran.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock(727001)');
    }
  } finally {
    await ds.destroy();
  }
}

/** The NOLOGIN group whose members alone may take the system scope (derived from the app role's name). */
export function systemScopeGroup(appRole: string): string {
  return `${appRole}_system`;
}

/** The jobs role: logs in, inherits the app role's privileges, and is a member of the system-scope group. */
export async function ensureJobsRole(ds: DataSource, appRole: string, jobsRole: string, password: string): Promise<void> {
  if (jobsRole === appRole) throw new Error('the jobs role must differ from the app role');
  const group = systemScopeGroup(appRole);
  await ensureRole(ds, group, null);
  await ensureRole(ds, jobsRole, password);
  for (const granted of [appRole, group]) {
    const member = await ds.query(
      `SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = $1 AND u.rolname = $2`,
      [granted, jobsRole],
    );
    if (member.length === 0) await ds.query(`GRANT ${granted} TO ${jobsRole}`);
  }
}

/**
 * The queue role: logs in (where it has a password), owns BullMQ's schema and nothing else — no grant on the
 * application's tables, not a member of the app role or of the system-scope group (issue 13, Build 5).
 */
export async function ensureQueueRole(ds: DataSource, queueRole: string, password: string | null, otherRoles: readonly string[]): Promise<void> {
  if (otherRoles.includes(queueRole)) throw new Error('the queue role must differ from the app and jobs roles');
  await ensureRole(ds, queueRole, password);
}

/** BullMQ's own schema in the application database (the embedded queue backend). */
export const QUEUE_SCHEMA = 'bullmq';

/**
 * Creates or upgrades BullMQ's schema as the owner (BullMQ's own migrator, so its layout stays BullMQ's), then hands
 * the schema and everything in it to the queue role, which therefore needs no right to create anything in the
 * database. Idempotent; also moves a schema an earlier release created as the owner. Returns BullMQ's schema version.
 */
export async function prepareQueueSchema(ds: DataSource, queueRole: string): Promise<number> {
  const qr = ds.createQueryRunner();
  const client = (await qr.connect()) as PoolClient;
  try {
    const version = await migrateBullmqSchema(client, QUEUE_SCHEMA);
    const { rows } = await client.query<{ stmt: string }>(
      `SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, $2::text) AS stmt
         FROM pg_namespace n WHERE n.nspname = $1 AND pg_get_userbyid(n.nspowner) <> $2
       UNION ALL
       -- Tables, views and free-standing sequences; a sequence owned by a column follows its table.
       SELECT format('ALTER %s %I.%I OWNER TO %I',
                     CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                     n.nspname, c.relname, $2::text)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $2
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
       UNION ALL
       SELECT format('ALTER ROUTINE %I.%I(%s) OWNER TO %I', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), $2::text)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2
       UNION ALL
       -- Enums, domains, ranges and free-standing composite types (a table's row type and array types follow).
       SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, $2::text)
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1 AND pg_get_userbyid(t.typowner) <> $2 AND t.typelem = 0
          AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))`,
      [QUEUE_SCHEMA, queueRole],
    );
    for (const { stmt } of rows) await client.query(stmt);
    return version;
  } finally {
    await qr.release();
  }
}

export async function ensureAppRole(ds: DataSource, role: string, password: string): Promise<void> {
  await ensureRole(ds, role, password);
}

/** A role with a password logs in; without one it is a NOLOGIN group. Never superuser, never BYPASSRLS. */
async function ensureRole(ds: DataSource, role: string, password: string | null): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid role name ${role}`);
  const exists = await ds.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const login = password === null ? 'NOLOGIN' : `LOGIN PASSWORD '${password.replace(/'/g, "''")}'`;
  if (exists.length === 0) {
    try {
      await ds.query(`CREATE ROLE ${role} ${login} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`);
    } catch (e) {
      // Another migrator created it concurrently (roles are cluster-wide).
      if ((e as { code?: string; driverError?: { code?: string } }).driverError?.code !== '23505' && (e as { code?: string }).code !== '23505') {
        const again = await ds.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        if (again.length === 0) throw e;
      }
    }
  } else {
    await ds.query(`ALTER ROLE ${role} ${login} NOSUPERUSER NOBYPASSRLS`);
  }
}
