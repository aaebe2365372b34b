// Public API of the identity context.
export { IdentityModule, IdentityApiModule } from './lib/identity.module';
export { AuthService, hashPassword, toContext, accountContextOf } from './lib/auth.service';
export type { AccountContext } from './lib/auth.service';
export { UsersService } from './lib/users.service';
export { TokenService } from './lib/token.service';
export { SessionCache } from './lib/session-cache';
export { accountDelaySeconds, ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_DELAY_SECONDS } from './lib/login-throttle';
export * from './lib/identity.types';
export { identityEvents } from './lib/identity.events';
// Reader for the other contexts (takes the caller's transaction): an account's login and full name.
export { userNameOf } from './lib/user.reader';
export type { UserNameRef, UserReaderTx } from './lib/user.reader';
export type { IdentityEvents } from './lib/identity.events';
import { IdentityCore1732000002000 } from './migrations/1732000002000-identity-core';
import { LoginThrottle1733005000000 } from './migrations/1733005000000-login-throttle';
import { SupervisorAreas1733004000100 } from './migrations/1733004000100-supervisor-areas';
import { IdentityPoliciesOverTheRlsRule1733001000100 } from './migrations/1733001000100-policies-over-the-rls-rule';
import { Totp1733009000100 } from './migrations/1733009000100-totp';
import { TotpForItsProvince1733019000100 } from './migrations/1733019000100-totp-for-its-province';
import { IdentityReadModelViews1733020000100 } from './migrations/1733020000100-identity-read-model-views';
// Identity's SQL read model (views with explicit columns, security_invoker): who can be notified.
export const identitySqlReadModel = ['identity_user_recipient'] as const;
import { TotpAtHome1733024000200 } from './migrations/1733024000200-totp-at-home';
import { UserLanguage1733028000200 } from './migrations/1733028000200-user-language';
export const identityMigrations = [IdentityCore1732000002000, IdentityPoliciesOverTheRlsRule1733001000100, SupervisorAreas1733004000100, LoginThrottle1733005000000, Totp1733009000100, TotpForItsProvince1733019000100, IdentityReadModelViews1733020000100, TotpAtHome1733024000200, UserLanguage1733028000200];
