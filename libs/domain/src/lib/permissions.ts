import type { Role } from './enums';

/** What a role may do. The web app uses the same table to show or hide actions; the API enforces it. */
export const Permissions = [
  'CENTRE_READ',
  'CENTRE_MANAGE',
  'LICENCE_MANAGE',
  'UNIT_MANAGE',
  'USER_MANAGE',
  'REPORT_READ',
  'REPORT_DRAFT',
  'REPORT_SUBMIT',
  'REPORT_REVIEW',
  'REPORT_REOPEN',
  'TEMPLATE_MANAGE',
  'EXTENSION_GRANT',
  'ANALYTICS_READ',
  'COMPLIANCE_READ',
  'INSPECTION_RECORD',
  'UNLICENSED_CASE_RECORD',
  'LITERACY_READ',
  'QUEUE_ADMIN',
  'NOTIFICATION_READ',
  'BACKGROUND_JOBS',
  /** Indicator definitions as data: add and revise the province's indicators (issue 11, Build 4). */
  'INDICATOR_MANAGE',
  /** What the Sở's official documents carry: bodies, place, signer, recipients (issue 15 item 5). */
  'DOCUMENT_SETTINGS_MANAGE',
] as const;
export type Permission = (typeof Permissions)[number];

const READ_ALL: Permission[] = ['CENTRE_READ', 'REPORT_READ', 'ANALYTICS_READ', 'COMPLIANCE_READ', 'LITERACY_READ', 'NOTIFICATION_READ'];

export const RolePermissions: Record<Role, readonly Permission[]> = {
  SYSTEM_ADMIN: [...READ_ALL, 'CENTRE_MANAGE', 'UNIT_MANAGE', 'USER_MANAGE', 'QUEUE_ADMIN', 'TEMPLATE_MANAGE', 'BACKGROUND_JOBS'],
  // QUEUE_ADMIN (Bull Board, the system ping) is the operator's alone: the queues are shared by every province, and
  // Bull Board shows any job's payload and can pause a queue for all of them (issue 13). BACKGROUND_JOBS is the
  // in-app "Công việc nền" page instead: the own province's jobs only, and a retry of its failed ones.
  SO_ADMIN: [...READ_ALL, 'CENTRE_MANAGE', 'LICENCE_MANAGE', 'UNIT_MANAGE', 'USER_MANAGE', 'REPORT_REOPEN', 'TEMPLATE_MANAGE', 'BACKGROUND_JOBS', 'INDICATOR_MANAGE', 'DOCUMENT_SETTINGS_MANAGE'],
  SO_SPECIALIST: [...READ_ALL, 'CENTRE_MANAGE', 'LICENCE_MANAGE', 'REPORT_REVIEW', 'REPORT_REOPEN', 'TEMPLATE_MANAGE', 'EXTENSION_GRANT'],
  SO_LEADER: [...READ_ALL, 'LICENCE_MANAGE', 'REPORT_REOPEN'],
  INSPECTOR: [...READ_ALL, 'INSPECTION_RECORD', 'UNLICENSED_CASE_RECORD'],
  SUPERVISOR: [...READ_ALL, 'REPORT_REVIEW', 'UNLICENSED_CASE_RECORD'],
  CENTRE_DIRECTOR: [...READ_ALL, 'REPORT_DRAFT', 'REPORT_SUBMIT'],
  CENTRE_STAFF: ['CENTRE_READ', 'REPORT_READ', 'REPORT_DRAFT', 'NOTIFICATION_READ', 'COMPLIANCE_READ'],
};

export const RoleLabelVi: Record<Role, string> = {
  SYSTEM_ADMIN: 'Quản trị hệ thống',
  SO_ADMIN: 'Quản trị Sở',
  SO_SPECIALIST: 'Chuyên viên Sở',
  SO_LEADER: 'Lãnh đạo Sở',
  INSPECTOR: 'Thanh tra',
  SUPERVISOR: 'Cán bộ quản lý địa bàn',
  CENTRE_DIRECTOR: 'Giám đốc trung tâm',
  CENTRE_STAFF: 'Cán bộ trung tâm',
};

export type ScopeKind = 'centre' | 'unit' | 'province';

export function scopeOfRole(role: Role): ScopeKind {
  if (role === 'CENTRE_DIRECTOR' || role === 'CENTRE_STAFF') return 'centre';
  if (role === 'SUPERVISOR') return 'unit';
  return 'province';
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return RolePermissions[role].includes(permission);
}
