import {
  ND20_2014,
  ND20_2014_POST_2025_REFORM,
  SHIPPED_LITERACY_PARAMETERS,
  parametersFor,
  toVietnamDate,
  validateParameters,
  type LiteracyParameters,
} from './parameters';

describe('shipped literacy parameter sets', () => {
  it('ND20_2014 transcribes NĐ 20/2014 Art. 20–21 with the district tier', () => {
    expect(ND20_2014.commune.l1.standard).toEqual({ band: '15_35', minRatePct: 90 });
    expect(ND20_2014.commune.l1.dbkkAlternative).toEqual({ band: '15_25', minRatePct: 90 });
    expect(ND20_2014.commune.l2.standard).toEqual({ band: '15_60', minRatePct: 90 });
    expect(ND20_2014.commune.l2.dbkkAlternative).toEqual({ band: '15_35', minRatePct: 90 });
    expect(ND20_2014.district).toEqual({ l1MinSharePct: 90, l2MinSharePct: 90 });
    expect(ND20_2014.province).toEqual({ l1MinSharePct: 90, l2MinSharePct: 100 });
    expect(ND20_2014.aggregationTier).toBe('DISTRICT');
    expect(ND20_2014.excludeDisabledExempt).toBe(false);
    expect(ND20_2014.validTo).toBe('2025-06-30');
  });

  it('the post-reform set rolls communes up to the province with the former district thresholds', () => {
    const p = ND20_2014_POST_2025_REFORM;
    expect(p.validFrom).toBe('2025-07-01');
    expect(p.validTo).toBeNull();
    expect(p.aggregationTier).toBe('PROVINCE_DIRECT');
    expect(p.province).toEqual({ l1MinSharePct: 90, l2MinSharePct: 90 });
    expect(p.commune).toEqual(ND20_2014.commune);
    // Written for people, in both languages: no tags or field names (issue 16 item 7).
    expect(p.assumptions.some((a) => typeof a === 'object' && a.vi.includes('tổng hợp thẳng lên tỉnh') && a.en.includes('directly to the province'))).toBe(true);
    for (const a of p.assumptions) expect(JSON.stringify(a)).not.toMatch(/\[U\]|PROVINCE_DIRECT|excludeDisabledExempt|dbkkMayUseStandardBand/);
  });

  it('both shipped sets are valid and frozen', () => {
    for (const p of SHIPPED_LITERACY_PARAMETERS) expect(validateParameters(p)).toEqual([]);
    expect(() => {
      (ND20_2014.province as { l2MinSharePct: number }).l2MinSharePct = 90;
    }).toThrow(TypeError);
    expect(ND20_2014.province.l2MinSharePct).toBe(100);
  });
});

describe('parametersFor', () => {
  it('picks ND20_2014 up to 2025-06-30 and the post-reform set from 2025-07-01', () => {
    expect(parametersFor('2024-10-01').version).toBe('ND20_2014');
    expect(parametersFor('2025-06-30').version).toBe('ND20_2014');
    expect(parametersFor('2025-07-01').version).toBe('ND20_2014_POST_2025_REFORM');
    expect(parametersFor('2031-01-01').version).toBe('ND20_2014_POST_2025_REFORM');
  });

  it('reads a Date in Vietnam time (UTC+7)', () => {
    expect(parametersFor(new Date('2025-06-30T16:59:59Z')).version).toBe('ND20_2014');
    expect(parametersFor(new Date('2025-06-30T17:00:00Z')).version).toBe('ND20_2014_POST_2025_REFORM');
    expect(toVietnamDate('2025-06-30T17:00:00Z')).toBe('2025-07-01');
  });

  it('throws before the decree took effect and on impossible dates', () => {
    expect(() => parametersFor('2014-05-14')).toThrow(/no literacy parameter set/);
    expect(parametersFor('2014-05-15').version).toBe('ND20_2014');
    expect(() => parametersFor('2025-02-30')).toThrow(RangeError);
    expect(() => parametersFor(new Date('nonsense'))).toThrow(RangeError);
  });

  it('uses the sets it is given and refuses overlapping validity', () => {
    const draft: LiteracyParameters = {
      ...ND20_2014_POST_2025_REFORM,
      version: 'DRAFT_2030',
      validFrom: '2030-01-01',
    };
    const capped: LiteracyParameters = { ...ND20_2014_POST_2025_REFORM, validTo: '2029-12-31' };
    expect(parametersFor('2030-06-01', [ND20_2014, capped, draft]).version).toBe('DRAFT_2030');
    expect(parametersFor('2029-12-31', [ND20_2014, capped, draft]).version).toBe('ND20_2014_POST_2025_REFORM');
    expect(() => parametersFor('2030-06-01', [ND20_2014, ND20_2014_POST_2025_REFORM, draft])).toThrow(/overlap/);
  });

  it('refuses a selected set that is invalid', () => {
    const broken: LiteracyParameters = { ...ND20_2014_POST_2025_REFORM, province: { l1MinSharePct: 90, l2MinSharePct: 120 } };
    expect(() => parametersFor('2026-01-01', [broken])).toThrow(/invalid/);
  });
});

describe('validateParameters', () => {
  it('reports out-of-range or inexact thresholds, unknown bands and reversed dates', () => {
    const bad: LiteracyParameters = {
      ...ND20_2014,
      validFrom: '2025-01-01',
      validTo: '2024-12-31',
      district: { l1MinSharePct: 0, l2MinSharePct: 90.1234567 },
      commune: {
        ...ND20_2014.commune,
        l1: { ...ND20_2014.commune.l1, standard: { band: '15_62' as never, minRatePct: 90 } },
      },
    };
    const issues = validateParameters(bad);
    expect(issues).toEqual(
      expect.arrayContaining([
        'validTo is before validFrom',
        'district.l1MinSharePct must be in (0, 100], got 0',
        expect.stringMatching(/^district\.l2MinSharePct: .*decimals/),
        'commune.l1.standard.band is unknown: 15_62',
      ]),
    );
    expect(issues).toHaveLength(4);
  });
});

describe('the recognition chain (who recognises each tier) is a parameter', () => {
  it('before the reform: district chairman → commune, provincial chairman → district, Minister → province (NĐ 20/2014 Art. 30)', () => {
    expect(ND20_2014.recognition!.map((s) => [s.tier, s.l1.vi, s.l2.vi])).toEqual([
      ['COMMUNE', 'Chủ tịch UBND cấp huyện', 'Chủ tịch UBND cấp huyện'],
      ['DISTRICT', 'Chủ tịch UBND cấp tỉnh', 'Chủ tịch UBND cấp tỉnh'],
      ['PROVINCE', 'Bộ trưởng Bộ Giáo dục và Đào tạo', 'Bộ trưởng Bộ Giáo dục và Đào tạo'],
    ]);
  });

  it('after it: no district; the provincial chairman recognises level 1, the Minister level 2 (NĐ 143/2025)', () => {
    expect(ND20_2014_POST_2025_REFORM.recognition!.map((s) => [s.tier, s.l1.vi, s.l2.vi])).toEqual([
      ['COMMUNE', 'Chủ tịch UBND cấp tỉnh', 'Chủ tịch UBND cấp tỉnh'],
      ['PROVINCE', 'Chủ tịch UBND cấp tỉnh', 'Bộ trưởng Bộ Giáo dục và Đào tạo'],
    ]);
  });

  it('its tiers must match the aggregation tier, and each level needs a named authority', () => {
    expect(validateParameters({ ...ND20_2014_POST_2025_REFORM, recognition: ND20_2014.recognition })).toEqual([
      'recognition tiers must be COMMUNE, PROVINCE for aggregationTier PROVINCE_DIRECT, got COMMUNE, DISTRICT, PROVINCE',
    ]);
    const blank = ND20_2014.recognition!.map((s, i) => (i === 2 ? { ...s, l2: { vi: ' ', en: 'x' } } : s));
    expect(validateParameters({ ...ND20_2014, recognition: blank })).toEqual(['recognition[2].l2 needs vi and en']);
    // A set saved before the chain existed stays valid (its chain is unknown).
    const { recognition: _r, ...old } = ND20_2014;
    expect(validateParameters(old as LiteracyParameters)).toEqual([]);
  });
});
