import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AllowedBeforeTotpEnrolment, Ctx, RequirePermission, TenantContext } from '@gdtx/platform';
import { NotificationService } from './notification.service';
import { Notification, NotificationConnection } from './notify.types';

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Query(() => NotificationConnection, { description: 'Thông báo của người dùng đang đăng nhập, mới nhất trước' })
  @RequirePermission('NOTIFICATION_READ')
  notifications(
    @Ctx() ctx: TenantContext,
    @Args('unreadOnly', { type: () => Boolean, nullable: true }) unreadOnly?: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.service.list(ctx, !!unreadOnly, { first, after });
  }

  @Query(() => Int, { description: 'Số thông báo chưa đọc' })
  @RequirePermission('NOTIFICATION_READ')
  // Part of the shell's one request on every page load, also before an admin's second factor is enrolled.
  @AllowedBeforeTotpEnrolment()
  unreadNotificationCount(@Ctx() ctx: TenantContext): Promise<number> {
    return this.service.unreadCount(ctx);
  }

  @Mutation(() => [Notification], { description: 'Đánh dấu đã đọc; trả về các thông báo của chính người dùng đã được đánh dấu' })
  @RequirePermission('NOTIFICATION_READ')
  markNotificationsRead(@Ctx() ctx: TenantContext, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<Notification[]> {
    return this.service.markRead(ctx, ids);
  }

  @Mutation(() => Int, { description: 'Đánh dấu tất cả thông báo chưa đọc của người dùng là đã đọc; trả về số thông báo đã đánh dấu' })
  @RequirePermission('NOTIFICATION_READ')
  markAllNotificationsRead(@Ctx() ctx: TenantContext): Promise<number> {
    return this.service.markAllRead(ctx);
  }
}
