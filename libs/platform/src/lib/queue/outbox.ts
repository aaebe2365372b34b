import type { EntityManager } from 'typeorm';
import type { TenantContext } from '../database/tenant-context';
import type { JobName, JobPayloads } from './jobs';

export interface OutboxMessage<N extends JobName = JobName> {
  topic: N;
  payload: JobPayloads[N];
  /**
   * Identifies the event, not the entity: e.g. `submission:<id>:accepted:v3`. The same key twice is one
   * message (the second insert is ignored) and one BullMQ job (the job id derives from it).
   */
  dedupeKey: string;
  /** Defaults to the caller's province; required for system-scope callers. */
  provinceId?: string;
  centreId?: string | null;
}

/**
 * Records background work inside the caller's transaction (the `em` of TenantDb.run): it is relayed to
 * BullMQ only if that transaction commits. Returns false when the dedupe key was already recorded.
 */
export async function enqueueOutbox<N extends JobName>(em: EntityManager, ctx: TenantContext, message: OutboxMessage<N>): Promise<boolean> {
  const provinceId = message.provinceId ?? ctx.provinceId;
  if (!provinceId) throw new Error(`outbox message ${message.topic} needs a province`);
  if (!em.queryRunner) throw new Error('enqueueOutbox must run inside a transaction (TenantDb.run)');
  // No RETURNING: callers below system scope may insert but not read outbox rows (RLS would refuse it),
  // so the affected-row count says whether the key was new.
  const result = await em.queryRunner.query(
    `INSERT INTO outbox (province_id, centre_id, topic, payload, dedupe_key, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [provinceId, message.centreId ?? ctx.centreId ?? null, message.topic, JSON.stringify(message.payload), message.dedupeKey, ctx.userId],
    true,
  );
  return (result.affected ?? 0) > 0;
}
