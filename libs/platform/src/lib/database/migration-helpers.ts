import type { QueryRunner } from 'typeorm';

/** The application role the grants go to. Fixed per deployment; see APP_DB_ROLE. */
export function appRole(): string {
  const role = process.env['APP_DB_ROLE'] || 'gdtx_app';
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid APP_DB_ROLE ${role}`);
  return role;
}

/** The jobs role (JOBS_DB_ROLE): background work and authentication, the only role allowed the system scope. */
export function jobsRole(): string {
  const role = process.env['JOBS_DB_ROLE'] || 'gdtx_jobs';
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid JOBS_DB_ROLE ${role}`);
  return role;
}

export async function grantToApp(qr: QueryRunner, tables: string[], privileges = 'SELECT, INSERT, UPDATE, DELETE'): Promise<void> {
  for (const t of tables) await qr.query(`GRANT ${privileges} ON ${t} TO ${appRole()}`);
}

/**
 * ENABLE + FORCE row-level security. FORCE matters: without it the table owner would bypass the policies,
 * and an accidental owner connection would see every tenant.
 */
export async function enableRls(qr: QueryRunner, table: string): Promise<void> {
  await qr.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await qr.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
}

/**
 * Policies are written over predicates the caller passes: SQL boolean expressions over the row's columns. The
 * predicates of tenant tables are the RLS rule, owned by org (`RlsRule` of @gdtx/org, the functions of org's
 * migration 1733001000000); platform keeps only the session context they read (app_scope(), app_province_id(),
 * app_centre_id(), app_unit_path(), app_user_id()) and names no feature table or rule.
 */
export interface PolicyPredicates {
  /** `${table}_read`, FOR SELECT. */
  read?: string;
  /** `${table}_write`, FOR ALL (USING and WITH CHECK). */
  write?: string;
  /** `${table}_tenant`, FOR ALL (USING and WITH CHECK): one predicate for reading and writing. */
  tenant?: string;
}

/**
 * ENABLE + FORCE row-level security on `table` and create its policies from the predicates. With `replace`,
 * policies of the same names are dropped first (a migration that restates a table's policies).
 */
export async function createPolicies(qr: QueryRunner, table: string, predicates: PolicyPredicates, opts: { replace?: boolean } = {}): Promise<void> {
  await enableRls(qr, table);
  const policies: [string, string, string][] = [];
  if (predicates.read) policies.push([`${table}_read`, 'FOR SELECT', `USING (${predicates.read})`]);
  if (predicates.write) policies.push([`${table}_write`, 'FOR ALL', `USING (${predicates.write}) WITH CHECK (${predicates.write})`]);
  if (predicates.tenant) policies.push([`${table}_tenant`, 'FOR ALL', `USING (${predicates.tenant}) WITH CHECK (${predicates.tenant})`]);
  for (const [name, command, clauses] of policies) {
    if (opts.replace) await qr.query(`DROP POLICY IF EXISTS ${name} ON ${table}`);
    await qr.query(`CREATE POLICY ${name} ON ${table} ${command} ${clauses}`);
  }
}

/** Restate one named policy (a shape createPolicies does not cover): drop it if present, create it again. */
export async function replacePolicy(qr: QueryRunner, table: string, name: string, definition: string): Promise<void> {
  await qr.query(`DROP POLICY IF EXISTS ${name} ON ${table}`);
  await qr.query(`CREATE POLICY ${name} ON ${table} ${definition}`);
}

/**
 * A restrictive policy on every write of `table` (insert, update, delete; reads untouched): each write must also
 * pass `predicate`, whatever the permissive policies allow. For tables whose one policy reads and writes with the
 * same predicate (`tenant`), when the read side is wider than writes may be (a province's lineage, ADR 0015).
 */
export async function restrictWrites(qr: QueryRunner, table: string, predicate: string): Promise<void> {
  await replacePolicy(qr, table, `${table}_write_insert`, `AS RESTRICTIVE FOR INSERT WITH CHECK (${predicate})`);
  await replacePolicy(qr, table, `${table}_write_update`, `AS RESTRICTIVE FOR UPDATE USING (${predicate}) WITH CHECK (${predicate})`);
  await replacePolicy(qr, table, `${table}_write_delete`, `AS RESTRICTIVE FOR DELETE USING (${predicate})`);
}

/** Undoes restrictWrites. */
export async function dropWriteRestriction(qr: QueryRunner, table: string): Promise<void> {
  for (const c of ['insert', 'update', 'delete']) await qr.query(`DROP POLICY IF EXISTS ${table}_write_${c} ON ${table}`);
}
