/**
 * The commune's yearly PCGD-XMC literacy report (domain §C4, §D1, §E.5–E.6), filed through the commune's
 * TTHTCĐ. Data year 1 Oct – 30 Sep; the commune reports before 3 October (TT 19/2020), so it is due 2 Oct of
 * the year the literacy year ends.
 *
 * Age bands are nested and cumulative (15–25 ⊂ 15–35 ⊂ 15–60), as the recognition criteria of NĐ 20/2014
 * read them: commune L1 uses 15–35 (ĐBKK: 15–25), L2 uses 15–60 (ĐBKK: 15–35).
 */
import type { GridDef, RuleDef, SectionDef, TemplateDefinition } from '../template-types';
import {
  axis,
  booleanField,
  changeFromPreviousWarning,
  choiceField,
  classSizeWarning,
  integerField,
  notGreaterThan,
  peopleImplyClasses,
  rowPartsNotGreaterThanTotal,
  rule,
} from './template-builders';

export const XMC_COMMUNE_DEADLINE = { kind: 'FIXED_DATE', month: 10, day: 2, yearOffset: 0 } as const;

const AGE_BANDS = ['15_25', '15_35', '15_60'] as const;

const population: GridDef = {
  code: 'population',
  labelVi: 'Dân số và biết chữ theo độ tuổi',
  labelEn: 'Population and literacy by age band',
  type: 'integer',
  unit: 'người',
  required: true,
  rowDimension: 'age_band',
  columnDimension: 'literacy_measure',
  rows: [
    axis('15_25', 'Từ 15 đến 25 tuổi', 'Aged 15–25'),
    axis('15_35', 'Từ 15 đến 35 tuổi', 'Aged 15–35'),
    axis('15_60', 'Từ 15 đến 60 tuổi', 'Aged 15–60'),
  ],
  columns: [
    axis('total', 'Tổng số', 'Total'),
    axis('female', 'Nữ', 'Female'),
    axis('dtts', 'Dân tộc thiểu số', 'Ethnic minority'),
    axis('literate_l1', 'Biết chữ mức độ 1', 'Literate at level 1'),
    axis('literate_l2', 'Biết chữ mức độ 2', 'Literate at level 2'),
  ],
};

const sections: SectionDef[] = [
  {
    code: 'population',
    titleVi: 'Dân số và tình trạng biết chữ',
    titleEn: 'Population and literacy',
    fields: [
      integerField('illiterate_15_60', 'Số người mù chữ từ 15 đến 60 tuổi', 'Illiterate people aged 15–60'),
      integerField('disabled_exempt_15_60', 'Người khuyết tật được miễn (15–60 tuổi)', 'Exempt people with disabilities (aged 15–60)'),
    ],
    grids: [population],
  },
  {
    code: 'commune_status',
    titleVi: 'Tình trạng của xã',
    titleEn: 'Commune status',
    fields: [
      booleanField('dbkk', 'Xã đặc biệt khó khăn (ĐBKK)', 'Especially disadvantaged commune (ĐBKK)', {
        required: true,
        helpVi: 'Bắt buộc: xã ĐBKK được xét công nhận theo nhóm tuổi 15–25 (mức 1) và 15–35 (mức 2).',
        helpEn: 'Required: ĐBKK communes are assessed on ages 15–25 (level 1) and 15–35 (level 2).',
      }),
      choiceField('recognised_level', 'Mức đạt chuẩn xóa mù chữ đã được công nhận', 'Recognised literacy level', [
        { value: 'NONE', labelVi: 'Chưa đạt chuẩn', labelEn: 'Not recognised' },
        { value: 'LEVEL_1', labelVi: 'Đạt chuẩn mức độ 1', labelEn: 'Level 1' },
        { value: 'LEVEL_2', labelVi: 'Đạt chuẩn mức độ 2', labelEn: 'Level 2' },
      ]),
    ],
  },
  {
    code: 'xmc_activity',
    titleVi: 'Hoạt động xóa mù chữ',
    titleEn: 'Literacy activity',
    fields: [
      integerField('xmc_classes', 'Số lớp xóa mù chữ', 'Literacy classes', { unit: 'lớp' }),
      integerField('xmc_learners_phase1', 'Học viên giai đoạn 1', 'Learners in phase 1'),
      integerField('xmc_learners_phase2', 'Học viên giai đoạn 2', 'Learners in phase 2'),
      integerField('xmc_newly_literate', 'Số người mới được công nhận biết chữ', 'Newly literate people'),
      integerField('xmc_teachers_mobilised', 'Số giáo viên được huy động', 'Teachers mobilised'),
    ],
  },
];

const XMC_LEARNERS = 'xmc_learners_phase1 + xmc_learners_phase2';

/** pop(15–25) ≤ pop(15–35) ≤ pop(15–60), for every column (each band contains the previous one). */
const nestedBandRules: RuleDef[] = population.columns.flatMap((column) =>
  AGE_BANDS.slice(1).map((band, position) => {
    const narrower = `population.${AGE_BANDS[position]}.${column.code}`;
    const wider = `population.${band}.${column.code}`;
    return rule(
      `population.${column.code}.${AGE_BANDS[position]}_le_${band}`,
      'error',
      `${narrower} <= ${wider}`,
      [narrower, wider],
      `{column:${narrower}}: nhóm {row_lower:${narrower}} ({${narrower}}) không được lớn hơn nhóm {row_lower:${wider}} ({${wider}}) vì nhóm sau bao gồm nhóm trước.`,
      `{column:${narrower}}: the {row_lower:${narrower}} band ({${narrower}}) must not exceed the {row_lower:${wider}} band ({${wider}}), which contains it.`,
    );
  }),
);

const rules: RuleDef[] = [
  ...nestedBandRules,
  // In each band: female, DTTS, literate L1 ≤ total; L2 ≤ L1 (level 2 implies level 1).
  ...rowPartsNotGreaterThanTotal('population', population, ['female', 'dtts', 'literate_l1'], 'total'),
  ...rowPartsNotGreaterThanTotal('population', population, ['literate_l2'], 'literate_l1'),
  rule(
    'population.literate_plus_illiterate_le_total',
    'error',
    'population.15_60.literate_l1 + illiterate_15_60 <= population.15_60.total',
    ['illiterate_15_60', 'population.15_60.total'],
    'Số biết chữ mức độ 1 cộng {label_lower:illiterate_15_60} ({=population.15_60.literate_l1 + illiterate_15_60}) không được lớn hơn dân số từ 15 đến 60 tuổi ({population.15_60.total}).',
    'Literate at level 1 plus {label_lower:illiterate_15_60} ({=population.15_60.literate_l1 + illiterate_15_60}) must not exceed the population aged 15–60 ({population.15_60.total}).',
  ),
  notGreaterThan('population.disabled_exempt_le_total', 'disabled_exempt_15_60', 'population.15_60.total'),
  changeFromPreviousWarning('population.total_change', 'population.15_60.total', 'Dân số từ 15 đến 60 tuổi', 'Population aged 15–60', ['population.15_60.total']),
  rule(
    'xmc.newly_literate_le_learners',
    'error',
    `xmc_newly_literate <= ${XMC_LEARNERS}`,
    ['xmc_newly_literate', 'xmc_learners_phase1', 'xmc_learners_phase2'],
    '{label:xmc_newly_literate} ({xmc_newly_literate}) không được lớn hơn tổng số học viên giai đoạn 1 và 2 ({=' + XMC_LEARNERS + '}).',
    '{label:xmc_newly_literate} ({xmc_newly_literate}) must not exceed learners in phases 1 and 2 ({=' + XMC_LEARNERS + '}).',
  ),
  peopleImplyClasses('xmc.learners_need_classes', XMC_LEARNERS, 'xmc_classes', 'học viên xóa mù chữ', 'literacy learners', ['xmc_classes']),
  classSizeWarning('xmc.class_size', XMC_LEARNERS, 'xmc_classes', ['xmc_classes', 'xmc_learners_phase1']),
  rule(
    'xmc.classes_need_teachers',
    'warning',
    'xmc_classes == 0 || xmc_teachers_mobilised > 0',
    ['xmc_teachers_mobilised', 'xmc_classes'],
    'Có {xmc_classes} lớp xóa mù chữ nhưng {label_lower:xmc_teachers_mobilised} bằng 0.',
    'There are {xmc_classes} literacy classes but {label_lower:xmc_teachers_mobilised} is 0.',
  ),
];

export const XMC_COMMUNE_YEARLY_TEMPLATE: TemplateDefinition = {
  code: 'XMC_COMMUNE_YEARLY',
  version: 1,
  nameVi: 'Báo cáo xóa mù chữ hằng năm của xã',
  nameEn: 'Commune yearly literacy (XMC) report',
  centreTypes: ['TTHTCD'],
  periodType: 'LITERACY_YEAR',
  deadline: { ...XMC_COMMUNE_DEADLINE },
  sections,
  rules,
};

/**
 * Version 2 (issue 5): adds what the derived literacy indicators need and v1 does not collect — ethnic-minority
 * learners and newly literate people per phase. Reports filed against v1 keep v1; v2 applies to new reports.
 */
const XMC_V2_ACTIVITY_FIELDS = [
  integerField('xmc_learners_dtts', 'Học viên là người dân tộc thiểu số', 'Ethnic-minority learners'),
  integerField('xmc_newly_literate_phase1', 'Số người hoàn thành giai đoạn 1', 'Learners completing phase 1'),
  integerField('xmc_newly_literate_phase2', 'Số người hoàn thành giai đoạn 2', 'Learners completing phase 2'),
];

export const XMC_COMMUNE_YEARLY_TEMPLATE_V2: TemplateDefinition = {
  ...XMC_COMMUNE_YEARLY_TEMPLATE,
  version: 2,
  sections: sections.map((section) =>
    section.code === 'xmc_activity' ? { ...section, fields: [...section.fields, ...XMC_V2_ACTIVITY_FIELDS] } : section,
  ),
  rules: [
    ...rules,
    rule('xmc.dtts_le_learners', 'error', `xmc_learners_dtts <= ${XMC_LEARNERS}`, ['xmc_learners_dtts', 'xmc_learners_phase1', 'xmc_learners_phase2'],
      '{label:xmc_learners_dtts} ({xmc_learners_dtts}) không được lớn hơn tổng số học viên hai giai đoạn.',
      '{label:xmc_learners_dtts} ({xmc_learners_dtts}) must not exceed the learners of both phases.'),
    rule('xmc.phase1_completed_le_learners', 'error', 'xmc_newly_literate_phase1 <= xmc_learners_phase1', ['xmc_newly_literate_phase1', 'xmc_learners_phase1'],
      '{label:xmc_newly_literate_phase1} ({xmc_newly_literate_phase1}) không được lớn hơn {label_lower:xmc_learners_phase1} ({xmc_learners_phase1}).',
      '{label:xmc_newly_literate_phase1} ({xmc_newly_literate_phase1}) must not exceed {label_lower:xmc_learners_phase1} ({xmc_learners_phase1}).'),
    rule('xmc.phase2_completed_le_learners', 'error', 'xmc_newly_literate_phase2 <= xmc_learners_phase2', ['xmc_newly_literate_phase2', 'xmc_learners_phase2'],
      '{label:xmc_newly_literate_phase2} ({xmc_newly_literate_phase2}) không được lớn hơn {label_lower:xmc_learners_phase2} ({xmc_learners_phase2}).',
      '{label:xmc_newly_literate_phase2} ({xmc_newly_literate_phase2}) must not exceed {label_lower:xmc_learners_phase2} ({xmc_learners_phase2}).'),
  ],
};
