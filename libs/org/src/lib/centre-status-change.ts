import { centreStatusOn, compareIsoDates, todayInVietnam } from '@gdtx/domain';
import type { CentreStatus, CentreStatusRecord } from '@gdtx/domain';
import { Errors } from '@gdtx/platform';

/** Runs SQL inside the caller's transaction (a tenant EntityManager, or the seed's owner connection). */
export type OrgQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface CentreStatusDecision {
  provinceId: string;
  centreId: string;
  status: CentreStatus;
  /** YYYY-MM-DD: past, today or future. */
  effectiveFrom: string;
  reason?: string | null;
  decisionRef?: string | null;
  recordedBy?: string | null;
}

/**
 * The one way a centre's status decision is written (OrgService.changeStatus and the reorganisation's dissolved
 * TTHTCĐ): the history is the truth; the record in force on `effectiveFrom` is closed the day before, the new one
 * ends where a later recorded decision begins, and the registry keeps the status in force today (never a future
 * one). The caller holds the centre row locked (or the province's reorganisation lock) and does the audit and
 * events. Returns the status that was in force on the date (null: none recorded).
 */
export async function recordCentreStatusDecision(query: OrgQuery, d: CentreStatusDecision): Promise<CentreStatus | null> {
  const history = (await query(
    `SELECT id, status, to_char(valid_from, 'YYYY-MM-DD') AS "from", to_char(valid_to, 'YYYY-MM-DD') AS "to"
     FROM centre_status_history WHERE centre_id = $1 ORDER BY valid_from`,
    [d.centreId],
  )) as unknown as (CentreStatusRecord & { id: string })[];
  const effectiveFrom = d.effectiveFrom.slice(0, 10);
  const inForce = centreStatusOn(history, effectiveFrom);
  if (inForce?.status === 'DISSOLVED') {
    throw Errors.conflict('Trung tâm đã giải thể, không thể đổi trạng thái', 'A dissolved centre cannot change status', { reason: 'INVALID_TRANSITION' });
  }
  if (history.some((h) => h.from === effectiveFrom)) {
    throw Errors.conflict(
      `Đã có quyết định trạng thái có hiệu lực từ ngày ${effectiveFrom}`,
      `A status decision effective from ${effectiveFrom} is already recorded`,
    );
  }
  const next = history.find((h) => compareIsoDates(h.from, effectiveFrom) > 0);
  if (inForce) {
    await query(`UPDATE centre_status_history SET valid_to = ($2::date - 1) WHERE id = $1`, [inForce.id, effectiveFrom]);
  }
  await query(
    `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from, valid_to, reason, decision_ref, recorded_by)
     VALUES ($1,$2,$3,$4,$5::date - 1,$6,$7,$8)`,
    [d.provinceId, d.centreId, d.status, effectiveFrom, next?.from ?? null, d.reason ?? null, d.decisionRef ?? null, d.recordedBy ?? null],
  );
  // The registry keeps the status in force today (never a future one): what the history says on today's date.
  await query(
    `UPDATE centre c SET
       status = coalesce((SELECT s.status FROM org_centre_statuses_on($2::date, ARRAY[c.id]) s), c.status),
       status_since = coalesce((SELECT s.status_since FROM org_centre_statuses_on($2::date, ARRAY[c.id]) s), c.status_since),
       version = version + 1, updated_at = now()
     WHERE c.id = $1`,
    [d.centreId, todayInVietnam()],
  );
  return (inForce?.status as CentreStatus | undefined) ?? null;
}
