import { resolveOn, UnitTimeline, type TimedUnit } from './unit-timeline';

// A province with one district of three communes; on 1 Jul 2025 the district ends, A and B merge into AB,
// C is re-created under the province as C2; X was created under the district on 1 Jul 2025 and later
// split into X1 and X2.
const u = (id: string, parentId: string | null, level: TimedUnit['level'], validFrom: string, validTo: string | null = null): TimedUnit => ({
  id, parentId, level, code: id, name: id, path: `/${id}/`, validFrom, validTo,
});
const units = [
  u('P', null, 'PROVINCE', '2020-01-01'),
  u('D', 'P', 'DISTRICT', '2020-01-01', '2025-06-30'),
  u('A', 'D', 'COMMUNE', '2020-01-01', '2025-06-30'),
  u('B', 'D', 'COMMUNE', '2020-01-01', '2025-06-30'),
  u('C', 'D', 'COMMUNE', '2020-01-01', '2025-06-30'),
  u('AB', 'P', 'COMMUNE', '2025-07-01'),
  u('C2', 'P', 'COMMUNE', '2025-07-01'),
  u('S', 'P', 'COMMUNE', '2020-01-01', '2022-12-31'),
  u('S1', 'P', 'COMMUNE', '2023-01-01'),
  u('S2', 'P', 'COMMUNE', '2023-01-01'),
];
const links = [
  { predecessorId: 'A', successorId: 'AB' },
  { predecessorId: 'B', successorId: 'AB' },
  { predecessorId: 'C', successorId: 'C2' },
  { predecessorId: 'S', successorId: 'S1' },
  { predecessorId: 'S', successorId: 'S2' },
];
const t = new UnitTimeline(units, links);

describe('UnitTimeline', () => {
  it('validity is inclusive at both ends', () => {
    expect(t.isValidOn('A', '2025-06-30')).toBe(true);
    expect(t.isValidOn('A', '2025-07-01')).toBe(false);
    expect(t.isValidOn('AB', '2025-07-01')).toBe(true);
    expect(t.isValidOn('AB', '2025-06-30')).toBe(false);
  });

  it('gives the tree of a date', () => {
    expect(t.subtreeOn('P', '2024-01-01').map((x) => x.id).sort()).toEqual(['A', 'B', 'C', 'D', 'P', 'S1', 'S2']);
    expect(t.subtreeOn('P', '2026-01-01').map((x) => x.id).sort()).toEqual(['AB', 'C2', 'P', 'S1', 'S2']);
    expect(t.subtreeOn('D', '2026-01-01')).toEqual([]);
  });

  it('maps forward through mergers and re-creations', () => {
    expect(t.mapTo('A', '2026-01-01')).toEqual({ unitId: 'AB', path: ['A', 'AB'] });
    expect(t.mapTo('C', '2026-01-01').unitId).toBe('C2');
    expect(t.mapTo('A', '2024-01-01').unitId).toBe('A');
  });

  it('maps backward only through a single predecessor', () => {
    expect(t.mapTo('C2', '2024-01-01').unitId).toBe('C');
    expect(t.mapTo('AB', '2024-01-01')).toMatchObject({ unitId: null, reason: 'MERGED_LATER' });
  });

  it('refuses to split data of a divided unit, and reports unknown units', () => {
    expect(t.mapTo('S', '2024-01-01')).toMatchObject({ unitId: null, reason: 'SPLIT' });
    expect(t.mapTo('nope', '2024-01-01')).toMatchObject({ unitId: null, reason: 'UNKNOWN_UNIT' });
    expect(t.mapTo('S1', '2021-01-01')).toMatchObject({ unitId: 'S' });
  });

  it('a dissolved unit without successor maps nowhere', () => {
    expect(t.mapTo('D', '2026-01-01')).toMatchObject({ unitId: null, reason: 'NO_SUCCESSOR' });
  });

  it('resolves data jointly where it cannot be divided: a merged commune on its predecessors, a split unit on its successors', () => {
    expect(resolveOn(t, 'AB', '2024-01-01')).toEqual({ kind: 'JOINT', unitIds: ['A', 'B'], reason: 'MERGED_LATER' });
    expect(resolveOn(t, 'S', '2024-01-01')).toEqual({ kind: 'JOINT', unitIds: ['S1', 'S2'], reason: 'SPLIT' });
    expect(resolveOn(t, 'A', '2026-01-01')).toEqual({ kind: 'UNIT', unitId: 'AB' });
    expect(resolveOn(t, 'C2', '2024-01-01')).toEqual({ kind: 'UNIT', unitId: 'C' });
    expect(resolveOn(t, 'C', '2024-01-01')).toEqual({ kind: 'UNIT', unitId: 'C' });
    expect(resolveOn(t, 'D', '2026-01-01')).toEqual({ kind: 'UNMAPPED', reason: 'NO_SUCCESSOR' });
    expect(resolveOn(t, 'S1', '2021-01-01')).toEqual({ kind: 'UNIT', unitId: 'S' });
    expect(resolveOn(t, 'nope', '2024-01-01')).toEqual({ kind: 'UNMAPPED', reason: 'UNKNOWN_UNIT' });
  });
});
