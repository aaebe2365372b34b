// Test helpers (architecture §8): every suite gets its own database cloned from a migrated, seeded template
// (Immich's approach), so suites can run in parallel and never see each other's writes.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

export const TEST_TEMPLATE_DB = process.env['GDTX_TEST_TEMPLATE_DB'] ?? 'gdtx_test_tpl';

export function testAdminUrl(): string {
  return process.env['GDTX_TEST_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = new Client({ connectionString: testAdminUrl() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEST_TEMPLATE_DB]);
    if (!rowCount) {
      // Running jest directly (not through `npm test`): build the template first.
      execFileSync('node', ['-r', './scripts/register.js', 'scripts/prepare-test-db.ts'], {
        cwd: join(__dirname, '../../..'),
        stdio: 'inherit',
        env: { ...process.env, GDTX_TEST_ADMIN_URL: testAdminUrl() },
      });
    }
    const name = `gdtx_t_${randomBytes(5).toString('hex')}`;
    // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEST_TEMPLATE_DB}`);
        break;
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const url = new URL(testAdminUrl());
    url.pathname = `/${name}`;
    return {
      name,
      ownerUrl: url.toString(),
      drop: async () => {
        const c = new Client({ connectionString: testAdminUrl() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await c.end();
      },
    };
  } finally {
    await admin.end();
  }
}

/** A raw connection as the application role (RLS applies), for tests that bypass the service layer. */
export async function connectAsAppRole(ownerUrl: string): Promise<Client> {
  const url = new URL(ownerUrl);
  url.username = process.env['APP_DB_ROLE'] ?? 'gdtx_app';
  url.password = process.env['APP_DB_PASSWORD'] ?? 'gdtx_app_dev_password';
  const c = new Client({ connectionString: url.toString() });
  await c.connect();
  return c;
}

/** A raw connection as the jobs role (the only role that may take the system scope; RLS still applies). */
export async function connectAsJobsRole(ownerUrl: string): Promise<Client> {
  const url = new URL(ownerUrl);
  url.username = process.env['JOBS_DB_ROLE'] ?? 'gdtx_jobs';
  url.password = process.env['JOBS_DB_PASSWORD'] ?? process.env['APP_DB_PASSWORD'] ?? 'gdtx_app_dev_password';
  const c = new Client({ connectionString: url.toString() });
  await c.connect();
  return c;
}
