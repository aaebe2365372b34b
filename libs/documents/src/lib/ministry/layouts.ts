/**
 * The ministry's Excel layouts (issue 15 item 7, domain §K) as data: which rows (one per commune or per centre),
 * which header rows, which columns from which report values. No API exists on either system; the Sở exports in
 * these layouts and uploads what the ministry's system exported to see the differences.
 *
 * The official layouts were not found (domain §K: "The GDTX screens and templates were not found [U]"): both
 * shipped layouts say so (`official: false`) and follow the report's fields (domain §C4 for the commune literacy
 * statistics). A Sở replaces a layout with its own version (`saveMinistryLayout`) once it has the real template;
 * a layout is validated (`validateMinistryLayout`) before it is stored.
 */
export type LayoutSource = { identity: 'MINISTRY_CODE' | 'NAME' | 'CODE' } | { sum: readonly string[] };

export interface LayoutColumn {
  /** One text per header row, top to bottom (cells equal to the one on their left are merged). */
  header: readonly string[];
  source: LayoutSource;
}

export interface MinistryLayout {
  code: string;
  version: number;
  system: 'PCGD_XMC' | 'CSDL';
  nameVi: string;
  nameEn: string;
  /** False until checked against the ministry's own template: said on the sheet and on the web page. */
  official: boolean;
  noteVi: string;
  templateCode: string;
  rowsPer: 'COMMUNE' | 'CENTRE';
  sheetName: string;
  columns: readonly LayoutColumn[];
}

const BANDS = [['15_25', '15–25'], ['15_35', '15–35'], ['15_60', '15–60']] as const;
const PEOPLE = [['total', 'Tổng số'], ['female', 'Nữ'], ['dtts', 'Dân tộc thiểu số'], ['literate_l1', 'Biết chữ mức 1'], ['literate_l2', 'Biết chữ mức 2']] as const;

export const PCGD_XMC_COMMUNE_LITERACY: MinistryLayout = {
  code: 'PCGD_XMC_COMMUNE_LITERACY',
  version: 1,
  system: 'PCGD_XMC',
  nameVi: 'Thống kê xóa mù chữ cấp xã (hệ thống PCGD-XMC)',
  nameEn: 'Commune literacy statistics (PCGD-XMC system)',
  official: false,
  noteVi: 'Bố cục theo các trường của báo cáo PCGD-XMC cấp xã; mẫu Excel chính thức của hệ thống PCGD-XMC chưa có trong tài liệu, cần đối chiếu trước khi nộp.',
  templateCode: 'XMC_COMMUNE_YEARLY',
  rowsPer: 'COMMUNE',
  sheetName: 'XMC xã',
  columns: [
    { header: ['Mã xã (PCGD-XMC)', ''], source: { identity: 'MINISTRY_CODE' } },
    { header: ['Tên xã, phường', ''], source: { identity: 'NAME' } },
    ...BANDS.flatMap(([band, label]) => PEOPLE.map(([key, people]) => ({ header: [`Độ tuổi ${label}`, people], source: { sum: [`population.${band}.${key}`] } }))),
    { header: ['Người mù chữ 15–60', ''], source: { sum: ['illiterate_15_60'] } },
    { header: ['Người khuyết tật được miễn 15–60', ''], source: { sum: ['disabled_exempt_15_60'] } },
    { header: ['Lớp XMC', 'Số lớp'], source: { sum: ['xmc_classes'] } },
    { header: ['Lớp XMC', 'Học viên giai đoạn 1'], source: { sum: ['xmc_learners_phase1'] } },
    { header: ['Lớp XMC', 'Học viên giai đoạn 2'], source: { sum: ['xmc_learners_phase2'] } },
    { header: ['Lớp XMC', 'Mới biết chữ'], source: { sum: ['xmc_newly_literate'] } },
    { header: ['Lớp XMC', 'Giáo viên huy động'], source: { sum: ['xmc_teachers_mobilised'] } },
  ],
};

export const CSDL_GDTX_CENTRE_STATISTICS: MinistryLayout = {
  code: 'CSDL_GDTX_CENTRE_STATISTICS',
  version: 1,
  system: 'CSDL',
  nameVi: 'Thống kê trung tâm GDNN-GDTX (CSDL ngành, cấu hình được)',
  nameEn: 'GDNN-GDTX centre statistics (sector database, configurable)',
  official: false,
  noteVi: 'Mẫu thống kê GDTX của CSDL ngành (TT 25/2024/TT-BGDĐT) chưa có trong tài liệu: bố cục này do Sở cấu hình từ các chỉ tiêu của báo cáo năm học.',
  templateCode: 'GDTX_SCHOOL_YEAR',
  rowsPer: 'CENTRE',
  sheetName: 'Trung tâm',
  columns: [
    { header: ['Mã trường (CSDL)', ''], source: { identity: 'MINISTRY_CODE' } },
    { header: ['Tên trung tâm', ''], source: { identity: 'NAME' } },
    { header: ['Cán bộ, giáo viên', 'Tổng số'], source: { sum: ['staff_total'] } },
    { header: ['Cán bộ, giáo viên', 'Biên chế'], source: { sum: ['staff_tenured'] } },
    { header: ['Cán bộ, giáo viên', 'Thạc sĩ'], source: { sum: ['staff_masters'] } },
    { header: ['Cán bộ, giáo viên', 'Tiến sĩ'], source: { sum: ['staff_doctorates'] } },
    { header: ['Học viên GDTX cấp THPT', 'Số lớp'], source: { sum: ['secondary_classes'] } },
    { header: ['Học viên GDTX cấp THPT', 'Tổng số'], source: { sum: ['secondary_learners.g10.total', 'secondary_learners.g11.total', 'secondary_learners.g12.total'] } },
    { header: ['Bồi dưỡng ngắn hạn', 'Số lớp'], source: { sum: ['short_course_classes'] } },
    { header: ['Bồi dưỡng ngắn hạn', 'Học viên'], source: { sum: ['short_course_enrolled'] } },
  ],
};

export const SHIPPED_MINISTRY_LAYOUTS: readonly MinistryLayout[] = [PCGD_XMC_COMMUNE_LITERACY, CSDL_GDTX_CENTRE_STATISTICS];

/** What is wrong with a layout a Sở supplies (empty: valid). */
export function validateMinistryLayout(l: unknown): string[] {
  const issues: string[] = [];
  const x = l as Partial<MinistryLayout>;
  if (!x || typeof x !== 'object') return ['not an object'];
  if (typeof x.code !== 'string' || !/^[A-Z][A-Z0-9_]{2,60}$/.test(x.code)) issues.push('code must be UPPER_SNAKE_CASE');
  if (!Number.isInteger(x.version) || (x.version as number) < 1) issues.push('version must be a positive integer');
  if (x.system !== 'PCGD_XMC' && x.system !== 'CSDL') issues.push('system must be PCGD_XMC or CSDL');
  if (x.rowsPer !== 'COMMUNE' && x.rowsPer !== 'CENTRE') issues.push('rowsPer must be COMMUNE or CENTRE');
  for (const f of ['nameVi', 'nameEn', 'noteVi', 'templateCode', 'sheetName'] as const) if (typeof x[f] !== 'string' || !(x[f] as string).trim()) issues.push(`${f} is required`);
  if (typeof x.official !== 'boolean') issues.push('official must be true or false');
  if (!Array.isArray(x.columns) || !x.columns.length || x.columns.length > 200) issues.push('columns: 1 to 200');
  else {
    const depth = Math.max(...x.columns.map((c) => (Array.isArray(c?.header) ? c.header.length : 0)));
    x.columns.forEach((c, i) => {
      if (!Array.isArray(c?.header) || c.header.length !== depth || c.header.some((h: unknown) => typeof h !== 'string')) issues.push(`columns[${i}].header: ${depth} texts`);
      const s = c?.source as LayoutSource | undefined;
      const ok = s && (('identity' in s && ['MINISTRY_CODE', 'NAME', 'CODE'].includes(s.identity)) || ('sum' in s && Array.isArray(s.sum) && s.sum.length > 0 && s.sum.every((k) => typeof k === 'string' && /^[a-z0-9_.]+$/.test(k))));
      if (!ok) issues.push(`columns[${i}].source: { identity } or { sum: [value keys] }`);
    });
    if (!x.columns.some((c) => (c?.source as { identity?: string })?.identity === 'MINISTRY_CODE')) issues.push('one column must be the ministry code (the rows are matched by it)');
  }
  return issues;
}
