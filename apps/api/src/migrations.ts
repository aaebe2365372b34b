import { platformMigrations } from '@gdtx/platform';
import { orgMigrations } from '@gdtx/org';
import { identityMigrations } from '@gdtx/identity';

/** Every context's migrations, in timestamp order. Run by the owner role only (scripts/migrate.ts, npm start). */
export const allMigrations = [...platformMigrations, ...orgMigrations, ...identityMigrations];
