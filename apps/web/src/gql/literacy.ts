/**
 * Typed GraphQL documents for the literacy (xóa mù chữ) and learning-society screen, hand-written from
 * apps/api/schema.gql. Every document is a static template literal with a named operation (graphql-codegen
 * will take them over). Keep the result types in step with the selections.
 */
import { gql, type TypedDocumentNode } from '@apollo/client';

export type LiteracyUnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE' | 'WARD' | 'SPECIAL_ZONE';

export interface LiteracyCriterion {
  level: number;
  met: boolean;
  thresholdPct: number;
  valuePct: number | null;
  /** Communes: the age band judged (15_25, 15_35, 15_60). */
  band: string | null;
  /** Communes: STANDARD or DBKK_ALTERNATIVE. */
  basis: string | null;
  numerator: number | null;
  denominator: number | null;
}

export interface LiteracyBandRate {
  band: string;
  population: number;
  literateL1: number;
  literateL2: number;
  rateL1Pct: number | null;
  rateL2Pct: number | null;
  communes: number;
}

export interface LiteracyChild {
  unitId: string;
  name: string;
  unitLevel: LiteracyUnitLevel;
  level: number;
  hasData: boolean;
  dbkk: boolean;
  reasons: string[];
  reasonsEn: string[];
  communes: number;
  communesWithData: number;
  criteria: LiteracyCriterion[];
  rates: LiteracyBandRate[];
}

export interface LiteracyIndicators {
  belowL1: number;
  belowL2: number;
  illiterate15to60: number | null;
  learnersPhase1: number;
  learnersPhase2: number;
  newlyLiterate: number;
  mobilisationRatePct: number | null;
  completionPct: number | null;
  dttsPopulationSharePct: number | null;
}

export interface LiteracyStatusResult {
  unitId: string;
  unitName: string;
  unitLevel: LiteracyUnitLevel;
  year: number;
  periodCode: string;
  asOf: string;
  paramsVersion: string;
  aggregationTier: string;
  level: number;
  dbkk: boolean;
  dbkkSource: string | null;
  reasons: string[];
  reasonsEn: string[];
  communes: number;
  communesWithData: number;
  reports: number;
  computedAt: string;
  dataAcceptedUntil: string | null;
  criteria: LiteracyCriterion[];
  rates: LiteracyBandRate[];
  indicators: LiteracyIndicators;
  children: LiteracyChild[];
  unmappedData: { centreId: string | null; unitId: string | null; reason: string }[];
}

export const LITERACY_STATUS: TypedDocumentNode<
  { literacyStatus: LiteracyStatusResult },
  { unitId: string; year: number; asOf?: string | null }
> = gql`
  query LiteracyStatus($unitId: ID!, $year: Int!, $asOf: String) {
    literacyStatus(unitId: $unitId, year: $year, asOf: $asOf) {
      unitId
      unitName
      unitLevel
      year
      periodCode
      asOf
      paramsVersion
      aggregationTier
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
`;

export interface YearProbe {
  year: number;
  communesWithData: number;
}

/**
 * Which of the last six literacy years have accepted reports for a unit (on today's units, so a unit that has
 * since been dissolved still answers): the page opens on the latest of them.
 */
export const LITERACY_YEARS: TypedDocumentNode<
  { y0: YearProbe; y1: YearProbe; y2: YearProbe; y3: YearProbe; y4: YearProbe; y5: YearProbe },
  { unitId: string; y0: number; y1: number; y2: number; y3: number; y4: number; y5: number }
> = gql`
  query LiteracyYears($unitId: ID!, $y0: Int!, $y1: Int!, $y2: Int!, $y3: Int!, $y4: Int!, $y5: Int!) {
    y0: literacyStatus(unitId: $unitId, year: $y0) { year communesWithData }
    y1: literacyStatus(unitId: $unitId, year: $y1) { year communesWithData }
    y2: literacyStatus(unitId: $unitId, year: $y2) { year communesWithData }
    y3: literacyStatus(unitId: $unitId, year: $y3) { year communesWithData }
    y4: literacyStatus(unitId: $unitId, year: $y4) { year communesWithData }
    y5: literacyStatus(unitId: $unitId, year: $y5) { year communesWithData }
  }
`;

export interface LearningSocietyIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  model: string | null;
  recognised: number;
  eligible: number;
  ratePct: number | null;
  targetPct: number | null;
  targetYear: number | null;
  gapPct: number | null;
  status: 'MET' | 'ON_TRACK' | 'BEHIND' | 'NO_DATA' | 'NO_TARGET' | string;
  legalBasis: string | null;
}

export interface LearningSocietyProgressResult {
  unitId: string;
  unitName: string;
  year: number;
  asOf: string;
  computedAt: string;
  periodCodes: string[];
  reportingCentres: number;
  indicators: LearningSocietyIndicator[];
}

export const LEARNING_SOCIETY_PROGRESS: TypedDocumentNode<
  { learningSocietyProgress: LearningSocietyProgressResult },
  { unitId: string; year: number; asOf?: string | null }
> = gql`
  query LearningSocietyProgress($unitId: ID!, $year: Int!, $asOf: String) {
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
`;

export interface LiteracyParameterSet {
  version: string;
  source: string;
  validFrom: string;
  validTo: string | null;
  legalBasis: string[];
}

export const LITERACY_PARAMETER_SETS: TypedDocumentNode<{ literacyParameterSets: LiteracyParameterSet[] }, Record<string, never>> = gql`
  query LiteracyParameterSets {
    literacyParameterSets { version source validFrom validTo legalBasis }
  }
`;

export interface LiteracyUnit {
  id: string;
  name: string;
  level: LiteracyUnitLevel;
  parentId: string | null;
}

/** The units of a date (for the breadcrumb above the literacy status). */
export const LITERACY_UNITS: TypedDocumentNode<{ administrativeUnits: LiteracyUnit[] }, { asOf?: string | null }> = gql`
  query LiteracyUnits($asOf: String) {
    administrativeUnits(asOf: $asOf) { id name level parentId }
  }
`;
