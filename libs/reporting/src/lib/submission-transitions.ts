/**
 * The server side of the workflow table (libs/domain submission-workflow.ts, SUBMISSION_TRANSITIONS): the refusals
 * SubmissionWorkflowService.applyTransition throws, each a CONFLICT or FORBIDDEN with a typed reason.
 */
import { hasPermission, transitionFor } from '@gdtx/domain';
import type { Role, SubmissionStatus, SubmissionTransition, WorkflowAction } from '@gdtx/domain';
import { Errors } from '@gdtx/platform';
import { STATUS_VI } from './submission.store';

export { actionsOn, statusesAllowing, SUBMISSION_TRANSITIONS, transitionFor, WorkflowActions } from '@gdtx/domain';
export type { SubmissionTopic, SubmissionTransition, TransitionStamp, WorkflowAction } from '@gdtx/domain';

const ACTION_LABEL: Record<WorkflowAction, { vi: string; en: string }> = {
  SAVE: { vi: 'sửa', en: 'edit' },
  SUBMIT: { vi: 'nộp', en: 'submit' },
  RETURN: { vi: 'trả lại', en: 'return' },
  ACCEPT: { vi: 'duyệt', en: 'accept' },
  REOPEN: { vi: 'mở lại', en: 'reopen' },
};

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

/** FORBIDDEN when a user's role lacks the transition's permission, as the AuthGuard judges it (system work, with no role, may do all). */
export function requirePermission(role: Role | null, transition: SubmissionTransition): void {
  if (role && !hasPermission(role, transition.permission)) throw Errors.forbidden();
}
