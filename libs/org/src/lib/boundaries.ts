import simplify from 'simplify-js';

/**
 * Unit boundaries as data (issue 15 item 3): a Sở imports the official GeoJSON of its communes (validated,
 * simplified on import); the demo ships schematic squares generated for its units, marked SCHEMATIC and labelled
 * so on every map. Nothing pretends to be an official boundary.
 */
export type Position = [number, number];
export type Ring = Position[];
export type BoundaryGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
export type BoundarySource = 'IMPORTED' | 'SCHEMATIC';

/** Vietnam's extent with a margin (the islands included): coordinates outside it are a wrong projection or order. */
export const VIETNAM_BOUNDS = Object.freeze({ minLon: 101.5, maxLon: 118, minLat: 6, maxLat: 24 });
/** Douglas–Peucker tolerance in degrees (≈ 30 m): enough for a commune choropleth, a fraction of the points. */
export const SIMPLIFY_TOLERANCE = 0.0003;
export const MAX_POINTS_PER_UNIT = 20000;

export const SCHEMATIC_NOTE_VI = 'Ranh giới minh họa cho dữ liệu mẫu, không phải ranh giới hành chính chính thức';

/** What is wrong with a geometry (empty: valid): Polygon or MultiPolygon, closed rings of ≥ 4 points, in Vietnam. */
export function geometryProblems(geometry: unknown): string[] {
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return ['geometry must be a Polygon or a MultiPolygon'];
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  if (!Array.isArray(polygons) || !polygons.length) return ['no coordinates'];
  const problems: string[] = [];
  let points = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || !polygon.length) { problems.push('a polygon without rings'); continue; }
    for (const ring of polygon as unknown[]) {
      if (!Array.isArray(ring) || ring.length < 4) { problems.push('a ring needs at least 4 positions'); continue; }
      points += ring.length;
      const bad = (ring as unknown[]).find((p) => !Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((c) => typeof c === 'number' && Number.isFinite(c)));
      if (bad) { problems.push('a position is not [longitude, latitude]'); continue; }
      const r = ring as Position[];
      const outside = r.find(([lon, lat]) => lon < VIETNAM_BOUNDS.minLon || lon > VIETNAM_BOUNDS.maxLon || lat < VIETNAM_BOUNDS.minLat || lat > VIETNAM_BOUNDS.maxLat);
      if (outside) problems.push(`position ${outside[0]}, ${outside[1]} is outside Vietnam (longitude, latitude in WGS 84 expected)`);
      const [first, last] = [r[0], r[r.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push('a ring is not closed (its last position must equal its first)');
    }
  }
  if (points > MAX_POINTS_PER_UNIT) problems.push(`too many positions (${points} > ${MAX_POINTS_PER_UNIT})`);
  return [...new Set(problems)];
}

/** Each ring simplified (simplify-js, Douglas–Peucker) and kept closed; a ring never drops below 4 positions. */
export function simplifyGeometry(g: BoundaryGeometry, tolerance = SIMPLIFY_TOLERANCE): BoundaryGeometry {
  const ring = (r: Ring): Ring => {
    const out = simplify(r.map(([x, y]) => ({ x, y })), tolerance, true).map((p): Position => [round(p.x), round(p.y)]);
    if (out.length < 4) return r.map(([x, y]): Position => [round(x), round(y)]);
    const [first, last] = [out[0], out[out.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
    return out;
  };
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function positionCount(g: BoundaryGeometry): number {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
}

/**
 * Schematic boundaries for demo units: squares on a grid (by name), near the province's rough place, so that a
 * map can be drawn and read. Marked SCHEMATIC; every map says they are illustrations.
 */
export function schematicSquares(unitIds: readonly string[], origin: Position, cell = 0.06): Map<string, BoundaryGeometry> {
  const columns = Math.max(1, Math.ceil(Math.sqrt(unitIds.length)));
  const out = new Map<string, BoundaryGeometry>();
  unitIds.forEach((id, i) => {
    const [x0, y0] = [origin[0] + (i % columns) * cell, origin[1] - Math.floor(i / columns) * cell];
    const s = cell * 0.94;
    out.set(id, { type: 'Polygon', coordinates: [[[x0, y0], [x0 + s, y0], [x0 + s, y0 - s], [x0, y0 - s], [x0, y0]].map(([x, y]): Position => [round(x), round(y)])] });
  });
  return out;
}
