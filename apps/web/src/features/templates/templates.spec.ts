import { GDTX_SEMESTER_TEMPLATE, validateTemplateDefinition, XMC_COMMUNE_DEADLINE, type TemplateDefinition } from '@gdtx/domain';
import {
  applyEdits, changesInWords, sameDefinition, deadlineInWords, editsOf, fieldCodeOfPath, pathInWords, problemsFromExtensions, ruleInWords,
} from './templates';

const base = GDTX_SEMESTER_TEMPLATE as TemplateDefinition;

/** Every object key used anywhere in a value (for a replacer array that reorders keys). */
function flatKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) value.forEach((v) => flatKeys(v, into));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { into[k] = true; flatKeys(v, into); }
  return into;
}

describe('template screens: pure helpers', () => {
  it('says a deadline rule in words, in both languages', () => {
    expect(deadlineInWords({ kind: 'AFTER_PERIOD_END', days: 5 }, 'QUARTER', 'vi')).toBe('5 ngày sau khi kết thúc quý');
    expect(deadlineInWords({ kind: 'AFTER_PERIOD_END', days: 5 }, 'QUARTER', 'en')).toBe('5 days after the end of the quarter');
    expect(deadlineInWords({ kind: 'AFTER_PERIOD_END', days: 0 }, 'SEMESTER', 'vi')).toBe('Ngày cuối cùng của học kỳ');
    expect(deadlineInWords({ kind: 'FIXED_DATE', month: 10, day: 2, yearOffset: 0 }, 'LITERACY_YEAR', 'vi')).toBe('Ngày 02/10 của năm kết thúc năm xóa mù chữ');
    expect(deadlineInWords({ kind: 'FIXED_DATE', month: 1, day: 15, yearOffset: 1 }, 'SCHOOL_YEAR', 'vi')).toBe('Ngày 15/01 1 năm sau năm kết thúc năm học');
    expect(deadlineInWords(XMC_COMMUNE_DEADLINE, 'LITERACY_YEAR', 'vi')).toMatch(/^Ngày \d{2}\/\d{2} /);
  });

  it('writes a rule as a sentence about the template: labels filled in, report values elided', () => {
    const rule = { code: 'r', severity: 'error' as const, expression: 'exam_certified <= exam_candidates', fields: ['exam_certified'],
      messageVi: '{label:exam_certified} ({exam_certified}) không được lớn hơn {label_lower:exam_candidates} ({=exam_candidates})', messageEn: 'x' };
    expect(ruleInWords(base, rule, 'vi')).toBe('Số cấp chứng chỉ (…) không được lớn hơn số dự thi (…)');
    // Every shipped rule renders without a leftover placeholder.
    for (const r of base.rules) expect(ruleInWords(base, r, 'vi')).not.toMatch(/[{}]/);
  });

  it('applies the edits of the form and nothing else; the result still validates', () => {
    const edits = editsOf(base);
    expect(applyEdits(base, edits)).toEqual(base);
    // As stored (jsonb reorders keys): unchanged edits are still "no change".
    const reordered = JSON.parse(JSON.stringify(base, Object.keys(flatKeys(base)).sort().reverse())) as TemplateDefinition;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(base));
    expect(sameDefinition(applyEdits(reordered, editsOf(reordered)), base)).toBe(true);
    expect(changesInWords(reordered, applyEdits(reordered, editsOf(reordered)), 'vi')).toEqual([]);

    edits.fields['staff_total'] = { ...edits.fields['staff_total'], labelVi: '  Tổng số cán bộ  ' };
    edits.fields['staff_ldtt_rate'] = { ...edits.fields['staff_ldtt_rate'], helpVi: '' };
    edits.deadline = { kind: 'AFTER_PERIOD_END', days: 10 };
    edits.newFields.push({ sectionCode: 'staff', code: 'staff_volunteers', labelVi: 'Tình nguyện viên', labelEn: 'Volunteers', type: 'integer', unit: 'người' });
    const next = applyEdits(base, edits);

    const staff = next.sections.find((s) => s.code === 'staff')!;
    expect(staff.fields.find((f) => f.code === 'staff_total')!.labelVi).toBe('Tổng số cán bộ');
    expect(staff.fields.find((f) => f.code === 'staff_ldtt_rate')!.helpVi).toBeUndefined();
    expect(staff.fields.at(-1)).toEqual({ code: 'staff_volunteers', labelVi: 'Tình nguyện viên', labelEn: 'Volunteers', type: 'integer', required: false, min: 0, unit: 'người' });
    expect(next.deadline).toEqual({ kind: 'AFTER_PERIOD_END', days: 10 });
    expect(next.rules).toEqual(base.rules);
    // The base is untouched (published versions are frozen data).
    expect(base.sections.find((s) => s.code === 'staff')!.fields[0].labelVi).toBe('Tổng số viên chức và người lao động');
    expect(validateTemplateDefinition(next)).toEqual([]);
    expect(sameDefinition(next, base)).toBe(false);

    const changes = changesInWords(base, next, 'vi');
    expect(changes).toEqual([
      expect.stringMatching(/^Hạn nộp: .* → 10 ngày sau khi kết thúc học kỳ$/),
      'Nhãn chỉ tiêu staff_total: "Tổng số viên chức và người lao động" → "Tổng số cán bộ"',
      'Hướng dẫn của chỉ tiêu staff_ldtt_rate',
      'Thêm chỉ tiêu "Tình nguyện viên" (staff_volunteers) vào phần "Đội ngũ cán bộ, viên chức, người lao động"',
    ]);
  });

  it('finds the field a validation problem is about and names where it is', () => {
    const edits = editsOf(base);
    edits.fields['staff_total'] = { ...edits.fields['staff_total'], labelVi: ' ' };
    const broken = applyEdits(base, edits);
    const problems = validateTemplateDefinition(broken);
    expect(problems.length).toBeGreaterThan(0);
    const sectionIndex = base.sections.findIndex((s) => s.code === 'staff');
    expect(problems.map((p) => fieldCodeOfPath(broken, p.path))).toContain('staff_total');
    expect(pathInWords(base, `sections[${sectionIndex}].fields[0].labelVi`, 'vi')).toBe(
      `Phần ${sectionIndex + 1} «Đội ngũ cán bộ, viên chức, người lao động» › chỉ tiêu «Tổng số viên chức và người lao động»`,
    );
    expect(pathInWords(base, 'periodType', 'vi')).toBe('Loại kỳ báo cáo');
    expect(pathInWords(base, 'rules[0].expression', 'vi')).toBe(`Quy tắc kiểm tra 1 (${base.rules[0].code})`);
    expect(fieldCodeOfPath(base, 'periodType')).toBeNull();
  });

  it('reads the problems of a server error', () => {
    expect(problemsFromExtensions({ code: 'VALIDATION_FAILED', fields: [{ field: 'periodType', messageVi: 'Không được đổi', messageEn: 'No' }] }))
      .toEqual([{ path: 'periodType', messageVi: 'Không được đổi', messageEn: 'No' }]);
    expect(problemsFromExtensions({ code: 'BAD_USER_INPUT', field: 'definition', messageEn: 'Wrong' }, { vi: 'Sai', en: 'Wrong' }))
      .toEqual([{ path: 'definition', messageVi: 'Sai', messageEn: 'Wrong' }]);
    expect(problemsFromExtensions({ code: 'FORBIDDEN' })).toEqual([]);
  });
});
