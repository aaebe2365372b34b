/**
 * Shared domain vocabulary. Pure TypeScript, no server dependencies: the web app imports this too.
 * Vietnamese terms keep their Vietnamese code names (see docs/glossary.md).
 */

/** Centre (tenant) types — domain.md §B. */
export const CentreTypes = [
  'PROVINCIAL_GDTX', // Trung tâm GDTX tỉnh
  'GDNN_GDTX', // Trung tâm GDNN-GDTX
  'LANGUAGE', // Trung tâm ngoại ngữ
  'IT', // Trung tâm tin học
  'LANGUAGE_IT', // Trung tâm ngoại ngữ - tin học
  'LIFE_SKILLS', // Trung tâm kỹ năng sống
  'TTHTCD', // Trung tâm học tập cộng đồng
  'INCLUSIVE_EDUCATION', // Trung tâm hỗ trợ phát triển giáo dục hòa nhập
] as const;
export type CentreType = (typeof CentreTypes)[number];

export const CentreTypeLabelVi: Record<CentreType, string> = {
  PROVINCIAL_GDTX: 'Trung tâm GDTX tỉnh',
  GDNN_GDTX: 'Trung tâm GDNN-GDTX',
  LANGUAGE: 'Trung tâm ngoại ngữ',
  IT: 'Trung tâm tin học',
  LANGUAGE_IT: 'Trung tâm ngoại ngữ - tin học',
  LIFE_SKILLS: 'Trung tâm kỹ năng sống',
  TTHTCD: 'Trung tâm học tập cộng đồng',
  INCLUSIVE_EDUCATION: 'Trung tâm hỗ trợ giáo dục hòa nhập',
};

export const Ownerships = ['PUBLIC', 'PRIVATE'] as const;
export type Ownership = (typeof Ownerships)[number];

export const CentreStatuses = ['ACTIVE', 'NOT_ENROLLING', 'SUSPENDED', 'DISSOLVED'] as const;
export type CentreStatus = (typeof CentreStatuses)[number];

export const CentreStatusLabelVi: Record<CentreStatus, string> = {
  ACTIVE: 'Đang hoạt động',
  NOT_ENROLLING: 'Không tuyển sinh',
  SUSPENDED: 'Tạm dừng hoạt động',
  DISSOLVED: 'Giải thể',
};

/** Administrative unit levels — domain.md §H (time-versioned). */
export const UnitLevels = ['PROVINCE', 'DISTRICT', 'COMMUNE', 'WARD', 'SPECIAL_ZONE'] as const;
export type UnitLevel = (typeof UnitLevels)[number];

export const LicenceKinds = ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'] as const;
export type LicenceKind = (typeof LicenceKinds)[number];

export const Roles = [
  'SYSTEM_ADMIN',
  'SO_ADMIN',
  'SO_SPECIALIST',
  'SO_LEADER',
  'INSPECTOR',
  'SUPERVISOR',
  'CENTRE_DIRECTOR',
  'CENTRE_STAFF',
] as const;
export type Role = (typeof Roles)[number];

export const PeriodTypes = ['MONTH', 'QUARTER', 'SEMESTER', 'SCHOOL_YEAR', 'LITERACY_YEAR'] as const;
export type PeriodType = (typeof PeriodTypes)[number];

export const SubmissionStatuses = ['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'] as const;
export type SubmissionStatus = (typeof SubmissionStatuses)[number];
