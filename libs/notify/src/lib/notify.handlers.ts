import type { Job } from 'bullmq';
import { EventData, EventProcessor, EventSubscriber, JobData, JobHandler, JobProcessor } from '@gdtx/platform';
import type { IdentityEvents } from '@gdtx/identity';
import { NotificationService } from './notification.service';
import './notify.jobs';

/** Cron (with seconds, Vietnam time) of the daily deadline reminders: 07:00, before the working day. */
export const DEADLINE_REMINDERS_CRON = process.env['NOTIFY_REMINDERS_CRON'] || '0 0 7 * * *';

/** `notify.deadline-reminders` (daily): idempotent through the notifications' event keys. */
@JobHandler('notify.deadline-reminders', { cron: DEADLINE_REMINDERS_CRON })
export class DeadlineRemindersJob implements JobProcessor<'notify.deadline-reminders'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(job: Job<JobData<'notify.deadline-reminders'>>): Promise<{ centres: number; created: number }> {
    return this.notifications.deadlineReminders(job.data.today);
  }
}

/** Cron (with seconds, Vietnam time) of the e-mail digest: hourly, at minute 5 (after the 07:00 reminders). */
export const EMAIL_DIGEST_CRON = process.env['NOTIFY_DIGEST_CRON'] || '0 5 * * * *';

/** `notify.email-digest` (hourly): one mail per user with every PENDING notification, each mailed at most once. */
@JobHandler('notify.email-digest', { cron: EMAIL_DIGEST_CRON })
export class EmailDigestJob implements JobProcessor<'notify.email-digest'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(): Promise<{ users: number; notifications: number; failed: number }> {
    return this.notifications.sendDigests();
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

/** `submission.returned>notify` (reporting's event): tell the centre. */
@EventSubscriber('submission.returned', 'notify')
export class ReturnedReportNotificationJob implements EventProcessor<'submission.returned'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(job: Job<EventData<'submission.returned'>>): Promise<{ created: number }> {
    return { created: await this.notifications.submissionReturned(job.data.provinceId, job.data.submissionId, job.data.version) };
  }
}

/** `submission.submitted>notify` (reporting's event): tell the report's reviewers. */
@EventSubscriber('submission.submitted', 'notify')
export class SubmittedReportNotificationJob implements EventProcessor<'submission.submitted'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(job: Job<EventData<'submission.submitted'>>): Promise<{ created: number }> {
    return { created: await this.notifications.submissionSubmitted(job.data.provinceId, job.data.submissionId, job.data.version) };
  }
}

/** `submission.accepted>notify` (reporting's event): tell the centre. */
@EventSubscriber('submission.accepted', 'notify')
export class AcceptedReportNotificationJob implements EventProcessor<'submission.accepted'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(job: Job<EventData<'submission.accepted'>>): Promise<{ created: number }> {
    return { created: await this.notifications.submissionAccepted(job.data.provinceId, job.data.submissionId, job.data.version) };
  }
}

/** `account.login-throttled>notify` (identity's event): tell the account's owner, and the Sở admins. */
/** The topic is identity's (its declaration merges into platform's registry once identity's types are imported). */
type LoginThrottled = Extract<keyof IdentityEvents, 'account.login-throttled'>;

@EventSubscriber('account.login-throttled' satisfies LoginThrottled, 'notify')
export class LoginThrottledNotificationJob implements EventProcessor<'account.login-throttled'> {
  constructor(private readonly notifications: NotificationService) {}

  async handle(job: Job<EventData<'account.login-throttled'>>): Promise<{ created: number }> {
    return { created: await this.notifications.loginThrottled(job.data.provinceId, job.data.userId, job.data.failures, job.data.blockedUntil) };
  }
}

export const notifyJobHandlers = [DeadlineRemindersJob, EmailDigestJob, SendEmailJob, ReturnedReportNotificationJob, SubmittedReportNotificationJob, AcceptedReportNotificationJob, LoginThrottledNotificationJob];
