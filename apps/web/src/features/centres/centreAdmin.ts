/**
 * Pure helpers of the Sở admin screens (centre registry, administrative units): the unit tree, form rules and
 * the inputs sent to the API. No React here, so jest checks them directly (centreAdmin.spec.ts).
 */
import type { UnitLevel } from '../../gql/admin';

export interface UnitLike {
  id: string;
  name: string;
  level: UnitLevel | string;
  parentId: string | null;
}

export interface UnitTreeNode<U extends UnitLike = UnitLike> {
  unit: U;
  children: UnitTreeNode<U>[];
}

const LEVEL_ORDER: Record<string, number> = { PROVINCE: 0, DISTRICT: 1, SPECIAL_ZONE: 2, WARD: 3, COMMUNE: 4 };
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

function compareUnits(a: UnitLike, b: UnitLike): number {
  return (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) || collator.compare(a.name, b.name);
}

/**
 * The units valid on one date as a tree (province → district → commune, or province → commune after the 2025
 * reform). A unit whose parent is not in the list (not valid on that date, or outside what the user may see)
 * becomes a root rather than disappearing. Children: districts first, then wards and communes, by name.
 */
export function buildUnitTree<U extends UnitLike>(units: readonly U[]): UnitTreeNode<U>[] {
  const nodes = new Map<string, UnitTreeNode<U>>(units.map((u) => [u.id, { unit: u, children: [] }]));
  const roots: UnitTreeNode<U>[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitTreeNode<U>[]) => {
    list.sort((a, b) => compareUnits(a.unit, b.unit));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** How many units of each level a tree holds (the page's summary line). */
export function countByLevel(units: readonly UnitLike[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const u of units) counts[u.level] = (counts[u.level] ?? 0) + 1;
  return counts;
}

/** The names from the root down to a unit ("Tỉnh Thanh Hóa › Huyện Thọ Xuân › Xã Xuân Tín"). */
export function unitTrail(units: readonly UnitLike[], id: string): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const trail: string[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    trail.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return trail;
}

// ---- form rules (messages are dictionary keys: the form shows them in the user's language) ----

/** Centre codes as the Sở writes them (TH-NN-001): letters, digits, '.', '_', '-', '/', no spaces. */
export const CENTRE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/;
/** Vietnamese phone numbers, with the usual separators: 8 to 15 digits. */
export function isPhone(value: string): boolean {
  const digits = value.replace(/[\s.()-]/g, '');
  return /^\+?\d{8,15}$/.test(digits);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `date` is not after `today` (both 'YYYY-MM-DD'). */
export function isNotFuture(date: string, today: string): boolean {
  return ISO_DATE.test(date) && date <= today;
}

/** True when `later` is on or after `earlier` (both 'YYYY-MM-DD'); a missing bound allows anything. */
export function isOnOrAfter(later: string | null | undefined, earlier: string | null | undefined): boolean {
  if (!later || !earlier) return true;
  return later >= earlier;
}

/** Trimmed text, or undefined for an empty one (the API treats a missing optional field as "not given"). */
export function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export interface EditableCentre {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  adminUnitId: string | null;
  supervisingUnitId: string | null;
}

/**
 * The fields of an edit that actually changed, for `updateCentre` (which keeps every field it is not given).
 * A cleared optional field cannot be sent as "empty" (the API keeps the old value for a missing one), so the
 * caller is told which fields were cleared and can say so instead of pretending they were saved.
 */
export function centreChanges(
  current: EditableCentre,
  edited: EditableCentre,
): { changes: Partial<EditableCentre>; cleared: (keyof EditableCentre)[] } {
  const changes: Partial<EditableCentre> = {};
  const cleared: (keyof EditableCentre)[] = [];
  for (const key of ['name', 'address', 'phone', 'email', 'adminUnitId', 'supervisingUnitId'] as const) {
    const before = optionalText(current[key]);
    const after = optionalText(edited[key]);
    if (after === before) continue;
    if (after === undefined) cleared.push(key);
    else changes[key] = after;
  }
  return { changes, cleared };
}

/**
 * Which form field an API error belongs to when creating a centre: a duplicate (CONFLICT) can only be the code
 * (unique per province); VALIDATION_FAILED names its fields.
 */
export function createErrorField(code: string, extensions: Record<string, unknown>): string | null {
  if (code === 'CONFLICT') return 'code';
  if (code === 'VALIDATION_FAILED' && Array.isArray(extensions['fields'])) {
    const first = (extensions['fields'] as { field?: string }[])[0]?.field;
    return first ?? null;
  }
  return null;
}
