import { ND20_2014, ND20_2014_POST_2025_REFORM, type LiteracyParameters } from './parameters';
import {
  LiteracyDataError,
  evaluateCommune,
  evaluateDistrict,
  evaluateProvince,
  literacyRate,
  meetsRate,
  rollUp,
  validateCommuneData,
  type AdminUnitNode,
  type BandCounts,
  type CommuneLiteracyData,
  type LiteracyLevel,
  type RecognisedUnit,
} from './recognition';

const P = ND20_2014;
const POST = ND20_2014_POST_2025_REFORM;
const EXCLUDING: LiteracyParameters = { ...ND20_2014, version: 'ND20_2014_EXCL', excludeDisabledExempt: true };

/** A band where `l1`/`l2` are literacy counts out of `pop`. */
const band = (pop: number, l1: number, l2 = l1, disabledExempt?: number): BandCounts =>
  disabledExempt === undefined ? { population: pop, literateL1: l1, literateL2: l2 } : { population: pop, literateL1: l1, literateL2: l2, disabledExempt };

/** A commune comfortably at level 2 on every band, with overrides. */
function commune(unitId: string, overrides: Partial<CommuneLiteracyData['bands']> = {}, dbkk = false): CommuneLiteracyData {
  return {
    unitId,
    name: `Xã ${unitId}`,
    dbkk,
    bands: { '15_25': band(400, 396, 390), '15_35': band(1000, 980, 950), '15_60': band(2000, 1950, 1900), ...overrides },
  };
}

const units = (kind: RecognisedUnit['kind'], levels: LiteracyLevel[]): RecognisedUnit[] =>
  levels.map((level, i) => ({ unitId: `${kind[0]}${i + 1}`, kind, level }));

describe('literacyRate and meetsRate', () => {
  it('returns the ratio, and null for a zero population', () => {
    expect(literacyRate(900, 1000, undefined, P)).toBe(0.9);
    expect(literacyRate(0, 0, undefined, P)).toBeNull();
    expect(meetsRate(0, 0, undefined, 90, P)).toBe(false);
  });

  it('removes disabled exempt persons from the denominator only when the parameter says so', () => {
    expect(literacyRate(90, 102, 2, P)).toBeCloseTo(90 / 102, 12);
    expect(literacyRate(90, 102, 2, EXCLUDING)).toBe(0.9);
    expect(literacyRate(0, 3, 3, EXCLUDING)).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => literacyRate(-1, 10, undefined, P)).toThrow(RangeError);
    expect(() => literacyRate(1.5, 10, undefined, P)).toThrow(RangeError);
    expect(() => literacyRate(11, 10, undefined, P)).toThrow(/exceeds/);
    expect(() => literacyRate(5, 10, 11, P)).toThrow(/disabledExempt/);
    expect(() => literacyRate(10, 10, 1, EXCLUDING)).toThrow(/exceeds/);
  });

  it('is exact at the threshold for every population up to 20,000 (90% passes, one person fewer fails)', () => {
    for (let pop = 10; pop <= 20000; pop += 10) {
      const atThreshold = (pop / 10) * 9;
      if (!meetsRate(atThreshold, pop, 0, 90, P)) throw new Error(`${atThreshold}/${pop} should meet 90%`);
      if (meetsRate(atThreshold - 1, pop, 0, 90, P)) throw new Error(`${atThreshold - 1}/${pop} should fail 90%`);
    }
  });

  it('avoids the floating-point trap where 57/100*100 = 56.99999999999999', () => {
    expect((57 / 100) * 100).toBeLessThan(57); // the trap exists
    expect(meetsRate(57, 100, 0, 57, P)).toBe(true);
    expect(meetsRate(29, 50, 0, 58, P)).toBe(true);
  });
});

describe('evaluateCommune — level 1 on 15–35 at and around 90%', () => {
  it('90.0% (900/1000) passes', () => {
    const r = evaluateCommune(commune('X1', { '15_35': band(1000, 900, 900) }), P);
    expect(r.l1).toMatchObject({ met: true, rate: 0.9, band: '15_35', threshold: 90, basis: 'STANDARD', literate: 900, denominator: 1000 });
    expect(r.level).toBe(2);
    expect(r.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-35 đạt 90,0%, đạt ngưỡng 90%');
    expect(r.reasonsEn).toContain('Level 1 literacy rate, ages 15-35: 90.0%, meets the 90% threshold');
  });

  it('89.9% (899/1000) fails, with the reason in Vietnamese and English', () => {
    const r = evaluateCommune(commune('X2', { '15_35': band(1000, 899, 899) }), P);
    expect(r.l1.met).toBe(false);
    expect(r.l1.rate).toBeCloseTo(0.899, 12);
    expect(r.level).toBe(0);
    expect(r.reasons[0]).toBe('Xã chưa đạt chuẩn xóa mù chữ');
    expect(r.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-35 đạt 89,9%, chưa đạt 90%');
    expect(r.reasonsEn).toContain('Level 1 literacy rate, ages 15-35: 89.9%, below the 90% threshold');
  });

  it('89.99% is never displayed as "90,0%" in a failing reason', () => {
    const r = evaluateCommune(commune('X3', { '15_35': band(10000, 8999, 8999), '15_60': band(20000, 19500, 19000) }), P);
    expect(r.l1.met).toBe(false);
    expect(r.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-35 đạt 89,99%, chưa đạt 90%');
  });

  it('a commune at level 2 says so first', () => {
    const r = evaluateCommune(commune('X4'), P);
    expect(r.level).toBe(2);
    expect(r.reasons[0]).toBe('Xã đạt chuẩn xóa mù chữ mức độ 2');
    expect(r.reasonsEn[0]).toBe('The commune meets literacy level 2');
    expect(r.paramsVersion).toBe('ND20_2014');
    expect(r.missingData).toBe(false);
  });

  it('level 1 only when 15–60 level 2 is below 90%', () => {
    const r = evaluateCommune(commune('X5', { '15_60': band(2000, 1950, 1799) }), P);
    expect(r.level).toBe(1);
    expect(r.l2).toMatchObject({ met: false, band: '15_60' });
    expect(r.reasons).toContain('Tỷ lệ biết chữ mức độ 2 độ tuổi 15-60 đạt 89,95%, chưa đạt 90%');
  });
});

describe('evaluateCommune — ĐBKK communes', () => {
  const dbkkData = (dbkk: boolean) =>
    commune(
      'DB1',
      {
        '15_25': band(400, 365, 300), // 91.25% at L1
        '15_35': band(1000, 850, 700), // 85% at L1: fails the standard band
        '15_60': band(2000, 1700, 1400),
      },
      dbkk,
    );

  it('passes level 1 on the alternative band 15–25 while failing 15–35', () => {
    const r = evaluateCommune(dbkkData(true), P);
    expect(r.level).toBe(1);
    expect(r.l1).toMatchObject({ met: true, band: '15_25', basis: 'DBKK_ALTERNATIVE' });
    expect(r.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-25 (xã đặc biệt khó khăn) đạt 91,3%, đạt ngưỡng 90%');
  });

  it('the same counts without the ĐBKK flag fail (§E.5: the flag is required for the alternative bands)', () => {
    const r = evaluateCommune(dbkkData(false), P);
    expect(r.level).toBe(0);
    expect(r.l1).toMatchObject({ met: false, band: '15_35', basis: 'STANDARD', rate: 0.85 });
  });

  it('level 2 of a ĐBKK commune is judged on 15–35, not 15–60', () => {
    const data = (dbkk: boolean) =>
      commune('DB2', { '15_25': band(400, 390, 380), '15_35': band(1000, 950, 900), '15_60': band(2000, 1900, 1500) }, dbkk);
    const withFlag = evaluateCommune(data(true), P);
    expect(withFlag.level).toBe(2);
    expect(withFlag.l2).toMatchObject({ met: true, band: '15_35', basis: 'DBKK_ALTERNATIVE', rate: 0.9 });
    const withoutFlag = evaluateCommune(data(false), P);
    expect(withoutFlag.level).toBe(1);
    expect(withoutFlag.l2).toMatchObject({ met: false, band: '15_60', rate: 0.75 });
  });

  it('a ĐBKK commune without the 15–25 band is not recognised and the gap is named', () => {
    const data = commune('DB3', {}, true);
    delete data.bands['15_25'];
    const r = evaluateCommune(data, P);
    expect(r.level).toBe(0);
    expect(r.missingData).toBe(true);
    expect(r.l1).toMatchObject({ met: false, missingData: true, rate: null, band: '15_25' });
    expect(r.reasons).toContain('Thiếu số liệu độ tuổi 15-25 (xã đặc biệt khó khăn) để đánh giá mức độ 1');
  });

  it('dbkkMayUseStandardBand lets a ĐBKK commune fall back on the standard band', () => {
    const data = commune('DB4', { '15_25': band(400, 350, 350), '15_35': band(1000, 920, 900) }, true);
    expect(evaluateCommune(data, P).level).toBe(0);
    const lenient = evaluateCommune(data, { ...P, dbkkMayUseStandardBand: true });
    expect(lenient.level).toBeGreaterThanOrEqual(1);
    expect(lenient.l1).toMatchObject({ met: true, band: '15_35', basis: 'STANDARD' });
    expect(lenient.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-25 (xã đặc biệt khó khăn) đạt 87,5%, chưa đạt 90%');
  });
});

describe('evaluateCommune — level 2 requires level 1, zero populations, the disabled switch', () => {
  it('level 2 criterion met but level 1 not → level 0 with a reason', () => {
    // 15–35: 880/1000 at L1 (88%); 15–60: 1,820/2,000 at L2 (91%).
    const r = evaluateCommune(commune('L2only', { '15_35': band(1000, 880, 880), '15_60': band(2000, 1900, 1820) }), P);
    expect(r.l1.met).toBe(false);
    expect(r.l2.met).toBe(true);
    expect(r.level).toBe(0);
    expect(r.reasons).toContain('Đạt tiêu chí mức độ 2 nhưng chưa đạt mức độ 1 nên chưa được công nhận mức độ 2');
    expect(r.reasonsEn).toContain('Meets the level 2 criterion but not level 1, so level 2 cannot be recognised');
  });

  it('zero population in the band → rate null, not recognised', () => {
    const r = evaluateCommune(commune('Z', { '15_25': band(0, 0, 0), '15_35': band(0, 0, 0) }), P);
    expect(r.l1).toMatchObject({ met: false, rate: null, denominator: 0, missingData: false });
    expect(r.level).toBe(0);
    expect(r.reasons).toContain('Dân số độ tuổi 15-35 bằng 0, không tính được tỷ lệ biết chữ mức độ 1');
  });

  it('excludeDisabledExempt turns 89.5% into 90.4% and changes the verdict', () => {
    const data = commune('DIS', { '15_35': band(1000, 895, 895, 10) });
    const kept = evaluateCommune(data, P);
    expect(kept.level).toBe(0);
    expect(kept.l1.denominator).toBe(1000);
    const excluded = evaluateCommune(data, EXCLUDING);
    expect(excluded.level).toBe(2);
    expect(excluded.l1.denominator).toBe(990);
    expect(excluded.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-35 đạt 90,4%, đạt ngưỡng 90%');
    expect(excluded.reasons).toContain('Mẫu số độ tuổi 15-35 không tính 10 người khuyết tật thuộc diện miễn');
    expect(kept.reasons.some((s) => s.includes('khuyết tật'))).toBe(false);
  });

  it('a custom threshold is honoured exactly (57/100 at 57%)', () => {
    const custom: LiteracyParameters = {
      ...P,
      commune: { ...P.commune, l1: { ...P.commune.l1, standard: { band: '15_35', minRatePct: 57 } } },
    };
    const r = evaluateCommune(commune('C57', { '15_25': band(50, 45, 45), '15_35': band(100, 57, 57), '15_60': band(200, 190, 180) }), custom);
    expect(r.l1.met).toBe(true);
    expect(r.reasons).toContain('Tỷ lệ biết chữ mức độ 1 độ tuổi 15-35 đạt 57,0%, đạt ngưỡng 57%');
  });
});

describe('validateCommuneData', () => {
  it('accepts consistent data', () => {
    expect(validateCommuneData(commune('OK'))).toEqual([]);
  });

  it('flags L2 > L1, literate > population, nested bands and non-integers (§E.1, §E.5)', () => {
    const data = commune('BAD', {
      '15_25': band(1200, 10, 5), // larger than 15–35
      '15_35': band(1000, 900, 901),
      '15_60': { population: 2000, literateL1: 2001, literateL2: 1.5 },
    });
    const paths = validateCommuneData(data).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['bands.15_35.literateL2', 'bands.15_60.literateL2', 'bands.15_25.population']),
    );
    const l1Over = commune('BAD2', { '15_60': band(2000, 2001, 1900) });
    expect(validateCommuneData(l1Over).map((i) => i.messageVi)).toContain(
      'Số người biết chữ mức độ 1 độ tuổi 15-60 vượt quá dân số',
    );
  });

  it('evaluateCommune throws a LiteracyDataError carrying the issues', () => {
    const data = commune('BAD3', { '15_35': band(1000, 900, 950) });
    expect(() => evaluateCommune(data, P)).toThrow(LiteracyDataError);
    try {
      evaluateCommune(data, P);
    } catch (e) {
      expect((e as LiteracyDataError).issues[0].path).toBe('bands.15_35.literateL2');
    }
  });

  it('with exclusion on, literate must fit in population minus exempt', () => {
    const data = commune('BAD4', { '15_35': band(1000, 995, 995, 10) });
    expect(validateCommuneData(data, P)).toEqual([]);
    expect(() => evaluateCommune(data, EXCLUDING)).toThrow(LiteracyDataError);
  });
});

describe('evaluateDistrict', () => {
  it('9 of 10 communes at level 1 (90%) → met', () => {
    const r = evaluateDistrict('D1', units('COMMUNE', [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]), P);
    expect(r.l1).toMatchObject({ met: true, count: 9, total: 10, share: 0.9, threshold: 90 });
    expect(r.level).toBe(1);
    expect(r.reasons).toContain('Có 9/10 xã đạt chuẩn xóa mù chữ mức độ 1 (90,0%), đạt ngưỡng 90%');
    expect(r.reasonsEn).toContain('9 of 10 communes at literacy level 1 (90.0%), meets the 90% threshold');
  });

  it('8 of 10 communes (80%) → not met', () => {
    const r = evaluateDistrict('D2', units('COMMUNE', [2, 2, 2, 2, 2, 2, 2, 2, 0, 0]), P);
    expect(r.l1).toMatchObject({ met: false, count: 8, share: 0.8 });
    expect(r.level).toBe(0);
    expect(r.reasons[0]).toBe('Huyện chưa đạt chuẩn xóa mù chữ');
    expect(r.reasons).toContain('Có 8/10 xã đạt chuẩn xóa mù chữ mức độ 1 (80,0%), chưa đạt 90%');
  });

  it('communes at level 2 count towards level 1; 9 of 10 at level 2 → district level 2', () => {
    const r = evaluateDistrict('D3', units('COMMUNE', [2, 2, 2, 2, 2, 2, 2, 2, 2, 1]), P);
    expect(r.level).toBe(2);
    expect(r.l1.count).toBe(10);
    expect(r.l2.count).toBe(9);
  });

  it('accepts evaluateCommune results directly', () => {
    const results = [commune('a'), commune('b'), commune('c', { '15_35': band(1000, 800, 800) })].map((c) => evaluateCommune(c, P));
    const r = evaluateDistrict('D4', results, P);
    expect(r.l1).toMatchObject({ count: 2, total: 3, met: false });
  });

  it('a district without communes is not recognised', () => {
    const r = evaluateDistrict('D5', [], P);
    expect(r.level).toBe(0);
    expect(r.l1.share).toBeNull();
    expect(r.reasons).toContain('Không có xã nào để đánh giá mức độ 1');
  });

  it('refuses duplicates, districts as children, and parameter sets without a district tier', () => {
    const dup = [...units('COMMUNE', [1]), ...units('COMMUNE', [1])];
    expect(() => evaluateDistrict('D6', dup, P)).toThrow(/twice/);
    expect(() => evaluateDistrict('D7', units('DISTRICT', [1]), P)).toThrow(/aggregates COMMUNE/);
    expect(() => evaluateDistrict('D8', units('COMMUNE', [1]), POST)).toThrow(/no district tier/);
  });
});

describe('evaluateProvince', () => {
  it('level 2 needs 100% of districts: one district short → level 1 only', () => {
    const r = evaluateProvince('P1', units('DISTRICT', [2, 2, 2, 2, 2, 2, 2, 2, 2, 1]), P);
    expect(r.l1.met).toBe(true);
    expect(r.l2).toMatchObject({ met: false, count: 9, total: 10, threshold: 100 });
    expect(r.level).toBe(1);
    expect(r.reasons).toContain('Có 9/10 huyện đạt chuẩn xóa mù chữ mức độ 2 (90,0%), chưa đạt 100%');
  });

  it('all districts at level 2 → province level 2', () => {
    expect(evaluateProvince('P2', units('DISTRICT', [2, 2, 2]), P).level).toBe(2);
  });

  it('level 1 needs 90% of districts: 9/10 yes, 17/19 (89.5%) no', () => {
    expect(evaluateProvince('P3', units('DISTRICT', [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]), P).level).toBe(1);
    const levels: LiteracyLevel[] = [...Array(17).fill(1), 0, 0];
    const r = evaluateProvince('P4', units('DISTRICT', levels), P);
    expect(r.level).toBe(0);
    expect(r.reasons).toContain('Có 17/19 huyện đạt chuẩn xóa mù chữ mức độ 1 (89,5%), chưa đạt 90%');
  });

  it('accepts evaluateDistrict results directly', () => {
    const districts = [
      evaluateDistrict('D1', units('COMMUNE', [2, 2]), P),
      evaluateDistrict('D2', units('COMMUNE', [2, 1]), P),
    ];
    expect(districts.map((d) => d.level)).toEqual([2, 1]);
    const r = evaluateProvince('P5', districts, P);
    expect(r).toMatchObject({ level: 1, childKind: 'DISTRICT' });
    expect(r.l2).toMatchObject({ count: 1, total: 2, met: false });
  });

  it('under PROVINCE_DIRECT the province is judged on communes at 90% / 90%', () => {
    const r = evaluateProvince('P6', units('COMMUNE', [2, 2, 2, 2, 2, 2, 2, 2, 2, 1]), POST);
    expect(r).toMatchObject({ level: 2, childKind: 'COMMUNE', paramsVersion: 'ND20_2014_POST_2025_REFORM' });
    expect(r.l2).toMatchObject({ count: 9, total: 10, threshold: 90, met: true });
    expect(r.reasons).toContain('Có 9/10 xã đạt chuẩn xóa mù chữ mức độ 2 (90,0%), đạt ngưỡng 90%');
    expect(r.reasons[0]).toBe('Tỉnh đạt chuẩn xóa mù chữ mức độ 2');
  });

  it('refuses children of the wrong tier', () => {
    expect(() => evaluateProvince('P7', units('COMMUNE', [2]), P)).toThrow(/aggregates DISTRICT/);
    expect(() => evaluateProvince('P8', units('DISTRICT', [2]), POST)).toThrow(/aggregates COMMUNE/);
  });
});

describe('rollUp', () => {
  // 20 communes; C1–C10 (9 at level ≥ 1) and C11–C20 (8 at level ≥ 1, all of those at level 2).
  const failing = new Set(['C10', 'C19', 'C20']);
  const data: CommuneLiteracyData[] = Array.from({ length: 20 }, (_, i) => {
    const id = `C${i + 1}`;
    return failing.has(id) ? commune(id, { '15_35': band(1000, 850, 800) }) : commune(id);
  });
  const pre: AdminUnitNode[] = [
    { id: 'P', parentId: null, level: 'PROVINCE' },
    { id: 'D1', parentId: 'P', level: 'DISTRICT' },
    { id: 'D2', parentId: 'P', level: 'DISTRICT' },
    ...data.map((d, i) => ({ id: d.unitId, parentId: i < 10 ? 'D1' : 'D2', level: 'COMMUNE' as const })),
  ];
  const post: AdminUnitNode[] = [
    { id: 'P', parentId: null, level: 'PROVINCE' },
    ...data.map((d, i) => ({ id: d.unitId, parentId: 'P', level: (i % 5 === 0 ? 'WARD' : 'COMMUNE') as AdminUnitNode['level'] })),
  ];

  it('pre-reform: communes → districts → province', () => {
    const r = rollUp(pre, data, P);
    expect(r.tier).toBe('DISTRICT');
    expect(r.communes).toHaveLength(20);
    expect(r.districts.map((d) => [d.unitId, d.level])).toEqual([
      ['D1', 2],
      ['D2', 0],
    ]);
    expect(r.province.childKind).toBe('DISTRICT');
    expect(r.province.l1).toMatchObject({ count: 1, total: 2, met: false });
    expect(r.province.level).toBe(0);
  });

  it('post-reform PROVINCE_DIRECT: the same communes roll up straight to the province (17/20 = 85% → not met)', () => {
    const r = rollUp(post, data, POST);
    expect(r.tier).toBe('PROVINCE_DIRECT');
    expect(r.districts).toEqual([]);
    expect(r.province.childKind).toBe('COMMUNE');
    expect(r.province.l1).toMatchObject({ count: 17, total: 20, met: false });
    const better = data.map((d) => (d.unitId === 'C10' ? commune('C10') : d));
    const r2 = rollUp(post, better, POST);
    expect(r2.province.l1).toMatchObject({ count: 18, total: 20, met: true });
    expect(r2.province.level).toBe(2);
  });

  it('post-reform roll-up also works on a tree that still holds legacy districts', () => {
    const r = rollUp(pre, data, POST);
    expect(r.districts).toEqual([]);
    expect(r.province.l1.total).toBe(20);
  });

  it('communes without data count as not recognised; data for unknown units is reported', () => {
    const partial = [...data.slice(1), commune('ELSEWHERE')];
    const r = rollUp(post, partial, POST);
    expect(r.communesWithoutData).toEqual(['C1']);
    expect(r.unmatchedData).toEqual(['ELSEWHERE']);
    const c1 = r.communes.find((c) => c.unitId === 'C1');
    expect(c1).toMatchObject({ level: 0, missingData: true });
    expect(c1?.reasons).toContain('Chưa có số liệu xóa mù chữ của xã');
    expect(r.province.l1).toMatchObject({ count: 16, total: 20 });
  });

  it('refuses a district-tier roll-up when communes sit directly under the province', () => {
    expect(() => rollUp(post, data, P)).toThrow(/not under a district/);
  });

  it('needs exactly one province and unique ids', () => {
    expect(() => rollUp(post.slice(1), data, POST)).toThrow(/exactly one PROVINCE/);
    expect(() => rollUp([...post, { id: 'P2', parentId: null, level: 'PROVINCE' }], data, POST)).toThrow(/exactly one/);
    expect(() => rollUp([...post, post[1]], data, POST)).toThrow(/twice/);
  });
});
