import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { loadConfig } from '@gdtx/platform';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthResolver, GqlThrottlerGuard } from './identity.resolver';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

@Module({ providers: [TokenService, AuthService, UsersService], exports: [TokenService, AuthService, UsersService] })
export class IdentityModule {}

/** Authentication API plus the global guard that turns every request into a TenantContext. */
@Module({
  imports: [
    IdentityModule,
    ThrottlerModule.forRootAsync({
      useFactory: () => {
        const config = loadConfig();
        return [{ name: 'login', ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000, limit: config.LOGIN_RATE_LIMIT }];
      },
    }),
  ],
  providers: [AuthResolver, GqlThrottlerGuard, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class IdentityApiModule {}
