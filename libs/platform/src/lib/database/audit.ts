import type { EntityManager } from 'typeorm';
import type { TenantContext } from './tenant-context';

/** Appends an audit event inside the caller's transaction: the change and its record commit together. */
export async function audit(
  em: EntityManager,
  ctx: TenantContext,
  event: { provinceId: string; centreId?: string | null; action: string; entity: string; entityId?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await em.query(
    `INSERT INTO audit_event (province_id, centre_id, actor_user_id, action, entity, entity_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [event.provinceId, event.centreId ?? null, ctx.userId, event.action, event.entity, event.entityId ?? null, JSON.stringify(event.data ?? {})],
  );
}

export interface AuditEventRow {
  id: string;
  at: Date;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

/**
 * The audit trail's reader (platform owns audit_event): the newest events of the given actions that the caller's
 * scope sees (RLS: the Sở sees its province's events without a centre), newest first, `before` an event id for
 * the next page.
 */
export async function readAuditEvents(em: EntityManager, q: { actions: readonly string[]; first: number; before?: string | null }): Promise<AuditEventRow[]> {
  const rows = await em.query(
    `SELECT id::text AS id, at, actor_user_id AS "actorUserId", action, entity, entity_id AS "entityId", data
       FROM audit_event WHERE action = ANY($1) AND ($3::bigint IS NULL OR id < $3::bigint)
      ORDER BY id DESC LIMIT $2`,
    [q.actions, q.first, q.before ?? null],
  );
  return rows as AuditEventRow[];
}
