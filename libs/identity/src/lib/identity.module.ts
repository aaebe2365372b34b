import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthResolver, TotpResolver } from './identity.resolver';
import { TotpService } from './totp.service';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';
import { UsersService } from './users.service';
import { SessionCache } from './session-cache';

@Module({ providers: [TokenService, LoginThrottle, TotpService, SessionCache, AuthService, UsersService], exports: [TokenService, AuthService, UsersService, TotpService, SessionCache] })
export class IdentityModule {}

/** Authentication API plus the global guard that turns every request into a TenantContext. */
@Module({
  imports: [IdentityModule],
  providers: [AuthResolver, TotpResolver, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class IdentityApiModule {}
