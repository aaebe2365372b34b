import { declareEvents } from '@gdtx/platform';

/**
 * The events reporting emits, each through the outbox in the transaction of the change (ids only). Who subscribes
 * is listed in docs/architecture.md ("Events"); the jobs runtime refuses to start when one has no subscriber.
 */
export interface ReportingEvents {
  /** A centre submitted (or resubmitted) a report: its timeliness may have changed. */
  'submission.submitted': { submissionId: string; version: number };
  /** The Sở returned a submitted report to the centre. */
  'submission.returned': { submissionId: string; version: number };
  /** The Sở accepted a report: its figures now count. */
  'submission.accepted': { submissionId: string; version: number };
  /** The Sở reopened an accepted report: its figures no longer count until accepted again. */
  'submission.reopened': { submissionId: string; version: number };
  /** A centre's due date for one (template, period) was extended (or the extension changed). */
  'deadline.extended': { extensionId: string };
}

declare module '@gdtx/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
  interface EventPayloads extends ReportingEvents {}
}

export const reportingEvents = declareEvents<ReportingEvents>('reporting', {
  'submission.submitted': true,
  'submission.returned': true,
  'submission.accepted': true,
  'submission.reopened': true,
  'deadline.extended': true,
});
