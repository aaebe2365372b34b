import { DataSource, MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/**
 * Runs migrations as the owner role, then makes sure the application role exists with its password.
 * The role is cluster-wide; its grants are per database and live in the migrations themselves.
 */
export async function runMigrations(opts: {
  ownerUrl: string;
  migrations: MigrationClass[];
  appRole: string;
  appPassword: string;
  log?: (msg: string) => void;
}): Promise<string[]> {
  const ds = new DataSource({ type: 'postgres', url: opts.ownerUrl, migrations: opts.migrations, migrationsTableName: 'schema_migrations', logging: false });
  await ds.initialize();
  try {
    // Serialise concurrent migrators (several test workers, or API replicas starting together).
    await ds.query('SELECT pg_advisory_lock(727001)');
    try {
      await ensureAppRole(ds, opts.appRole, opts.appPassword);
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

export async function ensureAppRole(ds: DataSource, role: string, password: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid role name ${role}`);
  const exists = await ds.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const pw = password.replace(/'/g, "''");
  if (exists.length === 0) {
    try {
      await ds.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '${pw}'`);
    } catch (e) {
      // Another migrator created it concurrently (roles are cluster-wide).
      if ((e as { code?: string; driverError?: { code?: string } }).driverError?.code !== '23505' && (e as { code?: string }).code !== '23505') {
        const again = await ds.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        if (again.length === 0) throw e;
      }
    }
  } else {
    await ds.query(`ALTER ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${pw}'`);
  }
}
