import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { defaultJobOptions, JobQueues, JobsRuntime, queueOf } from '@gdtx/platform';

/** Cron (with seconds, Vietnam time) of the daily deadline reminders: 07:00, before the working day. */
export const DEADLINE_REMINDERS_CRON = process.env['NOTIFY_REMINDERS_CRON'] || '0 0 7 * * *';

/**
 * Registers the reminder scheduler where jobs run (the worker, or the API in the embedded default), like the
 * platform's nightly scheduler: an upsert by id, so every worker registering it at boot leaves one.
 */
@Injectable()
export class NotifySchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger('NotifySchedules');

  constructor(private readonly moduleRef: ModuleRef, private readonly queues: JobQueues) {}

  async onApplicationBootstrap(): Promise<void> {
    const runtime = this.moduleRef.get(JobsRuntime, { strict: false });
    if (!runtime?.enabled) return;
    const name = 'notify.deadline-reminders' as const;
    // Not awaited: boot never waits on the queue backend (a Redis that is down at boot would stall it).
    void this.queues
      .queue(queueOf(name))
      .upsertJobScheduler(name, { pattern: DEADLINE_REMINDERS_CRON, tz: 'Asia/Ho_Chi_Minh' }, {
        name,
        data: { scheduled: true, provinceId: null, centreId: null, requestedBy: null },
        opts: defaultJobOptions(this.queues.config),
      })
      .catch((e) => this.logger.warn(`reminder scheduler not registered: ${e instanceof Error ? e.message : e}`));
  }
}
