/**
 * Org's reader for the reporting calendar (architecture §9: only org reads centre, centre_status_history,
 * licence_record and licence_requirement; the others call this with their own transaction, so RLS and the one
 * transaction still apply). It returns histories, not verdicts: the rule lives in libs/domain classifyReport.
 */
import type { CentreCalendarFacts, CentreStatus, CentreType, IsoDate } from '@gdtx/domain';
import { licenceRequirements } from './org.readers';
import type { CallerTx } from './org.readers';

/** Anything that runs SQL in the caller's transaction: a TypeORM EntityManager, or `{ query: sql }` (org's one CallerTx). */
export type OrgQueryable = CallerTx;

export interface CentreCalendarRecord {
  centreId: string;
  provinceId: string;
  code: string;
  name: string;
  type: CentreType;
  unitPath: string;
  facts: CentreCalendarFacts;
}

export interface CentreCalendarFilter {
  /** These centres only. */
  centreIds?: readonly string[];
  /** Centres of these types only. */
  types?: readonly string[];
  /** Centres whose administrative unit lies under this path. */
  unitPathPrefix?: string | null;
}

/**
 * @description The licence decisions, the required licence kinds and the status history (future-dated changes
 * included) of every centre the filter selects and the caller may see, for classifyReport.
 */
export async function readCentreCalendarFacts(em: OrgQueryable, filter: CentreCalendarFilter = {}): Promise<CentreCalendarRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.centreIds) where.push(`c.id = ANY($${params.push([...filter.centreIds])}::uuid[])`);
  if (filter.types) where.push(`c.type = ANY($${params.push([...filter.types])}::text[])`);
  if (filter.unitPathPrefix) where.push(`c.unit_path LIKE $${params.push(filter.unitPathPrefix)} || '%'`);
  const centres = (await em.query(
    `SELECT c.id AS "centreId", c.province_id AS "provinceId", c.code, c.name, c.type, c.unit_path AS "unitPath",
            to_char(c.established_on, 'YYYY-MM-DD') AS "establishedOn"
     FROM centre c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.code`,
    params,
  )) as { centreId: string; provinceId: string; code: string; name: string; type: CentreType; unitPath: string; establishedOn: IsoDate | null }[];
  if (!centres.length) return [];
  // Which kinds each type must hold: org's one reader of licence_requirement (the licence-status rule reads the same).
  const requirements = await licenceRequirements(em);
  const ids = centres.map((c) => c.centreId);
  const licences = (await em.query(
    `SELECT centre_id AS "centreId", kind, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", state FROM licence_record WHERE centre_id = ANY($1::uuid[]) ORDER BY valid_from, recorded_at`,
    [ids],
  )) as { centreId: string; kind: string; validFrom: IsoDate; state: string }[];
  const statuses = (await em.query(
    `SELECT centre_id AS "centreId", status, to_char(valid_from, 'YYYY-MM-DD') AS "from", to_char(valid_to, 'YYYY-MM-DD') AS "to"
     FROM centre_status_history WHERE centre_id = ANY($1::uuid[]) ORDER BY valid_from, recorded_at`,
    [ids],
  )) as { centreId: string; status: CentreStatus; from: IsoDate; to: IsoDate | null }[];
  return centres.map((c) => ({
    centreId: c.centreId,
    provinceId: c.provinceId,
    code: c.code,
    name: c.name,
    type: c.type,
    unitPath: c.unitPath,
    facts: {
      requiredLicenceKinds: requirements.get(c.type) ?? [],
      licences: licences.filter((l) => l.centreId === c.centreId).map(({ kind, validFrom, state }) => ({ kind, validFrom, state })),
      statusHistory: statuses.filter((s) => s.centreId === c.centreId).map(({ status, from, to }) => ({ status, from, to })),
      establishedOn: c.establishedOn,
    },
  }));
}
