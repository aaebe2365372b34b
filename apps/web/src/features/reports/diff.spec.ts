import { GDTX_SEMESTER_TEMPLATE, S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
import { diffValues } from './diff';

describe('diffValues (version history in the report form)', () => {
  it('lists only changed keys, in template order, with Vietnamese labels (grid cells as grid – row – column)', () => {
    const before = { ...S0_THANH_HOA_2020_2021_VALUES };
    const after = { ...before, exam_certified: 2269, classrooms: 12, 'exam_by_type.it_basic.certified': 2269 };
    const changes = diffValues(GDTX_SEMESTER_TEMPLATE, before, after, 'vi');
    expect(changes.map((c) => c.key)).toEqual(['exam_certified', 'exam_by_type.it_basic.certified', 'classrooms']);
    expect(changes[0]).toEqual({ key: 'exam_certified', label: 'Số cấp chứng chỉ', from: 2270, to: 2269 });
    expect(changes[1].label).toBe('Thi theo loại chứng chỉ – Ứng dụng CNTT cơ bản – Cấp chứng chỉ');
    expect(changes[2]).toMatchObject({ from: null, to: 12 });
  });

  it('shows a key the template does not define by its code, after the template keys', () => {
    const changes = diffValues(GDTX_SEMESTER_TEMPLATE, { staff_total: 56 }, { staff_total: 57, legacy_code: 1 }, 'en');
    expect(changes).toEqual([
      { key: 'staff_total', label: 'Total staff', from: 56, to: 57 },
      { key: 'legacy_code', label: 'legacy_code', from: null, to: 1 },
    ]);
  });

  it('finds no change between equal versions', () => {
    expect(diffValues(GDTX_SEMESTER_TEMPLATE, { ...S0_THANH_HOA_2020_2021_VALUES }, { ...S0_THANH_HOA_2020_2021_VALUES }, 'vi')).toEqual([]);
  });
});
