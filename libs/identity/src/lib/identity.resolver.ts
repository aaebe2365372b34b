import { ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { Args, GqlExecutionContext, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Ctx, Public, RequirePermission, TenantContext } from '@gdtx/platform';
import { AuthService } from './auth.service';
import { UsersService } from './users.service';
import { AssignRoleInput, AuthPayload, CreateUserInput, LoginInput, UpdateUserInput, UserConnection, UserInfo } from './identity.types';

/** Rate limiting for GraphQL: the throttler needs the HTTP request behind the GraphQL context. */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context).getContext();
    return { req: gql.req, res: gql.req.res };
  }
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return String(req['ip'] ?? 'unknown');
  }
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly usersService: UsersService,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Đăng nhập' })
  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Throttle({ login: {} })
  login(@Args('input') input: LoginInput): Promise<AuthPayload> {
    return this.auth.login(input.username, input.password);
  }

  @Mutation(() => AuthPayload, { description: 'Đổi refresh token lấy phiên mới (refresh token cũ bị thu hồi)' })
  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Throttle({ login: {} })
  refreshToken(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.auth.refresh(refreshToken);
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

