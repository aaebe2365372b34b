/**
 * Typed documents for analytics, compliance and notifications (their APIs landed after the first screens;
 * the screens fall back to a labelled placeholder when a query is not available).
 */
import { gql, type TypedDocumentNode } from '@apollo/client';

export interface IndicatorValue {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  centreCount: number;
  computedAt: string | null;
  periodCode: string | null;
}

export interface IndicatorTrend {
  current: IndicatorValue;
  previous: IndicatorValue | null;
  previousPeriodCode: string | null;
  change: number | null;
}

const INDICATOR_FIELDS = 'code nameVi nameEn unit value numerator denominator centreCount computedAt periodCode';

export const PROVINCE_OVERVIEW: TypedDocumentNode<
  { provinceOverview: { periodCode: string; computedAt: string; submissionsByStatus: { key: string; count: number }[]; indicators: IndicatorTrend[] } },
  { periodId: string }
> = gql`
  query ProvinceOverview($periodId: String!) {
    provinceOverview(periodId: $periodId) {
      periodCode computedAt
      submissionsByStatus { key count }
      indicators { change previousPeriodCode current { ${INDICATOR_FIELDS} } previous { ${INDICATOR_FIELDS} } }
    }
  }
`;

export type ComplianceStatus = 'COMPLIANT' | 'AT_RISK' | 'NON_COMPLIANT';

export const COMPLIANCE_OVERVIEW: TypedDocumentNode<
  {
    complianceOverview: {
      asOf: string;
      centreCount: number;
      byStatus: { status: ComplianceStatus; centres: number }[];
      worstCentres: { centreId: string; centreCode: string; centreName: string; status: ComplianceStatus; openFindings: number; highFindings: number }[];
    };
  },
  Record<string, never>
> = gql`
  query ComplianceOverview {
    complianceOverview {
      asOf centreCount
      byStatus { status centres }
      worstCentres { centreId centreCode centreName status openFindings highFindings }
    }
  }
`;

export interface Finding {
  id: string;
  titleVi: string;
  legalBasisVi: string;
  severity: string;
  status: string;
  foundOn: string;
}

export const CENTRE_COMPLIANCE: TypedDocumentNode<
  { centreCompliance: { asOf: string; status: ComplianceStatus; openFindingCount: number; openFindings: Finding[] } },
  { centreId: string }
> = gql`
  query CentreCompliance($centreId: ID!) {
    centreCompliance(centreId: $centreId) {
      asOf status openFindingCount
      openFindings { id titleVi legalBasisVi severity status foundOn }
    }
  }
`;

export interface NotificationItem {
  id: string;
  kind: string;
  titleVi: string;
  bodyVi: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export const NOTIFICATIONS: TypedDocumentNode<{ notifications: { totalCount: number; nodes: NotificationItem[] } }, { first?: number }> = gql`
  query Notifications($first: Int) {
    notifications(first: $first) { totalCount nodes { id kind titleVi bodyVi link readAt createdAt } }
  }
`;

export interface ReportingRate {
  unitId: string | null;
  unitName: string | null;
  periodCode: string | null;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  accepted: number;
  submittedRate: number | null;
  onTimeRate: number | null;
  computedAt: string;
}

export const REPORTING_RATES: TypedDocumentNode<
  { reportingRates: ReportingRate[] },
  { templateCode: string; periodFrom: string; periodTo?: string | null; groupBy?: string[] }
> = gql`
  query ReportingRates($templateCode: String!, $periodFrom: String!, $periodTo: String, $groupBy: [IndicatorGroupBy!]) {
    reportingRates(templateCode: $templateCode, periodFrom: $periodFrom, periodTo: $periodTo, groupBy: $groupBy) {
      unitId unitName periodCode expected submitted onTime late missing accepted submittedRate onTimeRate computedAt
    }
  }
`;
