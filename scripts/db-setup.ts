import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ensureAppRole, ensureJobsRole, ensureQueueRole, loadConfig, runMigrations } from '@gdtx/platform';
import { allMigrations } from '../apps/api/src/migrations';
import { seedDemo } from '../apps/api/src/seed/seed-demo';
import type { DemoWorld } from '../apps/api/src/seed/demo-data';

/** Creates the database if missing, runs every migration as the owner, then seeds the demo province once. */
export async function prepareDatabase(ownerUrl: string, opts: { seed: boolean; log?: (m: string) => void; world?: DemoWorld }): Promise<void> {
  const log = opts.log ?? (() => undefined);
  await ensureDatabase(ownerUrl, log);
  // Migrating and seeding sign no tokens: a throwaway secret satisfies the check when none is set.
  const config = loadConfig({ ...process.env, DATABASE_URL: ownerUrl, JWT_SECRET: process.env['JWT_SECRET'] || randomBytes(32).toString('hex') });
  await runMigrations({ ownerUrl, migrations: allMigrations, appRole: config.APP_DB_ROLE, appPassword: config.APP_DB_PASSWORD, jobsRole: config.JOBS_DB_ROLE, jobsPassword: config.JOBS_DB_PASSWORD, queueRole: config.QUEUE_DB_ROLE, queuePassword: config.QUEUE_DB_PASSWORD, log });
  if (opts.seed) await seedDemo(ownerUrl, log, opts.world);
}

/**
 * Only the cluster-wide roles (app, jobs, system-scope group, queue) with their passwords, nothing in the database: the
 * first step of restoring a dump into a new cluster, whose GRANTs name these roles (docs/operations.md).
 */
export async function ensureRoles(ownerUrl: string, log: (m: string) => void = () => undefined): Promise<void> {
  await ensureDatabase(ownerUrl, log);
  const config = loadConfig({ ...process.env, DATABASE_URL: ownerUrl, JWT_SECRET: process.env['JWT_SECRET'] || randomBytes(32).toString('hex') });
  const ds = new DataSource({ type: 'postgres', url: ownerUrl, logging: false });
  await ds.initialize();
  try {
    await ensureAppRole(ds, config.APP_DB_ROLE, config.APP_DB_PASSWORD);
    await ensureJobsRole(ds, config.APP_DB_ROLE, config.JOBS_DB_ROLE, config.JOBS_DB_PASSWORD);
    await ensureQueueRole(ds, config.QUEUE_DB_ROLE, config.QUEUE_DB_PASSWORD, [config.APP_DB_ROLE, config.JOBS_DB_ROLE]);
    log(`roles ready: ${config.APP_DB_ROLE}, ${config.JOBS_DB_ROLE}, ${config.QUEUE_DB_ROLE}`);
  } finally {
    await ds.destroy();
  }
}

export async function ensureDatabase(ownerUrl: string, log: (m: string) => void = () => undefined): Promise<void> {
  const url = new URL(ownerUrl);
  const dbName = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-zA-Z0-9_]+$/.test(dbName)) throw new Error(`unsupported database name: ${dbName}`);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE ${dbName} ENCODING 'UTF8' TEMPLATE template0`);
      log(`created database ${dbName}`);
    }
  } finally {
    await admin.end();
  }
}
