import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs scoped to their province unless truly global (issue 13, Build 5; docs/adr/0013-jobs-role-and-system-scope.md).
 * Before, the system scope saw every province whatever province the job carried. Now a system context that names a
 * province (`systemContext(provinceId, …)`: a submission's fact refresh, its compliance evaluation, its
 * notifications, a login's writes) sees and changes that province's rows only; a system context with no province
 * (the nightly rebuild over all provinces, the outbox relay, the login lookup by username) still sees them all.
 * The change is the RLS rule's, in its one place (these two functions; every other one calls them).
 */
export class JobsScopedToTheirProvince1733009000200 implements MigrationInterface {
  name = 'JobsScopedToTheirProvince1733009000200';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_sees_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT (app_scope() = 'system' AND app_province_id() IS NULL) OR p_province = app_province_id() $$`);
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_acts_for_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT (app_scope() = 'system' AND app_province_id() IS NULL) OR (p_province = app_province_id() AND app_scope() IN ('province', 'system')) $$`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_sees_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_scope() = 'system' OR p_province = app_province_id() $$`);
    await qr.query(`
      CREATE OR REPLACE FUNCTION app_acts_for_province(p_province uuid) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT app_scope() = 'system' OR (p_province = app_province_id() AND app_scope() = 'province') $$`);
  }
}
