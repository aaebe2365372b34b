// Public API of the reporting context: modules, the service, GraphQL DTOs, pure helpers, the Excel module
// and migrations. Tables stay private to this lib.
export { ReportingModule, ReportingApiModule } from './lib/reporting.module';
export { ReportingService, issuesToFieldProblems } from './lib/reporting.service';
export type { UploadOutcome } from './lib/reporting.service';
export * from './lib/reporting.types';
export * from './lib/expected-reports';
export * from './lib/submission-values';
export { JsonScalar } from './lib/json.scalar';
export * from './lib/excel';
import { ReportingCore1732000003000 } from './migrations/1732000003000-reporting-core';
import { PublishXmcV21732000003500 } from './migrations/1732000003500-publish-xmc-v2';
export { publishShippedTemplates } from './migrations/1732000003000-reporting-core';
export const reportingMigrations = [ReportingCore1732000003000, PublishXmcV21732000003500];
