import type { TemplateDefinition, ValueMap } from '@gdtx/domain';
import type { WorkbookMeta } from '../types';

/**
 * Test fixture only (not a shipped template): a semester report of a provincial GDTX centre, small but realistic —
 * general information (text, date, boolean, choice), the certificate-exam block, learners by grade × sex, and a
 * section with a long title containing characters Excel forbids in sheet names.
 */
export const GDTX_FIXTURE_TEMPLATE: TemplateDefinition = {
  code: 'TEST_GDTX_SEMESTER',
  version: 3,
  nameVi: 'Báo cáo hoạt động học kỳ của trung tâm GDTX',
  nameEn: 'Semester activity report of a GDTX centre',
  centreTypes: ['PROVINCIAL_GDTX', 'GDNN_GDTX'],
  periodType: 'SEMESTER',
  deadline: { kind: 'AFTER_PERIOD_END', days: 10 },
  sections: [
    {
      code: 'general',
      titleVi: 'Thông tin chung',
      titleEn: 'General information',
      fields: [
        { code: 'preparer_name', labelVi: 'Người lập báo cáo', labelEn: 'Prepared by', type: 'text', maxLength: 200, required: true },
        { code: 'report_date', labelVi: 'Ngày lập báo cáo', labelEn: 'Report date', type: 'date', required: true },
        {
          code: 'teaches_upper_secondary',
          labelVi: 'Trung tâm có tổ chức dạy chương trình GDTX cấp THPT',
          labelEn: 'The centre teaches the upper-secondary GDTX programme',
          type: 'boolean',
        },
        {
          code: 'facility_condition',
          labelVi: 'Tình trạng cơ sở vật chất',
          labelEn: 'Condition of facilities',
          type: 'choice',
          choices: [
            { value: 'GOOD', labelVi: 'Tốt', labelEn: 'Good' },
            { value: 'FAIR', labelVi: 'Khá', labelEn: 'Fair' },
            { value: 'POOR', labelVi: 'Xuống cấp', labelEn: 'Deteriorated' },
          ],
        },
      ],
    },
    {
      code: 'exam',
      titleVi: 'Thi cấp chứng chỉ',
      titleEn: 'Certificate examinations',
      fields: [
        { code: 'exam_councils', labelVi: 'Số hội đồng thi', labelEn: 'Number of exam councils', type: 'integer', unit: 'hội đồng' },
        {
          code: 'exam_candidates',
          labelVi: 'Số thí sinh dự thi',
          labelEn: 'Number of candidates',
          type: 'integer',
          unit: 'người',
          helpVi: 'Tính cả thí sinh tự do.',
        },
        { code: 'exam_certified', labelVi: 'Số thí sinh được cấp chứng chỉ', labelEn: 'Number certified', type: 'integer', unit: 'người' },
        { code: 'exam_pass_rate', labelVi: 'Tỷ lệ đạt', labelEn: 'Pass rate', type: 'percent', unit: '%', min: 0, max: 100 },
        { code: 'exam_notes', labelVi: 'Ghi chú về kỳ thi', labelEn: 'Notes on the exams', type: 'text' },
      ],
    },
    {
      code: 'learners',
      titleVi: 'Học viên GDTX cấp THPT',
      titleEn: 'Upper-secondary GDTX learners',
      fields: [
        { code: 'classes', labelVi: 'Số lớp', labelEn: 'Number of classes', type: 'integer', unit: 'lớp' },
        { code: 'operating_budget', labelVi: 'Kinh phí hoạt động', labelEn: 'Operating budget', type: 'decimal', unit: 'triệu đồng' },
      ],
      grids: [
        {
          code: 'learners',
          labelVi: 'Số học viên theo khối lớp và giới tính',
          labelEn: 'Learners by grade and sex',
          type: 'integer',
          unit: 'người',
          rowDimension: 'grade',
          columnDimension: 'sex',
          rows: [
            { code: 'g10', labelVi: 'Lớp 10', labelEn: 'Grade 10' },
            { code: 'g11', labelVi: 'Lớp 11', labelEn: 'Grade 11' },
            { code: 'g12', labelVi: 'Lớp 12', labelEn: 'Grade 12' },
          ],
          columns: [
            { code: 'male', labelVi: 'Nam', labelEn: 'Male' },
            { code: 'female', labelVi: 'Nữ', labelEn: 'Female' },
          ],
        },
      ],
    },
    {
      code: 'facilities',
      titleVi: 'Cơ sở vật chất: phòng học/phòng thí nghiệm [năm học]',
      titleEn: 'Facilities: classrooms/labs [school year]',
      fields: [
        { code: 'classrooms', labelVi: 'Số phòng học', labelEn: 'Classrooms', type: 'integer', unit: 'phòng' },
        { code: 'labs', labelVi: 'Số phòng thí nghiệm, thực hành', labelEn: 'Labs', type: 'integer', unit: 'phòng' },
      ],
    },
  ],
  rules: [],
};

/** A complete value map (every key present; some deliberately null). */
export function fixtureValues(): ValueMap {
  return {
    preparer_name: 'Nguyễn Thị Hồng Nhung — Phó Giám đốc',
    report_date: '2024-06-15',
    teaches_upper_secondary: true,
    facility_condition: 'FAIR',
    exam_councils: 10,
    exam_candidates: 2279,
    exam_certified: 2270,
    exam_pass_rate: 99.6,
    exam_notes: 'Tổ chức thi tại 3 điểm: Thành phố Huế, Phong Điền và A Lưới;\nkhông có thí sinh vi phạm quy chế.',
    classes: 24,
    operating_budget: 1234.75,
    'learners.g10.male': 312,
    'learners.g10.female': 287,
    'learners.g11.male': 0,
    'learners.g11.female': 265,
    'learners.g12.male': null,
    'learners.g12.female': 241,
    classrooms: 18,
    labs: null,
  };
}

export const FIXTURE_META: WorkbookMeta = {
  centreId: '7b1f3c2e-2f4a-4d1b-9a55-0c3e8f6a1d20',
  centreName: 'Trung tâm GDNN-GDTX huyện Phong Điền',
  templateCode: GDTX_FIXTURE_TEMPLATE.code,
  templateVersion: GDTX_FIXTURE_TEMPLATE.version,
  periodCode: '2023-2024-HK2',
  periodLabelVi: 'Học kỳ II năm học 2023-2024',
  submissionVersion: 2,
  generatedAt: '2024-06-20T03:15:00.000Z',
};

export const FIXTURE_EXPECTED = {
  centreId: FIXTURE_META.centreId,
  templateCode: FIXTURE_META.templateCode,
  periodCode: FIXTURE_META.periodCode,
};
