import { Module } from '@nestjs/common';
import { AtAGlanceService } from './at-a-glance.service';
import { DueReportsService } from './due-reports.service';
import { ExtensionService } from './extension.service';
import { ReportingAtAGlanceResolver, ReportTemplateResolver, SubmissionResolver } from './reporting.resolver';
import { reportingJobHandlers } from './reporting.handlers';
import { StatusRollupService } from './status-rollup.service';
import { SubmissionQueryService } from './submission-query.service';
import { SubmissionWorkflowService } from './submission-workflow.service';
import { TemplateService } from './template.service';
import { WorkbookController } from './workbook.controller';
import { WorkbookService } from './workbook.service';

/** One service per aggregate of the reporting context (used by the API and the worker). */
const reportingServices = [TemplateService, DueReportsService, StatusRollupService, AtAGlanceService, SubmissionQueryService, SubmissionWorkflowService, ExtensionService, WorkbookService];

/** Services of the reporting context and its jobs: the completeness rollup's daily job and event subscribers (API and worker). */
@Module({ providers: [...reportingServices, ...reportingJobHandlers], exports: reportingServices })
export class ReportingModule {}

/** The reporting context's GraphQL and REST API (imported by apps/api only). */
@Module({ imports: [ReportingModule], providers: [ReportTemplateResolver, SubmissionResolver, ReportingAtAGlanceResolver], controllers: [WorkbookController] })
export class ReportingApiModule {}
