import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EventData, EventProcessor, EventSubscriber, EventTopic, JobData, JobHandler, JobProcessor, systemContext, TenantDb } from '@gdtx/platform';
import { ReportingReader } from '@gdtx/reporting';
import type { ReportingEvents } from '@gdtx/reporting';
import type { OrgEvents } from '@gdtx/org';
import { ComplianceEvaluationService } from './compliance-evaluation.service';
import './compliance.jobs';

/** Cron (with seconds, Vietnam time) of the nightly evaluation: 02:30, after the nightly fact rebuild (01:30). */
export const COMPLIANCE_NIGHTLY_CRON = process.env['COMPLIANCE_NIGHTLY_CRON'] || '0 30 2 * * *';

/** `compliance.evaluate-centre`: one centre (idempotent: findings are upserted by natural key). */
@JobHandler('compliance.evaluate-centre')
export class EvaluateCentreJob implements JobProcessor<'compliance.evaluate-centre'> {
  constructor(private readonly compliance: ComplianceEvaluationService) {}

  async handle(job: Job<JobData<'compliance.evaluate-centre'>>) {
    return this.compliance.evaluateCentre(systemContext(job.data.provinceId, job.name), job.data.centreId, job.data.asOf);
  }
}

/**
 * `compliance.evaluate-all` (nightly): every centre of every province. It also brings in what changes with the date
 * alone (a licence expiring, a future-dated status change taking effect, a due date passing).
 */
@JobHandler('compliance.evaluate-all', { cron: COMPLIANCE_NIGHTLY_CRON })
export class EvaluateAllJob implements JobProcessor<'compliance.evaluate-all'> {
  constructor(private readonly compliance: ComplianceEvaluationService) {}

  async handle(job: Job<JobData<'compliance.evaluate-all'>>) {
    return this.compliance.evaluateAll(job.data.provinceId, job.data.asOf, (p) => job.updateProgress(p));
  }
}

type CentreEvent = keyof OrgEvents | keyof ReportingEvents;

/**
 * The events of other contexts after which a centre's compliance may have changed: compliance's own job for each
 * (`<topic>>compliance`), so a failure here is retried without refreshing analytics' facts or notifying again.
 * Every one of them is emitted with the centre on its outbox row.
 */
@Injectable() // for the constructor's parameter types, which the subclasses inherit
abstract class ReEvaluateOnEvent<T extends CentreEvent & EventTopic> implements EventProcessor<T> {
  constructor(protected readonly compliance: ComplianceEvaluationService, protected readonly db: TenantDb) {}

  async handle(job: Job<EventData<T>>) {
    const data = job.data as EventData<T> & { submissionId?: string };
    let centreId = data.centreId;
    if (!centreId && data.submissionId) {
      const submissionId = data.submissionId;
      centreId = await this.db.run(systemContext(data.provinceId, job.name), (em) => ReportingReader.centreOfSubmission(em, submissionId));
    }
    if (!centreId) return { skipped: true };
    return this.compliance.evaluateCentre(systemContext(data.provinceId, job.name), centreId);
  }
}

@EventSubscriber('submission.submitted', 'compliance')
export class EvaluateOnSubmittedJob extends ReEvaluateOnEvent<'submission.submitted'> {}

@EventSubscriber('submission.accepted', 'compliance')
export class EvaluateOnAcceptedJob extends ReEvaluateOnEvent<'submission.accepted'> {}

@EventSubscriber('submission.returned', 'compliance')
export class EvaluateOnReturnedJob extends ReEvaluateOnEvent<'submission.returned'> {}

@EventSubscriber('submission.reopened', 'compliance')
export class EvaluateOnReopenedJob extends ReEvaluateOnEvent<'submission.reopened'> {}

@EventSubscriber('deadline.extended', 'compliance')
export class EvaluateOnDeadlineExtendedJob extends ReEvaluateOnEvent<'deadline.extended'> {}

@EventSubscriber('centre.created', 'compliance')
export class EvaluateOnCentreCreatedJob extends ReEvaluateOnEvent<'centre.created'> {}

@EventSubscriber('centre.updated', 'compliance')
export class EvaluateOnCentreUpdatedJob extends ReEvaluateOnEvent<'centre.updated'> {}

@EventSubscriber('centre.status-changed', 'compliance')
export class EvaluateOnStatusChangedJob extends ReEvaluateOnEvent<'centre.status-changed'> {}

@EventSubscriber('licence.recorded', 'compliance')
export class EvaluateOnLicenceRecordedJob extends ReEvaluateOnEvent<'licence.recorded'> {}

export const complianceJobHandlers = [
  EvaluateCentreJob, EvaluateAllJob, EvaluateOnSubmittedJob, EvaluateOnAcceptedJob, EvaluateOnReturnedJob, EvaluateOnReopenedJob,
  EvaluateOnDeadlineExtendedJob, EvaluateOnCentreCreatedJob, EvaluateOnCentreUpdatedJob, EvaluateOnStatusChangedJob, EvaluateOnLicenceRecordedJob,
];
