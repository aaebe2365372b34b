// Public API of the analytics context: fact tables, indicators, reporting rates, the province overview.
export { AnalyticsModule, AnalyticsApiModule } from './lib/analytics.module';
export { FactService, rebuildProvinceFacts, UnflattenableValuesError } from './lib/fact.service';
export type { FactDrift, UnflattenableValue } from './lib/fact.service';
export { IndicatorService } from './lib/indicator.service';
export { IndicatorDefinitionService } from './lib/indicator-definition.service';
export * from './lib/indicator-formula';
export * from './lib/analytics.types';
export * from './lib/overview.types';
export * from './lib/visualization.types';
import { AnalyticsFacts1732000004000 } from './migrations/1732000004000-analytics-facts';
import { AnalyticsPerformance1732000004100 } from './migrations/1732000004100-analytics-performance';
import { ShipLdttShare1733000600000 } from './migrations/1733000600000-ship-ldtt-share';
import { AnalyticsPoliciesOverTheRlsRule1733001000300 } from './migrations/1733001000300-policies-over-the-rls-rule';
import { IndicatorDefinitionsAsData1733002000000 } from './migrations/1733002000000-indicator-definitions-as-data';
import { FactsWrittenForTheirProvince1733019000000 } from './migrations/1733019000000-facts-written-for-their-province';
import { FactsWrittenAtHome1733024000100 } from './migrations/1733024000100-facts-written-at-home';
import { VisualizationFavourites1733029000000 } from './migrations/1733029000000-visualization-favourites';
export const analyticsMigrations = [AnalyticsFacts1732000004000, AnalyticsPerformance1732000004100, ShipLdttShare1733000600000, AnalyticsPoliciesOverTheRlsRule1733001000300, IndicatorDefinitionsAsData1733002000000, FactsWrittenForTheirProvince1733019000000, FactsWrittenAtHome1733024000100, VisualizationFavourites1733029000000];
