/**
 * Semester and school-year reports of provincial GDTX and GDNN-GDTX centres (domain §C1).
 * Both templates share the same sections and rules; only the period type and deadline differ.
 * Seed S0 (Thanh Hóa provincial GDTX centre, 2020-21) is the reference data set: see s0-thanh-hoa.values.ts.
 */
import type { FieldDef, GridDef, RuleDef, SectionDef, TemplateDefinition } from '../template-types';
import {
  axis,
  changeFromPreviousWarning,
  choiceField,
  decimalField,
  integerField,
  notGreaterThan,
  peopleImplyClasses,
  percentField,
  rateMatches,
  rowPartsNotGreaterThanTotal,
  rule,
  sumEquals,
} from './template-builders';

/**
 * Semester reports are due 2 days after the semester ends: semester 1 ends 15 January (periods.ts), so it is
 * due 17 January, the last day "before 18 January" of the Ministry's frame (domain §C); semester 2 is due
 * 2 September. A Sở that wants more time grants an extension per period rather than moving the boundary.
 */
export const GDTX_SEMESTER_DEADLINE_DAYS = 2;
/**
 * The school-year summary covers 1 Sep – 31 Aug and is due 15 September: the review-and-plan conference of
 * S0 reviews the past year at the start of the next one.
 */
export const GDTX_SCHOOL_YEAR_DEADLINE_DAYS = 15;

const staffDepartments: GridDef = {
  code: 'staff_dept',
  labelVi: 'Nhân sự các phòng chuyên môn',
  labelEn: 'Staff by department',
  type: 'integer',
  unit: 'người',
  rowDimension: 'department',
  columnDimension: 'measure',
  rows: [
    axis('training_management', 'Phòng Quản lý đào tạo', 'Training management'),
    axis('in_service_training', 'Phòng Bồi dưỡng', 'In-service training'),
    axis('language_it', 'Phòng Ngoại ngữ - Tin học', 'Languages and IT'),
    axis('admissions_outreach', 'Phòng Tuyển sinh - Đối ngoại', 'Admissions and outreach'),
    axis('administration', 'Phòng Tổ chức - Hành chính', 'Organisation and administration'),
    axis('vocational_training', 'Phòng Đào tạo nghề', 'Vocational training'),
    axis('other', 'Bộ phận khác', 'Other units'),
  ],
  columns: [axis('count', 'Số người', 'Headcount')],
};

const staffSection: SectionDef = {
  code: 'staff',
  titleVi: 'Đội ngũ cán bộ, viên chức, người lao động',
  titleEn: 'Staff',
  fields: [
    integerField('staff_total', 'Tổng số viên chức và người lao động', 'Total staff', { required: true }),
    integerField('staff_tenured', 'Viên chức (biên chế)', 'Tenured staff (public employees)', { required: true }),
    integerField('staff_contract', 'Người lao động hợp đồng', 'Contract staff', { required: true }),
    integerField('staff_leaders', 'Ban Giám đốc', 'Leadership (director and deputies)', { required: true }),
    integerField('staff_female', 'Số nữ', 'Female staff'),
    integerField('staff_masters', 'Viên chức có trình độ thạc sĩ', "Tenured staff with a master's degree"),
    integerField('staff_doctorates', 'Viên chức có trình độ tiến sĩ', 'Tenured staff with a doctorate'),
    integerField('staff_ldtt', 'Số đạt danh hiệu Lao động tiên tiến', 'Staff awarded "Advanced worker" (LĐTT)'),
    percentField('staff_ldtt_rate', 'Tỷ lệ Lao động tiên tiến trên số viên chức', 'LĐTT rate among tenured staff', {
      helpVi: 'Không bắt buộc. Nếu nhập, phải khớp số đạt LĐTT / số viên chức (sai số 0,1).',
      helpEn: 'Optional. If entered it must match awards / tenured staff (±0.1).',
    }),
  ],
  grids: [staffDepartments],
};

const staffRules: RuleDef[] = [
  sumEquals(
    'staff.tenured_plus_contract',
    'staff_total',
    'staff_tenured + staff_contract',
    'số viên chức cộng số người lao động hợp đồng',
    'tenured plus contract staff',
    ['staff_total', 'staff_tenured', 'staff_contract'],
  ),
  sumEquals(
    'staff.leaders_plus_departments',
    'staff_total',
    'staff_leaders + sum(staff_dept.*.count)',
    'Ban Giám đốc cộng nhân sự các phòng chuyên môn',
    'leadership plus department staff',
    ['staff_total', 'staff_leaders'],
  ),
  notGreaterThan('staff.female_le_total', 'staff_female', 'staff_total'),
  rule(
    'staff.degrees_le_tenured',
    'error',
    'staff_masters + staff_doctorates <= staff_tenured',
    ['staff_masters', 'staff_doctorates', 'staff_tenured'],
    'Số viên chức có trình độ thạc sĩ và tiến sĩ ({=staff_masters + staff_doctorates}) không được lớn hơn {label_lower:staff_tenured} ({staff_tenured}).',
    "Tenured staff with a master's degree or doctorate ({=staff_masters + staff_doctorates}) must not exceed {label_lower:staff_tenured} ({staff_tenured}).",
  ),
  notGreaterThan('staff.ldtt_le_tenured', 'staff_ldtt', 'staff_tenured'),
  rateMatches('staff.ldtt_rate_matches', 'staff_ldtt_rate', 'staff_ldtt', 'staff_tenured', ['staff_ldtt', 'staff_tenured']),
  changeFromPreviousWarning('staff.total_change', 'staff_total', 'Tổng số viên chức và người lao động', 'Total staff', ['staff_total']),
];

const secondaryLearners: GridDef = {
  code: 'secondary_learners',
  labelVi: 'Học viên GDTX cấp THPT',
  labelEn: 'GDTX upper-secondary learners',
  type: 'integer',
  unit: 'người',
  rowDimension: 'grade',
  columnDimension: 'group',
  rows: [axis('g10', 'Lớp 10', 'Grade 10'), axis('g11', 'Lớp 11', 'Grade 11'), axis('g12', 'Lớp 12', 'Grade 12')],
  columns: [
    axis('total', 'Tổng số', 'Total'),
    axis('female', 'Nữ', 'Female'),
    axis('dtts', 'Dân tộc thiểu số', 'Ethnic minority'),
    axis('disabled', 'Khuyết tật', 'With disability'),
  ],
};

const secondarySection: SectionDef = {
  code: 'secondary',
  titleVi: 'Chương trình GDTX cấp THPT',
  titleEn: 'GDTX upper-secondary programme',
  fields: [
    integerField('secondary_classes', 'Số lớp GDTX cấp THPT', 'GDTX upper-secondary classes', { unit: 'lớp' }),
    integerField('secondary_vocational_combined', 'Học viên học kết hợp trung cấp nghề', 'Learners also on a vocational track'),
    integerField('secondary_dropouts', 'Học viên bỏ học', 'Dropouts'),
    integerField('secondary_graduates', 'Học viên tốt nghiệp THPT', 'Upper-secondary graduates'),
  ],
  grids: [secondaryLearners],
};

const SECONDARY_TOTAL = 'sum(secondary_learners.*.total)';

const secondaryRules: RuleDef[] = [
  ...rowPartsNotGreaterThanTotal('secondary', secondaryLearners, ['female', 'dtts', 'disabled'], 'total'),
  peopleImplyClasses('secondary.learners_need_classes', SECONDARY_TOTAL, 'secondary_classes', 'học viên GDTX cấp THPT', 'GDTX upper-secondary learners', ['secondary_classes']),
  rule(
    'secondary.dropouts_le_learners',
    'error',
    `secondary_dropouts <= ${SECONDARY_TOTAL}`,
    ['secondary_dropouts'],
    '{label:secondary_dropouts} ({secondary_dropouts}) không được lớn hơn tổng số học viên các khối ({=' + SECONDARY_TOTAL + '}).',
    '{label:secondary_dropouts} ({secondary_dropouts}) must not exceed learners in all grades ({=' + SECONDARY_TOTAL + '}).',
  ),
  rule(
    'secondary.vocational_le_learners',
    'error',
    `secondary_vocational_combined <= ${SECONDARY_TOTAL}`,
    ['secondary_vocational_combined'],
    '{label:secondary_vocational_combined} ({secondary_vocational_combined}) không được lớn hơn tổng số học viên các khối ({=' + SECONDARY_TOTAL + '}).',
    '{label:secondary_vocational_combined} ({secondary_vocational_combined}) must not exceed learners in all grades ({=' + SECONDARY_TOTAL + '}).',
  ),
  notGreaterThan('secondary.graduates_le_grade12', 'secondary_graduates', 'secondary_learners.g12.total'),
  changeFromPreviousWarning('secondary.learners_change', SECONDARY_TOTAL, 'Tổng số học viên GDTX cấp THPT', 'Total GDTX upper-secondary learners', ['secondary_learners']),
];

const shortCoursesSection: SectionDef = {
  code: 'short_courses',
  titleVi: 'Bồi dưỡng thường xuyên, bồi dưỡng ngắn hạn',
  titleEn: 'In-service training and short courses',
  fields: [
    integerField('short_course_classes', 'Số lớp bồi dưỡng', 'Short-course classes', { unit: 'lớp' }),
    integerField('short_course_enrolled', 'Số học viên tham gia bồi dưỡng', 'Short-course learners enrolled'),
    integerField('short_course_certified', 'Số học viên được cấp giấy chứng nhận', 'Learners certified'),
    integerField('manager_course_classes', 'Số lớp bồi dưỡng cán bộ quản lý giáo dục', 'Education-manager classes', { unit: 'lớp' }),
    integerField('managers_trained', 'Số cán bộ quản lý giáo dục được bồi dưỡng', 'Education managers trained'),
    integerField('homeroom_teachers_trained', 'Số giáo viên chủ nhiệm được bồi dưỡng', 'Homeroom teachers trained'),
  ],
};

const shortCourseRules: RuleDef[] = [
  notGreaterThan('short_courses.certified_le_enrolled', 'short_course_certified', 'short_course_enrolled'),
  peopleImplyClasses('short_courses.enrolled_need_classes', 'short_course_enrolled', 'short_course_classes', 'học viên bồi dưỡng', 'short-course learners', ['short_course_classes']),
  peopleImplyClasses('short_courses.managers_need_classes', 'managers_trained', 'manager_course_classes', 'cán bộ quản lý được bồi dưỡng', 'managers trained', ['manager_course_classes']),
  changeFromPreviousWarning('short_courses.enrolled_change', 'short_course_enrolled', 'Số học viên tham gia bồi dưỡng', 'Short-course enrolment', ['short_course_enrolled']),
];

const jointTrainingSection: SectionDef = {
  code: 'joint_training',
  titleVi: 'Liên kết đào tạo',
  titleEn: 'Joint training with universities',
  fields: [
    integerField('joint_partners', 'Số trường chủ trì liên kết', 'Partner institutions', { unit: 'trường' }),
    integerField('joint_long_term_intake', 'Học viên tuyển mới hệ dài hạn', 'New long-term learners'),
    integerField('joint_short_term_intake', 'Học viên tuyển mới hệ ngắn hạn', 'New short-term learners'),
    integerField('joint_current_learners', 'Học viên đang theo học', 'Current learners'),
    integerField('joint_graduates', 'Học viên tốt nghiệp', 'Graduates'),
  ],
};

const JOINT_INTAKE = 'joint_long_term_intake + joint_short_term_intake';
const jointTrainingRules: RuleDef[] = [
  peopleImplyClasses('joint.intake_needs_partner', JOINT_INTAKE, 'joint_partners', 'học viên tuyển mới', 'new learners', ['joint_partners']),
  changeFromPreviousWarning('joint.intake_change', JOINT_INTAKE, 'Số học viên liên kết đào tạo tuyển mới', 'Joint-training intake', ['joint_long_term_intake']),
];

const examsByType: GridDef = {
  code: 'exam_by_type',
  labelVi: 'Thi theo loại chứng chỉ',
  labelEn: 'Exams by certificate type',
  type: 'integer',
  rowDimension: 'certificate_type',
  columnDimension: 'measure',
  rows: [
    axis('it_basic', 'Ứng dụng CNTT cơ bản', 'IT application, basic'),
    axis('it_advanced', 'Ứng dụng CNTT nâng cao', 'IT application, advanced'),
    axis('language', 'Ngoại ngữ (khung năng lực 6 bậc)', 'Foreign language (6-level framework)'),
  ],
  columns: [
    axis('councils', 'Hội đồng thi', 'Councils'),
    axis('candidates', 'Dự thi', 'Candidates'),
    axis('certified', 'Cấp chứng chỉ', 'Certified'),
  ],
};

const examsSection: SectionDef = {
  code: 'exams',
  titleVi: 'Thi và cấp chứng chỉ',
  titleEn: 'Certificate exams',
  fields: [
    integerField('exam_councils', 'Số hội đồng thi', 'Exam councils', { unit: 'hội đồng' }),
    integerField('exam_candidates', 'Số dự thi', 'Candidates'),
    integerField('exam_certified', 'Số cấp chứng chỉ', 'Certified'),
    percentField('exam_pass_rate', 'Tỷ lệ cấp chứng chỉ', 'Certification rate', {
      helpVi: 'Không bắt buộc. Nếu nhập, phải khớp số cấp chứng chỉ / số dự thi (sai số 0,1).',
      helpEn: 'Optional. If entered it must match certified / candidates (±0.1).',
    }),
  ],
  grids: [examsByType],
};

const examRules: RuleDef[] = [
  notGreaterThan('exam.certified_le_candidates', 'exam_certified', 'exam_candidates'),
  rule(
    'exam.councils_iff_candidates',
    'error',
    '(exam_councils > 0) == (exam_candidates > 0)',
    ['exam_councils', 'exam_candidates'],
    '{label:exam_councils} ({exam_councils}) và {label_lower:exam_candidates} ({exam_candidates}) phải cùng bằng 0 hoặc cùng lớn hơn 0.',
    '{label:exam_councils} ({exam_councils}) and {label_lower:exam_candidates} ({exam_candidates}) must both be 0 or both be above 0.',
  ),
  rateMatches('exam.pass_rate_matches', 'exam_pass_rate', 'exam_certified', 'exam_candidates', ['exam_certified', 'exam_candidates']),
  ...(['councils', 'candidates', 'certified'] as const).map((column) =>
    sumEquals(
      `exam.${column}_by_type`,
      `exam_${column}`,
      `sum(exam_by_type.*.${column})`,
      'tổng theo loại chứng chỉ',
      'the sum over certificate types',
    ),
  ),
  ...rowPartsNotGreaterThanTotal('exam_by_type', examsByType, ['certified'], 'candidates'),
  ...examsByType.rows.map((row) => {
    const councils = `exam_by_type.${row.code}.councils`;
    const candidates = `exam_by_type.${row.code}.candidates`;
    return rule(
      `exam_by_type.${row.code}.councils_iff_candidates`,
      'error',
      `(${councils} > 0) == (${candidates} > 0)`,
      [councils, candidates],
      `{grid:${councils}}, {row:${councils}}: số hội đồng ({${councils}}) và số dự thi ({${candidates}}) phải cùng bằng 0 hoặc cùng lớn hơn 0.`,
      `{grid:${councils}}, {row:${councils}}: councils ({${councils}}) and candidates ({${candidates}}) must both be 0 or both be above 0.`,
    );
  }),
  changeFromPreviousWarning('exam.candidates_change', 'exam_candidates', 'Số dự thi', 'Exam candidates', ['exam_candidates']),
];

const outreachSection: SectionDef = {
  code: 'outreach',
  titleVi: 'Tư vấn, tuyên truyền tuyển sinh',
  titleEn: 'Outreach',
  fields: [
    integerField('outreach_communes', 'Số xã, phường được tư vấn, tuyên truyền', 'Communes reached', { unit: 'xã' }),
    integerField('outreach_schools', 'Số trường học được gửi thông tin', 'Schools reached', { unit: 'trường' }),
    integerField('outreach_people_counselled', 'Số lượt người được tư vấn', 'People counselled', { unit: 'lượt người' }),
  ],
};

const facilitiesSection: SectionDef = {
  code: 'facilities',
  titleVi: 'Cơ sở vật chất và tài chính',
  titleEn: 'Facilities and finance',
  fields: [
    integerField('classrooms', 'Số phòng học', 'Classrooms', { unit: 'phòng' }),
    integerField('labs', 'Số phòng thực hành, phòng máy', 'Practice rooms and computer labs', { unit: 'phòng' }),
    integerField('smart_classrooms', 'Số phòng học thông minh', 'Smart classrooms', { unit: 'phòng' }),
    decimalField('investment_million_vnd', 'Kinh phí đầu tư xây dựng, mua sắm', 'Investment in buildings and equipment', {
      unit: 'triệu đồng',
      min: 0,
    }),
    choiceField('autonomy_tier', 'Mức tự chủ tài chính (NĐ 60/2021/NĐ-CP)', 'Financial-autonomy tier (Decree 60/2021)', [
      { value: 'SELF_FUNDED_RECURRENT_AND_INVESTMENT', labelVi: 'Tự bảo đảm chi thường xuyên và chi đầu tư', labelEn: 'Covers recurrent and investment spending' },
      { value: 'SELF_FUNDED_RECURRENT', labelVi: 'Tự bảo đảm chi thường xuyên', labelEn: 'Covers recurrent spending' },
      { value: 'PARTLY_SELF_FUNDED', labelVi: 'Tự bảo đảm một phần chi thường xuyên', labelEn: 'Covers part of recurrent spending' },
      { value: 'STATE_FUNDED', labelVi: 'Do ngân sách nhà nước bảo đảm chi thường xuyên', labelEn: 'Recurrent spending covered by the state budget' },
    ]),
  ],
};

const facilitiesRules: RuleDef[] = [notGreaterThan('facilities.smart_le_classrooms', 'smart_classrooms', 'classrooms')];

/** Targets are plans, stored apart from actuals; exceeding them is allowed, so no rule compares them (§E.10). */
const targetsSection: SectionDef = {
  code: 'targets',
  titleVi: 'Chỉ tiêu kế hoạch kỳ tới',
  titleEn: 'Targets for the next period',
  fields: [
    integerField('target_grade10_learners', 'Chỉ tiêu tuyển sinh lớp 10 GDTX', 'Target grade-10 GDTX learners', { isTarget: true }),
    integerField('target_short_course_learners', 'Chỉ tiêu học viên bồi dưỡng ngắn hạn', 'Target short-course learners', { isTarget: true }),
    integerField('target_homeroom_teachers', 'Chỉ tiêu giáo viên chủ nhiệm được bồi dưỡng', 'Target homeroom teachers trained', { isTarget: true }),
    integerField('target_joint_long_term_intake', 'Chỉ tiêu tuyển mới liên kết đào tạo dài hạn', 'Target new long-term joint-training learners', { isTarget: true }),
    integerField('target_it_learners', 'Chỉ tiêu học viên tin học', 'Target IT learners', { isTarget: true }),
    integerField('target_exam_councils', 'Chỉ tiêu số hội đồng thi', 'Target exam councils', { isTarget: true, unit: 'hội đồng' }),
    integerField('target_exam_candidates', 'Chỉ tiêu số dự thi cấp chứng chỉ', 'Target exam candidates', { isTarget: true }),
    integerField('target_people_counselled', 'Chỉ tiêu lượt người được tư vấn', 'Target people counselled', { isTarget: true, unit: 'lượt người' }),
  ],
};

const incidentsSection: SectionDef = {
  code: 'incidents',
  titleVi: 'Kỷ luật và vụ việc',
  titleEn: 'Discipline and incidents',
  fields: [
    integerField('staff_disciplined', 'Số người bị kỷ luật', 'Staff disciplined'),
    integerField('staff_under_investigation', 'Số người bị cơ quan chức năng điều tra, tạm giữ', 'Staff under investigation or detained'),
  ],
};

const incidentRules: RuleDef[] = [
  notGreaterThan('incidents.disciplined_le_staff', 'staff_disciplined', 'staff_total'),
  notGreaterThan('incidents.investigated_le_staff', 'staff_under_investigation', 'staff_total'),
];

const GDTX_SECTIONS: SectionDef[] = [
  staffSection,
  secondarySection,
  shortCoursesSection,
  jointTrainingSection,
  examsSection,
  outreachSection,
  facilitiesSection,
  targetsSection,
  incidentsSection,
];

const GDTX_RULES: RuleDef[] = [
  ...staffRules,
  ...secondaryRules,
  ...shortCourseRules,
  ...jointTrainingRules,
  ...examRules,
  ...facilitiesRules,
  ...incidentRules,
];

export const GDTX_SEMESTER_TEMPLATE: TemplateDefinition = {
  code: 'GDTX_SEMESTER',
  version: 1,
  nameVi: 'Báo cáo sơ kết học kỳ – Trung tâm GDTX, GDNN-GDTX',
  nameEn: 'Semester report – GDTX and GDNN-GDTX centres',
  centreTypes: ['PROVINCIAL_GDTX', 'GDNN_GDTX'],
  periodType: 'SEMESTER',
  deadline: { kind: 'AFTER_PERIOD_END', days: GDTX_SEMESTER_DEADLINE_DAYS },
  sections: GDTX_SECTIONS,
  rules: GDTX_RULES,
};

export const GDTX_SCHOOL_YEAR_TEMPLATE: TemplateDefinition = {
  code: 'GDTX_SCHOOL_YEAR',
  version: 1,
  nameVi: 'Báo cáo tổng kết năm học – Trung tâm GDTX, GDNN-GDTX',
  nameEn: 'School-year summary – GDTX and GDNN-GDTX centres',
  centreTypes: ['PROVINCIAL_GDTX', 'GDNN_GDTX'],
  periodType: 'SCHOOL_YEAR',
  deadline: { kind: 'AFTER_PERIOD_END', days: GDTX_SCHOOL_YEAR_DEADLINE_DAYS },
  sections: GDTX_SECTIONS,
  rules: GDTX_RULES,
};

/**
 * Version 2 (issue 16 item 2): the two rates and the staff total are computed fields, derived on every save
 * from the figures they come from, and shown read-only; the rules that only checked a typed rate or total
 * against its figures go (the value now is that formula). Everything else is version 1's. Reports filed against
 * version 1 keep version 1 and the rates they were filed with; reports created after publication use version 2.
 */
const COMPUTED_V2: Record<string, Pick<FieldDef, 'computed' | 'helpVi' | 'helpEn'>> = {
  staff_total: {
    computed: { expression: 'staff_tenured + staff_contract' },
    helpVi: 'Tự tính: viên chức (biên chế) cộng người lao động hợp đồng.',
    helpEn: 'Computed: tenured plus contract staff.',
  },
  staff_ldtt_rate: {
    computed: { expression: '100 * staff_ldtt / staff_tenured' },
    helpVi: 'Tự tính: số đạt LĐTT / số viên chức × 100, làm tròn 1 chữ số thập phân.',
    helpEn: 'Computed: LĐTT awards / tenured staff × 100, rounded to 1 decimal.',
  },
  exam_pass_rate: {
    computed: { expression: '100 * exam_certified / exam_candidates' },
    helpVi: 'Tự tính: số cấp chứng chỉ / số dự thi × 100, làm tròn 1 chữ số thập phân.',
    helpEn: 'Computed: certified / candidates × 100, rounded to 1 decimal.',
  },
};
/** v1 rules that compared a typed rate or total with its figures: in v2 the value is that formula. */
const RULES_REPLACED_BY_COMPUTED_V2 = new Set(['staff.tenured_plus_contract', 'staff.ldtt_rate_matches', 'exam.pass_rate_matches']);

const GDTX_SECTIONS_V2: SectionDef[] = GDTX_SECTIONS.map((section) => ({
  ...section,
  fields: section.fields.map((field) => {
    const computed = COMPUTED_V2[field.code];
    if (!computed) return field;
    const { required: _required, ...rest } = field;
    return { ...rest, ...computed };
  }),
}));
/** An issue is shown at a rule's first field: in v2 that is a field the centre types, never a computed one. */
const GDTX_RULES_V2: RuleDef[] = GDTX_RULES.filter((r) => !RULES_REPLACED_BY_COMPUTED_V2.has(r.code)).map((r) => {
  const typed = r.fields.filter((key) => !COMPUTED_V2[key]);
  return typed.length && typed.length < r.fields.length ? { ...r, fields: [...typed, ...r.fields.filter((key) => COMPUTED_V2[key])] } : r;
});

export const GDTX_SEMESTER_TEMPLATE_V2: TemplateDefinition = { ...GDTX_SEMESTER_TEMPLATE, version: 2, sections: GDTX_SECTIONS_V2, rules: GDTX_RULES_V2 };
export const GDTX_SCHOOL_YEAR_TEMPLATE_V2: TemplateDefinition = { ...GDTX_SCHOOL_YEAR_TEMPLATE, version: 2, sections: GDTX_SECTIONS_V2, rules: GDTX_RULES_V2 };
