import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequirePermission, TenantContext } from '@gdtx/platform';
import { DataQualityService } from './data-quality.service';
import { DataQualityFlagDto, DuplicateCentrePairDto, FlagValueInput, OutlierRowDto, ValueCheckDto } from './data-quality.types';

@Resolver()
export class DataQualityResolver {
  constructor(private readonly quality: DataQualityService) {}

  @Query(() => [ValueCheckDto], { description: 'Kiểm tra các giá trị của một báo cáo so với các kỳ trước và các trung tâm cùng loại (chỉ để tham khảo)' })
  @RequirePermission('REPORT_READ')
  valueChecks(@Ctx() ctx: TenantContext, @Args('submissionId', { type: () => ID }) submissionId: string): Promise<ValueCheckDto[]> {
    return this.quality.valueChecks(ctx, submissionId);
  }

  @Query(() => [OutlierRowDto], { description: 'Các giá trị bất thường của một biểu mẫu trong kỳ (Sở)' })
  @RequirePermission('ANALYTICS_READ')
  dataQualityOutliers(@Ctx() ctx: TenantContext, @Args('periodCode') periodCode: string, @Args('templateCode') templateCode: string): Promise<OutlierRowDto[]> {
    return this.quality.outliers(ctx, periodCode, templateCode);
  }

  @Query(() => [DataQualityFlagDto], { description: 'Cờ theo dõi chất lượng số liệu (mới nhất trước)' })
  @RequirePermission('ANALYTICS_READ')
  dataQualityFlags(@Ctx() ctx: TenantContext, @Args('status', { type: () => String, nullable: true }) status?: string | null): Promise<DataQualityFlagDto[]> {
    return this.quality.flags(ctx, status === 'OPEN' || status === 'RESOLVED' ? status : null);
  }

  @Query(() => [DuplicateCentrePairDto], { description: 'Các cặp trung tâm có thể trùng nhau (tên hoặc địa chỉ giống nhau khi bỏ dấu)' })
  @RequirePermission('ANALYTICS_READ')
  likelyDuplicateCentres(@Ctx() ctx: TenantContext): Promise<DuplicateCentrePairDto[]> {
    return this.quality.likelyDuplicateCentres(ctx);
  }

  @Mutation(() => DataQualityFlagDto, { description: 'Gắn cờ theo dõi một giá trị đã duyệt (Sở)' })
  @RequirePermission('REPORT_REVIEW')
  flagValue(@Ctx() ctx: TenantContext, @Args('input') input: FlagValueInput): Promise<DataQualityFlagDto> {
    return this.quality.flagValue(ctx, input);
  }

  @Mutation(() => DataQualityFlagDto, { description: 'Xử lý cờ theo dõi bằng một nhận xét (Sở)' })
  @RequirePermission('REPORT_REVIEW')
  resolveDataQualityFlag(@Ctx() ctx: TenantContext, @Args('id', { type: () => ID }) id: string, @Args('resolution') resolution: string): Promise<DataQualityFlagDto> {
    return this.quality.resolveFlag(ctx, id, resolution);
  }
}
