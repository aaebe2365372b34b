/**
 * GraphQL documents of the data visualizer (/visualizer; docs/visualizer.md): the figures are `indicatorValues`
 * (one request, four aliases: the cells, the row totals over the whole range, the column totals of each period
 * and the grand total), the favourites are the user's own. Types are generated from apps/api/schema.gql.
 */
import { graphql } from '../../gql/__generated__';
import type { MyVisualizationsQuery, VisualizerValuesQuery } from '../../gql/__generated__/graphql';

export type VisualizerValue = VisualizerValuesQuery['cells'][number];
export type VisualizationFavourite = MyVisualizationsQuery['myVisualizations'][number];

graphql(`
  fragment VisualizerValueFields on IndicatorValue {
    code nameVi nameEn unit value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreCount
    coverage { reporting expected }
  }
`);

export const VISUALIZER_INDICATORS = graphql(`
  query VisualizerIndicators { indicatorDefinitions { code nameVi nameEn unit templateCodes } }
`);

export const VISUALIZER_VALUES = graphql(`
  query VisualizerValues($cells: IndicatorQuery!, $rowTotals: IndicatorQuery!, $columnTotals: IndicatorQuery!, $grandTotals: IndicatorQuery!, $byDimension: Boolean!) {
    cells: indicatorValues(query: $cells) { ...VisualizerValueFields }
    rowTotals: indicatorValues(query: $rowTotals) { ...VisualizerValueFields }
    columnTotals: indicatorValues(query: $columnTotals) @include(if: $byDimension) { ...VisualizerValueFields }
    grandTotals: indicatorValues(query: $grandTotals) @include(if: $byDimension) { ...VisualizerValueFields }
  }
`);

graphql(`
  fragment VisualizationFavouriteFields on VisualizationFavourite {
    id name createdAt updatedAt definition { indicatorCodes dimension relativePeriod centreType layout }
  }
`);

export const MY_VISUALIZATIONS = graphql(`
  query MyVisualizations { myVisualizations { ...VisualizationFavouriteFields } }
`);

export const SAVE_VISUALIZATION = graphql(`
  mutation SaveVisualization($input: SaveVisualizationInput!) { saveVisualization(input: $input) { ...VisualizationFavouriteFields } }
`);

export const DELETE_VISUALIZATION = graphql(`
  mutation DeleteVisualization($id: ID!) { deleteVisualization(id: $id) }
`);

/** The centres behind one cell (drill-down): the cell's query grouped by centre (visualizer.ts drillQuery). */
export const VISUALIZER_CELL_CENTRES = graphql(`
  query VisualizerCellCentres($query: IndicatorQuery!) {
    indicatorValues(query: $query) {
      code value numerator denominator periodCode unitId unitName areaId areaName centreType ownership centreId centreName centreCount
      coverage { reporting expected } computedAt
    }
  }
`);
