import { Module } from '@nestjs/common';
import { AtAGlanceService } from './at-a-glance.service';
import { DueReportsService } from './due-reports.service';
import { ExtensionService } from './extension.service';
import { ReportingAtAGlanceResolver, ReportTemplateResolver, SubmissionResolver } from './reporting.resolver';
import { SubmissionQueryService } from './submission-query.service';
import { SubmissionWorkflowService } from './submission-workflow.service';
import { TemplateService } from './template.service';
import { WorkbookController } from './workbook.controller';
import { WorkbookService } from './workbook.service';

/** One service per aggregate of the reporting context (used by the API and the worker). */
const reportingServices = [TemplateService, DueReportsService, AtAGlanceService, SubmissionQueryService, SubmissionWorkflowService, ExtensionService, WorkbookService];

/** Services of the reporting context (used by the API and the worker). */
@Module({ providers: reportingServices, exports: reportingServices })
export class ReportingModule {}

/** The reporting context's GraphQL and REST API (imported by apps/api only). */
@Module({ imports: [ReportingModule], providers: [ReportTemplateResolver, SubmissionResolver, ReportingAtAGlanceResolver], controllers: [WorkbookController] })
export class ReportingApiModule {}
