/**
 * The Sở's landing page in one request (issue 15 item 1, issue 16 item 9): the reporting calendar's picture of the
 * current periods (reportingAtAGlance), the areas and communes that need attention (areasNeedingAttention), both
 * served from the completeness rollup (ADR 0021), the key results served from the indicator rollups (landingResults,
 * ADR 0020) and the registry's counts by type, status and licence status (centreCounts, one pass over the centres),
 * in one operation. scripts/bench/landing-latency.ts and scripts/bench/growth.ts time it.
 */
import { graphql } from './__generated__';
import type { AttentionUnitFieldsFragment, ProvinceLandingQuery } from './__generated__/graphql';

graphql(`
  fragment AttentionUnitFields on AttentionUnit {
    kind id name centreCount expected notDue onTime late missing returned submitted waitingReview onTimeRate submittedRate missingOrLate reviewPath
  }
`);

export const PROVINCE_LANDING = graphql(`
  query ProvinceLanding {
    reportingAtAGlance { ...ReportingGlanceFields needsAction(first: 20) { ...GlanceItemFields } }
    centreCounts { asOf total byType { key count } byStatus { key count } byLicenceStatus { key count } }
    areasNeedingAttention(first: 5) { asOf areas { ...AttentionUnitFields } communes { ...AttentionUnitFields } }
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

export type AttentionUnit = AttentionUnitFieldsFragment;
export type AttentionPictureData = ProvinceLandingQuery['areasNeedingAttention'];
/** The key results (issue 15 item 1): served from the rollups, in the same request. */
export type LandingResultsData = ProvinceLandingQuery['landingResults'];
