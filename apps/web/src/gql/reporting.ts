/**
 * Typed GraphQL documents for periodic reporting (issue 3 contract; types from libs/reporting's
 * reporting.types.ts). Values and explanations travel as the JSON scalar: { valueKey: value }.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { FieldValue, PeriodType, Severity, SubmissionStatus, TemplateDefinition, ValueMap } from '@gdtx/domain';

export type DueReportStatus = 'NOT_STARTED' | 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED' | 'OVERDUE';

export interface DueReport {
  centreId: string;
  templateCode: string;
  templateVersion: number;
  templateNameVi: string;
  templateNameEn: string;
  periodCode: string;
  periodType: PeriodType;
  periodLabelVi: string;
  periodLabelEn: string;
  dueDate: string;
  extended: boolean;
  status: DueReportStatus;
  daysLeft: number;
  submissionId: string | null;
  submissionVersion: number | null;
}

export const DUE_REPORTS: TypedDocumentNode<{ dueReports: DueReport[] }, { centreId: string }> = gql`
  query DueReports($centreId: ID!) {
    dueReports(centreId: $centreId) {
      centreId templateCode templateVersion templateNameVi templateNameEn periodCode periodType periodLabelVi periodLabelEn
      dueDate extended status daysLeft submissionId submissionVersion
    }
  }
`;

export interface ReportTemplateInfo {
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  definition: TemplateDefinition;
}

export const REPORT_TEMPLATE: TypedDocumentNode<{ reportTemplate: ReportTemplateInfo }, { code: string; version?: number | null }> = gql`
  query ReportTemplate($code: String!, $version: Int) {
    reportTemplate(code: $code, version: $version) { code version nameVi nameEn definition }
  }
`;

export interface FieldComment {
  field: string;
  comment: string;
}

export interface SubmissionEvent {
  id: string;
  action: string;
  fromStatus: SubmissionStatus | null;
  toStatus: SubmissionStatus;
  submissionVersion: number;
  actorName: string | null;
  comment: string | null;
  fieldComments: FieldComment[];
  at: string;
}

export interface SubmissionVersion {
  number: number;
  templateVersion: number;
  values: ValueMap;
  submittedAt: string;
}

export interface SubmissionSummary {
  id: string;
  centreId: string;
  centreCode: string;
  centreName: string;
  templateCode: string;
  templateVersion: number;
  periodCode: string;
  periodLabelVi: string;
  status: SubmissionStatus;
  version: number;
  dueDate: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  updatedAt: string;
}

export interface SubmissionDetail extends SubmissionSummary {
  values: ValueMap;
  explanations: Record<string, string>;
  /** The server's check of the saved values (includes rules over the previous period, which the browser cannot run). */
  issues: ValidationIssueDto[];
  events: SubmissionEvent[];
  versions: SubmissionVersion[];
}

const SUMMARY_FIELDS = 'id centreId centreCode centreName templateCode templateVersion periodCode periodLabelVi status version dueDate submittedAt acceptedAt updatedAt';
const DETAIL_FIELDS = `${SUMMARY_FIELDS} values explanations
  issues { ruleCode severity fields messageVi messageEn explainable }
  events { id action fromStatus toStatus submissionVersion actorName comment fieldComments { field comment } at }
  versions { number templateVersion values submittedAt }`;

export const SUBMISSION: TypedDocumentNode<{ submission: SubmissionDetail }, { id: string }> = gql`
  query Submission($id: ID!) { submission(id: $id) { ${DETAIL_FIELDS} } }
`;

export interface SubmissionFilter {
  templateCode?: string;
  periodId?: string;
  status?: SubmissionStatus;
  unitId?: string;
  centreId?: string;
}

export const SUBMISSIONS: TypedDocumentNode<
  { submissions: { totalCount: number; nodes: SubmissionSummary[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } },
  { filter?: SubmissionFilter; first?: number; after?: string | null }
> = gql`
  query Submissions($filter: SubmissionFilter, $first: Int, $after: String) {
    submissions(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { endCursor hasNextPage } nodes { ${SUMMARY_FIELDS} }
    }
  }
`;

export interface ValidationIssueDto {
  ruleCode: string;
  severity: Severity;
  fields: string[];
  messageVi: string;
  messageEn: string;
  explainable: boolean;
}

export interface SaveSubmissionDraftInput {
  centreId: string;
  templateCode: string;
  periodCode: string;
  values: ValueMap;
  explanations?: Record<string, string> | null;
  expectedVersion?: number | null;
}

export const SAVE_SUBMISSION_DRAFT: TypedDocumentNode<
  { saveSubmissionDraft: { changed: boolean; submission: SubmissionDetail; issues: ValidationIssueDto[] } },
  { input: SaveSubmissionDraftInput }
> = gql`
  mutation SaveSubmissionDraft($input: SaveSubmissionDraftInput!) {
    saveSubmissionDraft(input: $input) {
      changed
      issues { ruleCode severity fields messageVi messageEn explainable }
      submission { ${DETAIL_FIELDS} }
    }
  }
`;

export const SUBMIT_SUBMISSION: TypedDocumentNode<{ submitSubmission: SubmissionDetail }, { id: string; expectedVersion: number }> = gql`
  mutation SubmitSubmission($id: ID!, $expectedVersion: Int!) {
    submitSubmission(id: $id, expectedVersion: $expectedVersion) { ${DETAIL_FIELDS} }
  }
`;

export const RETURN_SUBMISSION: TypedDocumentNode<
  { returnSubmission: SubmissionDetail },
  { id: string; expectedVersion: number; comment: string; fieldComments: FieldComment[] }
> = gql`
  mutation ReturnSubmission($id: ID!, $expectedVersion: Int, $comment: String!, $fieldComments: [FieldCommentInput!]) {
    returnSubmission(id: $id, expectedVersion: $expectedVersion, comment: $comment, fieldComments: $fieldComments) { ${DETAIL_FIELDS} }
  }
`;

export const ACCEPT_SUBMISSION: TypedDocumentNode<{ acceptSubmission: SubmissionDetail }, { id: string; expectedVersion: number }> = gql`
  mutation AcceptSubmission($id: ID!, $expectedVersion: Int) {
    acceptSubmission(id: $id, expectedVersion: $expectedVersion) { ${DETAIL_FIELDS} }
  }
`;

/** The value under a key, whatever JSON the server sent (numbers may come back as numbers or strings). */
export function valueOf(values: ValueMap | null | undefined, key: string): FieldValue {
  return values?.[key] ?? null;
}

/** Submissions counted per status (aliases `status_<STATUS>`), for the dashboard's reporting chart. */
export function submissionCountsDocument(statuses: readonly SubmissionStatus[]): TypedDocumentNode<
  Record<string, { totalCount: number }>,
  Record<string, never>
> {
  return gql`
    query SubmissionCounts {
      ${statuses.map((s) => `status_${s}: submissions(filter: { status: ${s} }, first: 1) { totalCount }`).join('\n')}
    }
  `;
}
