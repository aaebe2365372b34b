import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@gdtx/analytics';
import { NotifyModule } from '@gdtx/notify';
import { ReportingModule } from '@gdtx/reporting';
import { DocumentSettingsService } from './document-settings.service';
import { DocumentsController } from './documents.controller';
import { DocumentsResolver } from './documents.resolver';
import { OfficialDocumentsService } from './official-documents.service';
import { ReportSubscriptionsResolver, ScheduledReportsJob } from './report-subscriptions.handlers';
import { ReportSubscriptionService } from './report-subscriptions.service';
import { MinistryController } from './ministry/ministry.controller';
import { MinistryExchangeService } from './ministry/ministry-exchange.service';
import { MinistryResolver } from './ministry/ministry.resolver';

/**
 * The documents context: the Sở's document settings, the builders of official documents and the scheduled
 * reports (their daily job runs wherever this module is imported with workers: apps/worker, or the embedded API).
 */
@Module({
  imports: [AnalyticsModule, ReportingModule, NotifyModule],
  providers: [DocumentSettingsService, OfficialDocumentsService, ReportSubscriptionService, ScheduledReportsJob, MinistryExchangeService],
  exports: [DocumentSettingsService, OfficialDocumentsService, ReportSubscriptionService, MinistryExchangeService],
})
export class DocumentsModule {}

/** Its GraphQL (settings) and REST (the files) API, for apps/api. */
@Module({ imports: [DocumentsModule], providers: [DocumentsResolver, ReportSubscriptionsResolver, MinistryResolver], controllers: [DocumentsController, MinistryController] })
export class DocumentsApiModule {}
