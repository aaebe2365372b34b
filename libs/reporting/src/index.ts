// Public API of the reporting context: modules, the service, GraphQL DTOs, pure helpers, the Excel module
// and migrations. Tables stay private to this lib.
export { ReportingModule, ReportingApiModule } from './lib/reporting.module';
export { ReportingService } from './lib/reporting.service';
export type { UploadOutcome } from './lib/reporting.service';
export * from './lib/reporting.types';
export * from './lib/reporting.events';
export * from './lib/expected-reports';
export * from './lib/report-calendar';
export { ReportingReader } from './lib/reporting.reader';
export type { ExpectedReportRef, ExpectedReportsQuery, PublishedTemplateField, PublishedTemplateVersion } from './lib/reporting.reader';
export * from './lib/submission-values';
export { JsonScalar } from './lib/json.scalar';
export * from './lib/excel';
import { ReportingCore1732000003000 } from './migrations/1732000003000-reporting-core';
import { PublishXmcV21732000003500 } from './migrations/1732000003500-publish-xmc-v2';
import { TypedStoredValues1733000100000 } from './migrations/1733000100000-typed-stored-values';
import { ReturnResubmitBy1733000200000 } from './migrations/1733000200000-return-resubmit-by';
export { publishShippedTemplates } from './migrations/1732000003000-reporting-core';
import { ReportingPoliciesOverTheRlsRule1733001000200 } from './migrations/1733001000200-policies-over-the-rls-rule';
export const reportingMigrations = [ReportingCore1732000003000, PublishXmcV21732000003500, TypedStoredValues1733000100000, ReturnResubmitBy1733000200000, ReportingPoliciesOverTheRlsRule1733001000200];
export { reviewStoredValues } from './migrations/1733000100000-typed-stored-values';
