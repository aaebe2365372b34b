/**
 * Quarterly operating report of private language, IT and life-skills centres (domain §C2, TT 21/2018,
 * NĐ 125/2024 Art. 42–45). Due 5 days after the quarter ends.
 */
import { CentreStatuses, CentreStatusLabelVi, type CentreStatus } from '../enums';
import type { GridDef, RuleDef, SectionDef, TemplateDefinition } from '../template-types';
import {
  axis,
  booleanField,
  changeFromPreviousWarning,
  choiceField,
  dateField,
  integerField,
  notGreaterThan,
  peopleImplyClasses,
  rowPartsNotGreaterThanTotal,
  rowPeopleImplyClasses,
  rule,
  sumEquals,
  textField,
} from './template-builders';

export const LANGUAGE_IT_QUARTERLY_DEADLINE_DAYS = 5;

const CENTRE_STATUS_LABEL_EN: Record<CentreStatus, string> = {
  ACTIVE: 'Active',
  NOT_ENROLLING: 'Not enrolling',
  SUSPENDED: 'Suspended',
  DISSOLVED: 'Dissolved',
};

const licenceSection: SectionDef = {
  code: 'licence',
  titleVi: 'Quyết định thành lập, cho phép hoạt động và công nhận giám đốc',
  titleEn: 'Licences and decisions',
  fields: [
    textField('establishment_decision_no', 'Số quyết định thành lập', 'Establishment decision number', { required: true }),
    dateField('establishment_decision_date', 'Ngày quyết định thành lập', 'Establishment decision date', { required: true }),
    textField('operating_permission_no', 'Số quyết định cho phép hoạt động giáo dục', 'Operating permission number', { required: true }),
    dateField('operating_permission_date', 'Ngày cho phép hoạt động giáo dục', 'Operating permission date', { required: true }),
    textField('director_recognition_no', 'Số quyết định công nhận giám đốc', 'Director recognition decision number', { required: true }),
    dateField('director_recognition_expiry', 'Ngày hết nhiệm kỳ giám đốc', 'End of the director’s term', { required: true }),
    integerField('branch_count', 'Số cơ sở, địa điểm đào tạo', 'Branches and teaching sites', { unit: 'cơ sở' }),
  ],
};

const licenceRules: RuleDef[] = [
  rule(
    'licence.permission_not_before_establishment',
    'error',
    '!present(operating_permission_date) || !present(establishment_decision_date) || operating_permission_date >= establishment_decision_date',
    ['operating_permission_date', 'establishment_decision_date'],
    '{label:operating_permission_date} ({operating_permission_date}) không được trước {label_lower:establishment_decision_date} ({establishment_decision_date}).',
    '{label:operating_permission_date} ({operating_permission_date}) must not be before the {label_lower:establishment_decision_date} ({establishment_decision_date}).',
  ),
  // Domain §E.7: the period must lie inside the licence and the director's term. Needs the period
  // (validateValues option `period`); without it these rules are skipped.
  rule(
    'licence.permission_before_period_end',
    'warning',
    '!present(operating_permission_date) || operating_permission_date <= period_end()',
    ['operating_permission_date'],
    '{label:operating_permission_date} ({operating_permission_date}) sau ngày cuối kỳ báo cáo ({=period_end()}): trung tâm chưa được phép hoạt động trong kỳ này.',
    '{label:operating_permission_date} ({operating_permission_date}) is after the end of the period ({=period_end()}): the centre was not yet permitted to operate.',
  ),
  rule(
    'licence.director_term_covers_period',
    'warning',
    '!present(director_recognition_expiry) || director_recognition_expiry >= period_end()',
    ['director_recognition_expiry'],
    'Nhiệm kỳ giám đốc hết hạn ngày {director_recognition_expiry}, trước ngày cuối kỳ báo cáo ({=period_end()}); cần quyết định công nhận giám đốc mới.',
    'The director’s term ended on {director_recognition_expiry}, before the end of the period ({=period_end()}); a new recognition decision is needed.',
  ),
];

const staffSection: SectionDef = {
  code: 'staff',
  titleVi: 'Đội ngũ',
  titleEn: 'Staff',
  fields: [
    integerField('teachers_total', 'Tổng số giáo viên', 'Teachers, total', { required: true }),
    integerField('teachers_vietnamese', 'Giáo viên Việt Nam', 'Vietnamese teachers'),
    integerField('teachers_foreign', 'Giáo viên nước ngoài', 'Foreign teachers'),
    integerField('foreign_teachers_dossier_complete', 'Giáo viên nước ngoài có hồ sơ đầy đủ', 'Foreign teachers with a complete dossier'),
    integerField('foreign_teachers_qualified', 'Giáo viên nước ngoài đạt chuẩn theo TT 21/2018', 'Foreign teachers meeting Circular 21/2018'),
    integerField('support_staff', 'Nhân viên', 'Support staff'),
  ],
};

const staffRules: RuleDef[] = [
  sumEquals(
    'staff.teachers_by_origin',
    'teachers_total',
    'teachers_vietnamese + teachers_foreign',
    'số giáo viên Việt Nam cộng giáo viên nước ngoài',
    'Vietnamese plus foreign teachers',
    ['teachers_total', 'teachers_vietnamese', 'teachers_foreign'],
  ),
  notGreaterThan('staff.foreign_le_teachers', 'teachers_foreign', 'teachers_total'),
  notGreaterThan('staff.foreign_dossier_le_foreign', 'foreign_teachers_dossier_complete', 'teachers_foreign'),
  notGreaterThan('staff.foreign_qualified_le_foreign', 'foreign_teachers_qualified', 'teachers_foreign'),
];

const classesBySubject: GridDef = {
  code: 'classes_learners',
  labelVi: 'Lớp học và học viên theo môn',
  labelEn: 'Classes and learners by subject',
  type: 'integer',
  rowDimension: 'subject',
  columnDimension: 'measure',
  rows: [
    axis('english', 'Tiếng Anh', 'English'),
    axis('chinese', 'Tiếng Trung', 'Chinese'),
    axis('japanese', 'Tiếng Nhật', 'Japanese'),
    axis('korean', 'Tiếng Hàn', 'Korean'),
    axis('french', 'Tiếng Pháp', 'French'),
    axis('german', 'Tiếng Đức', 'German'),
    axis('it', 'Tin học', 'IT'),
    axis('life_skills', 'Kỹ năng sống', 'Life skills'),
    axis('other', 'Khác', 'Other'),
  ],
  columns: [
    axis('classes', 'Số lớp', 'Classes'),
    axis('new_learners', 'Học viên mới', 'New learners'),
    axis('active_learners', 'Học viên đang học', 'Active learners'),
    axis('female', 'Nữ', 'Female'),
  ],
};

const classesSection: SectionDef = {
  code: 'classes',
  titleVi: 'Lớp học, học viên và chứng nhận',
  titleEn: 'Classes, learners and certificates',
  fields: [
    integerField('partner_schools', 'Số trường phổ thông liên kết', 'Partner schools', { unit: 'trường' }),
    integerField('partner_school_pupils', 'Học sinh học tại trường liên kết', 'Pupils taught at partner schools'),
    integerField('certificates_issued', 'Số chứng nhận hoàn thành khóa học đã cấp', 'Completion certificates issued', { unit: 'chứng nhận' }),
  ],
  grids: [classesBySubject],
};

const NEW_LEARNERS = 'sum(classes_learners.*.new_learners)';
const classesRules: RuleDef[] = [
  ...rowPartsNotGreaterThanTotal('classes', classesBySubject, ['female'], 'active_learners'),
  ...rowPeopleImplyClasses('classes', classesBySubject, 'active_learners', 'classes'),
  peopleImplyClasses(
    'classes.partner_pupils_need_schools',
    'partner_school_pupils',
    'partner_schools',
    'học sinh học tại trường liên kết',
    'pupils taught at partner schools',
    ['partner_schools'],
  ),
  changeFromPreviousWarning(
    'classes.active_learners_change',
    'sum(classes_learners.*.active_learners)',
    'Tổng số học viên đang học',
    'Total active learners',
    ['classes_learners'],
  ),
];

const statusSection: SectionDef = {
  code: 'status',
  titleVi: 'Tình trạng hoạt động và tự kê khai',
  titleEn: 'Operating status and self-declaration',
  fields: [
    choiceField(
      'operating_status',
      'Tình trạng hoạt động',
      'Operating status',
      CentreStatuses.map((status) => ({ value: status, labelVi: CentreStatusLabelVi[status], labelEn: CENTRE_STATUS_LABEL_EN[status] })),
      { required: true },
    ),
    dateField('operating_status_date', 'Ngày bắt đầu tình trạng hiện tại', 'Status effective since'),
    booleanField('tuition_published', 'Đã công khai học phí', 'Tuition fees published', { required: true }),
    booleanField('fire_safety_ok', 'Đủ điều kiện phòng cháy, chữa cháy', 'Fire-safety requirements met', { required: true }),
    booleanField('records_kept', 'Lưu trữ đầy đủ hồ sơ, sổ sách', 'Records and registers kept', { required: true }),
  ],
};

const statusRules: RuleDef[] = [
  rule(
    'status.date_when_not_active',
    'error',
    "!present(operating_status) || operating_status == 'ACTIVE' || present(operating_status_date)",
    ['operating_status_date', 'operating_status'],
    'Cần nhập {label_lower:operating_status_date} khi tình trạng hoạt động là "{operating_status}".',
    '{label:operating_status_date} is required when the operating status is "{operating_status}".',
  ),
  // Domain §E.7: no intake after the status date. A quarter can straddle that date, hence an explainable warning.
  rule(
    'status.no_intake_when_not_active',
    'warning',
    `!present(operating_status) || operating_status == 'ACTIVE' || ${NEW_LEARNERS} == 0`,
    ['operating_status', 'classes_learners'],
    'Tình trạng hoạt động là "{operating_status}" từ ngày {operating_status_date} nhưng có {=' + NEW_LEARNERS + '} học viên mới trong kỳ; vui lòng giải trình (tuyển trước ngày đó?).',
    'The operating status is "{operating_status}" since {operating_status_date} but {=' + NEW_LEARNERS + '} new learners were reported; please explain (enrolled before that date?).',
    true,
  ),
];

export const LANGUAGE_IT_QUARTERLY_TEMPLATE: TemplateDefinition = {
  code: 'LANGUAGE_IT_QUARTERLY',
  version: 1,
  nameVi: 'Báo cáo hoạt động quý – Trung tâm ngoại ngữ, tin học, kỹ năng sống',
  nameEn: 'Quarterly operating report – language, IT and life-skills centres',
  centreTypes: ['LANGUAGE', 'IT', 'LANGUAGE_IT', 'LIFE_SKILLS'],
  periodType: 'QUARTER',
  deadline: { kind: 'AFTER_PERIOD_END', days: LANGUAGE_IT_QUARTERLY_DEADLINE_DAYS },
  sections: [licenceSection, staffSection, classesSection, statusSection],
  rules: [...licenceRules, ...staffRules, ...classesRules, ...statusRules],
};
