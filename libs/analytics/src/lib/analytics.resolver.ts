import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, DateScalar, Errors, RequirePermission, TenantContext } from '@gdtx/platform';
import { assertIsoDate, GroupByEnum, STRUCTURE_AS_OF, IndicatorDefinitionDto, IndicatorPreview, IndicatorQuery, IndicatorValue, SaveIndicatorDefinitionInput } from './analytics.types';
import { IndicatorDefinitionService } from './indicator-definition.service';
import type { GroupByDimension } from './analytics.types';
import { IndicatorService } from './indicator.service';
import { OverviewService } from './overview.service';
import { ProvinceOverview, ReportingRate } from './overview.types';
import { ReportingRateService } from './reporting-rate.service';
import { LandingResultsService } from './landing-results.service';
import { LandingResults } from './landing-results.types';

@Resolver()
export class AnalyticsResolver {
  constructor(
    private readonly indicators: IndicatorService,
    private readonly definitions: IndicatorDefinitionService,
    private readonly rates: ReportingRateService,
    private readonly overview: OverviewService,
    private readonly landing: LandingResultsService,
  ) {}

  @Query(() => LandingResults, { description: 'Kết quả chính của trang chủ Sở: kỳ hiện tại, so sánh cùng kỳ trên cùng các trung tâm, xu hướng 5 năm (từ bảng tổng hợp sẵn)' })
  @RequirePermission('ANALYTICS_READ')
  landingResults(
    @Ctx() ctx: TenantContext,
    @Args('codes', { nullable: true, type: () => [String], description: 'Mã chỉ số; bỏ trống: các chỉ số đầu danh mục' }) codes?: string[] | null,
  ): Promise<LandingResults> {
    if (codes && codes.length > 30) throw Errors.badInput('Tối đa 30 chỉ số', 'At most 30 indicators', { field: 'codes' });
    return this.landing.landingResults(ctx, codes?.length ? codes : null);
  }

  @Query(() => [IndicatorDefinitionDto], { description: 'Danh mục chỉ số: định nghĩa hiện hành (của tỉnh nếu tỉnh đã sửa, nếu không là toàn quốc) và các phiên bản' })
  @RequirePermission('ANALYTICS_READ')
  indicatorDefinitions(@Ctx() ctx: TenantContext): Promise<IndicatorDefinitionDto[]> {
    return this.definitions.list(ctx);
  }

  @Mutation(() => IndicatorDefinitionDto, { description: 'Lưu định nghĩa chỉ số của tỉnh: tạo phiên bản mới, áp dụng cho mọi kỳ (Quản trị Sở)' })
  @RequirePermission('INDICATOR_MANAGE')
  saveIndicatorDefinition(@Ctx() ctx: TenantContext, @Args('input') input: SaveIndicatorDefinitionInput): Promise<IndicatorDefinitionDto> {
    return this.definitions.save(ctx, input);
  }

  @Query(() => IndicatorPreview, { description: 'Xem thử giá trị của một định nghĩa chỉ số trên số liệu thật của một kỳ, không lưu' })
  @RequirePermission('INDICATOR_MANAGE')
  previewIndicatorDefinition(
    @Ctx() ctx: TenantContext,
    @Args('input') input: SaveIndicatorDefinitionInput,
    @Args('periodCode') periodCode: string,
  ): Promise<IndicatorPreview> {
    return this.indicators.preview(ctx, input, periodCode);
  }

  @Query(() => [IndicatorValue], { description: 'Giá trị chỉ số theo phạm vi, kỳ và nhóm' })
  @RequirePermission('ANALYTICS_READ')
  indicatorValues(@Ctx() ctx: TenantContext, @Args('query') query: IndicatorQuery): Promise<IndicatorValue[]> {
    return this.indicators.indicatorValues(ctx, query);
  }

  @Query(() => [ReportingRate], { description: 'Tỷ lệ nộp báo cáo (mẫu số: báo cáo phải nộp)' })
  @RequirePermission('ANALYTICS_READ')
  reportingRates(
    @Ctx() ctx: TenantContext,
    @Args('templateCode') templateCode: string,
    @Args('periodFrom') periodFrom: string,
    @Args('periodTo', { nullable: true, type: () => String }) periodTo?: string,
    @Args('unitId', { nullable: true, type: () => ID }) unitId?: string,
    @Args('groupBy', { nullable: true, type: () => [GroupByEnum] }) groupBy?: GroupByDimension[],
    @Args('asOf', { nullable: true, type: () => DateScalar, description: STRUCTURE_AS_OF }) asOf?: string,
  ): Promise<ReportingRate[]> {
    if (groupBy?.includes('OWNERSHIP')) {
      throw Errors.badInput('Tỷ lệ nộp báo cáo chưa nhóm được theo loại hình sở hữu', 'Reporting rates cannot be grouped by ownership yet', { field: 'groupBy' });
    }
    return this.rates.rates(ctx, { templateCode, periodFrom, periodTo, unitId, groupBy, structureAsOf: asOf ? assertIsoDate(asOf) : null });
  }

  @Query(() => ProvinceOverview, { description: 'Tổng quan toàn tỉnh (trang chủ của Sở)' })
  @RequirePermission('ANALYTICS_READ')
  provinceOverview(
    @Ctx() ctx: TenantContext,
    @Args('periodCode', { nullable: true, type: () => String, description: 'Mã kỳ, như mọi truy vấn khác (vd. 2024-2025)' }) periodCode?: string | null,
    @Args('periodId', { nullable: true, type: () => String, deprecationReason: 'Dùng periodCode (cùng giá trị: mã kỳ)' }) periodId?: string | null,
  ): Promise<ProvinceOverview> {
    const code = periodCode ?? periodId;
    if (!code) throw Errors.badInput('Cần mã kỳ (periodCode)', 'periodCode is required', { field: 'periodCode' });
    return this.overview.provinceOverview(ctx, code);
  }
}
