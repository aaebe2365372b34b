import {
  checkPct, checkTargetYear, checkValidity, checkVersion, dbkkInForce, fromFormValues, literacyYearOf, matchesSearch, parseDefinition,
  serverFieldMessages, serverIssueVi, toFormValues,
} from './literacySettings';

const SET = {
  version: 'ND20_2014_POST_2025_REFORM', validFrom: '2025-07-01', validTo: null,
  legalBasis: ['NĐ 20/2014', 'TT 07/2016'], descriptionVi: 'Chuẩn XMC', descriptionEn: 'Standards',
  commune: {
    l1: { standard: { band: '15_35', minRatePct: 90 }, dbkkAlternative: { band: '15_25', minRatePct: 90 } },
    l2: { standard: { band: '15_60', minRatePct: 90 }, dbkkAlternative: { band: '15_35', minRatePct: 85.5 } },
  },
  district: { l1MinSharePct: 90, l2MinSharePct: 90 }, province: { l1MinSharePct: 90, l2MinSharePct: 100 },
  aggregationTier: 'PROVINCE_DIRECT', excludeDisabledExempt: false, dbkkMayUseStandardBand: true, assumptions: ['[U] a', '[U] b'],
};

describe('literacy settings', () => {
  it('round-trips a parameter set through the form', () => {
    const d = parseDefinition(JSON.stringify(SET));
    const v = toFormValues(d);
    expect(v.validTo).toBe('');
    expect(v.l2DbkkPct).toBe(85.5);
    expect(v.legalBasis).toBe('NĐ 20/2014\nTT 07/2016');
    expect(fromFormValues({ ...v, legalBasis: ' NĐ 20/2014 \n\nTT 07/2016' })).toEqual(SET);
    expect(fromFormValues({ ...v, validTo: '2030-12-31', provinceL2Pct: 95 }).province.l2MinSharePct).toBe(95);
  });

  it('keeps the recognition chain of the set adjusted while its tier is unchanged', () => {
    const chain = [
      { tier: 'COMMUNE', l1: { vi: 'Chủ tịch UBND cấp tỉnh', en: 'c' }, l2: { vi: 'Chủ tịch UBND cấp tỉnh', en: 'c' } },
      { tier: 'PROVINCE', l1: { vi: 'Chủ tịch UBND cấp tỉnh', en: 'c' }, l2: { vi: 'Bộ trưởng Bộ Giáo dục và Đào tạo', en: 'm' } },
    ];
    const d = parseDefinition(JSON.stringify({ ...SET, recognition: chain }));
    const v = toFormValues(d);
    expect(fromFormValues(v, d).recognition).toEqual(chain);
    // Another tier needs another chain: none is carried over (the API then says who recognises is unknown).
    expect(fromFormValues({ ...v, aggregationTier: 'DISTRICT' }, d).recognition).toBeUndefined();
    expect(fromFormValues(v).recognition).toBeUndefined();
  });

  it('refuses what is not a parameter set', () => {
    expect(() => parseDefinition('[1]')).toThrow(TypeError);
    expect(() => parseDefinition('{"version":"x"}')).toThrow(TypeError);
  });

  it('checks thresholds, dates, versions and years', () => {
    expect(checkPct(90)).toBeNull();
    expect(checkPct(100)).toBeNull();
    expect(checkPct(100.5)).toBe('pctRange');
    expect(checkPct(0)).toBe('pctRange');
    expect(checkPct(-3)).toBe('pctRange');
    expect(checkPct(90.123)).toBe('pctDecimals');
    expect(checkPct(null)).toBe('required');
    expect(checkValidity('2025-07-01', null)).toBeNull();
    expect(checkValidity('2025-02-30', null)).toBe('dateInvalid');
    expect(checkValidity('2025-07-01', '2025-06-30')).toBe('dateOrder');
    expect(checkValidity('2025-07-01', '2025-07-01')).toBeNull();
    expect(checkVersion('TH_2026')).toBeNull();
    expect(checkVersion('có dấu')).toBe('versionInvalid');
    expect(checkVersion(' ')).toBe('required');
    expect(checkTargetYear(2030)).toBeNull();
    expect(checkTargetYear(2019)).toBe('yearRange');
    expect(checkTargetYear(2025.5)).toBe('yearRange');
  });

  it('puts the server issues in plain Vietnamese', () => {
    expect(serverIssueVi('Tham số không hợp lệ: province.l1MinSharePct must be in (0, 100], got 120')).toBe(
      'Tỷ lệ đơn vị đạt mức độ 1 để tỉnh đạt chuẩn phải lớn hơn 0 và không quá 100% (đã nhập 120)',
    );
    expect(serverIssueVi('Tham số không hợp lệ: validTo is before validFrom')).toBe('Ngày hết hiệu lực phải sau ngày có hiệu lực');
    expect(serverIssueVi('Chỉ xã, phường, đặc khu mới được xác định là xã ĐBKK')).toBe('Chỉ xã, phường, đặc khu mới được xác định là xã ĐBKK');
    expect(serverFieldMessages({ fields: [{ field: 'definitionJson', messageVi: 'Tham số không hợp lệ: version is required', messageEn: 'version is required' }] }, 'vi'))
      .toEqual(['Cần nhập mã phiên bản']);
    expect(serverFieldMessages({}, 'vi')).toEqual([]);
  });

  it('tells ĐBKK validity, searches without diacritics, finds the literacy year', () => {
    expect(dbkkInForce({ validFrom: '2021-01-01', validTo: null }, '2026-12-01')).toBe(true);
    expect(dbkkInForce({ validFrom: '2021-01-01', validTo: '2025-12-31' }, '2026-12-01')).toBe(false);
    expect(dbkkInForce({ validFrom: '2027-01-01' }, '2026-12-01')).toBe(false);
    expect(matchesSearch('Xã Xuân Hòa — Huyện Thọ Xuân', 'xuan hoa')).toBe(true);
    expect(matchesSearch('Phường Đông Sơn', 'dong son')).toBe(true);
    expect(matchesSearch('Xã Xuân Hòa', 'xuan lam')).toBe(false);
    expect(literacyYearOf('2025-07-01')).toBe(2025);
    expect(literacyYearOf('2025-10-01')).toBe(2026);
  });
});
