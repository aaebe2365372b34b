import { Module } from '@nestjs/common';
import { AnalyticsResolver } from './analytics.resolver';
import { analyticsJobHandlers } from './analytics.handlers';
import { DataQualityResolver } from './data-quality.resolver';
import { DataQualityService } from './data-quality.service';
import { FactService } from './fact.service';
import { IndicatorService } from './indicator.service';
import { IndicatorDefinitionService } from './indicator-definition.service';
import { OverviewService } from './overview.service';
import { ReportingRateService } from './reporting-rate.service';
import { RollupService } from './rollup.service';
import { LandingResultsService } from './landing-results.service';
import { VisualizationResolver } from './visualization.resolver';
import { VisualizationService } from './visualization.service';

/** Services of the analytics context (the worker uses FactService; the API the query services). */
@Module({
  providers: [FactService, RollupService, IndicatorService, IndicatorDefinitionService, ReportingRateService, OverviewService, DataQualityService, ...analyticsJobHandlers],
  exports: [FactService, RollupService, IndicatorService, IndicatorDefinitionService, ReportingRateService, OverviewService, DataQualityService],
})
export class AnalyticsModule {}

@Module({ imports: [AnalyticsModule], providers: [AnalyticsResolver, LandingResultsService, DataQualityResolver, VisualizationService, VisualizationResolver] })
export class AnalyticsApiModule {}
