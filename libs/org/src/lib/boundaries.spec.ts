import { geometryProblems, positionCount, schematicSquares, simplifyGeometry, type BoundaryGeometry } from './boundaries';

describe('unit boundaries: validated and simplified on import', () => {
  const square: BoundaryGeometry = { type: 'Polygon', coordinates: [[[105.7, 19.8], [105.8, 19.8], [105.8, 19.7], [105.7, 19.7], [105.7, 19.8]]] };

  it('accepts a closed polygon in Vietnam; refuses open rings, swapped coordinates, other types', () => {
    expect(geometryProblems(square)).toEqual([]);
    expect(geometryProblems({ type: 'Polygon', coordinates: [[[105.7, 19.8], [105.8, 19.8], [105.8, 19.7], [105.7, 19.7]]] })).toEqual(['a ring is not closed (its last position must equal its first)']);
    expect(geometryProblems({ type: 'Polygon', coordinates: [[[19.8, 105.7], [19.8, 105.8], [19.7, 105.8], [19.8, 105.7]]] })[0]).toMatch(/outside Vietnam/);
    expect(geometryProblems({ type: 'Point', coordinates: [105.7, 19.8] })).toEqual(['geometry must be a Polygon or a MultiPolygon']);
    expect(geometryProblems({ type: 'Polygon', coordinates: [[[105.7, 19.8], [105.8, 'x'], [105.7, 19.8], [105.7, 19.8]]] })).toEqual(['a position is not [longitude, latitude]']);
  });

  it('simplifies a dense ring to far fewer positions, keeping it closed and valid', () => {
    // A circle of 2,000 positions around Thanh Hóa (radius ≈ 5 km).
    const ring = Array.from({ length: 2000 }, (_, i) => [105.78 + 0.05 * Math.cos((2 * Math.PI * i) / 2000), 19.8 + 0.05 * Math.sin((2 * Math.PI * i) / 2000)] as [number, number]);
    ring.push(ring[0]);
    const dense: BoundaryGeometry = { type: 'Polygon', coordinates: [ring] };
    const simple = simplifyGeometry(dense);
    expect(positionCount(simple)).toBeLessThan(200);
    expect(positionCount(simple)).toBeGreaterThanOrEqual(4);
    expect(geometryProblems(simple)).toEqual([]);
  });

  it('schematic squares: one per unit, on a grid, never overlapping', () => {
    const squares = schematicSquares(['a', 'b', 'c', 'd', 'e'], [105.3, 20.2]);
    expect([...squares.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const g of squares.values()) expect(geometryProblems(g)).toEqual([]);
    const xs = [...squares.values()].map((g) => (g.type === 'Polygon' ? g.coordinates[0][0][0] : 0));
    expect(new Set(xs.map((x, i) => `${x}|${i}`)).size).toBe(5);
  });
});
