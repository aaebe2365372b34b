/**
 * GraphQL documents for the Sở's literacy and learning-society settings (parameter sets, targets, ĐBKK communes);
 * result and variable types are generated from apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from '../../gql/__generated__';
import type { CommuneDbkkQuery, LearningSocietyTargetsQuery, LiteracyParameterSetsQuery, SettingsUnitsQuery } from '../../gql/__generated__/graphql';

export const LITERACY_PARAMETER_SET_FIELDS = graphql(`
  fragment LiteracyParameterSetFields on LiteracyParameterSetDto {
    version
    source
    validFrom
    validTo
    legalBasis
    definitionJson
  }
`);

export const LITERACY_PARAMETER_SETS = graphql(`
  query LiteracyParameterSets {
    literacyParameterSets { ...LiteracyParameterSetFields }
  }
`);

export const SET_LITERACY_PARAMETERS = graphql(`
  mutation SetLiteracyParameters($input: SetLiteracyParametersInput!) {
    setLiteracyParameters(input: $input) { ...LiteracyParameterSetFields }
  }
`);

export const LEARNING_SOCIETY_TARGET_FIELDS = graphql(`
  fragment LearningSocietyTargetFields on LearningSocietyTargetDto { code year targetPct nameVi nameEn legalBasis source }
`);

export const COMMUNE_DBKK_FIELDS = graphql(`
  fragment CommuneDbkkFields on CommuneDbkkDto { unitId validFrom validTo decisionRef }
`);

export const LEARNING_SOCIETY_TARGETS = graphql(`
  query LearningSocietyTargets {
    learningSocietyTargets { ...LearningSocietyTargetFields }
  }
`);

export const SET_LEARNING_SOCIETY_TARGET = graphql(`
  mutation SetLearningSocietyTarget($input: SetLearningSocietyTargetInput!) {
    setLearningSocietyTarget(input: $input) { ...LearningSocietyTargetFields }
  }
`);

export const COMMUNE_DBKK = graphql(`
  query CommuneDbkk {
    communeDbkk { ...CommuneDbkkFields }
  }
`);

export const SET_COMMUNE_DBKK = graphql(`
  mutation SetCommuneDbkk($input: SetCommuneDbkkInput!) {
    setCommuneDbkk(input: $input) { ...CommuneDbkkFields }
  }
`);

/** Today's administrative units: names of the flagged communes and the commune picker. */
export const SETTINGS_UNITS = graphql(`
  query SettingsUnits {
    administrativeUnits { id name level parentId }
  }
`);

export type ParameterSetRow = LiteracyParameterSetsQuery['literacyParameterSets'][number];
export type TargetRow = LearningSocietyTargetsQuery['learningSocietyTargets'][number];
export type DbkkRow = CommuneDbkkQuery['communeDbkk'][number];
export type SettingsUnit = SettingsUnitsQuery['administrativeUnits'][number];
