import type { TemplateDefinition, ValidationIssue, ValueMap } from '../template-types';
import { findShippedTemplate } from '../templates/shipped-templates';
import { S0_THANH_HOA_2020_2021_VALUES } from '../templates/s0-thanh-hoa.values';
import { FORM_LEVEL_ISSUE_KEY, hasErrors, issuesToFieldMap, unexplainedWarnings, validateValues } from './engine';
import { formatNumber, interpolateMessage, lowerFirst } from './messages';

// Version 1: its rates are typed and checked against their counts (version 2 computes them: computed.spec.ts).
const gdtxYear = findShippedTemplate('GDTX_SCHOOL_YEAR', 1)!;
const languageIt = findShippedTemplate('LANGUAGE_IT_QUARTERLY')!;
const tthtcd = findShippedTemplate('TTHTCD_SEMESTER')!;
const xmc = findShippedTemplate('XMC_COMMUNE_YEARLY')!;

const s0 = (changes: ValueMap = {}): ValueMap => ({ ...S0_THANH_HOA_2020_2021_VALUES, ...changes });
const codes = (issues: ValidationIssue[]) => issues.map((issue) => issue.ruleCode);
const issue = (issues: ValidationIssue[], ruleCode: string) => issues.find((item) => item.ruleCode === ruleCode);

/** A minimal template for field-level checks, independent of the shipped data. */
const fieldTemplate: TemplateDefinition = {
  code: 'FIELD_TEST',
  version: 1,
  nameVi: 'Kiểm thử',
  nameEn: 'Test',
  centreTypes: ['LANGUAGE'],
  periodType: 'QUARTER',
  deadline: { kind: 'AFTER_PERIOD_END', days: 5 },
  sections: [
    {
      code: 'main',
      titleVi: 'Chính',
      titleEn: 'Main',
      fields: [
        { code: 'learners', labelVi: 'Số học viên', labelEn: 'Learners', type: 'integer', required: true },
        { code: 'budget', labelVi: 'Kinh phí', labelEn: 'Budget', type: 'decimal', min: 0, max: 1000 },
        { code: 'rate', labelVi: 'Tỷ lệ', labelEn: 'Rate', type: 'percent' },
        { code: 'published', labelVi: 'Đã công khai', labelEn: 'Published', type: 'boolean' },
        { code: 'opened_on', labelVi: 'Ngày mở', labelEn: 'Opened on', type: 'date' },
        { code: 'note', labelVi: 'Ghi chú', labelEn: 'Note', type: 'text', maxLength: 5 },
        {
          code: 'status',
          labelVi: 'Tình trạng',
          labelEn: 'Status',
          type: 'choice',
          choices: [
            { value: 'ACTIVE', labelVi: 'Đang hoạt động', labelEn: 'Active' },
            { value: 'SUSPENDED', labelVi: 'Tạm dừng hoạt động', labelEn: 'Suspended' },
          ],
        },
      ],
      grids: [
        {
          code: 'by_grade',
          labelVi: 'Theo khối',
          labelEn: 'By grade',
          type: 'integer',
          rowDimension: 'grade',
          columnDimension: 'sex',
          rows: [{ code: 'g10', labelVi: 'Lớp 10', labelEn: 'Grade 10' }],
          columns: [{ code: 'total', labelVi: 'Tổng số', labelEn: 'Total' }],
        },
      ],
    },
  ],
  rules: [],
};

describe('validateValues', () => {
  describe('seed S0 (Thanh Hóa provincial GDTX centre, 2020-21)', () => {
    it('passes every check of the school-year and the semester template', () => {
      expect(validateValues(gdtxYear, s0())).toEqual([]);
      expect(validateValues(findShippedTemplate('GDTX_SEMESTER')!, s0())).toEqual([]);
    });

    it('names both fields when certified (2,280) exceeds candidates (2,279)', () => {
      const found = issue(validateValues(gdtxYear, s0({ exam_certified: 2280 })), 'exam.certified_le_candidates');
      expect(found).toEqual({
        ruleCode: 'exam.certified_le_candidates',
        severity: 'error',
        fields: ['exam_certified', 'exam_candidates'],
        messageVi: 'Số cấp chứng chỉ (2.280) không được lớn hơn số dự thi (2.279).',
        messageEn: 'Certified (2,280) must not exceed candidates (2,279).',
      });
    });

    it('requires tenured + contract to equal the total (36 + 20 = 56)', () => {
      const issues = validateValues(gdtxYear, s0({ staff_contract: 21 }));
      expect(issue(issues, 'staff.tenured_plus_contract')?.messageVi).toBe(
        'Tổng số viên chức và người lao động (56) phải bằng số viên chức cộng số người lao động hợp đồng (57).',
      );
    });

    it('requires leaders + departments to equal the total (2 + 6 + 9 + 6 + 5 + 28 = 56)', () => {
      const issues = validateValues(gdtxYear, s0({ 'staff_dept.administration.count': 27 }));
      expect(codes(issues)).toEqual(['staff.leaders_plus_departments']);
      expect(issues[0].messageEn).toBe('Total staff (56) must equal leadership plus department staff (55).');
    });

    it("allows 28 of 36 tenured staff with a master's or doctorate, but not 37", () => {
      expect(codes(validateValues(gdtxYear, s0({ staff_masters: 35 })))).toEqual([]);
      const issues = validateValues(gdtxYear, s0({ staff_masters: 36 }));
      expect(codes(issues)).toEqual(['staff.degrees_le_tenured']);
      expect(issues[0].messageVi).toContain('(37) không được lớn hơn viên chức (biên chế) (36)');
    });

    it('checks an entered LĐTT rate against 32/36 = 88.89% within ±0.1', () => {
      const rates = [88.9, 88.79, 88.98, 88.7, 89.0];
      const matching = rates.map((rate) => !codes(validateValues(gdtxYear, s0({ staff_ldtt_rate: rate }))).includes('staff.ldtt_rate_matches'));
      expect(matching).toEqual([true, true, true, false, false]);
    });

    it('skips the rate rule when no rate is entered or the denominator is 0', () => {
      expect(codes(validateValues(gdtxYear, s0({ staff_ldtt_rate: null, staff_ldtt: 80 })))).not.toContain('staff.ldtt_rate_matches');
      const zeroTenured = validateValues(gdtxYear, s0({ staff_tenured: 0, staff_contract: 56, staff_masters: 0, staff_doctorates: 0, staff_ldtt: 0 }));
      expect(codes(zeroTenured)).toEqual([]);
    });

    it('reports an LĐTT count above the tenured staff', () => {
      expect(codes(validateValues(gdtxYear, s0({ staff_ldtt: 37, staff_ldtt_rate: null })))).toEqual(['staff.ldtt_le_tenured']);
    });

    it('requires councils > 0 exactly when candidates > 0', () => {
      const noCouncils = s0({ exam_councils: 0, 'exam_by_type.it_basic.councils': 0 });
      expect(codes(validateValues(gdtxYear, noCouncils))).toEqual([
        'exam.councils_iff_candidates',
        'exam_by_type.it_basic.councils_iff_candidates',
      ]);
      const noExams = s0({
        exam_candidates: 0, exam_certified: 0, exam_pass_rate: null,
        'exam_by_type.it_basic.candidates': 0, 'exam_by_type.it_basic.certified': 0,
      });
      expect(codes(validateValues(gdtxYear, noExams))).toEqual(['exam.councils_iff_candidates', 'exam_by_type.it_basic.councils_iff_candidates']);
      expect(codes(validateValues(gdtxYear, { ...noExams, exam_councils: 0, 'exam_by_type.it_basic.councils': 0 }))).toEqual([]);
    });

    it('requires the exam totals to equal the breakdown by certificate type', () => {
      const issues = validateValues(gdtxYear, s0({ 'exam_by_type.language.candidates': 100, 'exam_by_type.language.councils': 1 }));
      expect(codes(issues)).toEqual(['exam.councils_by_type', 'exam.candidates_by_type']);
    });

    it('checks the pass rate 2,270 / 2,279 = 99.605% within ±0.1', () => {
      expect(codes(validateValues(gdtxYear, s0({ exam_pass_rate: 99.7 })))).toEqual([]);
      expect(codes(validateValues(gdtxYear, s0({ exam_pass_rate: 99.5 })))).toEqual(['exam.pass_rate_matches']);
    });
  });

  describe('breakdowns (domain §E.3)', () => {
    const secondary = (changes: ValueMap) =>
      s0({ secondary_classes: 2, 'secondary_learners.g10.total': 60, 'secondary_learners.g10.female': 25, ...changes });

    it('reports female, DTTS or disabled learners above the total of a grade, naming the grade', () => {
      for (const column of ['female', 'dtts', 'disabled']) {
        const found = issue(validateValues(gdtxYear, secondary({ [`secondary_learners.g10.${column}`]: 61 })), `secondary.g10.${column}_le_total`);
        expect(found?.fields).toEqual([`secondary_learners.g10.${column}`, 'secondary_learners.g10.total']);
        expect(found?.messageVi).toMatch(/^Học viên GDTX cấp THPT, Lớp 10: .+ \(61\) không được lớn hơn tổng số \(60\)\.$/);
      }
    });

    it('requires classes when there are learners (domain §E.6)', () => {
      const issues = validateValues(gdtxYear, secondary({ secondary_classes: 0 }));
      expect(issue(issues, 'secondary.learners_need_classes')?.messageVi).toBe(
        'Có học viên GDTX cấp THPT (60) nhưng số lớp GDTX cấp THPT bằng 0.',
      );
    });

    it('does not compare actuals with targets: exceeding a target is allowed (domain §E.10)', () => {
      expect(validateValues(gdtxYear, s0({ target_joint_long_term_intake: 100, target_exam_candidates: 10 }))).toEqual([]);
    });
  });

  describe('change from the previous period (domain §E.9)', () => {
    it('warns when a key total changes by more than 50%, as an explainable warning', () => {
      const issues = validateValues(gdtxYear, s0(), { previous: { staff_total: 30 } });
      expect(issues).toEqual([
        expect.objectContaining({
          ruleCode: 'staff.total_change',
          severity: 'warning',
          explainable: true,
          messageVi: 'Tổng số viên chức và người lao động thay đổi hơn 50% so với kỳ trước (30 → 56); vui lòng giải trình.',
        }),
      ]);
      expect(hasErrors(issues)).toBe(false);
      expect(unexplainedWarnings(issues)).toHaveLength(1);
    });

    it('accepts a change of exactly 50% and warns on a drop of more than 50%', () => {
      expect(validateValues(gdtxYear, s0({ exam_candidates: 2279 }), { previous: { exam_candidates: 1520 } })).toEqual([]);
      const drop = validateValues(gdtxYear, s0(), { previous: { exam_candidates: 5000 } });
      expect(codes(drop)).toEqual(['exam.candidates_change']);
    });

    it('skips the comparison without a previous report or when it left the key blank', () => {
      expect(validateValues(gdtxYear, s0())).toEqual([]);
      expect(validateValues(gdtxYear, s0(), { previous: { staff_total: null } })).toEqual([]);
    });

    it('drops the warning once the centre writes an explanation, but not a blank one', () => {
      const previous = { staff_total: 30 };
      expect(validateValues(gdtxYear, s0(), { previous, explanations: { 'staff.total_change': 'Sáp nhập trung tâm.' } })).toEqual([]);
      expect(validateValues(gdtxYear, s0(), { previous, explanations: { 'staff.total_change': '  ' } })).toHaveLength(1);
    });

    it('never lets an explanation silence an error', () => {
      const issues = validateValues(gdtxYear, s0({ exam_certified: 2280, exam_pass_rate: null }), {
        explanations: { 'exam.certified_le_candidates': 'Nhầm lẫn' },
      });
      expect(codes(issues)).toContain('exam.certified_le_candidates');
    });

    it('compares sums over a grid with the previous report', () => {
      const previous = { 'classes_learners.english.active_learners': 100 };
      const values = { 'classes_learners.english.classes': 20, 'classes_learners.english.active_learners': 400 };
      const issues = validateValues(languageIt, values, { previous, reportUnknownKeys: false });
      expect(issue(issues, 'classes.active_learners_change')?.messageEn).toContain('(100 → 400)');
    });
  });

  describe('field checks', () => {
    const check = (values: ValueMap) => validateValues(fieldTemplate, { learners: 10, ...values });

    it('reports a missing required field and nothing for a valid report', () => {
      expect(validateValues(fieldTemplate, {})).toEqual([
        { ruleCode: 'field.required', severity: 'error', fields: ['learners'], messageVi: 'Số học viên là bắt buộc.', messageEn: 'Learners is required.' },
      ]);
      expect(check({ budget: 12.5, rate: 50, published: false, opened_on: '2024-02-29', note: 'ok', status: 'ACTIVE' })).toEqual([]);
    });

    it('reports wrong types, bounds, dates, lengths and choices with a message naming the field', () => {
      const cases: [ValueMap, string, string][] = [
        [{ learners: 2.5 }, 'field.type', 'Số học viên phải là số nguyên, không phải số 2,5.'],
        [{ learners: -1 }, 'field.min', 'Số học viên không được là số âm (đang là -1).'],
        [{ learners: 'mười' }, 'field.type', 'Số học viên phải là số nguyên, không phải chuỗi ký tự "mười".'],
        [{ budget: 1500 }, 'field.max', 'Kinh phí (1.500) không được lớn hơn 1.000.'],
        [{ rate: 120 }, 'field.type', 'Tỷ lệ là tỷ lệ phần trăm, phải từ 0 đến 100 (đang là 120).'],
        [{ published: 'yes' }, 'field.type', 'Đã công khai phải là Có hoặc Không (true/false), không phải chuỗi ký tự "yes".'],
        [{ opened_on: '2023-02-29' }, 'field.type', 'Ngày mở phải là một ngày hợp lệ theo định dạng năm-tháng-ngày (yyyy-mm-dd), không phải chuỗi ký tự "2023-02-29".'],
        [{ opened_on: '29/02/2024' }, 'field.type', 'Ngày mở phải là một ngày hợp lệ theo định dạng năm-tháng-ngày (yyyy-mm-dd), không phải chuỗi ký tự "29/02/2024".'],
        [{ note: 'quá dài' }, 'field.max_length', 'Ghi chú dài 7 ký tự, vượt quá giới hạn 5 ký tự.'],
        [{ status: 'CLOSED' }, 'field.choice', 'Tình trạng: giá trị "CLOSED" không thuộc danh sách (Đang hoạt động; Tạm dừng hoạt động).'],
        [{ 'by_grade.g10.total': -3 }, 'field.min', 'Theo khối – Lớp 10 – Tổng số không được là số âm (đang là -3).'],
      ];
      const reported = cases.map(([values]) => check(values).map((item) => [item.ruleCode, item.messageVi]));
      expect(reported).toEqual(cases.map(([, ruleCode, messageVi]) => [[ruleCode, messageVi]]));
    });

    // Issue 11, defect 1: a count written as text is not a count (it used to be accepted, then lost by the facts).
    it('refuses a numeric string for a count: the form sends numbers', () => {
      expect(check({ learners: '12' })).toEqual([
        expect.objectContaining({ ruleCode: 'field.type', severity: 'error', fields: ['learners'], messageVi: 'Số học viên phải là số nguyên, không phải chuỗi ký tự "12".' }),
      ]);
    });

    // Issue 11, defect 14: an unknown key is refused at the write boundary, so the message must not promise to ignore it.
    it('reports values under keys the template does not define as errors that say so', () => {
      const issues = check({ learnerz: 5 });
      expect(issues).toEqual([expect.objectContaining({ ruleCode: 'field.unknown_key', severity: 'error', fields: ['learnerz'] })]);
      expect(issues[0].messageVi).toMatch(/"learnerz" không có trong biểu mẫu/);
      expect(issues[0].messageVi).not.toMatch(/bỏ qua/);
      expect(validateValues(fieldTemplate, { learners: 1, learnerz: 5 }, { reportUnknownKeys: false })).toEqual([]);
    });
  });

  describe('rule evaluation', () => {
    it('skips a rule whose keys are all empty, and runs it once one has a value', () => {
      const atLeastOne: TemplateDefinition = {
        ...fieldTemplate,
        rules: [{ code: 'budget.positive', severity: 'error', expression: 'budget >= 1', fields: ['budget'], messageVi: 'x', messageEn: 'x' }],
      };
      expect(validateValues(atLeastOne, { learners: 1 })).toEqual([]);
      expect(codes(validateValues(atLeastOne, { learners: 1, budget: 0 }))).toEqual(['budget.positive']);
      expect(codes(validateValues(gdtxYear, {}))).toEqual(['field.required', 'field.required', 'field.required', 'field.required']);
    });

    it('evaluates a rule as soon as one of its keys has a value (empty counts as 0)', () => {
      const issues = validateValues(gdtxYear, s0({ short_course_enrolled: null }));
      expect(issue(issues, 'short_courses.certified_le_enrolled')?.messageVi).toBe(
        'Số học viên được cấp giấy chứng nhận (561) không được lớn hơn số học viên tham gia bồi dưỡng (—).',
      );
    });

    it('turns a broken rule into a warning instead of failing the whole validation', () => {
      const broken: TemplateDefinition = {
        ...fieldTemplate,
        rules: [{ code: 'broken', severity: 'error', expression: 'learners >', fields: ['learners'], messageVi: 'x', messageEn: 'x' }],
      };
      const issues = validateValues(broken, { learners: 1 });
      expect(issues).toEqual([expect.objectContaining({ ruleCode: 'broken', severity: 'warning' })]);
      expect(issues[0].messageEn).toContain('character 11');
    });
  });

  describe('language / IT centres (domain §C2, §E.4, §E.7)', () => {
    const base: ValueMap = {
      establishment_decision_no: '123/QĐ-SGDĐT',
      establishment_decision_date: '2019-05-10',
      operating_permission_no: '456/QĐ-SGDĐT',
      operating_permission_date: '2019-08-01',
      director_recognition_no: '789/QĐ-SGDĐT',
      director_recognition_expiry: '2028-07-31',
      teachers_total: 9,
      teachers_vietnamese: 7,
      teachers_foreign: 2,
      foreign_teachers_dossier_complete: 2,
      foreign_teachers_qualified: 1,
      support_staff: 4,
      'classes_learners.english.classes': 14,
      'classes_learners.english.new_learners': 40,
      'classes_learners.english.active_learners': 172,
      'classes_learners.english.female': 90,
      operating_status: 'ACTIVE',
      tuition_published: true,
      fire_safety_ok: true,
      records_kept: false,
    };

    it('passes a consistent report (HCMC example: 7 Vietnamese teachers, 14 classes, 172 learners)', () => {
      expect(validateValues(languageIt, base, { period: '2025-Q1' })).toEqual([]);
    });

    it('keeps foreign teachers within the teachers, and dossiers within the foreign teachers', () => {
      const issues = validateValues(languageIt, { ...base, teachers_foreign: 10, foreign_teachers_dossier_complete: 11 });
      expect(codes(issues)).toEqual(['staff.teachers_by_origin', 'staff.foreign_le_teachers', 'staff.foreign_dossier_le_foreign']);
    });

    it("warns when the director's term ends inside the period, with Vietnamese dates", () => {
      const issues = validateValues(languageIt, { ...base, director_recognition_expiry: '2025-02-28' }, { period: '2025-Q1' });
      expect(issues).toEqual([
        expect.objectContaining({
          ruleCode: 'licence.director_term_covers_period',
          messageVi: 'Nhiệm kỳ giám đốc hết hạn ngày 28/02/2025, trước ngày cuối kỳ báo cáo (31/03/2025); cần quyết định công nhận giám đốc mới.',
        }),
      ]);
      expect(validateValues(languageIt, { ...base, director_recognition_expiry: '2025-02-28' })).toEqual([]);
    });

    it('rejects an operating permission dated before the establishment decision', () => {
      expect(codes(validateValues(languageIt, { ...base, operating_permission_date: '2019-01-01' }))).toEqual([
        'licence.permission_not_before_establishment',
      ]);
    });

    it('warns about new learners at a suspended centre, naming the status by its label', () => {
      const suspended = { ...base, operating_status: 'SUSPENDED', operating_status_date: '2025-02-01' };
      const issues = validateValues(languageIt, suspended);
      expect(issue(issues, 'status.no_intake_when_not_active')?.messageVi).toBe(
        'Tình trạng hoạt động là "Tạm dừng hoạt động" từ ngày 01/02/2025 nhưng có 40 học viên mới trong kỳ; vui lòng giải trình (tuyển trước ngày đó?).',
      );
      expect(codes(validateValues(languageIt, { ...suspended, operating_status_date: null }))).toContain('status.date_when_not_active');
    });
  });

  describe('community learning centres (domain §C3, §E.6)', () => {
    it('warns when literacy classes average fewer than 3 or more than 40 learners', () => {
      const cases = [[2, 1], [3, 1], [40, 1], [41, 1], [90, 2]];
      const warned = cases.map(([learners, classes]) =>
        codes(validateValues(tthtcd, { xmc_learners: learners, xmc_classes: classes })).includes('literacy.class_size'),
      );
      expect(warned).toEqual([true, false, false, true, true]);
    });

    it('keeps participants by sex and DTTS within the participants, and recognised models within the eligible', () => {
      const issues = validateValues(tthtcd, {
        'topic_classes.law.classes': 2,
        'topic_classes.law.participants': 80,
        'topic_classes.law.dtts': 81,
        'learning_models.learning_families.recognised': 700,
        'learning_models.learning_families.eligible': 650,
      });
      expect(codes(issues)).toEqual(['topics.law.dtts_le_participants', 'learning_models.learning_families.recognised_le_eligible']);
    });
  });

  describe('commune literacy report (domain §E.5, §E.6)', () => {
    const band = (total: number, l1: number, l2: number) => ({ total, female: Math.floor(total / 2), dtts: 0, literate_l1: l1, literate_l2: l2 });
    const commune = (bands: Record<string, ReturnType<typeof band>>, extra: ValueMap = {}): ValueMap => {
      const values: ValueMap = { dbkk: false, ...extra };
      for (const [code, columns] of Object.entries(bands)) {
        for (const [column, value] of Object.entries(columns)) values[`population.${code}.${column}`] = value;
      }
      return values;
    };
    const valid = { '15_25': band(1000, 995, 990), '15_35': band(2200, 2180, 2150), '15_60': band(5000, 4900, 4800) };

    it('passes a consistent commune', () => {
      expect(validateValues(xmc, commune(valid, { xmc_classes: 2, xmc_learners_phase1: 25, xmc_learners_phase2: 20, xmc_newly_literate: 30, xmc_teachers_mobilised: 2 }))).toEqual([]);
    });

    it('requires nested age bands: pop(15–25) ≤ pop(15–35) ≤ pop(15–60)', () => {
      const issues = validateValues(xmc, commune({ ...valid, '15_35': band(900, 890, 880) }));
      expect(codes(issues)).toEqual(expect.arrayContaining(['population.total.15_25_le_15_35', 'population.literate_l1.15_25_le_15_35']));
      expect(issue(issues, 'population.total.15_25_le_15_35')?.messageVi).toBe(
        'Tổng số: nhóm từ 15 đến 25 tuổi (1.000) không được lớn hơn nhóm từ 15 đến 35 tuổi (900) vì nhóm sau bao gồm nhóm trước.',
      );
    });

    it('requires L2 ≤ L1 ≤ population within a band', () => {
      expect(codes(validateValues(xmc, commune({ ...valid, '15_60': band(5000, 4800, 4900) })))).toEqual(['population.15_60.literate_l2_le_literate_l1']);
      expect(codes(validateValues(xmc, commune({ ...valid, '15_60': band(5000, 5001, 4800) })))).toEqual([
        'population.15_60.literate_l1_le_total',
        'population.literate_plus_illiterate_le_total',
      ]);
    });

    it('requires the ĐBKK flag and every population cell', () => {
      const values = commune(valid);
      delete values.dbkk;
      delete values['population.15_25.dtts'];
      expect(codes(validateValues(xmc, values))).toEqual(['field.required', 'field.required']);
    });

    it('keeps the newly literate within the learners and learners within classes', () => {
      const issues = validateValues(xmc, commune(valid, { xmc_classes: 0, xmc_learners_phase1: 10, xmc_learners_phase2: 5, xmc_newly_literate: 16 }));
      expect(codes(issues)).toEqual(['xmc.newly_literate_le_learners', 'xmc.learners_need_classes']);
    });
  });
});

describe('issuesToFieldMap', () => {
  const issues: ValidationIssue[] = [
    { ruleCode: 'r1', severity: 'error', fields: ['exam_certified', 'exam_candidates'], messageVi: '', messageEn: '' },
    { ruleCode: 'r2', severity: 'warning', fields: ['exam_certified'], messageVi: '', messageEn: '' },
    { ruleCode: 'r3', severity: 'warning', fields: [], messageVi: '', messageEn: '' },
  ];

  it('files each issue under its first field, and field-less issues at form level', () => {
    const map = issuesToFieldMap(issues);
    expect(Object.keys(map).sort()).toEqual([FORM_LEVEL_ISSUE_KEY, 'exam_certified']);
    expect(map['exam_certified'].map((item) => item.ruleCode)).toEqual(['r1', 'r2']);
  });

  it('files each issue under every field it names with allFields', () => {
    expect(issuesToFieldMap(issues, { allFields: true })['exam_candidates'].map((item) => item.ruleCode)).toEqual(['r1']);
  });
});

describe('message formatting', () => {
  it('formats numbers the Vietnamese and the English way', () => {
    expect(formatNumber(2279, 'vi')).toBe('2.279');
    expect(formatNumber(88.888, 'vi')).toBe('88,89');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(-1500, 'vi')).toBe('-1.500');
  });

  it('lower-cases a label mid-sentence but keeps acronyms', () => {
    expect(lowerFirst('Số dự thi')).toBe('số dự thi');
    expect(lowerFirst('DTTS')).toBe('DTTS');
    expect(lowerFirst('Đội ngũ')).toBe('đội ngũ');
  });

  it('resolves value, label, grid-part and expression placeholders', () => {
    const text = interpolateMessage(
      '{label:exam_candidates} ({exam_candidates}); {row:secondary_learners.g10.dtts}/{column_lower:secondary_learners.g10.dtts}; {=exam_certified / exam_candidates * 100}',
      'vi',
      { template: gdtxYear, values: { exam_candidates: 2279, exam_certified: 2270 } },
    );
    expect(text).toBe('Số dự thi (2.279); Lớp 10/dân tộc thiểu số; 99,61');
  });
});
