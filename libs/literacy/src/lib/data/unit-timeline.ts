/**
 * Administrative units over time (domain §H): which units are valid on a date, their tree on that date, and
 * where data recorded against one unit lands on another date, following successor links.
 *
 * Pure: the service loads the rows (administrative_unit, unit_successor) and asks questions here.
 * Dates are 'YYYY-MM-DD'; validFrom and validTo are inclusive.
 */
import type { UnitLevel } from '@gdtx/domain';

export interface TimedUnit {
  id: string;
  parentId: string | null;
  level: UnitLevel;
  code: string;
  name: string;
  path: string;
  validFrom: string;
  validTo: string | null;
}

export interface SuccessorLink {
  predecessorId: string;
  successorId: string;
}

export type UnmappedReason = 'UNKNOWN_UNIT' | 'SPLIT' | 'NO_SUCCESSOR' | 'MERGED_LATER' | 'NO_PREDECESSOR';

export type Mapping = { unitId: string; path: string[] } | { unitId: null; reason: UnmappedReason; path: string[] };

/**
 * Where data recorded against one unit lands on a date: on one unit; jointly on several (a commune merged after
 * the date stands for all its predecessors, a unit split after its data was recorded for all its successors —
 * the figure belongs to them together and cannot be divided); or nowhere, with the reason.
 */
export type Resolution =
  | { kind: 'UNIT'; unitId: string }
  | { kind: 'JOINT'; unitIds: string[]; reason: 'MERGED_LATER' | 'SPLIT' }
  | { kind: 'UNMAPPED'; reason: UnmappedReason };

export class UnitTimeline {
  private readonly byId = new Map<string, TimedUnit>();
  private readonly successors = new Map<string, string[]>();
  private readonly predecessors = new Map<string, string[]>();

  constructor(units: readonly TimedUnit[], links: readonly SuccessorLink[]) {
    for (const u of units) this.byId.set(u.id, u);
    for (const l of links) {
      push(this.successors, l.predecessorId, l.successorId);
      push(this.predecessors, l.successorId, l.predecessorId);
    }
  }

  get(id: string): TimedUnit | undefined {
    return this.byId.get(id);
  }

  all(): TimedUnit[] {
    return [...this.byId.values()];
  }

  successorsOf(id: string): string[] {
    return this.successors.get(id) ?? [];
  }

  predecessorsOf(id: string): string[] {
    return this.predecessors.get(id) ?? [];
  }

  isValidOn(id: string, date: string): boolean {
    const u = this.byId.get(id);
    return !!u && u.validFrom <= date && (u.validTo === null || date <= u.validTo);
  }

  unitsOn(date: string): TimedUnit[] {
    return this.all().filter((u) => this.isValidOn(u.id, date));
  }

  /** The units valid on `date` in the subtree of `rootId` (the root included), by parent links on that date. */
  subtreeOn(rootId: string, date: string): TimedUnit[] {
    const valid = this.unitsOn(date);
    const children = new Map<string, TimedUnit[]>();
    for (const u of valid) if (u.parentId) push(children, u.parentId, u);
    const root = this.byId.get(rootId);
    if (!root || !this.isValidOn(rootId, date)) return [];
    const out: TimedUnit[] = [root];
    const seen = new Set([rootId]);
    for (let i = 0; i < out.length; i++) {
      for (const c of children.get(out[i].id) ?? []) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        out.push(c);
      }
    }
    return out;
  }

  /**
   * The unit valid on `date` that stands for `unitId`. Forward in time through successor links (a merged
   * commune lands on the new commune); backward only through a single predecessor (a unit re-created under a
   * new parent), because data of a merged commune cannot be split back into its predecessors.
   */
  mapTo(unitId: string, date: string): Mapping {
    const path: string[] = [unitId];
    let current = this.byId.get(unitId);
    if (!current) return { unitId: null, reason: 'UNKNOWN_UNIT', path };
    for (let guard = 0; guard < 50; guard++) {
      if (this.isValidOn(current.id, date)) return { unitId: current.id, path };
      let next: string | undefined;
      if (current.validTo !== null && current.validTo < date) {
        const succ = this.successorsOf(current.id);
        if (succ.length === 0) return { unitId: null, reason: 'NO_SUCCESSOR', path };
        if (succ.length > 1) return { unitId: null, reason: 'SPLIT', path };
        next = succ[0];
      } else {
        const pred = this.predecessorsOf(current.id);
        if (pred.length === 0) return { unitId: null, reason: 'NO_PREDECESSOR', path };
        if (pred.length > 1) return { unitId: null, reason: 'MERGED_LATER', path };
        next = pred[0];
      }
      const n = this.byId.get(next);
      if (!n || path.includes(n.id)) return { unitId: null, reason: 'UNKNOWN_UNIT', path };
      path.push(n.id);
      current = n;
    }
    return { unitId: null, reason: 'UNKNOWN_UNIT', path };
  }
}

/**
 * `resolveOn` on a timeline: follows every successor link forward and every predecessor link backward until
 * each branch reaches a unit valid on `date`. One unit → UNIT; several → JOINT (none of them may be given the
 * figure alone); a branch with nowhere to go → UNMAPPED.
 */
export function resolveOn(timeline: UnitTimeline, unitId: string, date: string): Resolution {
  if (!timeline.get(unitId)) return { kind: 'UNMAPPED', reason: 'UNKNOWN_UNIT' };
  const landed = new Set<string>();
  const seen = new Set<string>([unitId]);
  const queue = [unitId];
  let joint: 'MERGED_LATER' | 'SPLIT' | null = null;
  while (queue.length) {
    if (seen.size > 500) return { kind: 'UNMAPPED', reason: 'UNKNOWN_UNIT' };
    const id = queue.shift()!;
    const u = timeline.get(id);
    if (!u) return { kind: 'UNMAPPED', reason: 'UNKNOWN_UNIT' };
    if (timeline.isValidOn(id, date)) {
      landed.add(id);
      continue;
    }
    const forward = u.validTo !== null && u.validTo < date;
    const next = forward ? timeline.successorsOf(id) : timeline.predecessorsOf(id);
    if (!next.length) return { kind: 'UNMAPPED', reason: forward ? 'NO_SUCCESSOR' : 'NO_PREDECESSOR' };
    if (next.length > 1) joint ??= forward ? 'SPLIT' : 'MERGED_LATER';
    for (const n of next) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  if (landed.size === 1) return { kind: 'UNIT', unitId: [...landed][0] };
  if (landed.size === 0) return { kind: 'UNMAPPED', reason: 'UNKNOWN_UNIT' };
  return { kind: 'JOINT', unitIds: [...landed].sort(), reason: joint ?? 'MERGED_LATER' };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const UNMAPPED_REASON_VI: Record<UnmappedReason, string> = {
  UNKNOWN_UNIT: 'không xác định được đơn vị hành chính của số liệu',
  SPLIT: 'đơn vị đã được chia tách, không phân bổ được số liệu',
  NO_SUCCESSOR: 'đơn vị đã giải thể và không có đơn vị kế thừa',
  MERGED_LATER: 'số liệu thuộc đơn vị được hợp nhất sau ngày xem, không tách ngược được',
  NO_PREDECESSOR: 'đơn vị chưa tồn tại vào ngày xem',
};
