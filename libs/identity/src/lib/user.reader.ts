/**
 * Identity's reader of its accounts for the other contexts (issue 11, Build 6: one owner per table): the name
 * kept on a record (a workflow event, a finding's note) and an account's login name. It takes the caller's
 * transaction (`em`), so one transaction and the caller's row-level security still apply: an account the caller
 * may not see is simply absent.
 */
export interface UserNameRef {
  id: string;
  username: string;
  fullName: string;
  /** The language the account chose in the web (what is written to it outside the web, e.g. the digest). */
  language: 'vi' | 'en';
}

/** What the reader needs of the caller's transaction (a TypeORM EntityManager from TenantDb.run is one). */
export interface UserReaderTx {
  query(sql: string, params?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One account's login and full name, or null (no such account, none given, or not visible to the caller). */
export async function userNameOf(em: UserReaderTx, userId: string | null | undefined): Promise<UserNameRef | null> {
  if (!userId) return null;
  const [row] = await em.query(`SELECT id, username, full_name AS "fullName", language FROM app_user WHERE id = $1`, [userId]);
  return row ?? null;
}
