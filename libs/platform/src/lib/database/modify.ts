import type { EntityManager } from 'typeorm';

/**
 * TypeORM's `query` answers an UPDATE or a DELETE with `[rows, affectedCount]`, and every other statement
 * (INSERT … RETURNING, SELECT) with the rows alone. Destructuring `const [row] = …` on an UPDATE … RETURNING
 * therefore gets the array of rows — truthy even when nothing matched (issue 11, defect 13: a NOT_FOUND that
 * still committed its audit row). These helpers name what the caller wants and refuse any other statement.
 */
export async function updateReturning<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await modify(em, sql, params)).rows as T[];
}

/** How many rows an UPDATE or DELETE (without RETURNING) changed. */
export async function affectedRows(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  return (await modify(em, sql, params)).affected;
}

const MODIFYING = /^\s*(UPDATE|DELETE)\b/i;

async function modify(em: EntityManager, sql: string, params: unknown[]): Promise<{ rows: unknown[]; affected: number }> {
  if (!MODIFYING.test(sql)) throw new Error('updateReturning/affectedRows take a top-level UPDATE or DELETE statement');
  const result: unknown = await em.query(sql, params);
  if (!Array.isArray(result) || result.length !== 2 || !Array.isArray(result[0]) || typeof result[1] !== 'number') {
    throw new Error('Unexpected result shape for an UPDATE/DELETE (expected [rows, affectedCount])');
  }
  return { rows: result[0], affected: result[1] };
}
