// Public API of the identity context.
export { IdentityModule, IdentityApiModule } from './lib/identity.module';
export { AuthService, hashPassword, toContext } from './lib/auth.service';
export { UsersService } from './lib/users.service';
export * from './lib/identity.types';
import { IdentityCore1732000002000 } from './migrations/1732000002000-identity-core';
export const identityMigrations = [IdentityCore1732000002000];
