import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EventData, EventProcessor, EventSubscriber, JobData, JobHandler, JobProcessor, systemContext } from '@gdtx/platform';
import type { ReportingEvents } from '@gdtx/reporting';
import { FactService } from './fact.service';
import './analytics.jobs';

/** Cron (with seconds, Vietnam time) of the nightly fact rebuild: 01:30, before the compliance evaluation (02:30). */
export const NIGHTLY_REBUILD_CRON = process.env['NIGHTLY_REBUILD_CRON'] || '0 30 1 * * *';

/** Reporting's events after which a submission's fact rows change (its figures start or stop counting). */
type FactEvent = Extract<keyof ReportingEvents, 'submission.accepted' | 'submission.reopened'>;

/**
 * Refresh the submission's fact rows (idempotent: delete + re-insert by submission). Accepted: its values become
 * facts; reopened: it is no longer ACCEPTED, so its rows go. Analytics' own job per event, so a failure elsewhere
 * (compliance, notify) never refreshes the facts again.
 */
@Injectable() // for the constructor's parameter types, which the subclasses inherit
abstract class RefreshFactsOnEvent<T extends FactEvent> implements EventProcessor<T> {
  constructor(private readonly facts: FactService) {}

  async handle(job: Job<EventData<T>>): Promise<{ rows: number }> {
    const rows = await this.facts.refreshSubmission(systemContext(job.data.provinceId, job.name), job.data.submissionId);
    await job.updateProgress(100);
    return { rows };
  }
}

@EventSubscriber('submission.accepted', 'analytics')
export class RefreshFactsOnAcceptJob extends RefreshFactsOnEvent<'submission.accepted'> {}

@EventSubscriber('submission.reopened', 'analytics')
export class RefreshFactsOnReopenJob extends RefreshFactsOnEvent<'submission.reopened'> {}

/** `analytics.rebuild-facts` (nightly): rebuild every province's facts from the accepted submissions, with progress. */
@JobHandler('analytics.rebuild-facts', { cron: NIGHTLY_REBUILD_CRON })
export class RebuildFactsNightlyJob implements JobProcessor<'analytics.rebuild-facts'> {
  constructor(private readonly facts: FactService) {}

  async handle(job: Job<JobData<'analytics.rebuild-facts'>>): Promise<{ rows: number }> {
    const rows = await this.facts.rebuild(systemContext(null, job.name), null, (p) => job.updateProgress(p));
    return { rows };
  }
}

export const analyticsJobHandlers = [RefreshFactsOnAcceptJob, RefreshFactsOnReopenJob, RebuildFactsNightlyJob];
