// Builds the test template database once per test run: migrated and seeded; every suite clones it.
import { Client } from 'pg';
import { prepareDatabase } from './db-setup';

export const TEMPLATE_DB = process.env['GDTX_TEST_TEMPLATE_DB'] ?? 'gdtx_test_tpl';
/** The pre-reform world (DEMO_WORLD=pre-reform), for the suites that apply the 2025 reform themselves. */
export const PRE_REFORM_TEMPLATE_DB = `${TEMPLATE_DB}_pre`;

export async function prepareTestTemplate(adminUrl: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(727003)');
    for (const [db, world] of [[TEMPLATE_DB, 'today'], [PRE_REFORM_TEMPLATE_DB, 'pre-reform']] as const) {
      const url = new URL(adminUrl);
      await admin.query(`ALTER DATABASE ${db} WITH IS_TEMPLATE false`).catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      url.pathname = `/${db}`;
      await prepareDatabase(url.toString(), { seed: true, world });
      await admin.query(`ALTER DATABASE ${db} WITH IS_TEMPLATE true`).catch(() => undefined);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(727003)').catch(() => undefined);
    await admin.end();
  }
}

if (require.main === module) {
  const adminUrl = process.env['GDTX_TEST_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  prepareTestTemplate(adminUrl)
    .then(() => console.log(`test template ${TEMPLATE_DB} ready`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
