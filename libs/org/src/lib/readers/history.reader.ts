/**
 * Org's readers of its own history (administrative units over time, centres' status and unit history), for the
 * other contexts: each takes the caller's EntityManager, so the caller's transaction and row-level security
 * apply, and only this file knows the tables. "As of" questions (compliance on a past date, literacy on an old
 * structure) are answered from these histories, never from a centre's current columns.
 */
import type { EntityManager } from 'typeorm';
import type { IsoDate, UnitLevel } from '@gdtx/domain';

/** One version of an administrative unit (validFrom and validTo inclusive, 'YYYY-MM-DD'). */
export interface UnitVersionRow {
  id: string;
  parentId: string | null;
  level: UnitLevel;
  code: string;
  name: string;
  path: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** A unit_successor link: from the day after predecessor's end, successor stands for it. */
export interface UnitSuccessorRow {
  predecessorId: string;
  successorId: string;
}

/** Every unit version of a province and its successor links (the input of a unit timeline). */
export async function unitHistoryOfProvince(em: EntityManager, provinceId: string): Promise<{ units: UnitVersionRow[]; links: UnitSuccessorRow[] }> {
  const units: UnitVersionRow[] = await em.query(
    `SELECT id, parent_id AS "parentId", level, code, name, path, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
     FROM administrative_unit WHERE province_id = $1`,
    [provinceId],
  );
  const links: UnitSuccessorRow[] = await em.query(
    `SELECT predecessor_id AS "predecessorId", successor_id AS "successorId" FROM unit_successor WHERE province_id = $1`,
    [provinceId],
  );
  return { units, links };
}

export interface CentreInOperation {
  id: string;
  code: string;
  name: string;
}

/**
 * The centres in operation on `date` (the status in force on the date, by org's one status rule
 * org_centre_statuses_on, is not DISSOLVED: a centre dissolved later is included, one established later is not), and, with `unitPath`,
 * that lay in that unit subtree on the date — located or supervised there by the centre's unit history,
 * or in a unit the subtree's units replaced (unit_successor), so a past date asked on today's units finds the
 * centres of their predecessors. A centre with no status history (none is created so) falls back to its
 * establishment date and current status; one with no unit history to its current units.
 */
export async function centresInOperationOn(em: EntityManager, date: IsoDate, unitPath: string | null): Promise<CentreInOperation[]> {
  return em.query(
    `WITH RECURSIVE pred(id) AS (
       SELECT u.id FROM administrative_unit u WHERE $2::text IS NOT NULL AND u.path LIKE $2 || '%'
       UNION SELECT us.predecessor_id FROM unit_successor us JOIN pred ON us.successor_id = pred.id)
     SELECT c.id, c.code, c.name FROM centre c
     LEFT JOIN org_centre_statuses_on($1::date) st ON st.centre_id = c.id
     WHERE (st.status <> 'DISSOLVED'
            OR (NOT EXISTS (SELECT 1 FROM centre_status_history s WHERE s.centre_id = c.id)
                AND c.status <> 'DISSOLVED' AND coalesce(c.established_on, c.status_since) <= $1::date))
       AND ($2::text IS NULL
         OR EXISTS (SELECT 1 FROM centre_unit_history h JOIN administrative_unit a ON a.id = h.admin_unit_id JOIN administrative_unit s ON s.id = h.supervising_unit_id
                    WHERE h.centre_id = c.id AND h.valid_from <= $1::date AND (h.valid_to IS NULL OR h.valid_to >= $1::date)
                      AND (a.path LIKE $2 || '%' OR s.path LIKE $2 || '%' OR a.id IN (SELECT id FROM pred)))
         OR (NOT EXISTS (SELECT 1 FROM centre_unit_history h WHERE h.centre_id = c.id)
             AND (c.unit_path LIKE $2 || '%' OR c.supervising_unit_path LIKE $2 || '%')))
     ORDER BY c.code`,
    [date, unitPath],
  );
}

/** Which centre, about which date, as known at which moment (e.g. a report: its period's end, its first submission). */
export interface CentreUnitQuestion {
  centreId: string;
  date: IsoDate;
  knownAt: Date | string | null;
}

interface UnitHistoryRow {
  centreId: string;
  adminUnitId: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  /** Set when the row was opened by a reorganisation that moved the centre along one of its successor links. */
  reorganisationRecordedAt: Date | null;
}

/**
 * The administrative unit a centre belonged to on `date` as it was recorded at `knownAt`: a move made by a
 * reorganisation recorded after `knownAt` (applied later with an earlier effective date) is ignored, and the
 * unit the centre was in before it still holds. So a report filed by a commune's TTHTCĐ before the reform was
 * applied stays the report of that commune, and applying a reorganisation never changes what a past report
 * was about. Answers in the order of the questions; where no history row covers the date, the centre's current unit.
 */
export async function centreUnitsAsRecorded(em: EntityManager, questions: readonly CentreUnitQuestion[]): Promise<(string | null)[]> {
  if (!questions.length) return [];
  const ids = [...new Set(questions.map((q) => q.centreId))];
  const rows: UnitHistoryRow[] = await em.query(
    `SELECT h.centre_id AS "centreId", h.admin_unit_id AS "adminUnitId", to_char(h.valid_from, 'YYYY-MM-DD') AS "validFrom",
            to_char(h.valid_to, 'YYYY-MM-DD') AS "validTo",
            (SELECT min(r.created_at) FROM centre_unit_history p
               JOIN unit_successor us ON us.predecessor_id = p.admin_unit_id AND us.successor_id = h.admin_unit_id
               JOIN reorganisation r ON r.id = us.reorganisation_id AND r.effective_date = h.valid_from
             WHERE p.centre_id = h.centre_id AND p.valid_to = h.valid_from - 1) AS "reorganisationRecordedAt"
     FROM centre_unit_history h WHERE h.centre_id = ANY($1::uuid[]) ORDER BY h.centre_id, h.valid_from`,
    [ids],
  );
  const current: { id: string; adminUnitId: string }[] = await em.query(`SELECT id, admin_unit_id AS "adminUnitId" FROM centre WHERE id = ANY($1::uuid[])`, [ids]);
  const byCentre = new Map<string, UnitHistoryRow[]>();
  for (const r of rows) byCentre.set(r.centreId, [...(byCentre.get(r.centreId) ?? []), r]);
  const currentUnit = new Map(current.map((c) => [c.id, c.adminUnitId]));
  return questions.map((q) => {
    const history = byCentre.get(q.centreId);
    const recorded = history?.length ? unitOnAsRecorded(history, q.date, q.knownAt === null ? null : new Date(q.knownAt)) : null;
    // No history row covering the date: the centre's current unit, as before unit histories were kept.
    return recorded ?? currentUnit.get(q.centreId) ?? null;
  });
}

/** Pure part of centreUnitsAsRecorded: drops the moves recorded after `knownAt`, re-opening the row each one closed. */
export function unitOnAsRecorded(
  history: readonly Pick<UnitHistoryRow, 'adminUnitId' | 'validFrom' | 'validTo' | 'reorganisationRecordedAt'>[],
  date: IsoDate,
  knownAt: Date | null,
): string | null {
  const known: { adminUnitId: string; validFrom: IsoDate; validTo: IsoDate | null }[] = [];
  for (const r of [...history].sort((a, b) => a.validFrom.localeCompare(b.validFrom))) {
    const unknownThen = knownAt !== null && r.reorganisationRecordedAt !== null && new Date(r.reorganisationRecordedAt) > knownAt;
    if (unknownThen && known.length) {
      // The row before ran on until this move was recorded (and as long as this one ran).
      known[known.length - 1] = { ...known[known.length - 1], validTo: r.validTo };
      continue;
    }
    known.push({ adminUnitId: r.adminUnitId, validFrom: r.validFrom, validTo: r.validTo });
  }
  const covering = known.filter((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
  return covering.length ? covering[covering.length - 1].adminUnitId : null;
}
