import { Module } from '@nestjs/common';
import { ReportingModule } from '@gdtx/reporting';
import { Mailer } from './mailer';
import { NotificationService } from './notification.service';
import { notifyJobHandlers } from './notify.handlers';
import { NotificationResolver } from './notify.resolver';

/** Notifications: the service (used by other contexts), the mailer, the reminder job (scheduled daily), the e-mail job and the subscribers. */
@Module({
  imports: [ReportingModule],
  providers: [Mailer, NotificationService, ...notifyJobHandlers],
  // The mailer too: documents' scheduled reports go through the one SMTP transport.
  exports: [NotificationService, Mailer],
})
export class NotifyModule {}

/** The notifications GraphQL API (apps/api only). */
@Module({ imports: [NotifyModule], providers: [NotificationResolver] })
export class NotifyApiModule {}
