/**
 * GraphQL documents for the Sở's indicator definitions ("Chỉ tiêu", /settings/indicators): the list with versions,
 * the preview on real data and the save; types are generated from apps/api/schema.gql (`npm run codegen`).
 */
import { graphql } from '../../gql/__generated__';
import type { IndicatorDefinitionsQuery, PreviewIndicatorDefinitionQuery } from '../../gql/__generated__/graphql';

export type IndicatorDefinitionRow = IndicatorDefinitionsQuery['indicatorDefinitions'][number];
export type IndicatorPreviewResult = PreviewIndicatorDefinitionQuery['previewIndicatorDefinition'];

graphql(`
  fragment IndicatorDefinitionFields on IndicatorDefinitionDto {
    id code provinceId version nameVi nameEn unit templateCodes descriptionVi numerator denominator factor aggregation
    versions { version provinceId nameVi numerator denominator factor aggregation unit templateCodes createdAt }
  }
`);

export const INDICATOR_DEFINITIONS = graphql(`
  query IndicatorDefinitions { indicatorDefinitions { ...IndicatorDefinitionFields } }
`);

export const INDICATOR_TEMPLATES = graphql(`
  query IndicatorTemplates { reportTemplates { code nameVi periodType } }
`);

export const PREVIEW_INDICATOR_DEFINITION = graphql(`
  query PreviewIndicatorDefinition($input: SaveIndicatorDefinitionInput!, $periodCode: String!) {
    previewIndicatorDefinition(input: $input, periodCode: $periodCode) {
      total { value numerator denominator centreCount coverage { reporting expected } }
      byCentre { centreId centreName value numerator denominator coverage { reporting expected } }
    }
  }
`);

export const SAVE_INDICATOR_DEFINITION = graphql(`
  mutation SaveIndicatorDefinition($input: SaveIndicatorDefinitionInput!) {
    saveIndicatorDefinition(input: $input) { ...IndicatorDefinitionFields }
  }
`);
