import type { JobsOptions } from 'bullmq';

/**
 * The typed job registry. Platform declares only its own job (`system.ping`); every context declares the jobs it
 * runs and the events it emits in its own `*.events.ts`, merged here by declaration merging:
 *
 *   declare module '@gdtx/platform' {
 *     interface JobPayloads { 'analytics.rebuild-facts': { scheduled?: true } }
 *     interface EventPayloads { 'submission.accepted': { submissionId: string; version: number } }
 *   }
 *
 * A job has one handler. An event (an outbox topic) has any number of subscribers, and the relay gives each
 * subscriber its own job (`<topic>><subscriber>`, e.g. `submission.accepted>analytics`), so one subscriber's
 * failure is retried without running the others again. Payloads carry ids only (never copies of business
 * data: a processor reads the current state, so a late or retried job cannot write stale values).
 */
export interface JobPayloads {
  'system.ping': { pingId: string };
}

/** Events by topic, each declared by the context that emits it (see declareEvents). */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface EventPayloads {}

export type JobName = keyof JobPayloads & string;
export type EventTopic = keyof EventPayloads & string;
/** What an outbox row may carry: a job (one handler) or an event (one job per subscriber). */
export type OutboxTopic = JobName | EventTopic;
export type OutboxPayload<T extends OutboxTopic> = T extends JobName ? JobPayloads[T] : T extends EventTopic ? EventPayloads[T] : never;

/** The job of one subscriber of one event. */
export type SubscriberJobName<T extends EventTopic = EventTopic> = `${T}>${string}`;

export function subscriberJobName<T extends EventTopic>(topic: T, subscriber: string): SubscriberJobName<T> {
  return `${topic}>${subscriber}`;
}

export const QueueNames = {
  /** Platform work and every context without a queue of its own (compliance, notify). */
  system: 'system',
  /** Fact tables and indicators (libs/analytics): long rebuilds must not hold up notifications. */
  analytics: 'analytics',
} as const;
export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];

export const SystemJobs = {
  ping: 'system.ping',
} as const;

/** Who the job belongs to: the subscriber of an event job, else the context prefix of the job name. */
function ownerOf(name: string): string {
  const subscriber = name.indexOf('>');
  return subscriber >= 0 ? name.slice(subscriber + 1) : name.slice(0, name.indexOf('.'));
}

/** A job runs on its owner's queue when the owner has one (analytics), else on `system`. */
export function queueOf(name: string): QueueName {
  const owner = ownerOf(name);
  return Object.prototype.hasOwnProperty.call(QueueNames, owner) ? QueueNames[owner as keyof typeof QueueNames] : QueueNames.system;
}

/** Where a job came from, added to every payload by the relay or the scheduler. */
export interface JobMeta {
  provinceId: string | null;
  centreId: string | null;
  /** The user who caused the job (null for schedulers); jobStatus shows a job only to that user. */
  requestedBy: string | null;
  /** The outbox row that produced the job, when it came through the outbox. */
  outboxId?: string;
  /** The W3C traceparent of the request (or job) that wrote the outbox row: the job's span continues its trace. */
  traceparent?: string;
}

/** What a job's processor receives: its payload plus where it came from. */
export type JobData<N extends JobName = JobName> = JobPayloads[N] & JobMeta;

/** What an event subscriber's job receives: the event's payload, where it came from, and its topic. */
export type EventData<T extends EventTopic = EventTopic> = EventPayloads[T] & JobMeta & { topic: T };

export const allQueueNames: QueueName[] = Object.values(QueueNames);

/**
 * Deterministic job id from the business key: the same event enqueued twice (a relay retry, two relays)
 * becomes one BullMQ job. BullMQ refuses ':' (it separates key parts) and purely numeric ids.
 */
export function jobIdFor(name: string, businessKey: string): string {
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
