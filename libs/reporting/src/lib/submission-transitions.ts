/**
 * The submission workflow as data (issue 11 Build 8): from-status × action → to-status, who may, what is recorded
 * and emitted. SubmissionWorkflowService.applyTransition is the one place that reads it; nothing else decides
 * whether an action applies to a report. Creating a report (no status yet → DRAFT) is not a transition: it is
 * the first save.
 *
 *   DRAFT ─SAVE→ DRAFT ─SUBMIT→ SUBMITTED ─ACCEPT→ ACCEPTED ─REOPEN→ RETURNED ─SAVE→ RETURNED
 *                                   └──RETURN→ RETURNED ─SUBMIT→ SUBMITTED …
 */
import { RolePermissions } from '@gdtx/domain';
import type { Permission, Role, SubmissionStatus } from '@gdtx/domain';
import { Errors } from '@gdtx/platform';
import type { SubmissionAction } from './reporting.types';
import { STATUS_VI } from './submission.store';
import type { SubmissionTopic } from './submission.store';

export const WorkflowActions = ['SAVE', 'SUBMIT', 'RETURN', 'ACCEPT', 'REOPEN'] as const;
export type WorkflowAction = (typeof WorkflowActions)[number];

/** Columns a transition stamps besides status and version (a closed vocabulary, so the SQL stays fixed). */
export type TransitionStamp = 'SUBMITTED' | 'ACCEPTED' | 'ACCEPTANCE_CLEARED';

export interface SubmissionTransition {
  readonly from: SubmissionStatus;
  readonly action: WorkflowAction;
  readonly to: SubmissionStatus;
  /** The permission the action needs (the resolver declares the same; a test checks that they agree). */
  readonly permission: Permission;
  /** The submission_event action recorded (a save by Excel upload records UPLOADED instead of SAVED). */
  readonly records: SubmissionAction;
  /** The outbox topic written in the transaction, if any. */
  readonly emits: SubmissionTopic | null;
  /** True when the caller must send the version it saw (`expectedVersion`); a stale one is STALE_VERSION. */
  readonly versioned: boolean;
  readonly stamps: TransitionStamp | null;
}

export const SUBMISSION_TRANSITIONS: readonly SubmissionTransition[] = Object.freeze([
  { from: 'DRAFT', action: 'SAVE', to: 'DRAFT', permission: 'REPORT_DRAFT', records: 'SAVED', emits: null, versioned: true, stamps: null },
  { from: 'RETURNED', action: 'SAVE', to: 'RETURNED', permission: 'REPORT_DRAFT', records: 'SAVED', emits: null, versioned: true, stamps: null },
  { from: 'DRAFT', action: 'SUBMIT', to: 'SUBMITTED', permission: 'REPORT_SUBMIT', records: 'SUBMITTED', emits: 'submission.submitted', versioned: true, stamps: 'SUBMITTED' },
  { from: 'RETURNED', action: 'SUBMIT', to: 'SUBMITTED', permission: 'REPORT_SUBMIT', records: 'SUBMITTED', emits: 'submission.submitted', versioned: true, stamps: 'SUBMITTED' },
  { from: 'SUBMITTED', action: 'RETURN', to: 'RETURNED', permission: 'REPORT_REVIEW', records: 'RETURNED', emits: 'submission.returned', versioned: true, stamps: null },
  { from: 'SUBMITTED', action: 'ACCEPT', to: 'ACCEPTED', permission: 'REPORT_REVIEW', records: 'ACCEPTED', emits: 'submission.accepted', versioned: true, stamps: 'ACCEPTED' },
  // The Sở reopens an accepted report: back to the centre, its figures no longer count (analytics drops them).
  { from: 'ACCEPTED', action: 'REOPEN', to: 'RETURNED', permission: 'REPORT_REOPEN', records: 'REOPENED', emits: 'submission.reopened', versioned: false, stamps: 'ACCEPTANCE_CLEARED' },
] as const satisfies readonly SubmissionTransition[]);

const ACTION_LABEL: Record<WorkflowAction, { vi: string; en: string }> = {
  SAVE: { vi: 'sửa', en: 'edit' },
  SUBMIT: { vi: 'nộp', en: 'submit' },
  RETURN: { vi: 'trả lại', en: 'return' },
  ACCEPT: { vi: 'duyệt', en: 'accept' },
  REOPEN: { vi: 'mở lại', en: 'reopen' },
};

/** The transition of `action` from `status`, or null when the action does not apply to a report in that status. */
export function transitionFor(status: SubmissionStatus, action: WorkflowAction): SubmissionTransition | null {
  return SUBMISSION_TRANSITIONS.find((t) => t.from === status && t.action === action) ?? null;
}

/** The statuses from which `action` applies. */
export function statusesAllowing(action: WorkflowAction): SubmissionStatus[] {
  return SUBMISSION_TRANSITIONS.filter((t) => t.action === action).map((t) => t.from);
}

/** The actions a role may take on a report in `status` (what the web offers as buttons). */
export function actionsOn(status: SubmissionStatus, role: Role): WorkflowAction[] {
  return SUBMISSION_TRANSITIONS.filter((t) => t.from === status && RolePermissions[role].includes(t.permission)).map((t) => t.action);
}

/**
 * @description The transition, or CONFLICT with reason INVALID_TRANSITION naming the status (the action no longer
 * applies: reload will not help). A stale `expectedVersion` is checked before, with reason STALE_VERSION.
 */
export function requireTransition(status: SubmissionStatus, action: WorkflowAction): SubmissionTransition {
  const transition = transitionFor(status, action);
  if (transition) return transition;
  if (action === 'SAVE') {
    throw Errors.conflict(
      `Báo cáo ${STATUS_VI[status]}, không thể sửa. Đề nghị Sở trả lại hoặc mở lại báo cáo nếu cần điều chỉnh.`,
      `The report is ${status.toLowerCase()} and cannot be edited; ask the Sở to return or reopen it.`,
      { status, action, reason: 'INVALID_TRANSITION' },
    );
  }
  const label = ACTION_LABEL[action];
  throw Errors.conflict(
    `Không thể ${label.vi} báo cáo đang ở trạng thái "${STATUS_VI[status]}"`,
    `Cannot ${label.en} a report in status ${status}`,
    { status, action, reason: 'INVALID_TRANSITION' },
  );
}

/** CONFLICT with reason STALE_VERSION when the caller's version is not the stored one. */
export function requireVersion(current: number, expected: number | null | undefined): void {
  if (expected !== current) {
    throw Errors.conflict(
      'Báo cáo vừa được người khác cập nhật. Vui lòng tải lại để xem số liệu mới nhất trước khi sửa; thay đổi của bạn chưa được lưu.',
      'The report was changed by someone else; reload before editing. Your change was not saved.',
      { currentVersion: current, expectedVersion: expected ?? null, reason: 'STALE_VERSION' },
    );
  }
}

/** FORBIDDEN when a user's role lacks the transition's permission (system work, with no role, may do all). */
export function requirePermission(role: Role | null, transition: SubmissionTransition): void {
  if (role && !RolePermissions[role].includes(transition.permission)) throw Errors.forbidden();
}
