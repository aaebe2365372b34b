import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequirePermission, TenantContext, DateScalar } from '@gdtx/platform';
import { LiteracyService } from './literacy.service';
import { LiteracyParametersService } from './literacy-parameters.service';
import {
  CommuneDbkkDto, LearningSocietyProgress, LearningSocietyTargetDto, LiteracyParameterSetDto, LiteracyStatus,
  SetCommuneDbkkInput, SetLearningSocietyTargetInput, SetLiteracyParametersInput,
} from './literacy.types';

@Resolver()
export class LiteracyResolver {
  constructor(
    private readonly literacy: LiteracyService,
    private readonly parameters: LiteracyParametersService,
  ) {}

  @Query(() => LiteracyStatus, {
    description: 'Tình trạng đạt chuẩn xóa mù chữ của xã, huyện hoặc tỉnh trong năm XMC (kết thúc 30/9/year), trên cơ cấu đơn vị ngày asOf (mặc định hôm nay)',
  })
  @RequirePermission('LITERACY_READ')
  literacyStatus(
    @Ctx() ctx: TenantContext,
    @Args('unitId', { type: () => ID }) unitId: string,
    @Args('year', { type: () => Int }) year: number,
    @Args('asOf', { nullable: true, type: () => DateScalar }) asOf?: string,
  ): Promise<LiteracyStatus> {
    return this.literacy.literacyStatus(ctx, unitId, year, asOf);
  }

  @Query(() => LearningSocietyProgress, { description: 'Tiến độ xây dựng xã hội học tập (QĐ 1373, QĐ 387) theo báo cáo TTHTCĐ của năm học kết thúc năm year' })
  @RequirePermission('LITERACY_READ')
  learningSocietyProgress(
    @Ctx() ctx: TenantContext,
    @Args('unitId', { type: () => ID }) unitId: string,
    @Args('year', { type: () => Int }) year: number,
    @Args('asOf', { nullable: true, type: () => DateScalar }) asOf?: string,
  ): Promise<LearningSocietyProgress> {
    return this.literacy.learningSocietyProgress(ctx, unitId, year, asOf);
  }

  @Query(() => [LiteracyParameterSetDto], { description: 'Các bộ tham số công nhận XMC áp dụng cho tỉnh' })
  @RequirePermission('LITERACY_READ')
  literacyParameterSets(@Ctx() ctx: TenantContext): Promise<LiteracyParameterSetDto[]> {
    return this.parameters.listParameterSets(ctx);
  }

  @Mutation(() => LiteracyParameterSetDto, { description: 'Sở thêm hoặc điều chỉnh (cùng version) một bộ tham số XMC' })
  @RequirePermission('TEMPLATE_MANAGE')
  setLiteracyParameters(@Ctx() ctx: TenantContext, @Args('input') input: SetLiteracyParametersInput): Promise<LiteracyParameterSetDto> {
    return this.parameters.setParameters(ctx, input);
  }

  @Query(() => [CommuneDbkkDto], { description: 'Danh mục xã đặc biệt khó khăn (theo thời gian)' })
  @RequirePermission('LITERACY_READ')
  communeDbkk(@Ctx() ctx: TenantContext): Promise<CommuneDbkkDto[]> {
    return this.parameters.listDbkk(ctx);
  }

  @Mutation(() => CommuneDbkkDto)
  @RequirePermission('UNIT_MANAGE')
  setCommuneDbkk(@Ctx() ctx: TenantContext, @Args('input') input: SetCommuneDbkkInput): Promise<CommuneDbkkDto> {
    return this.parameters.setDbkk(ctx, input);
  }

  @Query(() => [LearningSocietyTargetDto], { description: 'Chỉ tiêu xã hội học tập (QĐ 1373, QĐ 387) và điều chỉnh của tỉnh' })
  @RequirePermission('LITERACY_READ')
  learningSocietyTargets(@Ctx() ctx: TenantContext): Promise<LearningSocietyTargetDto[]> {
    return this.parameters.listTargets(ctx);
  }

  @Mutation(() => LearningSocietyTargetDto)
  @RequirePermission('TEMPLATE_MANAGE')
  setLearningSocietyTarget(@Ctx() ctx: TenantContext, @Args('input') input: SetLearningSocietyTargetInput): Promise<LearningSocietyTargetDto> {
    return this.parameters.setTarget(ctx, input);
  }
}
