import {
  asOfFor, bandLabel, countByLevel, latestYearWithData, literacySearch, literacyYearCandidates, literacyYearLabel, literacyYearOf,
  parseLiteracyQuery, truncatePct, unitChain,
} from './literacy';

const ID = '73936f88-7088-4f52-b02f-8dcdefaefbfe';

describe('literacy screen helpers', () => {
  it('reads unit, year and view from the URL and ignores malformed values', () => {
    expect(parseLiteracyQuery(new URLSearchParams(`unit=${ID}&year=2024&view=today`))).toEqual({ unitId: ID, year: 2024, view: 'today' });
    expect(parseLiteracyQuery(new URLSearchParams('unit=abc&year=24&view=x'))).toEqual({ unitId: null, year: null, view: 'then' });
    expect(parseLiteracyQuery(new URLSearchParams('year=1890'))).toEqual({ unitId: null, year: null, view: 'then' });
    expect(parseLiteracyQuery(new URLSearchParams(''))).toEqual({ unitId: null, year: null, view: 'then' });
  });

  it('writes links that read back the same (default view left out)', () => {
    expect(literacySearch({ unitId: ID, year: 2024, view: 'then' })).toBe(`?unit=${ID}&year=2024`);
    const q = { unitId: ID, year: 2026, view: 'today' as const };
    expect(parseLiteracyQuery(new URLSearchParams(literacySearch(q)))).toEqual(q);
  });

  it('knows the literacy year (1 Oct – 30 Sep) of a date and the years to probe', () => {
    expect(literacyYearOf('2024-09-30')).toBe(2024);
    expect(literacyYearOf('2024-10-01')).toBe(2025);
    expect(literacyYearOf('2026-12-01')).toBe(2027);
    expect(literacyYearCandidates('2026-12-01')).toEqual([2027, 2026, 2025, 2024, 2023, 2022]);
    expect(literacyYearLabel(2024)).toBe('2023-2024');
  });

  it('opens on the newest year with data, whatever the order of the probes', () => {
    expect(latestYearWithData([{ year: 2027, communesWithData: 0 }, { year: 2026, communesWithData: 21 }, { year: 2025, communesWithData: 21 }])).toBe(2026);
    expect(latestYearWithData([{ year: 2024, communesWithData: 3 }, null, { year: 2025, communesWithData: 1 }])).toBe(2025);
    expect(latestYearWithData([{ year: 2027, communesWithData: 0 }, undefined])).toBeNull();
  });

  it('asks for the units of the last day of the literacy year, or today', () => {
    expect(asOfFor('then', 2024)).toBe('2024-09-30');
    expect(asOfFor('today', 2024)).toBeNull();
  });

  it('never shows a failing rate as the threshold', () => {
    expect(truncatePct(89.95)).toBe(89.95);
    expect(truncatePct(89.996)).toBe(89.99);
    expect(truncatePct((3596 / 4000) * 100)).toBe(89.9);
    expect(truncatePct(95.23809523809523, 1)).toBe(95.2);
    expect(truncatePct(70.00000000000001)).toBe(70);
    expect(truncatePct(94.99999999999999)).toBe(95);
    expect(bandLabel('15_35')).toBe('15–35');
    expect(bandLabel(null)).toBe('—');
  });

  it('builds the breadcrumb chain, stopping at the top unit the user may open', () => {
    const units = [
      { id: 'p', name: 'Tỉnh Thanh Hóa', parentId: null },
      { id: 'd', name: 'Huyện Thọ Xuân', parentId: 'p' },
      { id: 'c', name: 'Xã Nam Giang', parentId: 'd' },
    ];
    expect(unitChain(units, 'c', null).map((u) => u.id)).toEqual(['p', 'd', 'c']);
    expect(unitChain(units, 'c', 'd').map((u) => u.id)).toEqual(['d', 'c']);
    expect(unitChain(units, 'x', null)).toEqual([]);
    // A cycle in bad data does not hang the page.
    expect(unitChain([{ id: 'a', name: 'A', parentId: 'b' }, { id: 'b', name: 'B', parentId: 'a' }], 'a', null).length).toBe(2);
  });
});

describe('countByLevel', () => {
  it('counts the children with data at each level and leaves out those without', () => {
    const children = [
      { level: 2, hasData: true }, { level: 1, hasData: true }, { level: 1, hasData: true }, { level: 0, hasData: true }, { level: 0, hasData: false },
    ];
    expect(countByLevel(children)).toEqual([{ level: 0, units: 1 }, { level: 1, units: 2 }, { level: 2, units: 1 }]);
    expect(countByLevel([])).toEqual([{ level: 0, units: 0 }, { level: 1, units: 0 }, { level: 2, units: 0 }]);
  });
});
