import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@gdtx/analytics';
import { ReportingModule } from '@gdtx/reporting';
import { DocumentSettingsService } from './document-settings.service';
import { DocumentsController } from './documents.controller';
import { DocumentsResolver } from './documents.resolver';
import { OfficialDocumentsService } from './official-documents.service';

/** The documents context: the Sở's document settings and the builders of official documents. */
@Module({
  imports: [AnalyticsModule, ReportingModule],
  providers: [DocumentSettingsService, OfficialDocumentsService],
  exports: [DocumentSettingsService, OfficialDocumentsService],
})
export class DocumentsModule {}

/** Its GraphQL (settings) and REST (the files) API, for apps/api. */
@Module({ imports: [DocumentsModule], providers: [DocumentsResolver], controllers: [DocumentsController] })
export class DocumentsApiModule {}
