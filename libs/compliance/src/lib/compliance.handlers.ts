import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobData, JobHandler, JobName, JobProcessor, systemContext, TenantDb } from '@gdtx/platform';
import { ComplianceService } from './compliance.service';

/** `compliance.evaluate-centre`: one centre (idempotent: findings are upserted by natural key). */
@JobHandler('compliance.evaluate-centre')
export class EvaluateCentreJob implements JobProcessor<'compliance.evaluate-centre'> {
  constructor(private readonly compliance: ComplianceService) {}

  async handle(job: Job<JobData<'compliance.evaluate-centre'>>) {
    return this.compliance.evaluateCentre(systemContext(job.data.provinceId, job.name), job.data.centreId, job.data.asOf);
  }
}

/** `compliance.evaluate-all` (nightly scheduler): every centre of every province. */
@JobHandler('compliance.evaluate-all')
export class EvaluateAllJob implements JobProcessor<'compliance.evaluate-all'> {
  constructor(private readonly compliance: ComplianceService) {}

  async handle(job: Job<JobData<'compliance.evaluate-all'>>) {
    return this.compliance.evaluateAll(job.data.provinceId, job.data.asOf, (p) => job.updateProgress(p));
  }
}

/** `compliance.evaluate-changed` (every minute): centres changed in the audit trail since the last run. */
@JobHandler('compliance.evaluate-changed')
export class EvaluateChangedJob implements JobProcessor<'compliance.evaluate-changed'> {
  constructor(private readonly compliance: ComplianceService) {}

  async handle() {
    return this.compliance.evaluateChanged();
  }
}

/**
 * Events of other contexts after which a centre's compliance may have changed. Each runs besides the other
 * handlers of the same name (analytics refreshes its facts on `submission.accepted`, notify tells the centre on
 * `submission.returned`).
 */
@Injectable()
abstract class ReEvaluateOnEvent<N extends JobName> implements JobProcessor<N> {
  constructor(protected readonly compliance: ComplianceService, protected readonly db: TenantDb) {}

  async handle(job: Job<JobData<N>>) {
    const data = job.data as JobData<N> & { centreId: string | null; submissionId?: string };
    let centreId = data.centreId;
    if (!centreId && data.submissionId) {
      const [row] = await this.db.run(systemContext(data.provinceId, job.name), (em) => em.query(`SELECT centre_id FROM submission WHERE id = $1`, [data.submissionId]));
      centreId = row?.centre_id ?? null;
    }
    if (!centreId) return { skipped: true };
    return this.compliance.evaluateCentre(systemContext(data.provinceId, job.name), centreId);
  }
}

@JobHandler('submission.accepted')
export class EvaluateOnAcceptedJob extends ReEvaluateOnEvent<'submission.accepted'> {}

@JobHandler('submission.returned')
export class EvaluateOnReturnedJob extends ReEvaluateOnEvent<'submission.returned'> {}

@JobHandler('submission.reopened')
export class EvaluateOnReopenedJob extends ReEvaluateOnEvent<'submission.reopened'> {}

@JobHandler('centre.status-changed')
export class EvaluateOnStatusChangedJob extends ReEvaluateOnEvent<'centre.status-changed'> {}

export const complianceJobHandlers = [
  EvaluateCentreJob, EvaluateAllJob, EvaluateChangedJob, EvaluateOnAcceptedJob, EvaluateOnReturnedJob, EvaluateOnReopenedJob, EvaluateOnStatusChangedJob,
];
