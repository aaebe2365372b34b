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
