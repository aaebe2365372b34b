import type { TemplateDefinition } from '@gdtx/domain';
import { GDTX_FIXTURE_TEMPLATE } from './__fixtures__/gdtx-report.fixture';
import { cellAddress, columnLetter, parseAddress, planWorkbook, sanitizeSheetName, uniqueSheetName } from './layout';

describe('sanitizeSheetName', () => {
  it('keeps Vietnamese titles with diacritics as they are', () => {
    expect(sanitizeSheetName('Thi cấp chứng chỉ', 'x')).toBe('Thi cấp chứng chỉ');
  });

  it('replaces the characters Excel forbids and stays within 31 characters', () => {
    const name = sanitizeSheetName('Cơ sở vật chất: phòng học/phòng thí nghiệm [năm học]', 'x');
    expect(name).toBe('Cơ sở vật chất - phòng học');
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[\\/?*[\]:]/);
  });

  it('never returns an empty, reserved or apostrophe-wrapped name', () => {
    expect(sanitizeSheetName('???', 'Mục 3')).toBe('Mục 3');
    expect(sanitizeSheetName('History', 'Mục 1')).toBe('Mục 1');
    expect(sanitizeSheetName("'Báo cáo'", 'x')).toBe('Báo cáo');
  });

  it('cuts an over-long word-less title at 31 characters', () => {
    expect(sanitizeSheetName('A'.repeat(40), 'x')).toBe('A'.repeat(31));
  });

  it('normalises decomposed (NFD) input to NFC', () => {
    expect(sanitizeSheetName('Học viên'.normalize('NFD'), 'x')).toBe('Học viên'.normalize('NFC'));
  });
});

describe('uniqueSheetName', () => {
  it('suffixes duplicates case-insensitively and keeps 31 characters', () => {
    const taken = new Set<string>();
    const long = 'Số học viên theo độ tuổi và cấp';
    expect(long.length).toBe(31);
    expect(uniqueSheetName(long, taken)).toBe(long);
    const second = uniqueSheetName(long.toUpperCase(), taken);
    expect(second.endsWith(' (2)')).toBe(true);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(uniqueSheetName(long, taken).endsWith(' (3)')).toBe(true);
  });
});

describe('addresses', () => {
  it('converts between column numbers and letters', () => {
    expect([1, 3, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'C', 'Z', 'AA', 'AZ', 'AAA']);
    expect(cellAddress(7, 3)).toBe('C7');
    expect(parseAddress('C7')).toEqual({ row: 7, col: 3 });
    expect(parseAddress('AA10')).toEqual({ row: 10, col: 27 });
    expect(parseAddress('C0')).toBeNull();
    expect(parseAddress('c7')).toBeNull();
    expect(parseAddress('Sheet1!C7')).toBeNull();
    expect(parseAddress('ZZZ1')).toBeNull(); // beyond XFD
  });
});

describe('planWorkbook', () => {
  const plan = planWorkbook(GDTX_FIXTURE_TEMPLATE);

  it('places every template key exactly once, in template order', () => {
    const keys = plan.cells.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 4)).toEqual(['preparer_name', 'report_date', 'teaches_upper_secondary', 'facility_condition']);
    expect(keys).toContain('learners.g12.female');
    expect(keys).toHaveLength(4 + 5 + 2 + 6 + 2);
  });

  it('puts the number of exam candidates in C7 of the sheet "Thi cấp chứng chỉ"', () => {
    const cell = plan.cells.find((c) => c.key === 'exam_candidates')!;
    expect(cell).toMatchObject({ sheet: 'Thi cấp chứng chỉ', address: 'C7' });
    expect(cell.anchors).toEqual([{ address: 'B7', text: 'Số thí sinh dự thi' }]);
  });

  it('lays a grid out as a table below the scalar fields, with row and column anchors', () => {
    const cell = plan.cells.find((c) => c.key === 'learners.g11.female')!;
    // fields: header row 5, 'classes' row 6, 'operating_budget' row 7, blank 8; grid title 9, header 10, g10 11, g11 12.
    expect(cell).toMatchObject({ sheet: 'Học viên GDTX cấp THPT', address: 'D12' });
    expect(cell.anchors).toEqual([
      { address: 'B12', text: 'Lớp 11' },
      { address: 'D10', text: 'Nữ' },
    ]);
  });

  it('gives sections with identical titles distinct sheet names, never clashing with the system sheets', () => {
    const t: TemplateDefinition = {
      ...GDTX_FIXTURE_TEMPLATE,
      sections: [
        { code: 'a', titleVi: 'Hướng dẫn', titleEn: 'a', fields: [] },
        { code: 'b', titleVi: 'Học viên', titleEn: 'b', fields: [] },
        { code: 'c', titleVi: 'HỌC VIÊN', titleEn: 'c', fields: [] },
        { code: 'd', titleVi: '_meta', titleEn: 'd', fields: [] },
      ],
    };
    expect(planWorkbook(t).sections.map((s) => s.sheet)).toEqual(['Hướng dẫn (2)', 'Học viên', 'HỌC VIÊN (2)', '_meta (2)']);
  });
});
