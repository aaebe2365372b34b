/**
 * GraphQL documents for the literacy (xóa mù chữ) and learning-society screen; result and variable types are
 * generated from apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from '../../gql/__generated__';
import type { LearningSocietyProgressQuery, LiteracyStatusQuery, LiteracyUnitsQuery, UnitLevel } from '../../gql/__generated__/graphql';

export type LiteracyUnitLevel = UnitLevel;

export const LITERACY_STATUS = graphql(`
  query LiteracyStatus($unitId: ID!, $year: Int!, $asOf: Date) {
    literacyStatus(unitId: $unitId, year: $year, asOf: $asOf) {
      unitId
      unitName
      unitLevel
      year
      periodCode
      asOf
      paramsVersion
      aggregationTier
      ruleDate
      judgedAsUnit
      recognisedBy { level byVi byEn }
      recognitionChain { tier recognisedBy { level byVi byEn } }
      level
      dbkk
      dbkkSource
      reasons
      reasonsEn
      communes
      communesWithData
      reports
      computedAt
      dataAcceptedUntil
      criteria { level met thresholdPct valuePct band basis numerator denominator }
      rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }
      indicators {
        belowL1
        belowL2
        illiterate15to60
        learnersPhase1
        learnersPhase2
        newlyLiterate
        mobilisationRatePct
        completionPct
        dttsPopulationSharePct
      }
      children {
        unitId
        name
        unitLevel
        level
        hasData
        dbkk
        reasons
        reasonsEn
        communes
        communesWithData
        criteria { level met thresholdPct valuePct band basis numerator denominator }
        rates { band population literateL1 literateL2 rateL1Pct rateL2Pct communes }
      }
      unmappedData { centreId unitId reason }
    }
  }
`);

export type LiteracyStatusResult = LiteracyStatusQuery['literacyStatus'];
export type LiteracyCriterion = LiteracyStatusResult['criteria'][number];
export type LiteracyBandRate = LiteracyStatusResult['rates'][number];
export type LiteracyIndicators = LiteracyStatusResult['indicators'];
export type LiteracyChild = LiteracyStatusResult['children'][number];

/**
 * Which of the last six literacy years have accepted reports for a unit (on today's units, so a unit that has
 * since been dissolved still answers): the page opens on the latest of them.
 */
export const LITERACY_YEARS = graphql(`
  query LiteracyYears($unitId: ID!, $y0: Int!, $y1: Int!, $y2: Int!, $y3: Int!, $y4: Int!, $y5: Int!) {
    y0: literacyStatus(unitId: $unitId, year: $y0) { year communesWithData }
    y1: literacyStatus(unitId: $unitId, year: $y1) { year communesWithData }
    y2: literacyStatus(unitId: $unitId, year: $y2) { year communesWithData }
    y3: literacyStatus(unitId: $unitId, year: $y3) { year communesWithData }
    y4: literacyStatus(unitId: $unitId, year: $y4) { year communesWithData }
    y5: literacyStatus(unitId: $unitId, year: $y5) { year communesWithData }
  }
`);

export const LEARNING_SOCIETY_PROGRESS = graphql(`
  query LearningSocietyProgress($unitId: ID!, $year: Int!, $asOf: Date) {
    learningSocietyProgress(unitId: $unitId, year: $year, asOf: $asOf) {
      unitId
      unitName
      year
      asOf
      computedAt
      periodCodes
      reportingCentres
      indicators { code nameVi nameEn model recognised eligible ratePct targetPct targetYear gapPct status legalBasis }
    }
  }
`);

export type LearningSocietyProgressResult = LearningSocietyProgressQuery['learningSocietyProgress'];
export type LearningSocietyIndicator = LearningSocietyProgressResult['indicators'][number];

/** The units of a date (for the breadcrumb above the literacy status). */
export const LITERACY_UNITS = graphql(`
  query LiteracyUnits($asOf: Date) {
    administrativeUnits(asOf: $asOf) { id name level parentId }
  }
`);

export type LiteracyUnit = LiteracyUnitsQuery['administrativeUnits'][number];
