/**
 * GraphQL documents for the Sở's report-template and deadline screens (reportTemplates, reportTemplate,
 * publishReportTemplate, grantExtension, dueReports); result and variable types are generated from
 * apps/api/schema.gql (`npm run codegen`).
 */
import type { TemplateDefinition } from '@gdtx/domain';
import { graphql } from './__generated__';
import { asTemplateDefinition } from './json';
import type {
  CentreDeadlinesQuery,
  CentreOptionsQuery,
  GrantExtensionInput as GeneratedGrantExtensionInput,
  GrantExtensionMutation,
  TemplateSummaryFieldsFragment,
  TemplateVersionsQuery,
} from './__generated__/graphql';

graphql(`
  fragment TemplateSummaryFields on ReportTemplate { code version nameVi nameEn centreTypes periodType national publishedAt definition }
`);

/** A template version with its definition typed by @gdtx/domain (JSON in the schema). */
export type TemplateSummary = Omit<TemplateSummaryFieldsFragment, 'definition'> & { definition: TemplateDefinition };

export function asTemplateSummary(template: TemplateSummaryFieldsFragment): TemplateSummary {
  return { ...template, definition: asTemplateDefinition(template.definition) };
}

export const REPORT_TEMPLATES = graphql(`
  query ReportTemplates($centreType: CentreType) { reportTemplates(centreType: $centreType) { ...TemplateSummaryFields } }
`);

export const TEMPLATE_DETAIL = graphql(`
  query TemplateDetail($code: String!, $version: Int) { reportTemplate(code: $code, version: $version) { ...TemplateSummaryFields } }
`);

export type TemplateVersionInfo = TemplateVersionsQuery['reportTemplateVersions'][number];

/** Every published version the user can see (national ones and the province's own), newest first. */
export const TEMPLATE_VERSIONS = graphql(`
  query TemplateVersions($code: String!) { reportTemplateVersions(code: $code) { code version nameVi national publishedAt } }
`);

export const PUBLISH_REPORT_TEMPLATE = graphql(`
  mutation PublishReportTemplate($definition: JSON!) { publishReportTemplate(definition: $definition) { ...TemplateSummaryFields } }
`);

export type GrantExtensionInput = GeneratedGrantExtensionInput;
export type DeadlineExtension = GrantExtensionMutation['grantExtension'];

export const GRANT_EXTENSION = graphql(`
  mutation GrantExtension($input: GrantExtensionInput!) {
    grantExtension(input: $input) { id centreId templateCode periodCode dueDate reason grantedAt grantedBy }
  }
`);

export type CentreDueReport = CentreDeadlinesQuery['dueReports'][number];

/** What a centre owes, with the regular and the (possibly extended) due date: the extension form's source. */
export const CENTRE_DEADLINES = graphql(`
  query CentreDeadlines($centreId: ID!) {
    dueReports(centreId: $centreId) {
      centreId templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn periodEnd
      dueDate regularDueDate extended status daysLeft
    }
  }
`);

export type CentreOption = CentreOptionsQuery['centres']['nodes'][number];

export const CENTRE_OPTIONS = graphql(`
  query CentreOptions($search: String, $first: Int) {
    centres(filter: { search: $search }, first: $first) { totalCount nodes { id code name type } }
  }
`);
