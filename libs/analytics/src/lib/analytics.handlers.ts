import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EventData, EventProcessor, EventSubscriber, JobData, JobHandler, JobProcessor, systemContext, TenantDb } from '@gdtx/platform';
import { notifySystemAdmins } from '@gdtx/notify';
import type { ReportingEvents } from '@gdtx/reporting';
import type { OrgEvents } from '@gdtx/org';
import { FactService } from './fact.service';
import { RollupService } from './rollup.service';
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

/** Cron of the consistency check (with seconds, Vietnam time): every 10 minutes, so recovery does not wait for the night. */
export const FACT_CHECK_CRON = process.env['FACT_CHECK_CRON'] || '0 */10 * * * *';

/**
 * `analytics.check-facts` (issue 13): compares the facts with the accepted submissions, repairs every submission
 * whose facts disagree (a job lost with Redis, a failed refresh nobody retried) and tells the operators
 * (SYSTEM_ADMIN, a notification through notify's exported API) what it repaired and what it could not.
 */
@JobHandler('analytics.check-facts', { cron: FACT_CHECK_CRON })
export class CheckFactsJob implements JobProcessor<'analytics.check-facts'> {
  private readonly logger = new Logger('CheckFactsJob');

  constructor(
    private readonly facts: FactService,
    private readonly db: TenantDb,
  ) {}

  async handle(job: Job<JobData<'analytics.check-facts'>>): Promise<{ repaired: number; unrepaired: number }> {
    const { repaired, unrepaired } = await this.facts.checkAndRepair(systemContext(null, job.name), null);
    await job.updateProgress(100);
    if (repaired.length || unrepaired.length) {
      this.logger.warn(`fact check: ${repaired.length} submission(s) repaired, ${unrepaired.length} still inconsistent`);
      const ids = [...repaired, ...unrepaired].map((d) => d.submissionId).sort();
      await this.db.run(systemContext(null, 'fact check notice'), (em) =>
        notifySystemAdmins((sql, params) => em.query(sql, params), {
          kind: 'FACTS_REPAIRED',
          // One notice per distinct finding: the same drift found again is not announced twice.
          eventKey: `facts-repaired:${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32)}`,
          titleVi: `Kiểm tra số liệu tổng hợp: đã sửa ${repaired.length} báo cáo${unrepaired.length ? `, còn ${unrepaired.length} chưa sửa được` : ''}`,
          bodyVi:
            `Số liệu tổng hợp (chỉ số) của ${repaired.length} báo cáo đã duyệt không khớp với báo cáo và đã được tính lại tự động` +
            (unrepaired.length ? `; ${unrepaired.length} báo cáo chưa tính lại được, cần kiểm tra (mã: ${unrepaired.slice(0, 5).map((d) => d.submissionId).join(', ')}).` : '.') +
            ' Nguyên nhân thường gặp: hàng đợi công việc nền bị gián đoạn.',
          titleEn: `Summary figures check: ${repaired.length} report(s) repaired${unrepaired.length ? `, ${unrepaired.length} not repaired` : ''}`,
          bodyEn:
            `The summary figures (indicators) of ${repaired.length} accepted report(s) did not match the reports and were recomputed automatically` +
            (unrepaired.length ? `; ${unrepaired.length} could not be recomputed and need checking (ids: ${unrepaired.slice(0, 5).map((d) => d.submissionId).join(', ')}).` : '.') +
            ' A common cause: the background job queue was interrupted.',
        }),
      );
    }
    return { repaired: repaired.length, unrepaired: unrepaired.length };
  }
}

/**
 * Cron of the date-driven rollup refresh (with seconds, Vietnam time): 00:10, after midnight turned the date (a
 * period became due, a future-dated status change took effect) and before anyone opens the landing page.
 */
export const ROLLUP_DAILY_CRON = process.env['ROLLUP_DAILY_CRON'] || '0 10 0 * * *';

/**
 * `analytics.refresh-current-rollups` (daily): the rollups of every province's current periods recomputed, since
 * coverage's expected count (the reporting calendar, asked on today's date) changes with the date alone.
 */
@JobHandler('analytics.refresh-current-rollups', { cron: ROLLUP_DAILY_CRON })
export class RefreshCurrentRollupsJob implements JobProcessor<'analytics.refresh-current-rollups'> {
  constructor(private readonly rollups: RollupService) {}

  async handle(job: Job<JobData<'analytics.refresh-current-rollups'>>): Promise<{ provinces: number; cells: number }> {
    const ctx = systemContext(null, job.name);
    const provinces = await this.rollups.provinces(ctx);
    let cells = 0;
    for (let i = 0; i < provinces.length; i++) {
      cells += await this.rollups.refreshCurrentPeriods(systemContext(provinces[i], job.name), provinces[i]);
      await job.updateProgress(Math.round(((i + 1) / provinces.length) * 100));
    }
    return { provinces: provinces.length, cells };
  }
}

/**
 * `analytics.rebuild-indicator-rollups`: a saved definition (a new version) rebuilds that indicator's rollups of its
 * province in the background, with progress; until it finishes the read side computes that indicator from the facts
 * (its rollups are recorded for the older version).
 */
@JobHandler('analytics.rebuild-indicator-rollups')
export class RebuildIndicatorRollupsJob implements JobProcessor<'analytics.rebuild-indicator-rollups'> {
  constructor(private readonly rollups: RollupService) {}

  async handle(job: Job<JobData<'analytics.rebuild-indicator-rollups'>>): Promise<{ cells: number }> {
    const provinceId = job.data.provinceId!;
    const cells = await this.rollups.rebuildIndicator(systemContext(provinceId, job.name), provinceId, job.data.code, (p) => job.updateProgress(p));
    await job.updateProgress(100);
    return { cells };
  }
}

/** Org's events after which coverage's expected count or a cell's centre type or ownership may change. */
type CentreEvent = Extract<keyof OrgEvents, 'centre.created' | 'centre.updated' | 'centre.status-changed'>;

/**
 * A centre created, changed (its type, ownership or unit) or given a status change (perhaps dated in the past or
 * the future): the reporting calendar's expectations and the cells the centre falls in change for any period, so
 * the province's rollups are rebuilt (about a second for the demo province; a registry change is rare).
 */
@Injectable() // for the constructor's parameter types, which the subclasses inherit
abstract class RefreshRollupsOnCentreEvent<T extends CentreEvent> implements EventProcessor<T> {
  constructor(private readonly rollups: RollupService) {}

  async handle(job: Job<EventData<T>>): Promise<{ cells: number }> {
    const provinceId = job.data.provinceId!;
    const cells = await this.rollups.rebuildProvince(systemContext(provinceId, job.name), provinceId, (p) => job.updateProgress(p));
    return { cells };
  }
}

@EventSubscriber('centre.created', 'analytics')
export class RefreshRollupsOnCentreCreatedJob extends RefreshRollupsOnCentreEvent<'centre.created'> {}

@EventSubscriber('centre.updated', 'analytics')
export class RefreshRollupsOnCentreUpdatedJob extends RefreshRollupsOnCentreEvent<'centre.updated'> {}

@EventSubscriber('centre.status-changed', 'analytics')
export class RefreshRollupsOnCentreStatusJob extends RefreshRollupsOnCentreEvent<'centre.status-changed'> {}

export const analyticsJobHandlers = [
  RefreshRollupsOnCentreCreatedJob, RefreshRollupsOnCentreUpdatedJob, RefreshRollupsOnCentreStatusJob,
  RefreshFactsOnAcceptJob, RefreshFactsOnReopenJob, RebuildFactsNightlyJob, CheckFactsJob, RefreshCurrentRollupsJob, RebuildIndicatorRollupsJob,
];
