import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EventData, EventTopic, JobData, JobName, subscriberJobName } from './jobs';

export const JOB_HANDLER = 'gdtx:jobHandler';

/** What the discovery of the jobs runtime reads from a handler class. */
export type JobHandlerMetadata =
  | { kind: 'job'; jobName: JobName; cron?: string }
  | { kind: 'event'; jobName: string; topic: EventTopic; subscriber: string };

export interface JobProcessor<N extends JobName = JobName> {
  handle(job: Job<JobData<N>>): Promise<unknown>;
}

export interface EventProcessor<T extends EventTopic = EventTopic> {
  handle(job: Job<EventData<T>>): Promise<unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T> = abstract new (...args: any[]) => T;

/**
 * Marks a provider as the one processor of a job (declared in JobPayloads by the context that owns it). The
 * class must handle that job's payload: `@JobHandler('notify.send-email')` on a class whose `handle` takes
 * another job's data does not compile. With `cron` (seconds first, Vietnam time) the jobs runtime also
 * schedules it (one scheduler per name however many workers boot).
 *
 * Handlers must be idempotent: read the current state by the ids in the payload and upsert by natural key,
 * so a retried or duplicated job changes nothing.
 */
export function JobHandler<N extends JobName>(name: N, opts: { cron?: string } = {}): <C extends Constructor<JobProcessor<N>>>(target: C) => void {
  const metadata: JobHandlerMetadata = { kind: 'job', jobName: name, ...(opts.cron ? { cron: opts.cron } : {}) };
  return applyDecorators(Injectable(), SetMetadata(JOB_HANDLER, metadata));
}

/**
 * Marks a provider as the subscriber `subscriber` (its context) of an event. It gets its own job per event
 * (`<topic>><subscriber>`): a failure is retried for it alone, and the other subscribers are not run again.
 */
export function EventSubscriber<T extends EventTopic>(topic: T, subscriber: string): <C extends Constructor<EventProcessor<T>>>(target: C) => void {
  if (!/^[a-z][a-z0-9-]*$/.test(subscriber)) throw new Error(`subscriber name '${subscriber}' must be a lower-case context name`);
  const metadata: JobHandlerMetadata = { kind: 'event', jobName: subscriberJobName(topic, subscriber), topic, subscriber };
  return applyDecorators(Injectable(), SetMetadata(JOB_HANDLER, metadata));
}

/** The events one context emits, at run time (the start-up check reads them). */
export interface EventDeclaration<T extends EventTopic = EventTopic> {
  owner: string;
  topics: readonly T[];
}

/**
 * Declares, at run time, the events a context emits. Give it the context's own event interface (the one merged
 * into EventPayloads): every topic of it must be listed (the mapped type refuses a missing or unknown one), so
 * the start-up check sees what the types see. The composition roots (apps/api, apps/worker) pass every
 * context's declaration to JobsRuntimeModule.forRoot({ events }).
 */
export function declareEvents<E extends { [K in keyof E]: K extends EventTopic ? unknown : never }>(
  owner: string,
  topics: { [K in keyof E]-?: true },
): EventDeclaration<keyof E & EventTopic> {
  return { owner, topics: Object.keys(topics) as (keyof E & EventTopic)[] };
}
