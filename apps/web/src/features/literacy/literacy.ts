/** Pure helpers of the literacy screen (no React: unit-tested in literacy.spec.ts). */

/** How the units are taken: as they were at the end of the literacy year, or today's units. */
export type LiteracyView = 'then' | 'today';

export interface LiteracyQuery {
  unitId: string | null;
  year: number | null;
  view: LiteracyView;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads ?unit=&year=&view= (anything malformed is ignored, so a hand-edited link falls back to the defaults). */
export function parseLiteracyQuery(params: URLSearchParams): LiteracyQuery {
  const unit = params.get('unit');
  const yearText = params.get('year');
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  return {
    unitId: unit && UUID.test(unit) ? unit : null,
    year: year !== null && year >= 2000 && year <= 2100 ? year : null,
    view: params.get('view') === 'today' ? 'today' : 'then',
  };
}

/** The query string of a literacy link (the default view is left out to keep links short). */
export function literacySearch(q: { unitId: string; year: number; view: LiteracyView }): string {
  const p = new URLSearchParams({ unit: q.unitId, year: String(q.year) });
  if (q.view === 'today') p.set('view', 'today');
  return `?${p.toString()}`;
}

/**
 * End year of the literacy year (1 Oct – 30 Sep) that contains a date in Vietnam: 1 Oct 2026 → 2027.
 * `date` is a calendar date 'YYYY-MM-DD'.
 */
export function literacyYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return m >= 10 ? y + 1 : y;
}

/** The current literacy year and the five before it, newest first (the years the page probes for data). */
export function literacyYearCandidates(today: string, count = 6): number[] {
  const current = literacyYearOf(today);
  return Array.from({ length: count }, (_, i) => current - i);
}

/** The newest year that has at least one commune with an accepted report, else null. */
export function latestYearWithData(probes: ({ year: number; communesWithData: number } | null | undefined)[]): number | null {
  let best: number | null = null;
  for (const p of probes) if (p && p.communesWithData > 0 && (best === null || p.year > best)) best = p.year;
  return best;
}

/** The `asOf` sent to the API: the last day of the literacy year, or none (the API takes today's units). */
export function asOfFor(view: LiteracyView, year: number): string | null {
  return view === 'then' ? `${year}-09-30` : null;
}

/** Label of the literacy year ending in `year`: 2024 → "2023-2024". */
export function literacyYearLabel(year: number): string {
  return `${year - 1}-${year}`;
}

/** '15_35' → '15–35'. */
export function bandLabel(band: string | null | undefined): string {
  return band ? band.replace('_', '–') : '—';
}

/**
 * A percentage cut (not rounded) to `digits` decimals, so a rate just below a threshold never reads as the
 * threshold: 89.95 stays 89.95, 89.996 shows 89.99 and not 90.
 */
export function truncatePct(value: number, digits = 2): number {
  const f = 10 ** digits;
  // The small epsilon absorbs binary noise (e.g. 0.7 * 100 = 70.00000000000001 or 94.99999999999999).
  return Math.floor(value * f + 1e-9) / f;
}

interface UnitLike {
  id: string;
  name: string;
  parentId: string | null;
}

/**
 * The chain from the top unit the user may open down to `unitId` (province → district → commune), for the
 * breadcrumb. `topId` is where the chain stops (the supervisor's own unit); an unknown unit gives [].
 */
export function unitChain<T extends UnitLike>(units: T[], unitId: string, topId: string | null): T[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: T[] = [];
  let current = byId.get(unitId);
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    if (current.id === topId) break;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return chain;
}

/** How many child units stand at each recognition level (0 not recognised, 1, 2), for the dashboard's chart. */
export function countByLevel(children: readonly { level: number; hasData: boolean }[]): { level: 0 | 1 | 2; units: number }[] {
  const counts = [0, 0, 0];
  for (const child of children) if (child.hasData) counts[Math.max(0, Math.min(2, child.level))] += 1;
  return [0, 1, 2].map((level) => ({ level: level as 0 | 1 | 2, units: counts[level] }));
}
