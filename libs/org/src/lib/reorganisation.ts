/**
 * Applies a recorded administrative reorganisation (domain §H, the 2025 reform) to one province:
 *
 * 1. a `reorganisation` row records the decision;
 * 2. each merged commune becomes a new unit directly under the province; its predecessors end the day before
 *    and point to it (unit_successor);
 * 3. with `dissolveDistricts`, every district ends the day before; each of its remaining communes is re-created
 *    under the province (new row + successor link), so the old rows — and everything reported against them —
 *    stay untouched. A commune that only starts on the effective date (created under the district by an
 *    earlier record) never existed under the district and is re-parented in place;
 * 4. centres follow their commune (centre_unit_history closed and re-opened, paths recomputed). Centres
 *    supervised by a dissolved district (GDNN-GDTX) move under the Sở (the province). For each merged commune
 *    one TTHTCĐ is kept and moved, the others are dissolved.
 *
 * Org's (issue 11, Build 6: the reorganisation moved here from literacy and reuses org's status change for the
 * dissolved TTHTCĐ). Runs on any connection through `query` (the service's tenant transaction, or the seed's owner connection
 * with the system scope), inside the caller's transaction. New rows get ids from the database.
 */
import { randomUUID } from 'node:crypto';
import { recordCentreStatusDecision, type OrgQuery } from './centre-status-change';

export type Query = OrgQuery;

export interface MergePlan {
  code: string;
  name: string;
  /** COMMUNE (default), WARD or SPECIAL_ZONE. */
  level?: string | null;
  predecessorIds: string[];
  keepTthtcdCentreId?: string | null;
}

export interface ReorganisationPlan {
  code: string;
  name: string;
  effectiveDate: string;
  legalBasis?: string | null;
  dissolveDistricts: boolean;
  mergedCommunes: MergePlan[];
}

export interface ReorganisationOutcome {
  reorganisationId: string;
  districtsDissolved: number;
  communesCreated: number;
  communesMerged: number;
  communesReparented: number;
  centresMoved: number;
  tthtcdDissolved: number;
}

/** A plan problem the caller should see (Vietnamese + English). */
export class ReorganisationError extends Error {
  constructor(
    readonly messageVi: string,
    readonly messageEn: string,
    readonly kind: 'INVALID' | 'CONFLICT' = 'INVALID',
  ) {
    super(messageEn);
    this.name = 'ReorganisationError';
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
  valid_to: string | null;
}

const BASE = new Set(['COMMUNE', 'WARD', 'SPECIAL_ZONE']);

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export async function applyReorganisationPlan(
  query: Query,
  provinceId: string,
  plan: ReorganisationPlan,
  actorId: string | null = null,
): Promise<ReorganisationOutcome> {
  const E = plan.effectiveDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(E)) throw new ReorganisationError(`Ngày hiệu lực không hợp lệ: ${E}`, `Invalid effective date: ${E}`);
  const D = dayBefore(E);
  const validOn = (u: UnitRow, date: string) => u.valid_from <= date && (u.valid_to === null || date <= u.valid_to);

  const existing = await query(`SELECT 1 FROM reorganisation WHERE province_id = $1 AND code = $2`, [provinceId, plan.code]);
  if (existing.length) {
    throw new ReorganisationError(`Đợt sắp xếp ${plan.code} đã được áp dụng`, `Reorganisation ${plan.code} was already applied`, 'CONFLICT');
  }
  const units = (await query(
    `SELECT id, parent_id, level, code, name, path, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
     FROM administrative_unit WHERE province_id = $1`,
    [provinceId],
  )) as unknown as UnitRow[];
  const byId = new Map(units.map((u) => [u.id, u]));
  const province = byId.get(provinceId);
  if (!province || province.level !== 'PROVINCE') throw new ReorganisationError('Không tìm thấy tỉnh', 'Province not found');

  // Validate the plan before writing anything.
  const seen = new Set<string>();
  for (const m of plan.mergedCommunes) {
    if (m.level && !BASE.has(m.level)) throw new ReorganisationError(`Cấp của ${m.name} phải là xã, phường hoặc đặc khu`, `${m.name} must be a commune-level unit`);
    if (m.predecessorIds.length < 1) throw new ReorganisationError(`Xã mới ${m.name} cần ít nhất một xã cũ`, `${m.name} needs at least one predecessor`);
    for (const id of m.predecessorIds) {
      const u = byId.get(id);
      if (!u || !BASE.has(u.level) || !validOn(u, D)) {
        throw new ReorganisationError(
          `Xã cũ ${id} của ${m.name} không phải là xã có hiệu lực ngày ${D} trong tỉnh`,
          `Predecessor ${id} of ${m.name} is not a commune valid on ${D} in the province`,
        );
      }
      if (seen.has(id)) throw new ReorganisationError(`Xã ${u.name} được sắp xếp hai lần`, `${u.name} appears in two mergers`);
      seen.add(id);
    }
  }

  const [reorg] = await query(
    `INSERT INTO reorganisation (province_id, code, name, effective_date, legal_basis) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
    [provinceId, plan.code, plan.name, E, plan.legalBasis ?? null],
  );
  const reorganisationId = reorg['id'] as string;
  const outcome: ReorganisationOutcome = {
    reorganisationId, districtsDissolved: 0, communesCreated: 0, communesMerged: 0, communesReparented: 0, centresMoved: 0, tthtcdDissolved: 0,
  };
  /** old unit id → the unit that replaces it from E. */
  const replacement = new Map<string, string>();
  const newPath = new Map<string, string>();

  const insertUnit = async (u: { code: string; name: string; level: string }): Promise<string> => {
    const id = randomUUID();
    const path = `${province.path}${id}/`;
    await query(
      `INSERT INTO administrative_unit (id, province_id, parent_id, level, code, name, path, valid_from) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [id, provinceId, provinceId, u.level, u.code, u.name, path, E],
    );
    newPath.set(id, path);
    return id;
  };
  const endUnit = async (id: string) => {
    await query(`UPDATE administrative_unit SET valid_to = $2 WHERE id = $1 AND (valid_to IS NULL OR valid_to > $2)`, [id, D]);
  };
  const link = async (from: string, to: string) => {
    await query(
      `INSERT INTO unit_successor (province_id, predecessor_id, successor_id, reorganisation_id) VALUES ($1,$2,$3,$4)`,
      [provinceId, from, to, reorganisationId],
    );
    replacement.set(from, to);
  };

  // 2. Mergers.
  const mergedInto = new Map<string, MergePlan & { newId: string }>();
  for (const m of plan.mergedCommunes) {
    const newId = await insertUnit({ code: m.code, name: m.name, level: m.level ?? 'COMMUNE' });
    for (const id of m.predecessorIds) {
      await endUnit(id);
      await link(id, newId);
    }
    outcome.communesMerged += m.predecessorIds.length;
    outcome.communesCreated += 1;
    mergedInto.set(newId, { ...m, newId });
  }

  // 3. Districts end; their remaining communes move under the province.
  const dissolvedDistricts = new Set<string>();
  if (plan.dissolveDistricts) {
    for (const d of units.filter((u) => u.level === 'DISTRICT' && (u.valid_to === null || u.valid_to >= E))) {
      if (d.valid_from >= E) {
        throw new ReorganisationError(`Huyện ${d.name} bắt đầu sau ngày hiệu lực, không thể giải thể`, `District ${d.name} starts after the effective date`);
      }
      await endUnit(d.id);
      dissolvedDistricts.add(d.id);
      outcome.districtsDissolved += 1;
    }
    for (const c of units.filter((u) => BASE.has(u.level) && u.parent_id && dissolvedDistricts.has(u.parent_id) && !seen.has(u.id))) {
      if (c.valid_to !== null && c.valid_to < E) continue; // already ended (e.g. merged earlier)
      if (c.valid_from >= E) {
        const path = `${province.path}${c.id}/`;
        await query(`UPDATE administrative_unit SET parent_id = $2, path = $3 WHERE id = $1`, [c.id, provinceId, path]);
        newPath.set(c.id, path);
        outcome.communesReparented += 1;
        continue;
      }
      const newId = await insertUnit({ code: c.code, name: c.name, level: c.level });
      await endUnit(c.id);
      await link(c.id, newId);
      outcome.communesCreated += 1;
    }
  }

  // 4. Centres.
  const centres = (await query(
    `SELECT id, type, status, admin_unit_id, supervising_unit_id FROM centre WHERE province_id = $1 ORDER BY code`,
    [provinceId],
  )) as { id: string; type: string; status: string; admin_unit_id: string; supervising_unit_id: string }[];
  const pathOf = (id: string) => newPath.get(id) ?? byId.get(id)?.path ?? '';
  const dissolvedCentres = new Set<string>();
  // TTHTCĐ of merged communes: one kept (moved), the others dissolved.
  for (const m of mergedInto.values()) {
    const candidates = m.predecessorIds.flatMap((p) => centres.filter((c) => c.type === 'TTHTCD' && c.status !== 'DISSOLVED' && c.admin_unit_id === p));
    if (!candidates.length) continue;
    const keep = candidates.find((c) => c.id === m.keepTthtcdCentreId) ?? candidates[0];
    if (m.keepTthtcdCentreId && keep.id !== m.keepTthtcdCentreId) {
      throw new ReorganisationError(`TTHTCĐ được giữ lại không thuộc các xã cũ của ${m.name}`, `The kept TTHTCĐ is not in a predecessor of ${m.name}`);
    }
    for (const c of candidates.filter((x) => x.id !== keep.id)) {
      // Org's one status change (centre-status-change.ts), as OrgService.changeStatus writes it.
      await recordCentreStatusDecision(query, {
        provinceId, centreId: c.id, status: 'DISSOLVED', effectiveFrom: E,
        reason: `Hợp nhất trung tâm học tập cộng đồng khi sắp xếp xã thành ${m.name}`, decisionRef: plan.code, recordedBy: actorId,
      });
      dissolvedCentres.add(c.id);
      outcome.tthtcdDissolved += 1;
    }
  }
  for (const c of centres) {
    if (dissolvedCentres.has(c.id) || c.status === 'DISSOLVED') continue;
    const admin = replacement.get(c.admin_unit_id) ?? c.admin_unit_id;
    let sup: string;
    if (c.type === 'TTHTCD') sup = admin;
    else if (dissolvedDistricts.has(c.supervising_unit_id) || c.type === 'GDNN_GDTX') sup = provinceId;
    else sup = replacement.get(c.supervising_unit_id) ?? c.supervising_unit_id;
    const adminPath = pathOf(admin);
    const supPath = pathOf(sup);
    const moved = admin !== c.admin_unit_id || sup !== c.supervising_unit_id;
    const repathed = newPath.has(admin) || newPath.has(sup);
    if (!moved && !repathed) continue;
    await query(
      `UPDATE centre SET admin_unit_id = $2, unit_path = $3, supervising_unit_id = $4, supervising_unit_path = $5, version = version + 1, updated_at = now() WHERE id = $1`,
      [c.id, admin, adminPath, sup, supPath],
    );
    if (moved) {
      await query(`UPDATE centre_unit_history SET valid_to = $2 WHERE centre_id = $1 AND valid_to IS NULL AND valid_from <= $2`, [c.id, D]);
      await query(
        `INSERT INTO centre_unit_history (province_id, centre_id, admin_unit_id, supervising_unit_id, valid_from) VALUES ($1,$2,$3,$4,$5)`,
        [provinceId, c.id, admin, sup, E],
      );
    }
    outcome.centresMoved += 1;
  }
  return outcome;
}
