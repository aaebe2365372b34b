import type { EntityManager } from 'typeorm';
import { activeTraceparent } from '../tracing/tracing';
import type { TenantContext } from '../database/tenant-context';
import type { OutboxPayload, OutboxTopic } from './jobs';

/** LISTEN/NOTIFY channel that tells relays a new outbox row committed. */
export const OUTBOX_CHANNEL = 'gdtx_outbox';

/** A job to run once (e.g. `notify.send-email`), or an event that each of its subscribers gets as its own job. */
export interface OutboxMessage<T extends OutboxTopic = OutboxTopic> {
  topic: T;
  payload: OutboxPayload<T>;
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
export async function enqueueOutbox<T extends OutboxTopic>(em: EntityManager, ctx: TenantContext, message: OutboxMessage<T>): Promise<boolean> {
  const provinceId = message.provinceId ?? ctx.provinceId;
  if (!provinceId) throw new Error(`outbox message ${message.topic} needs a province`);
  if (!em.queryRunner?.isTransactionActive) throw new Error('enqueueOutbox must run inside a transaction (TenantDb.run)');
  // Not ON CONFLICT DO NOTHING: PostgreSQL checks SELECT policies for ON CONFLICT, and only the relay
  // (system scope) may read outbox rows. A savepoint turns a duplicate key into "already recorded"
  // without aborting the caller's transaction.
  // The insert goes through the transaction's own pg client so that an expected duplicate is not logged
  // as a failed query by TypeORM.
  const client = (await em.queryRunner.connect()) as { query(sql: string, params?: unknown[]): Promise<unknown> };
  await client.query('SAVEPOINT gdtx_outbox_enqueue');
  try {
    await client.query(
      `INSERT INTO outbox (province_id, centre_id, topic, payload, dedupe_key, requested_by, trace_parent) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      // The request's span (or the running job's): the job that handles the message continues the same trace.
      [provinceId, message.centreId ?? ctx.centreId ?? null, message.topic, JSON.stringify(message.payload), message.dedupeKey, ctx.userId, ctx.traceparent ?? activeTraceparent() ?? null],
    );
  } catch (e) {
    await client.query('ROLLBACK TO SAVEPOINT gdtx_outbox_enqueue');
    if (isUniqueViolation(e)) return false;
    throw e;
  }
  await client.query('RELEASE SAVEPOINT gdtx_outbox_enqueue');
  // Delivered at commit only (and dropped on rollback): wakes the relay instead of waiting for its poll.
  await client.query(`NOTIFY ${OUTBOX_CHANNEL}`);
  return true;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err.code === '23505' || err.driverError?.code === '23505';
}
