import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequirePermission, TenantContext } from '@gdtx/platform';
import { ReorganisationService } from './reorganisation.service';
import { ApplyReorganisationInput, ReorganisationEvent, ReorganisationResult } from './reorganisation.types';

/** The 2025 reform's mutation (moved from literacy with the reorganisation, issue 11 Build 6; contract unchanged). */
@Resolver()
export class ReorganisationResolver {
  constructor(private readonly reorganisation: ReorganisationService) {}

  @Mutation(() => ReorganisationResult, { description: 'Áp dụng một đợt sắp xếp đơn vị hành chính (bỏ cấp huyện, hợp nhất xã) cho tỉnh' })
  @RequirePermission('UNIT_MANAGE')
  applyReorganisation(@Ctx() ctx: TenantContext, @Args('input') input: ApplyReorganisationInput): Promise<ReorganisationResult> {
    return this.reorganisation.apply(ctx, input);
  }

  @Query(() => [ReorganisationEvent], { description: 'Các đợt sắp xếp đơn vị hành chính của tỉnh (mới nhất trước), với đơn vị trước → sau' })
  @RequirePermission('CENTRE_READ')
  reorganisations(@Ctx() ctx: TenantContext): Promise<ReorganisationEvent[]> {
    return this.reorganisation.list(ctx);
  }
}
