import type { JobsOptions } from 'bullmq';

/**
 * The typed job registry. Every background job has a name here, belongs to one queue, and carries ids only
 * (never copies of business data: a processor reads the current state, so a late or retried job cannot
 * write stale values). Outbox topics are job names.
 */
export const QueueNames = {
  /** Platform work: probes, the nightly scheduler. */
  system: 'system',
  /** Fact tables and indicators (libs/analytics). */
  analytics: 'analytics',
} as const;
export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];

export const SystemJobs = {
  ping: 'system.ping',
  nightlyRebuild: 'nightly.rebuild',
} as const;

export const AnalyticsJobs = {
  submissionAccepted: 'submission.accepted',
  submissionReopened: 'submission.reopened',
  templatePublished: 'template.published',
  centreStatusChanged: 'centre.status-changed',
} as const;

/** Business payload of each job, by name (ids only). */
export interface JobPayloads {
  'system.ping': { pingId: string };
  'nightly.rebuild': { scheduled?: true };
  'submission.accepted': { submissionId: string; version: number };
  'submission.reopened': { submissionId: string; version: number };
  'template.published': { templateId: string; version: number };
  'centre.status-changed': { centreId: string };
  // Reporting emits it when the Sở returns a report; notify tells the centre.
  'submission.returned': { submissionId: string; version: number };
  // Compliance (libs/compliance): one centre on an event, every centre nightly. asOf defaults to today (Vietnam).
  'compliance.evaluate-centre': { centreId: string; asOf?: string };
  'compliance.evaluate-all': { scheduled?: true; asOf?: string };
  // Centres whose licences or status changed (found in the audit trail), every minute.
  'compliance.evaluate-changed': { scheduled?: true };
  // Notifications (libs/notify): the daily deadline reminders and the e-mail copy of one notification.
  'notify.deadline-reminders': { scheduled?: true; today?: string };
  'notify.send-email': { notificationId: string };
}
export type JobName = keyof JobPayloads;

/** The discriminated union of everything that may be enqueued: `{ name, data }`. */
export type JobPayload = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];

/**
 * What a processor receives: the payload plus where it came from. `requestedBy` is the user who caused the
 * job (null for schedulers); jobStatus shows a job only to that user.
 */
export type JobData<N extends JobName = JobName> = JobPayloads[N] & {
  provinceId: string | null;
  centreId: string | null;
  requestedBy: string | null;
  /** The outbox row that produced the job, when it came through the outbox. */
  outboxId?: string;
};

const QUEUE_OF: Record<JobName, QueueName> = {
  'system.ping': QueueNames.system,
  'nightly.rebuild': QueueNames.system,
  'submission.accepted': QueueNames.analytics,
  'submission.reopened': QueueNames.analytics,
  'template.published': QueueNames.analytics,
  'centre.status-changed': QueueNames.analytics,
  'submission.returned': QueueNames.system,
  'compliance.evaluate-centre': QueueNames.system,
  'compliance.evaluate-all': QueueNames.system,
  'compliance.evaluate-changed': QueueNames.system,
  'notify.deadline-reminders': QueueNames.system,
  'notify.send-email': QueueNames.system,
};

export const allQueueNames: QueueName[] = Object.values(QueueNames);
export const allJobNames = Object.keys(QUEUE_OF) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(QUEUE_OF, name);
}

export function queueOf(name: JobName): QueueName {
  return QUEUE_OF[name];
}

/**
 * Deterministic job id from the business key: the same event enqueued twice (a relay retry, two relays)
 * becomes one BullMQ job. BullMQ refuses ':' (it separates key parts) and purely numeric ids.
 */
export function jobIdFor(name: JobName, businessKey: string): string {
  if (!businessKey) throw new Error('a job needs a business key');
  return `${name}~${businessKey.replace(/:/g, '.')}`;
}

/** Retries and retention, set once for every job (processors are idempotent, so retrying is always safe). */
export function defaultJobOptions(opts: { attempts: number; backoffMs: number }): JobsOptions {
  return {
    attempts: opts.attempts,
    backoff: { type: 'exponential', delay: opts.backoffMs },
    // Completed jobs are kept a day (enough for jobStatus and the dashboard), failed ones a week to inspect
    // and retry. Counts cap memory on a busy day.
    removeOnComplete: { age: 24 * 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10000 },
  };
}
