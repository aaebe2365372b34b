/** GraphQL documents of data quality (issue 15 item 4): the director's value checks, the Sở's outliers, flags and duplicates. */
import { graphql } from '../../gql/__generated__';
import type { DataQualityOutliersQuery, ValueChecksQuery } from '../../gql/__generated__/graphql';

graphql(`
  fragment OutlierScoreFields on OutlierScoreDto { score median n method outlier }
`);

export const VALUE_CHECKS = graphql(`
  query ValueChecks($submissionId: ID!) {
    valueChecks(submissionId: $submissionId) {
      valueKey labelVi labelEn value outlier peersPeriodCode
      history { ...OutlierScoreFields }
      peers { ...OutlierScoreFields }
    }
  }
`);
export type ValueCheck = ValueChecksQuery['valueChecks'][number];

export const DATA_QUALITY_OUTLIERS = graphql(`
  query DataQualityOutliers($periodCode: String!, $templateCode: String!) {
    dataQualityOutliers(periodCode: $periodCode, templateCode: $templateCode) {
      submissionId centreId centreCode centreName centreType valueKey labelVi labelEn value openFlagId
      history { ...OutlierScoreFields }
      peers { ...OutlierScoreFields }
    }
  }
`);
export type OutlierRow = DataQualityOutliersQuery['dataQualityOutliers'][number];

export const DATA_QUALITY_FLAGS = graphql(`
  query DataQualityFlags($status: String) {
    dataQualityFlags(status: $status) { id submissionId centreId centreName templateCode periodCode valueKey labelVi labelEn value note status flaggedAt resolution resolvedAt }
  }
`);

export const LIKELY_DUPLICATE_CENTRES = graphql(`
  query LikelyDuplicateCentres { likelyDuplicateCentres { firstId firstCode firstName secondId secondCode secondName reason } }
`);

export const FLAG_VALUE = graphql(`
  mutation FlagValue($input: FlagValueInput!) { flagValue(input: $input) { id status } }
`);

export const RESOLVE_DATA_QUALITY_FLAG = graphql(`
  mutation ResolveDataQualityFlag($id: ID!, $resolution: String!) { resolveDataQualityFlag(id: $id, resolution: $resolution) { id status resolution resolvedAt } }
`);

/** The ministry's formats (issue 15 item 7): layouts as data, the ministry's codes of centres and communes. */
export const MINISTRY_LAYOUTS = graphql(`
  query MinistryLayouts { ministryLayouts { code version system nameVi nameEn official noteVi templateCode rowsPer } }
`);

export const MINISTRY_CODES = graphql(`
  query MinistryCodes($kind: String!) { ministryCodes(kind: $kind) { id code name ministryCode } }
`);

export const SET_MINISTRY_CODE = graphql(`
  mutation SetMinistryCode($input: SetMinistryCodeInput!) { setMinistryCode(input: $input) { id ministryCode } }
`);

/** The communes' boundaries for the map (issue 15 item 3): GeoJSON, with whether they are schematic. */
export const UNIT_BOUNDARIES = graphql(`
  query UnitBoundaries { unitBoundaries { geojson schematic noteVi units missing } }
`);
