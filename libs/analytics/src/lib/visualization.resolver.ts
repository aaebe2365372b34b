import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequirePermission, TenantContext } from '@gdtx/platform';
import { VisualizationService } from './visualization.service';
import { SaveVisualizationInput, VisualizationFavouriteDto } from './visualization.types';

/** The data visualizer's favourites (the figures themselves come from `indicatorValues`). */
@Resolver()
export class VisualizationResolver {
  constructor(private readonly visualizations: VisualizationService) {}

  @Query(() => [VisualizationFavouriteDto], { description: 'Các biểu đồ yêu thích của người đang đăng nhập' })
  @RequirePermission('ANALYTICS_READ')
  myVisualizations(@Ctx() ctx: TenantContext): Promise<VisualizationFavouriteDto[]> {
    return this.visualizations.mine(ctx);
  }

  @Mutation(() => VisualizationFavouriteDto, { description: 'Lưu biểu đồ yêu thích (tạo mới, hoặc sửa biểu đồ của chính mình khi có id)' })
  @RequirePermission('ANALYTICS_READ')
  saveVisualization(@Ctx() ctx: TenantContext, @Args('input') input: SaveVisualizationInput): Promise<VisualizationFavouriteDto> {
    return this.visualizations.save(ctx, input);
  }

  @Mutation(() => ID, { description: 'Xóa một biểu đồ yêu thích của chính mình; trả về id đã xóa' })
  @RequirePermission('ANALYTICS_READ')
  deleteVisualization(@Ctx() ctx: TenantContext, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.visualizations.remove(ctx, id);
  }
}
