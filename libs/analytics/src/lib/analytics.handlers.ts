import type { Job } from 'bullmq';
import { JobData, JobHandler, JobProcessor, systemContext } from '@gdtx/platform';
import { FactService } from './fact.service';

/** `submission.accepted`: refresh the submission's fact rows (idempotent: delete + re-insert by submission). */
@JobHandler('submission.accepted')
export class RefreshFactsOnAcceptJob implements JobProcessor<'submission.accepted'> {
  constructor(private readonly facts: FactService) {}

  async handle(job: Job<JobData<'submission.accepted'>>): Promise<{ rows: number }> {
    const rows = await this.facts.refreshSubmission(systemContext(job.data.provinceId, job.name), job.data.submissionId);
    await job.updateProgress(100);
    return { rows };
  }
}

/** `submission.reopened`: the same refresh; a reopened submission is no longer ACCEPTED, so its rows go. */
@JobHandler('submission.reopened')
export class RefreshFactsOnReopenJob implements JobProcessor<'submission.reopened'> {
  constructor(private readonly facts: FactService) {}

  async handle(job: Job<JobData<'submission.reopened'>>): Promise<{ rows: number }> {
    const rows = await this.facts.refreshSubmission(systemContext(job.data.provinceId, job.name), job.data.submissionId);
    await job.updateProgress(100);
    return { rows };
  }
}

/** `nightly.rebuild`: rebuild every province's facts from the accepted submissions, with progress. */
@JobHandler('nightly.rebuild')
export class RebuildFactsNightlyJob implements JobProcessor<'nightly.rebuild'> {
  constructor(private readonly facts: FactService) {}

  async handle(job: Job<JobData<'nightly.rebuild'>>): Promise<{ rows: number }> {
    const rows = await this.facts.rebuild(systemContext(null, 'nightly.rebuild'), null, (p) => job.updateProgress(p));
    return { rows };
  }
}

export const analyticsJobHandlers = [RefreshFactsOnAcceptJob, RefreshFactsOnReopenJob, RebuildFactsNightlyJob];
