import type { Job } from 'bullmq';
import { JobData, JobHandler, JobProcessor } from '@gdtx/platform';
import { NotificationService } from './notification.service';

/** `notify.deadline-reminders` (daily scheduler): idempotent through the notifications' event keys. */
@JobHandler('notify.deadline-reminders')
export class DeadlineRemindersJob implements JobProcessor<'notify.deadline-reminders'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(job: Job<JobData<'notify.deadline-reminders'>>): Promise<{ centres: number; created: number }> {
    return this.notifications.deadlineReminders(job.data.today);
  }
}

/** `notify.send-email`: the e-mail copy of one notification (a SENT one is never sent again). */
@JobHandler('notify.send-email')
export class SendEmailJob implements JobProcessor<'notify.send-email'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(job: Job<JobData<'notify.send-email'>>): Promise<{ result: string }> {
    return { result: await this.notifications.sendEmail(job.data.notificationId) };
  }
}

/** `submission.returned` (outbox topic of reporting): tell the centre. */
@JobHandler('submission.returned')
export class ReturnedReportNotificationJob implements JobProcessor<'submission.returned'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(job: Job<JobData<'submission.returned'>>): Promise<{ created: number }> {
    return { created: await this.notifications.submissionReturned(job.data.provinceId, job.data.submissionId, job.data.version) };
  }
}

export const notifyJobHandlers = [DeadlineRemindersJob, SendEmailJob, ReturnedReportNotificationJob];
