/**
 * Records a province merger (domain §I; docs/adr/0015-province-mergers.md): the absorbed province comes under the
 * survivor from the effective date, e.g. Bắc Giang + Bắc Ninh → Bắc Ninh from 2025-07-01 (NQ 202/2025/QH15).
 *
 * 1. a `reorganisation` of the survivor and a `province_merger` row record the decision (the survivor keeps its id);
 * 2. the absorbed province's unit ends the day before, with a successor link to the survivor; each of its units in
 *    force on the date is re-created under the survivor (same code and name, new id, `valid_from` = the date) and
 *    its old row ends the day before with a one-to-one successor link (ADR 0006's way: history is never rewritten,
 *    so everything filed against the old units keeps meaning what it meant);
 * 3. its centres not dissolved by then come under the survivor: `centre.province_id` becomes the survivor's (new
 *    rows of the centre are the survivor's), `centre_unit_history` is closed the day before and re-opened on the
 *    re-created unit, the paths are recomputed. Rows already written (reports, facts, licences, histories) keep the
 *    absorbed province's id: the survivor reads them through its lineage (the RLS rule), never changes them.
 *    This step happens on the date: at once for a date that has come, else by org's daily job
 *    (`org.apply-due-province-mergers`, moveCentresOfMerger), so until then the absorbed province runs its centres.
 *
 * Users of the absorbed province are identity's: their accounts are locked by the merger (identity reads
 * org_province_standing) until the survivor's Sở admin moves them. Runs on any connection through `query`
 * (the service's system transaction, or the seed's owner connection), inside the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { addDays, compareIsoDates, isIsoDate, todayInVietnam } from '@gdtx/domain';
import type { OrgQuery } from './centre-status-change';

export interface ProvinceMergerPlan {
  absorbedProvinceId: string;
  survivorProvinceId: string;
  effectiveDate: string;
  legalBasis: string;
}

export interface ProvinceMergerOutcome {
  mergerId: string;
  reorganisationId: string;
  unitsCreated: number;
  centresMoved: number;
}

/** A plan the caller must correct: which field, in Vietnamese and English (VALIDATION_FAILED). */
export class ProvinceMergerError extends Error {
  constructor(
    readonly field: string,
    readonly messageVi: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
    this.name = 'ProvinceMergerError';
  }
}

interface UnitRow {
  id: string;
  parent_id: string | null;
  level: string;
  code: string;
  name: string;
  path: string;
  valid_from: string;
}

/** The earliest date a merger may take effect (the units of the platform start in 2020) and how far ahead. */
const EARLIEST = '2000-01-01';
const LATEST_DAYS_AHEAD = 366;

export async function recordProvinceMergerPlan(query: OrgQuery, plan: ProvinceMergerPlan, recordedBy: string | null, today = todayInVietnam()): Promise<ProvinceMergerOutcome> {
  const D = plan.effectiveDate;
  if (!isIsoDate(D) || compareIsoDates(D, EARLIEST) < 0 || compareIsoDates(D, addDays(today, LATEST_DAYS_AHEAD)) > 0) {
    throw new ProvinceMergerError('effectiveDate', `Ngày hiệu lực không hợp lệ: phải từ ${EARLIEST} đến một năm sau hôm nay`, `Effective date must be between ${EARLIEST} and a year from today`);
  }
  if (!plan.legalBasis.trim()) throw new ProvinceMergerError('legalBasis', 'Cần ghi căn cứ pháp lý (ví dụ Nghị quyết 202/2025/QH15)', 'A legal basis is required');
  if (plan.absorbedProvinceId === plan.survivorProvinceId) {
    throw new ProvinceMergerError('absorbedProvinceId', 'Không thể sáp nhập một tỉnh vào chính nó', 'A province cannot be merged into itself');
  }
  const dayBefore = addDays(D, -1);
  await query(`SELECT pg_advisory_xact_lock(hashtext('province-merger'))`); // one merger at a time: no cycle by a race
  const provinces = (await query(
    `SELECT u.id, u.name, u.code, u.path, to_char(u.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(u.valid_to, 'YYYY-MM-DD') AS valid_to,
            EXISTS (SELECT 1 FROM province_merger m WHERE m.absorbed_province_id = u.id) AS absorbed
     FROM administrative_unit u WHERE u.level = 'PROVINCE' AND u.id = ANY ($1::uuid[])`,
    [[plan.absorbedProvinceId, plan.survivorProvinceId]],
  )) as { id: string; name: string; code: string; path: string; valid_from: string; valid_to: string | null; absorbed: boolean }[];
  const absorbed = provinces.find((p) => p.id === plan.absorbedProvinceId);
  const survivor = provinces.find((p) => p.id === plan.survivorProvinceId);
  if (!absorbed) throw new ProvinceMergerError('absorbedProvinceId', 'Không tìm thấy tỉnh bị sáp nhập', 'Absorbed province not found');
  if (!survivor) throw new ProvinceMergerError('survivorProvinceId', 'Không tìm thấy tỉnh tiếp nhận', 'Surviving province not found');
  // A province absorbed once is gone: it can be neither absorbed again nor a survivor (which also rules out cycles).
  if (absorbed.absorbed) throw new ProvinceMergerError('absorbedProvinceId', `${absorbed.name} đã được sáp nhập trước đó`, `${absorbed.name} was already merged`);
  if (survivor.absorbed) throw new ProvinceMergerError('survivorProvinceId', `${survivor.name} đã được sáp nhập vào tỉnh khác`, `${survivor.name} was merged into another province`);
  for (const [p, field] of [[absorbed, 'absorbedProvinceId'], [survivor, 'survivorProvinceId']] as const) {
    if (compareIsoDates(p.valid_from, dayBefore) > 0 || (p.valid_to && compareIsoDates(p.valid_to, D) < 0)) {
      throw new ProvinceMergerError(field, `${p.name} không còn hiệu lực vào ngày ${D}`, `${p.name} is not in force on ${D}`);
    }
  }

  // Centre codes are unique within a province: a centre that would arrive with a code the survivor already uses is
  // a conflict the admin must resolve first (rename one), not something to guess.
  const clash = (await query(
    `SELECT a.code FROM centre a JOIN centre s ON s.province_id = $2 AND s.code = a.code WHERE a.province_id = $1 ORDER BY a.code LIMIT 5`,
    [absorbed.id, survivor.id],
  )) as { code: string }[];
  if (clash.length) {
    const codes = clash.map((c) => c.code).join(', ');
    throw new ProvinceMergerError('absorbedProvinceId', `Mã trung tâm đã có ở ${survivor.name}: ${codes}; cần đổi mã trước khi sáp nhập`, `Centre codes already used in ${survivor.name}: ${codes}`);
  }

  const [{ id: reorganisationId }] = (await query(
    `INSERT INTO reorganisation (province_id, code, name, effective_date, legal_basis) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
    [survivor.id, `SAP-NHAP-${absorbed.code}-${D}`, `Sáp nhập ${absorbed.name} vào ${survivor.name}`, D, plan.legalBasis.trim()],
  )) as { id: string }[];
  const [{ id: mergerId }] = (await query(
    `INSERT INTO province_merger (province_id, absorbed_province_id, reorganisation_id, effective_date, legal_basis, recorded_by)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [survivor.id, absorbed.id, reorganisationId, D, plan.legalBasis.trim(), recordedBy],
  )) as { id: string }[];
  const link = (from: string, to: string) =>
    query(`INSERT INTO unit_successor (province_id, predecessor_id, successor_id, reorganisation_id) VALUES ($1,$2,$3,$4)`, [survivor.id, from, to, reorganisationId]);

  // 2. Units: the province itself ends; its units in force on D are re-created under the survivor, parents first.
  await query(`UPDATE administrative_unit SET valid_to = $2 WHERE id = $1`, [absorbed.id, dayBefore]);
  await link(absorbed.id, survivor.id);
  const units = (await query(
    `SELECT id, parent_id, level, code, name, path, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM administrative_unit
     WHERE province_id = $1 AND id <> $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
     ORDER BY length(path), path`,
    [absorbed.id, D],
  )) as unknown as UnitRow[];
  const successor = new Map<string, { id: string; path: string }>([[absorbed.id, { id: survivor.id, path: survivor.path }]]);
  for (const u of units) {
    const parent = (u.parent_id && successor.get(u.parent_id)) || successor.get(absorbed.id)!;
    if (compareIsoDates(u.valid_from, D) >= 0) {
      // A unit that only starts on D never existed in the absorbed province: it is re-parented in place.
      const path = `${parent.path}${u.id}/`;
      await query(`UPDATE administrative_unit SET province_id = $2, parent_id = $3, path = $4 WHERE id = $1`, [u.id, survivor.id, parent.id, path]);
      successor.set(u.id, { id: u.id, path });
      continue;
    }
    const id = randomUUID();
    const path = `${parent.path}${id}/`;
    await query(
      `INSERT INTO administrative_unit (id, province_id, parent_id, level, code, name, path, valid_from) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [id, survivor.id, parent.id, u.level, u.code, u.name, path, D],
    );
    successor.set(u.id, { id, path });
    await query(`UPDATE administrative_unit SET valid_to = $2 WHERE id = $1`, [u.id, dayBefore]);
    await link(u.id, id);
  }

  // 3. Centres not dissolved before D come under the survivor on D: at once when D has come, else on the date by
  // org's daily job (applyDueProvinceMergers). Until then the absorbed province runs them as before.
  const centresMoved = compareIsoDates(D, today) <= 0 ? await moveCentresOfMerger(query, mergerId) : 0;
  return { mergerId, reorganisationId, unitsCreated: units.length, centresMoved };
}

/**
 * Moves the absorbed province's centres of a recorded merger under the survivor, on the re-created units of their
 * units (the merger's successor links; a unit that only started on the date was re-parented in place, a unit
 * without a link falls to the survivor itself). Once per merger (`centres_moved_at`); returns how many moved.
 */
export async function moveCentresOfMerger(query: OrgQuery, mergerId: string): Promise<number> {
  const [merger] = (await query(
    `SELECT m.province_id AS survivor, m.absorbed_province_id AS absorbed, m.reorganisation_id AS reorganisation, to_char(m.effective_date, 'YYYY-MM-DD') AS d,
            s.path AS survivor_path
     FROM province_merger m JOIN administrative_unit s ON s.id = m.province_id WHERE m.id = $1 AND m.centres_moved_at IS NULL FOR UPDATE OF m`,
    [mergerId],
  )) as { survivor: string; absorbed: string; reorganisation: string; d: string; survivor_path: string }[];
  if (!merger) return 0;
  const D = merger.d;
  const dayBefore = addDays(D, -1);
  const links = (await query(
    `SELECT l.predecessor_id AS "from", l.successor_id AS "to", u.path FROM unit_successor l JOIN administrative_unit u ON u.id = l.successor_id
     WHERE l.reorganisation_id = $1`,
    [merger.reorganisation],
  )) as { from: string; to: string; path: string }[];
  const successor = new Map<string, { id: string; path: string }>(links.map((l) => [l.from, { id: l.to, path: l.path }]));
  const inPlace = (await query(`SELECT id, path FROM administrative_unit WHERE province_id = $1 AND valid_from >= $2`, [merger.survivor, D])) as { id: string; path: string }[];
  for (const u of inPlace) if (!successor.has(u.id)) successor.set(u.id, { id: u.id, path: u.path });
  const successorOf = (unitId: string) => successor.get(unitId) ?? { id: merger.survivor, path: merger.survivor_path };

  const centres = (await query(
    `SELECT id, admin_unit_id, supervising_unit_id FROM centre WHERE province_id = $1 AND NOT (status = 'DISSOLVED' AND status_since < $2)`,
    [merger.absorbed, D],
  )) as { id: string; admin_unit_id: string; supervising_unit_id: string }[];
  for (const c of centres) {
    const unit = successorOf(c.admin_unit_id);
    const supervising = successorOf(c.supervising_unit_id);
    // Its placement from D on: a span that started before D ends the day before and goes on from D on the
    // re-created units; a span recorded from D or later is pointed at the re-created units in place.
    const spans = (await query(
      `SELECT id, admin_unit_id, supervising_unit_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, valid_to
       FROM centre_unit_history WHERE centre_id = $1 AND (valid_to IS NULL OR valid_to >= $2)`,
      [c.id, D],
    )) as { id: string; admin_unit_id: string; supervising_unit_id: string; valid_from: string; valid_to: string | null }[];
    for (const span of spans) {
      const a = successorOf(span.admin_unit_id).id;
      const b = successorOf(span.supervising_unit_id).id;
      if (compareIsoDates(span.valid_from, D) < 0) {
        await query(`UPDATE centre_unit_history SET valid_to = $2 WHERE id = $1`, [span.id, dayBefore]);
        await query(
          `INSERT INTO centre_unit_history (province_id, centre_id, admin_unit_id, supervising_unit_id, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6)`,
          [merger.survivor, c.id, a, b, D, span.valid_to],
        );
      } else {
        await query(`UPDATE centre_unit_history SET admin_unit_id = $2, supervising_unit_id = $3 WHERE id = $1`, [span.id, a, b]);
      }
    }
    await query(
      `UPDATE centre SET province_id = $2, admin_unit_id = $3, unit_path = $4, supervising_unit_id = $5, supervising_unit_path = $6,
         version = version + 1, updated_at = now() WHERE id = $1`,
      [c.id, merger.survivor, unit.id, unit.path, supervising.id, supervising.path],
    );
  }
  await query(`UPDATE province_merger SET centres_moved_at = now() WHERE id = $1`, [mergerId]);
  return centres.length;
}

/** The recorded mergers whose date has come and whose centres have not moved yet (org's daily job moves them). */
export async function dueProvinceMergers(query: OrgQuery, today = todayInVietnam()): Promise<{ id: string; survivorProvinceId: string; absorbedProvinceId: string }[]> {
  return (await query(
    `SELECT id, province_id AS "survivorProvinceId", absorbed_province_id AS "absorbedProvinceId" FROM province_merger
     WHERE centres_moved_at IS NULL AND effective_date <= $1 ORDER BY effective_date, recorded_at`,
    [today],
  )) as { id: string; survivorProvinceId: string; absorbedProvinceId: string }[];
}
