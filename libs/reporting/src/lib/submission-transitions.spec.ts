import 'reflect-metadata';
import { Roles, RolePermissions, SubmissionStatuses } from '@gdtx/domain';
import type { SubmissionStatus } from '@gdtx/domain';
import { AppError, REQUIRED_PERMISSIONS } from '@gdtx/platform';
import { reportingEvents } from './reporting.events';
import { SubmissionResolver } from './reporting.resolver';
import {
  actionsOn, requirePermission, requireTransition, requireVersion, statusesAllowing, SUBMISSION_TRANSITIONS, transitionFor, WorkflowActions,
} from './submission-transitions';
import type { WorkflowAction } from './submission-transitions';
import { WorkbookController } from './workbook.controller';

/**
 * The workflow as the product defines it (docs/reporting.md): written out pair by pair, independently of the table,
 * so that a change to SUBMISSION_TRANSITIONS that is not also a change of the rule fails here.
 */
const EXPECTED: Record<SubmissionStatus, Partial<Record<WorkflowAction, SubmissionStatus>>> = {
  DRAFT: { SAVE: 'DRAFT', SUBMIT: 'SUBMITTED' },
  SUBMITTED: { RETURN: 'RETURNED', ACCEPT: 'ACCEPTED' },
  RETURNED: { SAVE: 'RETURNED', SUBMIT: 'SUBMITTED' },
  ACCEPTED: { REOPEN: 'RETURNED' },
};

const pairs = SubmissionStatuses.flatMap((status) => WorkflowActions.map((action) => [status, action] as const));
const allowed = pairs.filter(([s, a]) => EXPECTED[s][a] !== undefined);
const refused = pairs.filter(([s, a]) => EXPECTED[s][a] === undefined);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('SUBMISSION_TRANSITIONS, the submission workflow as data', () => {
  it('covers every status × action pair: 7 allowed and 13 refused', () => {
    expect(pairs).toHaveLength(20);
    expect(allowed).toHaveLength(7);
    expect(refused).toHaveLength(13);
    expect(SUBMISSION_TRANSITIONS).toHaveLength(allowed.length);
  });

  it.each(allowed)('%s × %s is allowed and leads to the expected status', (status, action) => {
    const t = requireTransition(status, action);
    expect(t).toBe(transitionFor(status, action));
    expect(t.to).toBe(EXPECTED[status][action]);
  });

  it.each(refused)('%s × %s is refused: CONFLICT with reason INVALID_TRANSITION naming the status', (status, action) => {
    expect(transitionFor(status, action)).toBeNull();
    const e = thrown(() => requireTransition(status, action));
    expect(e.code).toBe('CONFLICT');
    expect(e.details).toMatchObject({ reason: 'INVALID_TRANSITION', status, action });
    expect(e.messageVi).toMatch(/báo cáo/i);
    expect(e.messageEn.length).toBeGreaterThan(10);
  });

  it('has at most one transition per (status, action), so the workflow is deterministic', () => {
    const keys = SUBMISSION_TRANSITIONS.map((t) => `${t.from}|${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every action but REOPEN needs the version the caller saw; a stale one is STALE_VERSION, not INVALID_TRANSITION', () => {
    for (const t of SUBMISSION_TRANSITIONS) expect([t.action, t.versioned]).toEqual([t.action, t.action !== 'REOPEN']);
    expect(() => requireVersion(4, 4)).not.toThrow();
    for (const expected of [3, 5, null, undefined]) {
      const e = thrown(() => requireVersion(4, expected));
      expect(e.code).toBe('CONFLICT');
      expect(e.details).toMatchObject({ reason: 'STALE_VERSION', currentVersion: 4, expectedVersion: expected ?? null });
    }
  });

  it('records the matching event, emits the declared topics, and stamps submission and acceptance', () => {
    const declared = new Set<string>(reportingEvents.topics);
    const byAction = Object.fromEntries(SUBMISSION_TRANSITIONS.map((t) => [t.action, t]));
    expect(byAction['SAVE']).toMatchObject({ records: 'SAVED', emits: null, stamps: null });
    expect(byAction['SUBMIT']).toMatchObject({ records: 'SUBMITTED', emits: 'submission.submitted', stamps: 'SUBMITTED' });
    expect(byAction['RETURN']).toMatchObject({ records: 'RETURNED', emits: 'submission.returned', stamps: null });
    expect(byAction['ACCEPT']).toMatchObject({ records: 'ACCEPTED', emits: 'submission.accepted', stamps: 'ACCEPTED' });
    expect(byAction['REOPEN']).toMatchObject({ records: 'REOPENED', emits: 'submission.reopened', stamps: 'ACCEPTANCE_CLEARED' });
    for (const t of SUBMISSION_TRANSITIONS) if (t.emits) expect(declared.has(t.emits)).toBe(true);
  });

  it('each action needs the permission its resolver (or the Excel upload) declares', () => {
    const declaredBy: Record<WorkflowAction, unknown> = {
      SAVE: Reflect.getMetadata(REQUIRED_PERMISSIONS, SubmissionResolver.prototype.saveSubmissionDraft),
      SUBMIT: Reflect.getMetadata(REQUIRED_PERMISSIONS, SubmissionResolver.prototype.submitSubmission),
      RETURN: Reflect.getMetadata(REQUIRED_PERMISSIONS, SubmissionResolver.prototype.returnSubmission),
      ACCEPT: Reflect.getMetadata(REQUIRED_PERMISSIONS, SubmissionResolver.prototype.acceptSubmission),
      REOPEN: Reflect.getMetadata(REQUIRED_PERMISSIONS, SubmissionResolver.prototype.reopenSubmission),
    };
    for (const t of SUBMISSION_TRANSITIONS) expect([t.action, declaredBy[t.action]]).toEqual([t.action, [t.permission]]);
    expect(Reflect.getMetadata(REQUIRED_PERMISSIONS, WorkbookController.prototype.upload)).toEqual([transitionFor('DRAFT', 'SAVE')!.permission]);
  });

  it('a role without the permission is FORBIDDEN; system work (no role) may apply any transition', () => {
    for (const role of Roles) {
      for (const t of SUBMISSION_TRANSITIONS) {
        if (RolePermissions[role].includes(t.permission)) expect(() => requirePermission(role, t)).not.toThrow();
        else expect(thrown(() => requirePermission(role, t)).code).toBe('FORBIDDEN');
      }
    }
    for (const t of SUBMISSION_TRANSITIONS) expect(() => requirePermission(null, t)).not.toThrow();
  });

  it('tells each role which actions a report in each status offers', () => {
    expect(actionsOn('DRAFT', 'CENTRE_DIRECTOR')).toEqual(['SAVE', 'SUBMIT']);
    expect(actionsOn('DRAFT', 'CENTRE_STAFF')).toEqual(['SAVE']);
    expect(actionsOn('SUBMITTED', 'CENTRE_DIRECTOR')).toEqual([]);
    expect(actionsOn('SUBMITTED', 'SO_SPECIALIST')).toEqual(['RETURN', 'ACCEPT']);
    expect(actionsOn('SUBMITTED', 'SUPERVISOR')).toEqual(['RETURN', 'ACCEPT']);
    expect(actionsOn('ACCEPTED', 'SO_LEADER')).toEqual(['REOPEN']);
    expect(actionsOn('ACCEPTED', 'SUPERVISOR')).toEqual([]);
    expect(statusesAllowing('SUBMIT')).toEqual(['DRAFT', 'RETURNED']);
  });
});
