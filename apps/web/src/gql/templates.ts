/**
 * Typed GraphQL documents for the Sở's report-template and deadline screens (apps/api/schema.gql:
 * reportTemplates, reportTemplate, publishReportTemplate, grantExtension, dueReports). Every document is a
 * fully static template literal with a named operation, ready for graphql-codegen.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { CentreType, PeriodType, TemplateDefinition } from '@gdtx/domain';
import type { DueReportStatus } from './reporting';

export interface TemplateSummary {
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  centreTypes: CentreType[];
  periodType: PeriodType;
  national: boolean;
  publishedAt: string | null;
  definition: TemplateDefinition;
}

export const REPORT_TEMPLATES: TypedDocumentNode<{ reportTemplates: TemplateSummary[] }, { centreType?: CentreType | null }> = gql`
  query ReportTemplates($centreType: CentreType) {
    reportTemplates(centreType: $centreType) { code version nameVi nameEn centreTypes periodType national publishedAt definition }
  }
`;

export const TEMPLATE_DETAIL: TypedDocumentNode<{ reportTemplate: TemplateSummary }, { code: string; version?: number | null }> = gql`
  query TemplateDetail($code: String!, $version: Int) {
    reportTemplate(code: $code, version: $version) { code version nameVi nameEn centreTypes periodType national publishedAt definition }
  }
`;

export interface TemplateVersionInfo {
  code: string;
  version: number;
  national: boolean;
  publishedAt: string | null;
}

/** One version's identity without its definition (the version list asks for each number it can see). */
export const TEMPLATE_VERSION_INFO: TypedDocumentNode<{ reportTemplate: TemplateVersionInfo }, { code: string; version: number }> = gql`
  query TemplateVersionInfo($code: String!, $version: Int) {
    reportTemplate(code: $code, version: $version) { code version national publishedAt }
  }
`;

export const PUBLISH_REPORT_TEMPLATE: TypedDocumentNode<{ publishReportTemplate: TemplateSummary }, { definition: TemplateDefinition }> = gql`
  mutation PublishReportTemplate($definition: JSON!) {
    publishReportTemplate(definition: $definition) { code version nameVi nameEn centreTypes periodType national publishedAt definition }
  }
`;

export interface GrantExtensionInput {
  centreId: string;
  templateCode: string;
  periodCode: string;
  dueDate: string;
  reason: string;
}

export interface DeadlineExtension {
  id: string;
  centreId: string;
  templateCode: string;
  periodCode: string;
  dueDate: string;
  reason: string;
  grantedAt: string;
  grantedBy: string | null;
}

export const GRANT_EXTENSION: TypedDocumentNode<{ grantExtension: DeadlineExtension }, { input: GrantExtensionInput }> = gql`
  mutation GrantExtension($input: GrantExtensionInput!) {
    grantExtension(input: $input) { id centreId templateCode periodCode dueDate reason grantedAt grantedBy }
  }
`;

export interface CentreDueReport {
  centreId: string;
  templateCode: string;
  templateNameVi: string;
  templateNameEn: string;
  periodCode: string;
  periodLabelVi: string;
  periodLabelEn: string;
  periodEnd: string;
  dueDate: string;
  regularDueDate: string;
  extended: boolean;
  status: DueReportStatus;
  daysLeft: number;
}

/** What a centre owes, with the regular and the (possibly extended) due date: the extension form's source. */
export const CENTRE_DEADLINES: TypedDocumentNode<{ dueReports: CentreDueReport[] }, { centreId: string }> = gql`
  query CentreDeadlines($centreId: ID!) {
    dueReports(centreId: $centreId) {
      centreId templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn periodEnd
      dueDate regularDueDate extended status daysLeft
    }
  }
`;

export interface CentreOption {
  id: string;
  code: string;
  name: string;
  type: CentreType;
}

export const CENTRE_OPTIONS: TypedDocumentNode<
  { centres: { totalCount: number; nodes: CentreOption[] } },
  { search?: string | null; first?: number }
> = gql`
  query CentreOptions($search: String, $first: Int) {
    centres(filter: { search: $search }, first: $first) { totalCount nodes { id code name type } }
  }
`;
