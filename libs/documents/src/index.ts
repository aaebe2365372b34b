// Public API of the documents context: official documents (Decree 30/2020/NĐ-CP) as DOCX and PDF, and the Sở's
// document settings. Its one table (document_settings) stays private to this lib.
export { DocumentsModule, DocumentsApiModule } from './lib/documents.module';
export { DocumentSettingsService, defaultDocumentSettings, placeOfProvince } from './lib/document-settings.service';
export { OfficialDocumentsService } from './lib/official-documents.service';
export type { BuiltDocument } from './lib/official-documents.service';
export { DOCUMENT_CONTENT_TYPES, contentDisposition } from './lib/documents.controller';
export { DocumentSettings, DocumentSettingsInput } from './lib/documents.types';
export { DocumentLayout, DocumentTexts } from './lib/layout';
export { renderDocx } from './lib/render/docx';
export { renderPdf } from './lib/render/pdf';
export type { OfficialDocument } from './lib/official-document';
export { formatNumberVi, formatQuantityVi, placeAndDateVi, dateTimeVi } from './lib/vietnamese-format';
export { seedDemoDocumentSettings } from './lib/demo-settings';
export { MinistryExchangeService } from './lib/ministry/ministry-exchange.service';
export { SHIPPED_MINISTRY_LAYOUTS, validateMinistryLayout } from './lib/ministry/layouts';
export type { MinistryLayout } from './lib/ministry/layouts';
export { ReportSubscriptionService, deliveryPeriodOf, scheduledSummaryPeriod } from './lib/report-subscriptions.service';
import { DocumentSettings1733023000000 } from './migrations/1733023000000-document-settings';
import { ReportSubscriptions1733028000300 } from './migrations/1733028000300-report-subscriptions';
import { MinistryLayouts1733028000600 } from './migrations/1733028000600-ministry-layouts';
export const documentsMigrations = [DocumentSettings1733023000000, ReportSubscriptions1733028000300, MinistryLayouts1733028000600];
