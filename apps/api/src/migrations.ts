import { platformMigrations } from '@gdtx/platform';
import { orgMigrations } from '@gdtx/org';
import { identityMigrations } from '@gdtx/identity';
import { reportingMigrations } from '@gdtx/reporting';
import { analyticsMigrations } from '@gdtx/analytics';
import { literacyMigrations } from '@gdtx/literacy';
import { complianceMigrations } from '@gdtx/compliance';
import { notifyMigrations } from '@gdtx/notify';
import { documentsMigrations } from '@gdtx/documents';

/** Every context's migrations, in timestamp order. Run by the owner role only (scripts/migrate.ts, npm start). */
export const allMigrations = [...platformMigrations, ...orgMigrations, ...identityMigrations, ...reportingMigrations, ...analyticsMigrations, ...complianceMigrations, ...notifyMigrations, ...literacyMigrations, ...documentsMigrations];
