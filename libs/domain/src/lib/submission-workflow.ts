/**
 * The submission workflow as data (issue 11 Build 8): from-status × action → to-status, who may, what is recorded
 * and emitted. Shared by the server (libs/reporting SubmissionWorkflowService.applyTransition, the one place that
 * changes a report's status) and the web (which actions a report form offers), so the rule exists once. Creating a
 * report (no status yet → DRAFT) is not a transition: it is the first save.
 *
 *   DRAFT ─SAVE→ DRAFT ─SUBMIT→ SUBMITTED ─ACCEPT→ ACCEPTED ─REOPEN→ RETURNED ─SAVE→ RETURNED
 *                                   └──RETURN→ RETURNED ─SUBMIT→ SUBMITTED …
 */
import type { Role, SubmissionStatus } from './enums';
import { hasPermission } from './permissions';
import type { Permission } from './permissions';

export const WorkflowActions = ['SAVE', 'SUBMIT', 'RETURN', 'ACCEPT', 'REOPEN'] as const;
export type WorkflowAction = (typeof WorkflowActions)[number];

/** Columns a transition stamps besides status and version (a closed vocabulary, so the SQL stays fixed). */
export type TransitionStamp = 'SUBMITTED' | 'ACCEPTED' | 'ACCEPTANCE_CLEARED';

/** The outbox topics of the workflow (libs/reporting reporting.events.ts declares their payloads). */
export type SubmissionTopic = 'submission.submitted' | 'submission.returned' | 'submission.accepted' | 'submission.reopened';

export interface SubmissionTransition {
  readonly from: SubmissionStatus;
  readonly action: WorkflowAction;
  readonly to: SubmissionStatus;
  /** The permission the action needs (the resolver declares the same; a test checks that they agree). */
  readonly permission: Permission;
  /** The submission_event action recorded (a save by Excel upload records UPLOADED instead of SAVED). */
  readonly records: 'SAVED' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED' | 'REOPENED';
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
  return SUBMISSION_TRANSITIONS.filter((t) => t.from === status && hasPermission(role, t.permission)).map((t) => t.action);
}
