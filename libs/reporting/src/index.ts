// Public API of the reporting context: modules, the service, GraphQL DTOs, pure helpers, the Excel module
// and migrations. Tables stay private to this lib.
export { ReportingModule, ReportingApiModule } from './lib/reporting.module';
// One service per aggregate (issue 11 Build 8): templates, due reports, submission queries, the workflow (its
// transition table SUBMISSION_TRANSITIONS), extensions, workbooks.
export { TemplateService } from './lib/template.service';
export { DueReportsService } from './lib/due-reports.service';
export { AtAGlanceService } from './lib/at-a-glance.service';
export type { GlanceSource } from './lib/at-a-glance.service';
// The completeness rollup (ADR 0021): kept by reporting's transactions, its subscribers and its daily job.
export { StatusRollupService } from './lib/status-rollup.service';
export { STATUS_ROLLUP_CRON, reportingJobHandlers } from './lib/reporting.handlers';
export { SubmissionQueryService } from './lib/submission-query.service';
export { SubmissionWorkflowService } from './lib/submission-workflow.service';
export { ExtensionService } from './lib/extension.service';
export { WorkbookService } from './lib/workbook.service';
export type { UploadOutcome } from './lib/workbook.service';
export { SUBMISSION_TRANSITIONS, WorkflowActions, actionsOn, statusesAllowing, transitionFor } from './lib/submission-transitions';
export type { SubmissionTransition, TransitionStamp, WorkflowAction } from './lib/submission-transitions';
export * from './lib/reporting.types';
export * from './lib/reporting.events';
export * from './lib/expected-reports';
export * from './lib/report-calendar';
export { ReportingReader } from './lib/reporting.reader';
export type { AcceptedReportRef, CentreReportRef, ReportForChecks, ExpectedReportRef, ExpectedReportsQuery, PublishedTemplateField, PublishedTemplateVersion, ReturnedReportNotice, SubmissionNotice } from './lib/reporting.reader';
export * from './lib/submission-values';
export { JsonScalar } from './lib/json.scalar';
export * from './lib/excel';
import { ReportingCore1732000003000 } from './migrations/1732000003000-reporting-core';
import { PublishXmcV21732000003500 } from './migrations/1732000003500-publish-xmc-v2';
import { TypedStoredValues1733000100000 } from './migrations/1733000100000-typed-stored-values';
import { ReturnResubmitBy1733000200000 } from './migrations/1733000200000-return-resubmit-by';
export { publishShippedTemplates } from './migrations/1732000003000-reporting-core';
import { ReportingPoliciesOverTheRlsRule1733001000200 } from './migrations/1733001000200-policies-over-the-rls-rule';
import { ReportingReadModelViews1733020000200 } from './migrations/1733020000200-reporting-read-model-views';
import { ReportingLineageWritesNothing1733021000200 } from './migrations/1733021000200-lineage-writes-nothing';
import { PublishGdtxV21733027000000 } from './migrations/1733027000000-publish-gdtx-v2';
import { StatusRollup1733031000000 } from './migrations/1733031000000-status-rollup';
// Reporting's SQL read model (views with explicit columns, security_invoker): accepted reports with their period,
// and the non-numeric values under numeric keys of accepted reports (for analytics' fact flattening).
export const reportingSqlReadModel = ['reporting_accepted_submission', 'reporting_accepted_non_numeric_value'] as const;
export const reportingMigrations = [ReportingCore1732000003000, PublishXmcV21732000003500, TypedStoredValues1733000100000, ReturnResubmitBy1733000200000, ReportingPoliciesOverTheRlsRule1733001000200, ReportingReadModelViews1733020000200, ReportingLineageWritesNothing1733021000200, PublishGdtxV21733027000000, StatusRollup1733031000000];
export { reviewStoredValues } from './migrations/1733000100000-typed-stored-values';
