import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthResolver } from './identity.resolver';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

@Module({ providers: [TokenService, LoginThrottle, AuthService, UsersService], exports: [TokenService, AuthService, UsersService] })
export class IdentityModule {}

/** Authentication API plus the global guard that turns every request into a TenantContext. */
@Module({
  imports: [IdentityModule],
  providers: [AuthResolver, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class IdentityApiModule {}
