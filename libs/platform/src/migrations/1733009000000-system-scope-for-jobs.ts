import { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole } from '../lib/database/migration-helpers';
import { systemScopeGroup } from '../lib/database/migrations';

/**
 * Only the jobs role may take the system scope (issue 13, Build 5). Before, the application role could run
 * `set_config('app.scope', 'system', true)` itself, so SQL injected into a request would have bypassed RLS.
 * `app_scope()` now answers 'system' only to members of the NOLOGIN group `<app role>_system`, whose one member
 * is the jobs role (runMigrations creates both); anyone else asking for it gets 'refused', which no policy
 * matches (fail closed). The owner is a superuser and a member of every role, as before.
 *
 * The body stays one expression without a sub-SELECT, so the planner still inlines it into every policy; the
 * membership test runs only when the setting says 'system' (CASE evaluates it lazily).
 */
export class SystemScopeForJobs1733009000000 implements MigrationInterface {
  name = 'SystemScopeForJobs1733009000000';

  async up(qr: QueryRunner): Promise<void> {
    const group = systemScopeGroup(appRole());
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_scope() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT CASE
                 WHEN current_setting('app.scope', true) = 'system' AND NOT pg_has_role('${group}', 'MEMBER') THEN 'refused'
                 ELSE coalesce(current_setting('app.scope', true), '')
               END
      $$`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE OR REPLACE FUNCTION app_scope() RETURNS text LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('app.scope', true), '') $$`);
  }
}
