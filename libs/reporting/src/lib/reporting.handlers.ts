import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { isIsoDate, todayInVietnam } from '@gdtx/domain';
import type { OrgEvents } from '@gdtx/org';
import { EventData, EventProcessor, EventSubscriber, EventTopic, JobData, JobHandler, JobProcessor, systemContext, TenantDb } from '@gdtx/platform';
import { ReportingReader } from './reporting.reader';
import type { ReportingEvents } from './reporting.events';
import { StatusRollupService } from './status-rollup.service';
import './reporting.jobs';

/**
 * Cron (with seconds, Vietnam time) of the completeness rollup's daily recomputation: 00:01, so the new day's picture
 * (a due date passed yesterday, a status change in force from today, a new period) is ready before anyone opens a
 * landing page. Classification is by calendar day, so a deadline "passes" exactly at this midnight: no run per
 * deadline is needed. A read that still finds yesterday's rollup recomputes its province itself.
 */
export const STATUS_ROLLUP_CRON = process.env['STATUS_ROLLUP_CRON'] || '0 1 0 * * *';

/** `reporting.refresh-status-rollup`: every province for the day (idempotent: each province's rows replaced). */
@JobHandler('reporting.refresh-status-rollup', { cron: STATUS_ROLLUP_CRON })
export class RefreshStatusRollupJob implements JobProcessor<'reporting.refresh-status-rollup'> {
  constructor(private readonly rollup: StatusRollupService) {}

  async handle(job: Job<JobData<'reporting.refresh-status-rollup'>>) {
    const asOf = job.data.asOf && isIsoDate(job.data.asOf) ? job.data.asOf : todayInVietnam();
    return this.rollup.refreshAll(asOf, (p) => job.updateProgress(p));
  }
}

type RollupEvent = keyof OrgEvents | keyof ReportingEvents;

/**
 * The events after which a centre's rows of the rollup may have changed: reporting's own (already refreshed in the
 * change's transaction; recomputed again here, idempotently, so a lost refresh heals) and org's (the centre's name,
 * type, unit, status history or licences: only org knows, and it does not call reporting). Every one of them is
 * emitted with the centre on its outbox row.
 */
@Injectable() // for the constructor's parameter types, which the subclasses inherit
abstract class RefreshRollupOnEvent<T extends RollupEvent & EventTopic> implements EventProcessor<T> {
  constructor(protected readonly rollup: StatusRollupService, protected readonly db: TenantDb) {}

  async handle(job: Job<EventData<T>>) {
    const data = job.data as EventData<T> & { submissionId?: string };
    let centreId = data.centreId;
    if (!centreId && data.submissionId) {
      const submissionId = data.submissionId;
      centreId = await this.db.run(systemContext(data.provinceId, job.name), (em) => ReportingReader.centreOfSubmission(em, submissionId));
    }
    if (!centreId) return { skipped: true };
    return { rows: await this.rollup.refreshCentres(data.provinceId, [centreId]) };
  }
}

@EventSubscriber('submission.submitted', 'reporting')
export class RollupOnSubmittedJob extends RefreshRollupOnEvent<'submission.submitted'> {}

@EventSubscriber('submission.accepted', 'reporting')
export class RollupOnAcceptedJob extends RefreshRollupOnEvent<'submission.accepted'> {}

@EventSubscriber('submission.returned', 'reporting')
export class RollupOnReturnedJob extends RefreshRollupOnEvent<'submission.returned'> {}

@EventSubscriber('submission.reopened', 'reporting')
export class RollupOnReopenedJob extends RefreshRollupOnEvent<'submission.reopened'> {}

@EventSubscriber('deadline.extended', 'reporting')
export class RollupOnDeadlineExtendedJob extends RefreshRollupOnEvent<'deadline.extended'> {}

@EventSubscriber('centre.created', 'reporting')
export class RollupOnCentreCreatedJob extends RefreshRollupOnEvent<'centre.created'> {}

@EventSubscriber('centre.updated', 'reporting')
export class RollupOnCentreUpdatedJob extends RefreshRollupOnEvent<'centre.updated'> {}

@EventSubscriber('centre.status-changed', 'reporting')
export class RollupOnStatusChangedJob extends RefreshRollupOnEvent<'centre.status-changed'> {}

@EventSubscriber('licence.recorded', 'reporting')
export class RollupOnLicenceRecordedJob extends RefreshRollupOnEvent<'licence.recorded'> {}

export const reportingJobHandlers = [
  RefreshStatusRollupJob, RollupOnSubmittedJob, RollupOnAcceptedJob, RollupOnReturnedJob, RollupOnReopenedJob, RollupOnDeadlineExtendedJob,
  RollupOnCentreCreatedJob, RollupOnCentreUpdatedJob, RollupOnStatusChangedJob, RollupOnLicenceRecordedJob,
];
