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
      const ran = await ds.runMigrations({ transaction: 'each' });
      ran.forEach((m) => opts.log?.(`migrated: ${m.name}`));
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
