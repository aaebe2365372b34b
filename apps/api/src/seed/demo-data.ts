import type { CentreStatus, CentreType, Ownership, Role } from '@gdtx/domain';

/**
 * The demo province, shaped on the seed documents: Thanh Hóa's provincial GDTX centre (S0, S1), GDNN-GDTX
 * centres per district, language/IT centres of which several stopped enrolling (the Bắc Ninh case of S4),
 * some with an expired or missing director recognition, life-skills centres and one TTHTCĐ per commune.
 * A second, small province (Bắc Ninh) exists so that isolation between provinces can be seen and tested.
 */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoDistrict {
  code: string;
  name: string;
  communes: string[];
}

export const THANH_HOA = {
  code: 'TH',
  name: 'Tỉnh Thanh Hóa',
  districts: [
    { code: 'TH-TP', name: 'Thành phố Thanh Hóa', communes: ['Phường Điện Biên', 'Phường Lam Sơn', 'Phường Ba Đình', 'Phường Đông Thọ', 'Xã Quảng Thịnh'] },
    { code: 'TH-TX', name: 'Huyện Thọ Xuân', communes: ['Thị trấn Thọ Xuân', 'Xã Xuân Hòa', 'Xã Thọ Lập', 'Xã Xuân Tín', 'Xã Nam Giang'] },
    { code: 'TH-HH', name: 'Huyện Hoằng Hóa', communes: ['Thị trấn Bút Sơn', 'Xã Hoằng Đạo', 'Xã Hoằng Châu', 'Xã Hoằng Phụ', 'Xã Hoằng Trường'] },
    { code: 'TH-NS', name: 'Thị xã Nghi Sơn', communes: ['Phường Hải Hòa', 'Phường Tĩnh Hải', 'Xã Phú Lâm'] },
    { code: 'TH-BT', name: 'Huyện Bá Thước', communes: ['Thị trấn Cành Nàng', 'Xã Lũng Niêm', 'Xã Thành Sơn', 'Xã Lương Nội'] },
  ] as DemoDistrict[],
};

export const BAC_NINH = {
  code: 'BN',
  name: 'Tỉnh Bắc Ninh',
  districts: [{ code: 'BN-TP', name: 'Thành phố Bắc Ninh', communes: ['Phường Suối Hoa', 'Phường Tiền An'] }] as DemoDistrict[],
};

/**
 * The third demo province, absorbed by Bắc Ninh on 1 Jul 2025 (NQ 202/2025/QH15; domain §I; ADR 0015): a city with
 * two wards, a language centre and an IT centre with a little report history on each side of the merger.
 * `DEMO_WORLD=pre-reform` keeps it a province of its own.
 */
export const BAC_GIANG = {
  code: 'BG',
  name: 'Tỉnh Bắc Giang',
  districts: [{ code: 'BG-TP', name: 'Thành phố Bắc Giang', communes: ['Phường Trần Phú', 'Phường Hoàng Văn Thụ'] }] as DemoDistrict[],
};

/** The demo's province merger (today's world only): Bắc Giang + Bắc Ninh → Bắc Ninh, which keeps its id. */
export const DEMO_PROVINCE_MERGER = {
  absorbed: 'BG',
  survivor: 'BN',
  effectiveDate: '2025-07-01',
  legalBasis: 'Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh',
} as const;

/** The 2025 commune merger recorded in the demo (a first reorganisation; the full reform is applied later). */
export const DEMO_REORGANISATION = {
  code: 'NQ-1686-2025',
  name: 'Sắp xếp đơn vị hành chính cấp xã năm 2025 (Hoằng Hóa)',
  effectiveDate: '2025-07-01',
  legalBasis: 'Nghị quyết 1686/NQ-UBTVQH15 (2025) về sắp xếp đơn vị hành chính cấp xã tỉnh Thanh Hóa',
  district: 'TH-HH',
  merged: ['Xã Hoằng Châu', 'Xã Hoằng Phụ'],
  into: 'Xã Hoằng Tiến',
};

export interface DemoLicence {
  kind: 'ESTABLISHMENT' | 'OPERATING_PERMISSION' | 'DIRECTOR_RECOGNITION';
  number: string;
  decidedOn: string;
  validTo?: string;
  holder?: string;
  issuer?: string;
}

export interface DemoCentre {
  code: string;
  name: string;
  type: CentreType;
  ownership: Ownership;
  district: string;
  commune?: string;
  status?: CentreStatus;
  statusSince?: string;
  statusReason?: string;
  establishedOn: string;
  address?: string;
  licences: DemoLicence[];
}

const SO = 'Sở Giáo dục và Đào tạo Thanh Hóa';
const UBND = 'UBND tỉnh Thanh Hóa';

function lang(code: string, name: string, district: string, established: string, opts: Partial<DemoCentre> & { directorTo?: string | null; type?: CentreType } = {}): DemoCentre {
  const licences: DemoLicence[] = [
    { kind: 'ESTABLISHMENT', number: `${code.slice(-3)}/QĐ-SGDĐT`, decidedOn: established, issuer: SO },
    { kind: 'OPERATING_PERMISSION', number: `${code.slice(-3)}/QĐ-SGDĐT-HĐ`, decidedOn: addDays(established, 60), issuer: SO },
  ];
  if (opts.directorTo !== null) {
    licences.push({ kind: 'DIRECTOR_RECOGNITION', number: `${code.slice(-3)}/QĐ-SGDĐT-GĐ`, decidedOn: addDays(established, 30), validTo: opts.directorTo ?? '2028-06-30', issuer: SO, holder: opts.address ? undefined : 'Giám đốc trung tâm' });
  }
  return { code, name, district, type: opts.type ?? 'LANGUAGE', ownership: 'PRIVATE', establishedOn: established, licences, ...opts };
}

function addDays(date: string, days: number): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const THANH_HOA_CENTRES: DemoCentre[] = [
  {
    code: 'TH-GDTX', name: 'Trung tâm Giáo dục thường xuyên tỉnh Thanh Hóa', type: 'PROVINCIAL_GDTX', ownership: 'PUBLIC',
    district: 'TH-TP', commune: 'Phường Ba Đình', establishedOn: '1996-08-15', address: 'Số 2 Phan Chu Trinh, TP Thanh Hóa',
    licences: [{ kind: 'ESTABLISHMENT', number: '1045/QĐ-UBND', decidedOn: '1996-08-15', issuer: UBND }],
  },
  ...THANH_HOA.districts.filter((d) => d.code !== 'TH-TP').map((d) => ({
    code: `${d.code}-GDNN`, name: `Trung tâm GDNN-GDTX ${d.name.replace(/^(Huyện|Thị xã) /, '')}`, type: 'GDNN_GDTX' as CentreType,
    ownership: 'PUBLIC' as Ownership, district: d.code, commune: d.communes[0], establishedOn: '2018-03-01',
    licences: [{ kind: 'ESTABLISHMENT' as const, number: `${d.code.slice(3)}-GDNN/QĐ-UBND`, decidedOn: '2018-03-01', issuer: `UBND ${d.name}` }],
  })),
  lang('TH-NN-001', 'Trung tâm Ngoại ngữ Quốc tế Lam Sơn', 'TH-TP', '2016-05-10', { commune: 'Phường Lam Sơn' }),
  lang('TH-NN-002', 'Trung tâm Ngoại ngữ Ánh Dương', 'TH-TP', '2018-09-01', { commune: 'Phường Điện Biên', directorTo: '2025-08-31' }),
  lang('TH-NN-003', 'Trung tâm Ngoại ngữ Sao Việt', 'TH-TP', '2019-02-20', { commune: 'Phường Đông Thọ', status: 'NOT_ENROLLING', statusSince: '2024-01-01', statusReason: 'Không tuyển sinh được học viên' }),
  lang('TH-NN-004', 'Trung tâm Ngoại ngữ Hoa Sen', 'TH-TX', '2020-07-15', { commune: 'Thị trấn Thọ Xuân' }),
  lang('TH-NN-005', 'Trung tâm Ngoại ngữ Tuổi Trẻ Thọ Xuân', 'TH-TX', '2021-03-01', { commune: 'Xã Xuân Hòa', status: 'NOT_ENROLLING', statusSince: '2023-10-01', statusReason: 'Dừng hoạt động do không có học viên' }),
  lang('TH-NN-006', 'Trung tâm Ngoại ngữ Bình Minh', 'TH-HH', '2017-11-11', { commune: 'Thị trấn Bút Sơn', directorTo: null }),
  lang('TH-NN-007', 'Trung tâm Ngoại ngữ Olympia', 'TH-NS', '2022-01-05', { commune: 'Phường Hải Hòa', directorTo: '2027-01-31' }),
  lang('TH-NN-008', 'Trung tâm Ngoại ngữ Trí Tuệ', 'TH-NS', '2019-06-01', { commune: 'Phường Tĩnh Hải', status: 'SUSPENDED', statusSince: '2025-03-01', statusReason: 'Tạm đình chỉ do vi phạm quy định về giáo viên nước ngoài' }),
  lang('TH-NNTH-001', 'Trung tâm Ngoại ngữ - Tin học Hồng Đức', 'TH-TP', '2015-04-01', { type: 'LANGUAGE_IT', commune: 'Phường Ba Đình' }),
  lang('TH-NNTH-002', 'Trung tâm Ngoại ngữ - Tin học Đại Dương', 'TH-HH', '2020-10-10', { type: 'LANGUAGE_IT', commune: 'Xã Hoằng Đạo', status: 'NOT_ENROLLING', statusSince: '2024-06-01', statusReason: 'Không tuyển sinh' }),
  lang('TH-TH-001', 'Trung tâm Tin học Ứng dụng Thanh Hóa', 'TH-TP', '2014-08-20', { type: 'IT', commune: 'Phường Đông Thọ' }),
  lang('TH-TH-002', 'Trung tâm Tin học Sao Mai', 'TH-TX', '2023-02-01', { type: 'IT', commune: 'Xã Thọ Lập', directorTo: '2026-12-15' }),
  lang('TH-KNS-001', 'Trung tâm Kỹ năng sống Hạt Giống Tâm Hồn', 'TH-TP', '2019-05-05', { type: 'LIFE_SKILLS', commune: 'Phường Điện Biên' }),
  lang('TH-KNS-002', 'Trung tâm Kỹ năng sống Ước Mơ Xanh', 'TH-BT', '2021-09-09', { type: 'LIFE_SKILLS', commune: 'Thị trấn Cành Nàng' }),
  {
    code: 'TH-HTHN', name: 'Trung tâm Hỗ trợ phát triển giáo dục hòa nhập tỉnh Thanh Hóa', type: 'INCLUSIVE_EDUCATION', ownership: 'PUBLIC',
    district: 'TH-TP', commune: 'Phường Lam Sơn', establishedOn: '2017-12-01',
    licences: [{ kind: 'ESTABLISHMENT', number: '4321/QĐ-UBND', decidedOn: '2017-12-01', issuer: UBND }],
  },
];

export const BAC_NINH_CENTRES: DemoCentre[] = [
  lang('BN-NN-001', 'Trung tâm Ngoại ngữ Kinh Bắc', 'BN-TP', '2017-03-01', { commune: 'Phường Suối Hoa', status: 'NOT_ENROLLING', statusSince: '2022-06-01', statusReason: 'Dừng hoạt động do không tuyển sinh (Hội nghị 10/2022)' }),
  lang('BN-NN-002', 'Trung tâm Ngoại ngữ Quan Họ', 'BN-TP', '2018-04-01', { commune: 'Phường Tiền An' }),
];

export const BAC_GIANG_CENTRES: DemoCentre[] = [
  lang('BG-NN-001', 'Trung tâm Ngoại ngữ Xương Giang', 'BG-TP', '2016-09-01', { commune: 'Phường Trần Phú' }),
  lang('BG-TH-001', 'Trung tâm Tin học Sông Thương', 'BG-TP', '2019-03-15', { type: 'IT', commune: 'Phường Hoàng Văn Thụ' }),
];

export interface DemoUser {
  username: string;
  fullName: string;
  role: Role;
  province: 'TH' | 'BN' | 'BG';
  /** District code for SUPERVISOR; centre code for centre roles. */
  scope?: string;
  email?: string;
}

/**
 * Which world the demo shows (issue 12 item 1): by default today's province — the 2025 reform applied on top of
 * the history (districts ended 30 Jun 2025, communes directly under the province from 1 Jul 2025, the
 * reorganisation recorded between them). `DEMO_WORLD=pre-reform` keeps the old world (districts, the district
 * office of Thọ Xuân as an active supervisor) for training. `DEMO_APPLY_REFORM=1` (the former opt-in) still
 * means today's world.
 */
export type DemoWorld = 'today' | 'pre-reform';
export function demoWorld(env: NodeJS.ProcessEnv = process.env): DemoWorld {
  const w = env['DEMO_WORLD'];
  if (w === 'pre-reform') return 'pre-reform';
  if (w && w !== 'today') throw new Error(`DEMO_WORLD must be "today" or "pre-reform", not "${w}"`);
  return 'today';
}

/**
 * Supervision after the reform (domain §H): areas the Sở defines over today's communes, named by the former
 * district whose communes (or their successors) they hold. From the reform's effective date.
 */
export const DEMO_AREAS = [
  { code: 'KV-THO-XUAN', name: 'Khu vực Thọ Xuân', formerDistrict: 'TH-TX', validFrom: '2025-07-01' },
  { code: 'KV-BA-THUOC', name: 'Khu vực Bá Thước', formerDistrict: 'TH-BT', validFrom: '2025-07-01' },
];

/**
 * Users of today's world (seeded only when the reform is applied). `scope`: the name of today's commune (commune
 * officer) or the code of an area (area officer). Listed in README's users table before the legacy user.
 */
export const DEMO_TODAY_USERS: (Omit<DemoUser, 'scope'> & { commune?: string; area?: string })[] = [
  { username: 'xa.xuanhoa', fullName: 'Lê Thị Thu', role: 'SUPERVISOR', province: 'TH', commune: 'Xã Xuân Hòa', email: 'vhxh.xuanhoa@thanhhoa.gov.vn' },
  { username: 'kv.thoxuan', fullName: 'Trịnh Văn Nam', role: 'SUPERVISOR', province: 'TH', area: 'KV-THO-XUAN' },
];

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'SYSTEM_ADMIN', province: 'TH' },
  { username: 'so.quantri', fullName: 'Lê Thị Hằng', role: 'SO_ADMIN', province: 'TH' },
  { username: 'so.chuyenvien', fullName: 'Nguyễn Văn Minh', role: 'SO_SPECIALIST', province: 'TH', email: 'minh.nv@thanhhoa.edu.vn' },
  { username: 'so.lanhdao', fullName: 'Trần Quốc Hưng', role: 'SO_LEADER', province: 'TH' },
  { username: 'so.thanhtra', fullName: 'Phạm Thu Trang', role: 'INSPECTOR', province: 'TH' },
  // The district office of Thọ Xuân: an active supervisor in the pre-reform world; in today's world its office was
  // dissolved on 1 Jul 2025 and it keeps read-only access to the old district's history (the legacy role, domain §H).
  { username: 'phong.thoxuan', fullName: 'Hoàng Văn Toàn', role: 'SUPERVISOR', province: 'TH', scope: 'TH-TX' },
  { username: 'gd.gdtx', fullName: 'Lê Văn Bình', role: 'CENTRE_DIRECTOR', province: 'TH', scope: 'TH-GDTX', email: 'gdtx@thanhhoa.edu.vn' },
  { username: 'cb.gdtx', fullName: 'Nguyễn Thị Lan', role: 'CENTRE_STAFF', province: 'TH', scope: 'TH-GDTX' },
  { username: 'gd.hoasen', fullName: 'Đỗ Thị Mai', role: 'CENTRE_DIRECTOR', province: 'TH', scope: 'TH-NN-004' },
  { username: 'gd.lamson', fullName: 'Vũ Đức Anh', role: 'CENTRE_DIRECTOR', province: 'TH', scope: 'TH-NN-001' },
  { username: 'bn.quantri', fullName: 'Ngô Văn Khải', role: 'SO_ADMIN', province: 'BN' },
  // Bắc Giang's Sở admin: in today's world locked by the merger until Bắc Ninh's admin moves the account (ADR 0015).
  { username: 'bg.quantri', fullName: 'Thân Văn Hòa', role: 'SO_ADMIN', province: 'BG' },
];
