import type { QueryRunner } from 'typeorm';

/** The application role the grants go to. Fixed per deployment; see APP_DB_ROLE. */
export function appRole(): string {
  const role = process.env['APP_DB_ROLE'] || 'gdtx_app';
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid APP_DB_ROLE ${role}`);
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
 * The standard policy pair for a table whose rows belong to a centre: read what the scope may see,
 * write only inside the scope (WITH CHECK), so a row can never be moved into another tenant.
 */
/**
 * Who may see a row of a centre — the body of app_can_see_centre(province_id, centre_id), written inline so
 * the planner can short-circuit it (a function with a sub-SELECT is never inlined: one call per row). The
 * unit-scope lookup into centre is itself filtered by centre's policy, so the subtree rule lives in one place.
 */
export const CENTRE_SCOPE_PREDICATE = `(SELECT app_scope()) = 'system' OR (province_id = (SELECT app_province_id()) AND (
  (SELECT app_scope()) = 'province'
  OR ((SELECT app_scope()) = 'centre' AND centre_id = (SELECT app_centre_id()))
  OR ((SELECT app_scope()) = 'unit' AND EXISTS (SELECT 1 FROM centre scope_c WHERE scope_c.id = centre_id))))`;

export async function centreOwnedPolicies(qr: QueryRunner, table: string): Promise<void> {
  await enableRls(qr, table);
  await qr.query(`CREATE POLICY ${table}_tenant ON ${table} USING (${CENTRE_SCOPE_PREDICATE}) WITH CHECK (${CENTRE_SCOPE_PREDICATE})`);
}

/** Only the Sở (province scope) and system jobs write the table: `${table}_write`, FOR ALL. */
export async function provinceWritePolicy(qr: QueryRunner, table: string): Promise<void> {
  await qr.query(`
    CREATE POLICY ${table}_write ON ${table} FOR ALL
    USING (app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province'))
    WITH CHECK (app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() = 'province'))`);
}

/** Rows readable wherever their centre is visible: `${table}_read`, FOR SELECT. */
export async function centreReadPolicy(qr: QueryRunner, table: string): Promise<void> {
  await qr.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (app_can_see_centre(province_id, centre_id))`);
}

/** National rows (province_id NULL, shipped with the product) plus the caller's province: `${table}_read`. */
export async function nationalOrProvinceReadPolicy(qr: QueryRunner, table: string): Promise<void> {
  await qr.query(
    `CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (app_scope() = 'system' OR province_id IS NULL OR province_id = app_province_id())`,
  );
}

/** Rows that belong to a province as a whole (units, templates, parameters): readable in the province. */
export async function provinceOwnedPolicies(qr: QueryRunner, table: string, writeScopes = `'province','system'`): Promise<void> {
  await enableRls(qr, table);
  await qr.query(
    `CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (app_scope() = 'system' OR province_id = app_province_id())`,
  );
  await qr.query(
    `CREATE POLICY ${table}_write ON ${table} FOR ALL USING (app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() IN (${writeScopes})))
     WITH CHECK (app_scope() = 'system' OR (province_id = app_province_id() AND app_scope() IN (${writeScopes})))`,
  );
}
