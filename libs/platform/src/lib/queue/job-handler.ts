import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobData, JobName } from './jobs';

export const JOB_HANDLER = 'gdtx:jobHandler';

/**
 * Marks a provider as the processor of one job name. Any context contributes handlers from its own module
 * (e.g. analytics handles `submission.accepted`); the queue workers find them at boot. Several handlers
 * may share a name (e.g. `nightly.rebuild`): they run in turn, and the job fails if any fails.
 *
 * Handlers must be idempotent: read the current state by the ids in the payload and upsert by natural key,
 * so a retried or duplicated job changes nothing.
 */
export function JobHandler(name: JobName): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(JOB_HANDLER, name));
}

export interface JobProcessor<N extends JobName = JobName> {
  handle(job: Job<JobData<N>>): Promise<unknown>;
}
