/**
 * GraphQL documents for periodic reporting; result and variable types are generated from apps/api/schema.gql
 * (`npm run codegen`). Values and explanations travel as the JSON scalar ({ valueKey: value }): the aliases
 * below give them @gdtx/domain's types.
 */
import type { TypedDocumentNode } from '@apollo/client';
import { parse } from 'graphql';
import type { FieldValue, Severity, SubmissionStatus, TemplateDefinition, ValueMap } from '@gdtx/domain';
import { graphql } from './__generated__';
import { asTextMap, asValueMap } from './json';
import type {
  CentreHomeQuery,
  DueReportFieldsFragment,
  GlanceItemFieldsFragment,
  ReportingGlanceFieldsFragment,
  DueReportStatus as GeneratedDueReportStatus,
  FieldCommentInput,
  ReportTemplateQuery,
  SaveSubmissionDraftInput as GeneratedSaveSubmissionDraftInput,
  SubmissionDetailFieldsFragment,
  SubmissionFilter as GeneratedSubmissionFilter,
  SubmissionSummaryFieldsFragment,
  ValidationIssueFieldsFragment,
} from './__generated__/graphql';

export type DueReportStatus = GeneratedDueReportStatus;

graphql(`
  fragment DueReportFields on DueReport {
    centreId templateCode templateVersion templateNameVi templateNameEn periodCode periodType periodLabelVi periodLabelEn
    dueDate extended status daysLeft submissionId submissionVersion
  }
`);

export type DueReport = DueReportFieldsFragment;

export const DUE_REPORTS = graphql(`
  query DueReports($centreId: ID!) { dueReports(centreId: $centreId) { ...DueReportFields } }
`);

/**
 * A centre user's home in one request (issue 16 item 9): what is due (missing ones included, with the calendar's
 * class and days), the centre, its compliance. The centre and compliance cards then read their own documents
 * (same fields, cache-first) from the cache.
 */
export const CENTRE_HOME = graphql(`
  query CentreHome($centreId: ID!) {
    dueReports(centreId: $centreId) { ...DueReportFields calendarStatus daysLate }
    centre(id: $centreId) { ...CentreDetailFields }
    centreCompliance(centreId: $centreId) { ...CentreComplianceFields }
  }
`);

export type CentreHomeDueReport = CentreHomeQuery['dueReports'][number];

graphql(`
  fragment ReportingGlanceFields on ReportingAtAGlance {
    asOf centreCount needsActionCount computedAt
    totals { expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate }
    periods {
      templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate
      expected notDue onTime late returned missing submitted waitingReview submittedRate onTimeRate
    }
  }
`);

graphql(`
  fragment GlanceItemFields on GlanceItem {
    centreId centreName templateCode templateNameVi templateNameEn periodCode periodLabelVi periodLabelEn dueDate
    reportClass days waitingReview submissionId submissionStatus
  }
`);

/** The glance with its list (the list's length is the query's: `needsAction(first:)`, so its cost counts the rows). */
export type ReportingGlance = ReportingGlanceFieldsFragment & { needsAction: GlanceItemFieldsFragment[] };
export type GlanceItem = GlanceItemFieldsFragment;
export type GlancePeriod = ReportingGlance['periods'][number];

/** A supervisor's landing page in one request: their area's current periods at a glance. */
export const AREA_AT_A_GLANCE = graphql(`
  query AreaAtAGlance { reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 100) { ...GlanceItemFields } } }
`);

/** The template's JSON definition, typed by @gdtx/domain (the schema only knows it as JSON). */
export type ReportTemplateInfo = Omit<ReportTemplateQuery['reportTemplate'], 'definition'> & { definition: TemplateDefinition };

export const REPORT_TEMPLATE = graphql(`
  query ReportTemplate($code: String!, $version: Int) {
    reportTemplate(code: $code, version: $version) { code version nameVi nameEn definition }
  }
`);

export type FieldComment = FieldCommentInput;

graphql(`
  fragment ValidationIssueFields on ValidationIssueDto { ruleCode severity fields messageVi messageEn explainable }
`);

/** `severity` is a plain String in the schema; the engine's values are 'error' | 'warning'. */
export type ValidationIssueDto = Omit<ValidationIssueFieldsFragment, 'severity'> & { severity: Severity };

graphql(`
  fragment SubmissionSummaryFields on Submission {
    id centreId centreCode centreName templateCode templateVersion periodCode periodLabelVi status version dueDate submittedAt
    acceptedAt updatedAt canReview
    lateness { nextDeadline daysLateIfSubmittedToday lastSubmissionDaysLate lastSubmissionLateReason }
  }
`);

/** A row of a submissions list; `checks` only where asked (the review queue: validating every row costs). */
export type SubmissionSummary = SubmissionSummaryFieldsFragment & { checks?: { errors: number; warnings: number; unexplainedWarnings: number } | null };

graphql(`
  fragment SubmissionDetailFields on Submission {
    ...SubmissionSummaryFields
    values explanations
    issues { ...ValidationIssueFields }
    events { id action fromStatus toStatus submissionVersion actorName comment fieldComments { field comment } at }
    versions { number templateVersion values submittedAt }
  }
`);

export type SubmissionEvent = SubmissionDetailFieldsFragment['events'][number];

/** A saved version; its values are a @gdtx/domain ValueMap (JSON in the schema). */
export type SubmissionVersion = Omit<SubmissionDetailFieldsFragment['versions'][number], 'values'> & { values: ValueMap };

/** The server's check of the saved values is in `issues` (it includes rules over the previous period, which the browser cannot run). */
export type SubmissionDetail = Omit<SubmissionDetailFieldsFragment, 'values' | 'explanations' | 'versions' | 'issues'> & {
  issues: ValidationIssueDto[];
  values: ValueMap;
  explanations: Record<string, string>;
  versions: SubmissionVersion[];
};

/** Narrows the generated result to the screens' type (JSON values; the schema types severity as a plain String). */
export function asSubmissionDetail(s: SubmissionDetailFieldsFragment): SubmissionDetail {
  return {
    ...s,
    values: asValueMap(s.values),
    explanations: asTextMap(s.explanations),
    versions: s.versions.map((v) => ({ ...v, values: asValueMap(v.values) })),
    issues: s.issues.map(asValidationIssue),
  };
}

export function asValidationIssue(issue: ValidationIssueFieldsFragment): ValidationIssueDto {
  return { ...issue, severity: issue.severity === 'warning' ? 'warning' : 'error' };
}

export const SUBMISSION = graphql(`
  query Submission($id: ID!) { submission(id: $id) { ...SubmissionDetailFields } }
`);

export type SubmissionFilter = GeneratedSubmissionFilter;

export const SUBMISSIONS = graphql(`
  query Submissions($filter: SubmissionFilter, $first: Int, $after: String, $withChecks: Boolean = false) {
    submissions(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { endCursor hasNextPage }
      nodes { ...SubmissionSummaryFields checks @include(if: $withChecks) { errors warnings unexplainedWarnings } }
    }
  }
`);

export type SaveSubmissionDraftInput = GeneratedSaveSubmissionDraftInput;

export const SAVE_SUBMISSION_DRAFT = graphql(`
  mutation SaveSubmissionDraft($input: SaveSubmissionDraftInput!) {
    saveSubmissionDraft(input: $input) {
      changed
      issues { ...ValidationIssueFields }
      submission { ...SubmissionDetailFields }
    }
  }
`);

export const SUBMIT_SUBMISSION = graphql(`
  mutation SubmitSubmission($id: ID!, $expectedVersion: Int!, $lateReason: String) {
    submitSubmission(id: $id, expectedVersion: $expectedVersion, lateReason: $lateReason) { ...SubmissionDetailFields }
  }
`);

export const RETURN_SUBMISSION = graphql(`
  mutation ReturnSubmission($id: ID!, $expectedVersion: Int!, $comment: String!, $fieldComments: [FieldCommentInput!], $resubmitBy: String) {
    returnSubmission(id: $id, expectedVersion: $expectedVersion, comment: $comment, fieldComments: $fieldComments, resubmitBy: $resubmitBy) {
      ...SubmissionDetailFields
    }
  }
`);

export const ACCEPT_SUBMISSION = graphql(`
  mutation AcceptSubmission($id: ID!, $expectedVersion: Int!) {
    acceptSubmission(id: $id, expectedVersion: $expectedVersion) { ...SubmissionDetailFields }
  }
`);

/** The value under a key, whatever JSON the server sent (numbers may come back as numbers or strings). */
export function valueOf(values: ValueMap | null | undefined, key: string): FieldValue {
  return values?.[key] ?? null;
}

/** Submissions counted per status (aliases `status_<STATUS>`), for the dashboard's reporting chart. */
export function submissionCountsDocument(statuses: readonly SubmissionStatus[]): TypedDocumentNode<
  Record<string, { totalCount: number }>,
  Record<string, never>
> {
  // Built at run time (one alias per status), so parsed here rather than generated.
  return parse(`
    query SubmissionCounts {
      ${submissionCountSelections(statuses)}
    }
  `);
}

/** The root selections of submissionCountsDocument (aliases `status_<STATUS>`), for the Sở's landing document. */
export function submissionCountSelections(statuses: readonly SubmissionStatus[]): string {
  return statuses.map((s) => `status_${s}: submissions(filter: { status: ${s} }, first: 1) { totalCount }`).join('\n');
}

export const ACCEPT_SUBMISSIONS = graphql(`
  mutation AcceptSubmissions($items: [AcceptSubmissionItem!]!) {
    acceptSubmissions(items: $items) {
      accepted { id status version }
      refused { id code reason messageVi messageEn }
    }
  }
`);
