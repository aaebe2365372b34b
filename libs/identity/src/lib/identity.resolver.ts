import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public, RequirePermission, TenantContext } from '@gdtx/platform';
import { AuthService } from './auth.service';
import { UsersService } from './users.service';
import { AssignRoleInput, AuthPayload, CreateUserInput, LoginInput, UpdateUserInput, UserConnection, UserInfo } from './identity.types';

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
    return this.auth.login(input.username, input.password, clientAddress(req));
  }

  @Mutation(() => AuthPayload, { description: 'Đổi refresh token lấy phiên mới (refresh token cũ bị thu hồi)' })
  @Public()
  refreshToken(@Args('refreshToken') refreshToken: string, @Context('req') req?: { ip?: string }): Promise<AuthPayload> {
    return this.auth.refresh(refreshToken, clientAddress(req));
  }

  @Mutation(() => Boolean, { description: 'Đăng xuất: thu hồi phiên' })
  @RequirePermission()
  logout(@Ctx() ctx: TenantContext, @Args('refreshToken', { nullable: true, type: () => String }) refreshToken?: string): Promise<boolean> {
    return this.auth.logout(ctx, refreshToken);
  }

  @Query(() => UserInfo, { description: 'Người dùng hiện tại' })
  @RequirePermission()
  me(@Ctx() ctx: TenantContext): Promise<UserInfo> {
    return this.auth.me(ctx);
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
}

