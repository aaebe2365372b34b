/**
 * GraphQL documents for the compliance work screens (findings, inspections, unlicensed-operator cases). Result
 * and variable types are generated from apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from '../../gql/__generated__';
import type {
  ComplianceRuleCode as GeneratedRuleCode,
  FindingFilter as GeneratedFindingFilter,
  FindingRowFieldsFragment,
  FindingSeverity as GeneratedSeverity,
  FindingStatus as GeneratedFindingStatus,
  InspectionFieldsFragment,
  InspectionKind as GeneratedInspectionKind,
  UnlicensedCaseFieldsFragment,
  UnlicensedCaseStatus as GeneratedCaseStatus,
} from '../../gql/__generated__/graphql';

export type FindingRow = FindingRowFieldsFragment;
export type FindingFilter = GeneratedFindingFilter;
export type FindingSeverity = GeneratedSeverity;
export type FindingStatus = GeneratedFindingStatus;
export type ComplianceRuleCode = GeneratedRuleCode;
export type InspectionRow = InspectionFieldsFragment;
export type InspectionKind = GeneratedInspectionKind;
export type UnlicensedCase = UnlicensedCaseFieldsFragment;
export type UnlicensedCaseStatus = GeneratedCaseStatus;

export const SEVERITIES: FindingSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
export const RULE_CODES: ComplianceRuleCode[] = [
  'REPORT_MISSING', 'REPORT_LATE', 'LICENCE_MISSING', 'LICENCE_EXPIRED', 'LICENCE_EXPIRING', 'DORMANT_CENTRE',
  'NO_ACTIVITY_AFTER_ESTABLISHMENT', 'FOREIGN_TEACHER_DOSSIER_INCOMPLETE', 'FOREIGN_TEACHER_UNQUALIFIED',
  'INSPECTION_FINDING', 'INSPECTION_REMEDIATION_OVERDUE',
];
export const INSPECTION_KINDS: InspectionKind[] = ['SCHEDULED', 'UNSCHEDULED', 'FOLLOW_UP'];
export const CASE_STATUSES: UnlicensedCaseStatus[] = ['OPEN', 'INVESTIGATING', 'REFERRED', 'SANCTIONED', 'CLOSED'];

graphql(`
  fragment FindingRowFields on Finding {
    id centreId centreCode centreName ruleCode subjectKey severity status titleVi titleEn legalBasisVi evidence foundOn resolvedOn resolution resolutionNote
  }
`);

export const FINDINGS = graphql(`
  query Findings($filter: FindingFilter, $first: Int, $after: String) {
    findings(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...FindingRowFields }
    }
  }
`);

export const RESOLVE_FINDING = graphql(`
  mutation ResolveFinding($id: ID!, $note: String!) {
    resolveFinding(id: $id, note: $note) { ...FindingRowFields }
  }
`);

graphql(`
  fragment InspectionFields on Inspection {
    id centreId inspectedOn kind decisionRef inspectorName conclusionVi
    findings { id category descriptionVi severity remediationDue remediatedOn remediationNote }
  }
`);

export const CENTRE_INSPECTIONS = graphql(`
  query CentreInspections($centreId: ID!) {
    inspections(centreId: $centreId) { ...InspectionFields }
  }
`);

export const RECORD_INSPECTION = graphql(`
  mutation RecordInspection($input: RecordInspectionInput!) {
    recordInspection(input: $input) { ...InspectionFields }
  }
`);

export const RECORD_INSPECTION_FINDING = graphql(`
  mutation RecordInspectionFinding($inspectionId: ID!, $input: InspectionFindingInput!) {
    recordInspectionFinding(inspectionId: $inspectionId, input: $input) { ...InspectionFields }
  }
`);

graphql(`
  fragment UnlicensedCaseFields on UnlicensedOperatorCase {
    id unitId unitName operatorName address activityVi foundOn status statusNote fineVnd closedOn daysOpen legalBasisVi reportedByName version
  }
`);

export const UNLICENSED_CASES = graphql(`
  query UnlicensedCases($status: UnlicensedCaseStatus, $unitId: ID, $first: Int, $after: String) {
    unlicensedOperatorCases(status: $status, unitId: $unitId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...UnlicensedCaseFields }
    }
  }
`);

export const REPORT_UNLICENSED = graphql(`
  mutation ReportUnlicensedOperator($input: ReportUnlicensedOperatorInput!) {
    reportUnlicensedOperator(input: $input) { ...UnlicensedCaseFields }
  }
`);

export const UPDATE_UNLICENSED = graphql(`
  mutation UpdateUnlicensedOperatorCase($input: UpdateUnlicensedOperatorCaseInput!) {
    updateUnlicensedOperatorCase(input: $input) { ...UnlicensedCaseFields }
  }
`);

/** Names the centre a filter or the inspections tab points at (the id comes from the URL). */
export const COMPLIANCE_CENTRE_NAME = graphql(`
  query ComplianceCentreName($id: ID!) { centre(id: $id) { id code name } }
`);
