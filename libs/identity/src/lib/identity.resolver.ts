import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public, RequirePermission, TenantContext } from '@gdtx/platform';
import { AuthService } from './auth.service';
import { UsersService } from './users.service';
import { AssignRoleInput, AuthPayload, CreateUserInput, LoginInput, ProvinceSecurity, SecurityEvent, TotpCodeInput, TotpEnrolment, TotpStatus, UpdateUserInput, UserConnection, UserInfo } from './identity.types';
import { AllowedBeforeTotpEnrolment, TotpService } from './totp.service';

/** The client's address as Express sees it (X-Forwarded-For counts only from the trusted proxy of bootstrap.ts). */
function clientAddress(req: { ip?: string } | undefined): string {
  return req?.ip ?? 'unknown';
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly usersService: UsersService,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Đăng nhập' })
  @Public()
  login(@Args('input') input: LoginInput, @Context('req') req?: { ip?: string }): Promise<AuthPayload> {
    return this.auth.login(input.username, input.password, clientAddress(req), input.totpCode);
  }

  @Mutation(() => AuthPayload, { description: 'Đổi refresh token lấy phiên mới (refresh token cũ bị thu hồi)' })
  @Public()
  refreshToken(@Args('refreshToken') refreshToken: string, @Context('req') req?: { ip?: string }): Promise<AuthPayload> {
    return this.auth.refresh(refreshToken, clientAddress(req));
  }

  @Mutation(() => Boolean, { description: 'Đăng xuất: thu hồi phiên' })
  @RequirePermission()
  @AllowedBeforeTotpEnrolment()
  logout(@Ctx() ctx: TenantContext, @Args('refreshToken', { nullable: true, type: () => String }) refreshToken?: string): Promise<boolean> {
    return this.auth.logout(ctx, refreshToken);
  }

  @Query(() => UserInfo, { description: 'Người dùng hiện tại' })
  @RequirePermission()
  @AllowedBeforeTotpEnrolment()
  me(@Ctx() ctx: TenantContext): Promise<UserInfo> {
    return this.auth.me(ctx);
  }

  @Mutation(() => UserInfo, { description: 'Chọn ngôn ngữ của tài khoản (vi | en): giao diện và thư thông báo tổng hợp' })
  @RequirePermission()
  @AllowedBeforeTotpEnrolment()
  setMyLanguage(@Ctx() ctx: TenantContext, @Args('language') language: string): Promise<UserInfo> {
    return this.auth.setMyLanguage(ctx, language);
  }

  @Query(() => UserConnection)
  @RequirePermission('USER_MANAGE')
  users(
    @Ctx() ctx: TenantContext,
    @Args('first', { nullable: true, type: () => Int }) first?: number,
    @Args('after', { nullable: true, type: () => String }) after?: string,
  ) {
    return this.usersService.list(ctx, { first, after });
  }

  @Query(() => [SecurityEvent], { description: 'Nhật ký đăng nhập và phân quyền của Sở, mới nhất trước' })
  @RequirePermission('USER_MANAGE')
  securityEvents(
    @Ctx() ctx: TenantContext,
    @Args('first', { nullable: true, type: () => Int, defaultValue: 50 }) first: number,
    @Args('before', { nullable: true, type: () => ID }) before?: string,
  ): Promise<SecurityEvent[]> {
    return this.usersService.securityEvents(ctx, { first, before });
  }

  @Query(() => UserInfo)
  @RequirePermission('USER_MANAGE')
  user(@Ctx() ctx: TenantContext, @Args('id', { type: () => ID }) id: string): Promise<UserInfo> {
    return this.usersService.get(ctx, id);
  }

  @Mutation(() => UserInfo)
  @RequirePermission('USER_MANAGE')
  createUser(@Ctx() ctx: TenantContext, @Args('input') input: CreateUserInput): Promise<UserInfo> {
    return this.usersService.create(ctx, input);
  }

  @Mutation(() => UserInfo)
  @RequirePermission('USER_MANAGE')
  updateUser(@Ctx() ctx: TenantContext, @Args('input') input: UpdateUserInput): Promise<UserInfo> {
    return this.usersService.update(ctx, input);
  }

  @Mutation(() => UserInfo, { description: 'Gán vai trò và phạm vi cho người dùng' })
  @RequirePermission('USER_MANAGE')
  assignRole(@Ctx() ctx: TenantContext, @Args('input') input: AssignRoleInput): Promise<UserInfo> {
    return this.usersService.assignRole(ctx, input);
  }

  @Mutation(() => UserInfo, {
    description: 'Chuyển một người dùng của tỉnh đã sáp nhập sang tỉnh mới (Quản trị Sở của tỉnh mới); tài khoản được mở khóa, nhật ký giữ nguyên',
  })
  @RequirePermission('USER_MANAGE')
  moveUserFromMergedProvince(@Ctx() ctx: TenantContext, @Args('userId', { type: () => ID }) userId: string): Promise<UserInfo> {
    return this.usersService.moveFromMergedProvince(ctx, userId);
  }
}

/** The second factor of one's own account, and the province's rule for its admins (issue 13, Build 6). */
@Resolver()
export class TotpResolver {
  constructor(private readonly totp: TotpService) {}

  @Query(() => TotpStatus, { description: 'Trạng thái xác thực hai lớp của tài khoản hiện tại' })
  @RequirePermission()
  @AllowedBeforeTotpEnrolment()
  myTotp(@Ctx() ctx: TenantContext): Promise<TotpStatus> {
    return this.totp.state(ctx);
  }

  @Mutation(() => TotpEnrolment, { description: 'Bắt đầu thiết lập xác thực hai lớp: trả về mã QR cho ứng dụng xác thực' })
  @RequirePermission()
  @AllowedBeforeTotpEnrolment()
  startTotpEnrolment(@Ctx() ctx: TenantContext): Promise<TotpEnrolment> {
    return this.totp.startEnrolment(ctx);
  }

  @Mutation(() => TotpStatus, { description: 'Xác nhận thiết lập bằng một mã từ ứng dụng xác thực' })
  @RequirePermission()
  @AllowedBeforeTotpEnrolment()
  confirmTotpEnrolment(@Ctx() ctx: TenantContext, @Args('input') input: TotpCodeInput): Promise<TotpStatus> {
    return this.totp.confirmEnrolment(ctx, input.code);
  }

  @Mutation(() => TotpStatus, { description: 'Tắt xác thực hai lớp (cần một mã hiện tại)' })
  @RequirePermission()
  disableTotp(@Ctx() ctx: TenantContext, @Args('input') input: TotpCodeInput): Promise<TotpStatus> {
    return this.totp.disable(ctx, input.code);
  }

  @Mutation(() => Boolean, { description: 'Đặt lại xác thực hai lớp của một người dùng (mất điện thoại); true nếu họ đã bật' })
  @RequirePermission('USER_MANAGE')
  resetUserTotp(@Ctx() ctx: TenantContext, @Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    return this.totp.reset(ctx, userId);
  }

  @Query(() => ProvinceSecurity, { description: 'Cài đặt bảo mật của Sở' })
  @RequirePermission('USER_MANAGE')
  async provinceSecurity(@Ctx() ctx: TenantContext): Promise<ProvinceSecurity> {
    return { totpRequiredForAdmins: await this.totp.provinceRequirement(ctx) };
  }

  @Mutation(() => ProvinceSecurity, { description: 'Bắt buộc (hoặc bỏ bắt buộc) xác thực hai lớp cho tài khoản quản trị của Sở' })
  @RequirePermission('USER_MANAGE')
  async setTotpRequiredForAdmins(@Ctx() ctx: TenantContext, @Args('required') required: boolean): Promise<ProvinceSecurity> {
    return { totpRequiredForAdmins: await this.totp.setProvinceRequirement(ctx, required) };
  }
}
