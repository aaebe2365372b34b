/**
 * Org's readers of its registry (centres and administrative units as they stand), for the other contexts (issue
 * 11, Build 6: one owner per table). Each takes the caller's transaction (`em`: a TypeORM EntityManager from
 * TenantDb.run, or `{ query: sql }`), so one transaction and the caller's row-level security still apply: a row
 * the caller may not see is simply absent. None checks its arguments or throws: the caller keeps its own
 * NOT_FOUND and input checks, so its behaviour does not change.
 */
import type { CentreStatus, CentreType, IsoDate, LicenceKind, Ownership, UnitLevel } from '@gdtx/domain';
import type { CallerTx } from '../org.readers';

/** A centre as other contexts may know it (the registry's current record). */
export interface CentreRef {
  id: string;
  provinceId: string;
  code: string;
  name: string;
  type: CentreType;
  /** Public or private (công lập / tư thục): the data visualizer groups by it. */
  ownership: Ownership;
  /** The commune-level unit the centre is placed in (admin_unit_id). */
  unitId: string;
}

/** An administrative unit as other contexts may know it (its current record). */
export interface UnitRef {
  id: string;
  provinceId: string;
  name: string;
  level: UnitLevel;
  path: string;
}

const CENTRE_REF = `SELECT id, province_id AS "provinceId", code, name, type, ownership, admin_unit_id AS "unitId" FROM centre`;
const UNIT_REF = `SELECT id, province_id AS "provinceId", name, level, path FROM administrative_unit`;

/** One centre the caller can see, or null. */
export async function centreRefOf(em: CallerTx, centreId: string): Promise<CentreRef | null> {
  const [row] = await em.query(`${CENTRE_REF} WHERE id = $1`, [centreId]);
  return row ?? null;
}

/** The centres among `centreIds` the caller can see (in no particular order). */
export async function centreRefsOf(em: CallerTx, centreIds: readonly string[]): Promise<CentreRef[]> {
  if (!centreIds.length) return [];
  return em.query(`${CENTRE_REF} WHERE id = ANY($1::uuid[])`, [[...centreIds]]);
}

/**
 * Every centre the caller can see, of the given provinces (null: of every province), ordered by province and
 * code: the stable order nightly jobs walk.
 */
export async function centreRefsOfProvinces(em: CallerTx, provinceIds: readonly string[] | null): Promise<CentreRef[]> {
  return em.query(`${CENTRE_REF} WHERE ($1::uuid[] IS NULL OR province_id = ANY($1::uuid[])) ORDER BY province_id, code`, [
    provinceIds ? [...provinceIds] : null,
  ]);
}

/** One administrative unit the caller can see, or null. */
export async function unitRefOf(em: CallerTx, unitId: string): Promise<UnitRef | null> {
  const [row] = await em.query(`${UNIT_REF} WHERE id = $1`, [unitId]);
  return row ?? null;
}

/** The units among `unitIds` the caller can see (in no particular order). */
export async function unitRefsOf(em: CallerTx, unitIds: readonly string[]): Promise<UnitRef[]> {
  if (!unitIds.length) return [];
  return em.query(`${UNIT_REF} WHERE id = ANY($1::uuid[])`, [[...unitIds]]);
}

/** A centre placed in its unit as of a period's end. */
export interface CentrePlacedAt {
  centreId: string;
  type: CentreType;
  periodCode: string;
  /** The path of the centre's unit as of the period's end (its unit history; without one, its current path). */
  unitPath: string;
}

/**
 * @description Where each of `centreIds` stood at the end of each period: the unit of its unit history in force
 * on the period's end, or its current unit when none covers the date (the rule the fact rows follow, so
 * groupings by unit line up). One row per visible centre and period.
 */
export async function centresPlacedAtPeriodEnds(
  em: CallerTx, centreIds: readonly string[], periods: readonly { code: string; end: string }[],
): Promise<CentrePlacedAt[]> {
  if (!centreIds.length || !periods.length) return [];
  return em.query(
    `SELECT c.id AS "centreId", c.type, p.code AS "periodCode", coalesce(up.path, c.unit_path) AS "unitPath"
     FROM centre c CROSS JOIN unnest($2::text[], $3::date[]) AS p(code, end_date)
     LEFT JOIN LATERAL (
       SELECT u.path FROM centre_unit_history h JOIN administrative_unit u ON u.id = h.admin_unit_id
       WHERE h.centre_id = c.id AND h.valid_from <= p.end_date AND (h.valid_to IS NULL OR h.valid_to >= p.end_date)
       ORDER BY h.valid_from DESC LIMIT 1
     ) up ON true
     WHERE c.id = ANY($1::uuid[])`,
    [[...centreIds], periods.map((p) => p.code), periods.map((p) => p.end)],
  );
}

/** A centre's registry record with its own status columns (the status on a date is centreStatesOn's). */
export interface CentreRecord extends CentreRef {
  /** The registry's status column (today's record; a future-dated change is not in it until its date). */
  status: CentreStatus;
  statusSince: IsoDate;
  establishedOn: IsoDate | null;
}

/** One centre's registry record, or null when the caller may not see it. */
export async function centreRecordOf(em: CallerTx, centreId: string): Promise<CentreRecord | null> {
  const [row] = await em.query(
    `SELECT id, province_id AS "provinceId", code, name, type, admin_unit_id AS "unitId", status,
            to_char(status_since,'YYYY-MM-DD') AS "statusSince", to_char(established_on,'YYYY-MM-DD') AS "establishedOn"
     FROM centre WHERE id = $1`,
    [centreId],
  );
  return row ?? null;
}

/** A licence decision of a centre, as recorded (its dates inclusive, 'YYYY-MM-DD'). */
export interface LicenceRecordRef {
  kind: LicenceKind;
  decisionNumber: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  state: string;
}

/** Every licence decision recorded for a centre (in no particular order); none when the caller may not see it. */
export async function licenceRecordsOf(em: CallerTx, centreId: string): Promise<LicenceRecordRef[]> {
  return em.query(
    `SELECT kind, decision_number AS "decisionNumber", to_char(valid_from,'YYYY-MM-DD') AS "validFrom", to_char(valid_to,'YYYY-MM-DD') AS "validTo", state
     FROM licence_record WHERE centre_id = $1`,
    [centreId],
  );
}

/** A centre's name and address as registered, for finding likely duplicates (data quality, issue 15 item 4). */
export interface CentreIdentity {
  id: string;
  code: string;
  name: string;
  type: CentreType;
  address: string | null;
  status: CentreStatus;
}

/** Every centre the caller can see with its name and address (the Sở: its province), by code. */
export async function centreIdentities(em: CallerTx): Promise<CentreIdentity[]> {
  return em.query(`SELECT id, code, name, type, address, status FROM centre ORDER BY code`);
}

/** A centre or a unit with the ministry's code the Sở entered for it (null: not entered). */
export interface MinistryCodeRow {
  id: string;
  /** Our code (centre) or the unit's code. */
  code: string;
  name: string;
  ministryCode: string | null;
}

/**
 * The ministry's codes the caller can see (issue 15 item 7): the centres, or the communes and wards in force on
 * `on` (the PCGD-XMC system's rows are communes); `on` null: every version (a report of an ended commune).
 */
export async function ministryCodes(em: CallerTx, kind: 'CENTRE' | 'UNIT', on: IsoDate | null): Promise<MinistryCodeRow[]> {
  return kind === 'CENTRE'
    ? em.query(`SELECT id, code, name, ministry_code AS "ministryCode" FROM centre ORDER BY code`)
    : em.query(
        `SELECT id, code, name, ministry_code AS "ministryCode" FROM administrative_unit
         WHERE level IN ('COMMUNE', 'WARD', 'SPECIAL_ZONE') AND ($1::date IS NULL OR (valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1))) ORDER BY name`,
        [on],
      );
}
