// Public API of the notify context: in-app notifications, their e-mail copy, reminders.
export { NotifyModule, NotifyApiModule } from './lib/notify.module';
export { NotificationService, REMINDER_DAYS_AHEAD, OVERDUE_REMINDER_WINDOW_DAYS } from './lib/notification.service';
export { insertNotifications, notifySystemAdmins, NotificationKinds } from './lib/notify-core';
export type { NotificationKind, NotificationRequest, Recipients, Sql, CreatedNotification } from './lib/notify-core';
export { notificationMail, Mailer } from './lib/mailer';
export type { MailMessage, MailAttachment } from './lib/mailer';
export * from './lib/notify.types';
import { NotifyCore1732000005100 } from './migrations/1732000005100-notify-core';
import { NotificationLinks1733000500000 } from './migrations/1733000500000-notification-links';
import { NotifyPoliciesOverTheRlsRule1733001000600 } from './migrations/1733001000600-policies-over-the-rls-rule';
import { LoginThrottledKind1733005000100 } from './migrations/1733005000100-login-throttled-kind';
import { OperatorNotifications1733007000100 } from './migrations/1733007000100-operator-notifications';
import { NotifyLineageWritesNothing1733021000600 } from './migrations/1733021000600-lineage-writes-nothing';
import { NotificationEnglishAndDigest1733025000000 } from './migrations/1733025000000-notification-english-and-digest';
export const notifyMigrations = [NotifyCore1732000005100, NotificationLinks1733000500000, NotifyPoliciesOverTheRlsRule1733001000600, LoginThrottledKind1733005000100, OperatorNotifications1733007000100, NotifyLineageWritesNothing1733021000600, NotificationEnglishAndDigest1733025000000];
