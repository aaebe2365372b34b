import { Module } from '@nestjs/common';
import { ReportingService } from './reporting.service';
import { ReportTemplateResolver, SubmissionResolver } from './reporting.resolver';
import { WorkbookController } from './workbook.controller';

/** Services of the reporting context (used by the API and the worker). */
@Module({ providers: [ReportingService], exports: [ReportingService] })
export class ReportingModule {}

/** The reporting context's GraphQL and REST API (imported by apps/api only). */
@Module({ imports: [ReportingModule], providers: [ReportTemplateResolver, SubmissionResolver], controllers: [WorkbookController] })
export class ReportingApiModule {}
