import type { TemplateDefinition } from '../template-types';
import { validateValues } from './engine';
import { findShippedTemplate, shippedTemplates } from '../templates/shipped-templates';
import { validateTemplateDefinition } from './template-definition';

/** A valid base to break one thing at a time. */
function template(overrides: Partial<TemplateDefinition> = {}): TemplateDefinition {
  return {
    code: 'EXAMS',
    version: 1,
    nameVi: 'Thi',
    nameEn: 'Exams',
    centreTypes: ['IT'],
    periodType: 'QUARTER',
    deadline: { kind: 'AFTER_PERIOD_END', days: 5 },
    sections: [
      {
        code: 'exams',
        titleVi: 'Thi',
        titleEn: 'Exams',
        fields: [
          { code: 'candidates', labelVi: 'Số dự thi', labelEn: 'Candidates', type: 'integer' },
          { code: 'certified', labelVi: 'Số cấp chứng chỉ', labelEn: 'Certified', type: 'integer' },
          { code: 'note', labelVi: 'Ghi chú', labelEn: 'Note', type: 'text' },
        ],
      },
    ],
    rules: [
      {
        code: 'exam.certified_le_candidates',
        severity: 'error',
        expression: 'certified <= candidates',
        fields: ['certified', 'candidates'],
        messageVi: '{label:certified} ({certified}) không được lớn hơn {label_lower:candidates} ({candidates}).',
        messageEn: '{label:certified} ({certified}) must not exceed {label_lower:candidates} ({candidates}).',
      },
    ],
    ...overrides,
  };
}

const withRule = (changes: Partial<TemplateDefinition['rules'][number]>) =>
  template({ rules: [{ ...template().rules[0], ...changes }] });
const paths = (definition: TemplateDefinition) => validateTemplateDefinition(definition).map((problem) => problem.path);

describe('shipped templates', () => {
  it('are all well-formed', () => {
    expect(shippedTemplates.map((shipped) => [shipped.code, validateTemplateDefinition(shipped)])).toEqual(
      shippedTemplates.map((shipped) => [shipped.code, []]),
    );
  });

  it('ships the five templates (GDTX and literacy in versions 1 and 2) for the right centres, periods and deadlines', () => {
    expect(
      shippedTemplates.map((shipped) => [shipped.code, shipped.version, shipped.periodType, shipped.deadline, shipped.centreTypes]),
    ).toEqual([
      ['GDTX_SEMESTER', 1, 'SEMESTER', { kind: 'AFTER_PERIOD_END', days: 2 }, ['PROVINCIAL_GDTX', 'GDNN_GDTX']],
      ['GDTX_SCHOOL_YEAR', 1, 'SCHOOL_YEAR', { kind: 'AFTER_PERIOD_END', days: 15 }, ['PROVINCIAL_GDTX', 'GDNN_GDTX']],
      ['GDTX_SEMESTER', 2, 'SEMESTER', { kind: 'AFTER_PERIOD_END', days: 2 }, ['PROVINCIAL_GDTX', 'GDNN_GDTX']],
      ['GDTX_SCHOOL_YEAR', 2, 'SCHOOL_YEAR', { kind: 'AFTER_PERIOD_END', days: 15 }, ['PROVINCIAL_GDTX', 'GDNN_GDTX']],
      ['LANGUAGE_IT_QUARTERLY', 1, 'QUARTER', { kind: 'AFTER_PERIOD_END', days: 5 }, ['LANGUAGE', 'IT', 'LANGUAGE_IT', 'LIFE_SKILLS']],
      ['TTHTCD_SEMESTER', 1, 'SEMESTER', { kind: 'AFTER_PERIOD_END', days: 10 }, ['TTHTCD']],
      ['XMC_COMMUNE_YEARLY', 1, 'LITERACY_YEAR', { kind: 'FIXED_DATE', month: 10, day: 2, yearOffset: 0 }, ['TTHTCD']],
      ['XMC_COMMUNE_YEARLY', 2, 'LITERACY_YEAR', { kind: 'FIXED_DATE', month: 10, day: 2, yearOffset: 0 }, ['TTHTCD']],
    ]);
  });

  it('literacy v2 adds ethnic-minority learners and completion per phase, checked against the learners', () => {
    const v2 = findShippedTemplate('XMC_COMMUNE_YEARLY')!;
    expect(v2.version).toBe(2);
    expect(findShippedTemplate('XMC_COMMUNE_YEARLY', 1)!.version).toBe(1);
    const base = { xmc_classes: 2, xmc_teachers_mobilised: 2, xmc_learners_phase1: 30, xmc_learners_phase2: 20, xmc_newly_literate: 40 };
    const errors = (values: Record<string, number>) =>
      validateValues(v2, values).filter((i) => i.severity === 'error' && i.ruleCode.startsWith('xmc.')).map((i) => i.ruleCode);
    expect(errors({ ...base, xmc_learners_dtts: 50, xmc_newly_literate_phase1: 30, xmc_newly_literate_phase2: 10 })).toEqual([]);
    expect(errors({ ...base, xmc_learners_dtts: 51 })).toContain('xmc.dtts_le_learners');
    expect(errors({ ...base, xmc_newly_literate_phase1: 31 })).toContain('xmc.phase1_completed_le_learners');
    expect(errors({ ...base, xmc_newly_literate_phase2: 21 })).toContain('xmc.phase2_completed_le_learners');
  });

  it('shares sections and rules between the semester and school-year GDTX templates', () => {
    const semester = findShippedTemplate('GDTX_SEMESTER')!;
    const year = findShippedTemplate('GDTX_SCHOOL_YEAR')!;
    expect(year.sections).toBe(semester.sections);
    expect(year.rules).toBe(semester.rules);
  });

  it('marks plan fields as targets and labels fields in Vietnamese with diacritics', () => {
    const fields = findShippedTemplate('GDTX_SEMESTER')!.sections.flatMap((section) => section.fields);
    expect(fields.filter((field) => field.isTarget).every((field) => field.code.startsWith('target_'))).toBe(true);
    expect(fields.find((field) => field.code === 'staff_ldtt')?.labelVi).toBe('Số đạt danh hiệu Lao động tiên tiến');
  });

  it('is frozen, so a published version cannot be changed in place', () => {
    const shipped = findShippedTemplate('XMC_COMMUNE_YEARLY')!;
    expect(Object.isFrozen(shipped.sections[0].fields[0])).toBe(true);
    expect(() => (shipped.rules as unknown[]).push({})).toThrow(TypeError);
  });

  it('finds a template by code and version', () => {
    expect(findShippedTemplate('TTHTCD_SEMESTER', 1)?.code).toBe('TTHTCD_SEMESTER');
    expect(findShippedTemplate('TTHTCD_SEMESTER', 2)).toBeUndefined();
    expect(findShippedTemplate('NOPE')).toBeUndefined();
  });
});

describe('validateTemplateDefinition', () => {
  it('accepts the valid base template', () => {
    expect(validateTemplateDefinition(template())).toEqual([]);
  });

  it('reports a rule that reads an unknown key, with the position', () => {
    const problems = validateTemplateDefinition(withRule({ expression: 'certified <= candidate' }));
    expect(problems).toEqual([
      {
        path: 'rules[0].expression',
        messageVi: 'Quy tắc "exam.certified_le_candidates", ký tự thứ 14: Mã \'candidate\' không có trong biểu mẫu.',
        messageEn: 'Rule "exam.certified_le_candidates", character 14: Unknown key \'candidate\'.',
      },
    ]);
  });

  it('reports a rule that does not parse', () => {
    const [problem] = validateTemplateDefinition(withRule({ expression: 'certified <= (candidates' }));
    expect(problem.path).toBe('rules[0].expression');
    expect(problem.messageEn).toContain("Expected ')' but found end of expression at character 25");
  });

  it('reports each kind of malformation at its path', () => {
    const cases: [string, () => TemplateDefinition, string][] = [
    ['a duplicate field code', () => {
      const base = template();
      const fields = [...base.sections[0].fields, { ...base.sections[0].fields[0] }];
      return template({ sections: [{ ...base.sections[0], fields }] });
    }, 'sections[0].fields[3].code'],
    ['a non-snake_case field code', () => {
      const base = template();
      return template({ sections: [{ ...base.sections[0], fields: [{ ...base.sections[0].fields[0], code: 'lđtt_rate' }] }] });
    }, 'sections[0].fields[0].code'],
    ['a choice field without choices', () => {
      const base = template();
      return template({ sections: [{ ...base.sections[0], fields: [{ code: 'status', labelVi: 'Tình trạng', labelEn: 'Status', type: 'choice' }] }] });
    }, 'sections[0].fields[0].choices'],
    ['a duplicate rule code', () => template({ rules: [template().rules[0], template().rules[0]] }), 'rules[1].code'],
    ['a rule code in the reserved field. namespace', () => withRule({ code: 'field.required' }), 'rules[0].code'],
    ['a rule yielding a number', () => withRule({ expression: 'certified + candidates' }), 'rules[0].expression'],
    ['text used in arithmetic', () => withRule({ expression: 'note + 1 > 0' }), 'rules[0].expression'],
    ['an explainable error', () => withRule({ explainable: true }), 'rules[0].explainable'],
    ['a rule that names an unknown field', () => withRule({ fields: ['certified', 'nope'] }), 'rules[0].fields[1]'],
    ['a message with an unknown placeholder', () => withRule({ messageEn: 'Too many ({certifed})' }), 'rules[0].messageEn'],
    ['a rule reading only the previous report', () => withRule({ expression: 'prev(certified) >= 0' }), 'rules[0].expression'],
    ['a 29 February deadline', () => template({ deadline: { kind: 'FIXED_DATE', month: 2, day: 29, yearOffset: 0 } }), 'deadline.day'],
    ['an unknown centre type', () => template({ centreTypes: ['SCHOOL' as never] }), 'centreTypes[0]'],
    ];
    const missed = cases.filter(([, build, path]) => !paths(build()).includes(path)).map(([what]) => what);
    expect(missed).toEqual([]);
  });
});
