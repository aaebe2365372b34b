/**
 * Org's readers: what other contexts may ask about centres and units. Each takes the caller's transaction
 * (the EntityManager of TenantDb.run), so one transaction and the caller's RLS scope still apply; none opens
 * a transaction of its own. The rules are those of libs/domain centre-state.ts, applied in SQL by the
 * functions of migration 1733000300000 (a property test keeps the two in agreement).
 *
 * The reporting calendar reads its histories through `readCentreCalendarFacts` (calendar-facts.reader.ts, which
 * takes the required kinds from `licenceRequirements` here); `isCentreActiveOn` / `isCentreLicensedOn` answer the
 * single questions on one date.
 */
import { DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS, isOperatingStatus } from '@gdtx/domain';
import type { CentreStatus, CentreType, IsoDate, LicenceKind, LicenceStatus } from '@gdtx/domain';
import { assertUuid, Errors } from '@gdtx/platform';

const UNIT = { vi: 'đơn vị hành chính', en: 'Administrative unit' };

/**
 * What a reader needs of the caller's transaction: its query method. A TypeORM EntityManager from
 * TenantDb.run is one; so is the compliance engine's `Sql` wrapped as `{ query: sql }`.
 */
export interface CallerTx {
  query(sql: string, params?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CentreStateOn {
  centreId: string;
  type: CentreType;
  /** Status in force on the date (before the centre's first status record: the registry's own status). */
  status: CentreStatus;
  statusSince: IsoDate;
  licenceStatus: LicenceStatus;
}

export interface LicenceStateOptions {
  /** Window of EXPIRING in days (default DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS, 90). */
  expiringWithinDays?: number;
}

/**
 * @description Status and licence status on `on` of the given centres (all the caller may see when
 * `centreIds` is omitted). A centre the caller may not see is simply absent.
 */
export async function centreStatesOn(
  em: CallerTx, on: IsoDate, centreIds?: readonly string[] | null, options: LicenceStateOptions = {},
): Promise<CentreStateOn[]> {
  return em.query(
    `SELECT c.id AS "centreId", c.type, coalesce(s.status, c.status) AS status,
            to_char(coalesce(s.status_since, c.status_since), 'YYYY-MM-DD') AS "statusSince", l.licence_status AS "licenceStatus"
     FROM centre c
     JOIN org_licence_statuses_on($1::date, $2::int, $3::uuid[]) l ON l.centre_id = c.id
     LEFT JOIN org_centre_statuses_on($1::date, $3::uuid[]) s ON s.centre_id = c.id
     WHERE $3::uuid[] IS NULL OR c.id = ANY ($3::uuid[])
     ORDER BY c.id`,
    [on, options.expiringWithinDays ?? DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS, centreIds ? [...centreIds] : null],
  );
}

/** Status of one centre on `on` (null before its first record, or when the caller may not see it). */
export async function statusOfCentreOn(em: CallerTx, centreId: string, on: IsoDate): Promise<CentreStatus | null> {
  const [row] = await em.query(`SELECT status FROM org_centre_statuses_on($1::date, ARRAY[$2::uuid])`, [on, assertUuid(centreId, 'centreId')]);
  return row?.status ?? null;
}

/** Licence status of one centre on `on` (null when the caller may not see it). */
export async function licenceStatusOfCentreOn(em: CallerTx, centreId: string, on: IsoDate, options: LicenceStateOptions = {}): Promise<LicenceStatus | null> {
  const [row] = await em.query(`SELECT licence_status FROM org_licence_statuses_on($1::date, $2::int, ARRAY[$3::uuid])`, [
    on, options.expiringWithinDays ?? DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS, assertUuid(centreId, 'centreId'),
  ]);
  return row?.licence_status ?? null;
}

/** True when the centre operates on `on`: its status then is ACTIVE or NOT_ENROLLING. */
export async function isCentreActiveOn(em: CallerTx, centreId: string, on: IsoDate): Promise<boolean> {
  const status = await statusOfCentreOn(em, centreId, on);
  return status !== null && isOperatingStatus(status);
}

/** True when every decision its type requires (licence_requirement) is in force on `on`. */
export async function isCentreLicensedOn(em: CallerTx, centreId: string, on: IsoDate): Promise<boolean> {
  const status = await licenceStatusOfCentreOn(em, centreId, on);
  return status === 'VALID' || status === 'EXPIRING';
}

/**
 * Count of the centres the caller may see per type, per status and per licence status on `on` (the same
 * states as centreStatesOn, so each list adds up to the number of centres). Sorted by key.
 */
export async function centreStateCountsOn(em: CallerTx, on: IsoDate, options: LicenceStateOptions = {}): Promise<{
  byType: { key: CentreType; count: number }[]; byStatus: { key: CentreStatus; count: number }[]; byLicence: { key: LicenceStatus; count: number }[];
}> {
  const states = await centreStatesOn(em, on, null, options);
  const count = <K extends string>(keys: K[]) => {
    const map = new Map<K, number>();
    for (const k of keys) map.set(k, (map.get(k) ?? 0) + 1);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => ({ key, count: n }));
  };
  return { byType: count(states.map((s) => s.type)), byStatus: count(states.map((s) => s.status)), byLicence: count(states.map((s) => s.licenceStatus)) };
}

/**
 * @description Which decisions each centre type must hold, from licence_requirement (the one statement of
 * it: e.g. private language, IT and life-skills centres need the Sở's operating permission, TT 21/2018).
 */
export async function licenceRequirements(em: CallerTx): Promise<Map<CentreType, LicenceKind[]>> {
  const rows: { centreType: CentreType; kind: LicenceKind }[] = await em.query(
    `SELECT centre_type AS "centreType", kind FROM licence_requirement ORDER BY centre_type, kind`,
  );
  const map = new Map<CentreType, LicenceKind[]>();
  for (const r of rows) map.set(r.centreType, [...(map.get(r.centreType) ?? []), r.kind]);
  return map;
}

/** The decisions a centre of `type` must hold (sorted by kind). */
export async function requiredLicenceKinds(em: CallerTx, type: CentreType | string): Promise<LicenceKind[]> {
  const rows: { kind: LicenceKind }[] = await em.query(`SELECT kind FROM licence_requirement WHERE centre_type = $1 ORDER BY kind`, [type]);
  return rows.map((r) => r.kind);
}

/** True when a centre of `type` needs an operating permission before it may operate. */
export async function requiresOperatingPermission(em: CallerTx, type: CentreType | string): Promise<boolean> {
  return (await requiredLicenceKinds(em, type)).includes('OPERATING_PERMISSION');
}

/**
 * @description Materialised path of a unit ('/<province>/<district>/…/'), for scope and subtree filters
 * (centre.unit_path LIKE path || '%'). NOT_FOUND when the unit does not exist or the caller may not see it.
 * The path is the record's current one: a commune that a reorganisation re-parented in place (ADR 0006) has
 * its new path; questions about the units as they were go through the successor links, not through this.
 */
export async function unitPathOf(em: CallerTx, unitId: string): Promise<string> {
  const [row] = await em.query(`SELECT path FROM administrative_unit WHERE id = $1`, [assertUuid(unitId, 'unitId')]);
  if (!row) throw Errors.notFound(UNIT, unitId);
  return row.path;
}

/**
 * @description The provinces merged into `provinceId` by mergers in force on `on` (org_province_standing; ADR 0015):
 * what a system job of a merged province adds to its context to read its predecessors' history. Empty for a
 * province nothing was merged into.
 */
export async function provinceLineageOf(em: CallerTx, provinceId: string, on: IsoDate): Promise<string[]> {
  const [row] = await em.query(`SELECT lineage::text[] AS lineage FROM org_province_standing($1, $2)`, [assertUuid(provinceId, 'provinceId'), on]);
  return row?.lineage ?? [];
}
