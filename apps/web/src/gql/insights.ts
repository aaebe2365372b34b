/**
 * GraphQL documents for analytics, compliance and notifications; result and variable types are generated from
 * apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from './__generated__';
import type {
  CentreComplianceFieldsFragment,
  ComplianceStatus as GeneratedComplianceStatus,
  ComplianceGroupsQuery,
  GroupedIndicatorValuesQuery,
  IndicatorValueFieldsFragment,
  NotificationsQuery,
  ProvinceOverviewQuery,
  ReportingRatesQuery,
} from './__generated__/graphql';

graphql(`
  fragment IndicatorValueFields on IndicatorValue {
    code nameVi nameEn unit value numerator denominator centreCount computedAt periodCode
  }
`);

export type IndicatorValue = IndicatorValueFieldsFragment;
export type IndicatorTrend = ProvinceOverviewQuery['provinceOverview']['indicators'][number];

export const PROVINCE_OVERVIEW = graphql(`
  query ProvinceOverview($periodCode: String!) {
    provinceOverview(periodCode: $periodCode) {
      periodCode computedAt
      submissionsByStatus { key count }
      indicators { change previousPeriodCode current { ...IndicatorValueFields } previous { ...IndicatorValueFields } }
    }
  }
`);

export type ComplianceStatus = GeneratedComplianceStatus;

export const COMPLIANCE_OVERVIEW = graphql(`
  query ComplianceOverview {
    complianceOverview {
      asOf centreCount
      byStatus { status centres }
      worstCentres { centreId centreCode centreName status openFindings highFindings }
    }
  }
`);

export type Finding = CentreComplianceFieldsFragment['openFindings'][number];

graphql(`
  fragment CentreComplianceFields on CentreCompliance {
    asOf status openFindingCount
    openFindings { id ruleCode titleVi titleEn legalBasisVi severity status foundOn }
  }
`);

export const CENTRE_COMPLIANCE = graphql(`
  query CentreCompliance($centreId: ID!) { centreCompliance(centreId: $centreId) { ...CentreComplianceFields } }
`);

export type NotificationItem = NotificationsQuery['notifications']['nodes'][number];

export const NOTIFICATIONS = graphql(`
  query Notifications($first: Int) {
    notifications(first: $first) { totalCount nodes { id kind titleVi bodyVi titleEn bodyEn link readAt createdAt } }
  }
`);

export type ReportingRate = ReportingRatesQuery['reportingRates'][number];

export const REPORTING_RATES = graphql(`
  query ReportingRates($templateCode: String!, $periodFrom: String!, $periodTo: String, $groupBy: [IndicatorGroupBy!], $asOf: Date) {
    reportingRates(templateCode: $templateCode, periodFrom: $periodFrom, periodTo: $periodTo, groupBy: $groupBy, asOf: $asOf) {
      unitId unitName areaId areaName periodCode expected notDue submitted onTime late returned missing accepted submittedRate onTimeRate computedAt
    }
  }
`);

export type GroupedIndicatorValue = GroupedIndicatorValuesQuery['indicatorValues'][number];

/** Indicator values of one period grouped by commune, area or centre type, on the structure of `asOf`. */
export const GROUPED_INDICATOR_VALUES = graphql(`
  query GroupedIndicatorValues($query: IndicatorQuery!) {
    indicatorValues(query: $query) {
      code nameVi nameEn unit value centreCount unitId unitName areaId areaName centreType coverage { reporting expected }
    }
  }
`);

export type ComplianceGroup = ComplianceGroupsQuery['complianceOverview']['groups'][number];

/** Compliance by commune, area or centre type on a date (today by default). */
export const COMPLIANCE_GROUPS = graphql(`
  query ComplianceGroups($groupBy: ComplianceGroupBy) {
    complianceOverview(groupBy: $groupBy) {
      asOf centreCount
      groups { unitId areaId centreType name centreCount compliant atRisk nonCompliant openFindings highFindings }
    }
  }
`);
