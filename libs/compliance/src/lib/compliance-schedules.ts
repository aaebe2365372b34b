import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { defaultJobOptions, JobQueues, JobsRuntime, queueOf } from '@gdtx/platform';

/** Cron (with seconds, Vietnam time) of the nightly evaluation: 02:30, after the nightly fact rebuild (01:30). */
export const COMPLIANCE_NIGHTLY_CRON = process.env['COMPLIANCE_NIGHTLY_CRON'] || '0 30 2 * * *';

/** Cron of the change watcher (licence and status changes in the audit trail): every minute. */
export const COMPLIANCE_CHANGES_CRON = process.env['COMPLIANCE_CHANGES_CRON'] || '0 * * * * *';

/** Registers `compliance.evaluate-all` and `compliance.evaluate-changed` where jobs run (upsert by id: one scheduler however many workers boot). */
@Injectable()
export class ComplianceSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger('ComplianceSchedules');

  constructor(private readonly moduleRef: ModuleRef, private readonly queues: JobQueues) {}

  async onApplicationBootstrap(): Promise<void> {
    const runtime = this.moduleRef.get(JobsRuntime, { strict: false });
    if (!runtime?.enabled) return;
    const schedules = [
      { name: 'compliance.evaluate-all' as const, pattern: COMPLIANCE_NIGHTLY_CRON },
      { name: 'compliance.evaluate-changed' as const, pattern: COMPLIANCE_CHANGES_CRON },
    ];
    // Not awaited: boot never waits on the queue backend (a Redis that is down at boot would stall it).
    for (const { name, pattern } of schedules) {
      void this.queues
        .queue(queueOf(name))
        .upsertJobScheduler(name, { pattern, tz: 'Asia/Ho_Chi_Minh' }, {
          name,
          data: { scheduled: true, provinceId: null, centreId: null, requestedBy: null },
          opts: defaultJobOptions(this.queues.config),
        })
        .catch((e) => this.logger.warn(`compliance scheduler ${name} not registered: ${e instanceof Error ? e.message : e}`));
    }
  }
}
