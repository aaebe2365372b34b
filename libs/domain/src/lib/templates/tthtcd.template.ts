/**
 * Semester report of a community learning centre (TTHTCĐ; domain §C3). The commune approves it before it
 * reaches the Sở, so it is due 10 days after the semester ends (semester 1: 25 January).
 */
import type { GridDef, RuleDef, SectionDef, TemplateDefinition } from '../template-types';
import {
  axis,
  booleanField,
  changeFromPreviousWarning,
  classSizeWarning,
  decimalField,
  integerField,
  peopleImplyClasses,
  rowPartsNotGreaterThanTotal,
  rowPeopleImplyClasses,
} from './template-builders';

export const TTHTCD_SEMESTER_DEADLINE_DAYS = 10;

const topicClasses: GridDef = {
  code: 'topic_classes',
  labelVi: 'Lớp chuyên đề theo lĩnh vực',
  labelEn: 'Topic classes by field',
  type: 'integer',
  rowDimension: 'topic_field',
  columnDimension: 'measure',
  rows: [
    axis('farming_technology', 'Chuyển giao khoa học kỹ thuật nông nghiệp', 'Farming technology'),
    axis('law', 'Phổ biến pháp luật', 'Law'),
    axis('health', 'Chăm sóc sức khỏe', 'Health'),
    axis('digital_skills', 'Kỹ năng số', 'Digital skills'),
    axis('vocational', 'Dạy nghề ngắn hạn', 'Vocational skills'),
    axis('other', 'Lĩnh vực khác', 'Other fields'),
  ],
  columns: [
    axis('classes', 'Số lớp', 'Classes'),
    axis('participants', 'Lượt người tham gia', 'Participant-times'),
    axis('female', 'Lượt nữ', 'Female participant-times'),
    axis('dtts', 'Lượt người dân tộc thiểu số', 'Ethnic-minority participant-times'),
  ],
};

const learningModels: GridDef = {
  code: 'learning_models',
  labelVi: 'Danh hiệu mô hình học tập',
  labelEn: 'Learning-model titles',
  type: 'integer',
  rowDimension: 'learning_model',
  columnDimension: 'measure',
  rows: [
    axis('learning_families', 'Gia đình học tập', 'Learning families'),
    axis('learning_clans', 'Dòng họ học tập', 'Learning clans'),
    axis('learning_communities', 'Cộng đồng học tập (thôn, tổ dân phố)', 'Learning communities (villages)'),
    axis('learning_units', 'Đơn vị học tập', 'Learning organisations'),
    axis('learning_citizens', 'Công dân học tập', 'Learning citizens'),
  ],
  columns: [
    axis('recognised', 'Được công nhận', 'Recognised'),
    axis('eligible', 'Tổng số thuộc diện đánh giá', 'Eligible (denominator)'),
  ],
};

const sections: SectionDef[] = [
  {
    code: 'topics',
    titleVi: 'Lớp chuyên đề, sinh hoạt cộng đồng',
    titleEn: 'Community topic classes',
    fields: [],
    grids: [topicClasses],
  },
  {
    code: 'literacy',
    titleVi: 'Xóa mù chữ và giáo dục tiếp tục sau khi biết chữ',
    titleEn: 'Literacy and post-literacy classes',
    fields: [
      integerField('xmc_classes', 'Số lớp xóa mù chữ', 'Literacy classes', { unit: 'lớp' }),
      integerField('xmc_learners', 'Học viên xóa mù chữ', 'Literacy learners'),
      integerField('post_literacy_classes', 'Số lớp giáo dục tiếp tục sau khi biết chữ', 'Post-literacy classes', { unit: 'lớp' }),
      integerField('post_literacy_learners', 'Học viên giáo dục tiếp tục sau khi biết chữ', 'Post-literacy learners'),
    ],
  },
  {
    code: 'funding',
    titleVi: 'Kinh phí hoạt động',
    titleEn: 'Funding',
    fields: [
      decimalField('funding_state_budget', 'Kinh phí ngân sách nhà nước (TT 96/2008)', 'State budget (Circular 96/2008)', { unit: 'triệu đồng', min: 0 }),
      decimalField('funding_other_sources', 'Kinh phí từ các nguồn khác', 'Other sources', { unit: 'triệu đồng', min: 0 }),
    ],
  },
  {
    code: 'management',
    titleVi: 'Tổ chức và quản lý',
    titleEn: 'Management',
    fields: [
      booleanField('it_in_management', 'Ứng dụng công nghệ thông tin trong quản lý', 'Uses IT in management'),
      booleanField('study_promotion_leader_on_board', 'Chủ tịch Hội Khuyến học xã tham gia Ban Giám đốc', 'The commune study-promotion association leader sits on the board'),
    ],
  },
  {
    code: 'learning_models',
    titleVi: 'Xây dựng mô hình học tập',
    titleEn: 'Learning models',
    fields: [],
    grids: [learningModels],
  },
];

const rules: RuleDef[] = [
  ...rowPartsNotGreaterThanTotal('topics', topicClasses, ['female', 'dtts'], 'participants'),
  ...rowPeopleImplyClasses('topics', topicClasses, 'participants', 'classes'),
  changeFromPreviousWarning('topics.participants_change', 'sum(topic_classes.*.participants)', 'Tổng lượt người tham gia lớp chuyên đề', 'Total topic-class participant-times', ['topic_classes']),
  peopleImplyClasses('literacy.learners_need_classes', 'xmc_learners', 'xmc_classes', 'học viên xóa mù chữ', 'literacy learners', ['xmc_classes']),
  classSizeWarning('literacy.class_size', 'xmc_learners', 'xmc_classes', ['xmc_classes', 'xmc_learners']),
  peopleImplyClasses('literacy.post_literacy_learners_need_classes', 'post_literacy_learners', 'post_literacy_classes', 'học viên giáo dục tiếp tục sau khi biết chữ', 'post-literacy learners', ['post_literacy_classes']),
  classSizeWarning('literacy.post_literacy_class_size', 'post_literacy_learners', 'post_literacy_classes', ['post_literacy_classes', 'post_literacy_learners']),
  ...rowPartsNotGreaterThanTotal('learning_models', learningModels, ['recognised'], 'eligible'),
];

export const TTHTCD_SEMESTER_TEMPLATE: TemplateDefinition = {
  code: 'TTHTCD_SEMESTER',
  version: 1,
  nameVi: 'Báo cáo học kỳ – Trung tâm học tập cộng đồng',
  nameEn: 'Semester report – community learning centres',
  centreTypes: ['TTHTCD'],
  periodType: 'SEMESTER',
  deadline: { kind: 'AFTER_PERIOD_END', days: TTHTCD_SEMESTER_DEADLINE_DAYS },
  sections,
  rules,
};
