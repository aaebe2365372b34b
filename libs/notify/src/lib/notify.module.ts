import { Module } from '@nestjs/common';
import { ReportingModule } from '@gdtx/reporting';
import { Mailer } from './mailer';
import { NotificationService } from './notification.service';
import { notifyJobHandlers } from './notify.handlers';
import { NotificationResolver } from './notify.resolver';
import { NotifySchedules } from './notify-schedules';

/** Notifications: the service (used by other contexts), the mailer, the reminder jobs and their scheduler. */
@Module({
  imports: [ReportingModule],
  providers: [Mailer, NotificationService, NotifySchedules, ...notifyJobHandlers],
  exports: [NotificationService],
})
export class NotifyModule {}

/** The notifications GraphQL API (apps/api only). */
@Module({ imports: [NotifyModule], providers: [NotificationResolver] })
export class NotifyApiModule {}
