/**
 * The Sở's landing page in one request (issue 15 item 1, issue 16 item 9): the reporting calendar's picture of the
 * current periods (reportingAtAGlance) and the registry's counts by type, status and licence status (centreCounts,
 * one pass over the centres) and the key results from the rollups (landingResults), in one operation. scripts/bench/landing-latency.ts times it.
 */
import { graphql } from './__generated__';
import type { ProvinceLandingQuery } from './__generated__/graphql';

export const PROVINCE_LANDING = graphql(`
  query ProvinceLanding {
    reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 20) { ...GlanceItemFields } }
    centreCounts { asOf total byType { key count } byStatus { key count } byLicenceStatus { key count } }
    landingResults {
      asOf
      results {
        code nameVi nameEn unit periodCode previousPeriodCode fromRollups
        current { value centreCount coverage { reporting expected } computedAt }
        likeForLike { centres value previousValue change computedAt }
        trend { periodCode value coverage { reporting expected } }
      }
    }
  }
`);

export type CentreCountsData = ProvinceLandingQuery['centreCounts'];
/** The key results (issue 15 item 1): served from the rollups, in the same request. */
export type LandingResultsData = ProvinceLandingQuery['landingResults'];
