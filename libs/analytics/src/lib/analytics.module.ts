import { Module } from '@nestjs/common';
import { AnalyticsResolver } from './analytics.resolver';
import { analyticsJobHandlers } from './analytics.handlers';
import { FactService } from './fact.service';
import { IndicatorService } from './indicator.service';
import { OverviewService } from './overview.service';
import { ReportingRateService } from './reporting-rate.service';

/** Services of the analytics context (the worker uses FactService; the API the query services). */
@Module({
  providers: [FactService, IndicatorService, ReportingRateService, OverviewService, ...analyticsJobHandlers],
  exports: [FactService, IndicatorService, ReportingRateService, OverviewService],
})
export class AnalyticsModule {}

@Module({ imports: [AnalyticsModule], providers: [AnalyticsResolver] })
export class AnalyticsApiModule {}
