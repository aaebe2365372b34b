import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Permission } from '@gdtx/domain';
import type { TenantContext } from '../database/tenant-context';
import { Errors } from '../errors/app-error';

export const IS_PUBLIC = 'gdtx:isPublic';
export const REQUIRED_PERMISSIONS = 'gdtx:permissions';

/** The operation needs no login (login itself, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Every root resolver declares what it needs (style rule 4); the guard refuses anything else. */
export const RequirePermission = (...permissions: Permission[]) => SetMetadata(REQUIRED_PERMISSIONS, permissions);

/**
 * Operations open to an admin who must enrol a second factor first (their session can do nothing else until then;
 * identity's guard enforces it). Here, not in identity, so that another context can open a harmless read of the
 * user's own (the bell's unread count, which the shell's one `Me` document asks on every page load).
 */
export const ALLOWED_BEFORE_TOTP_ENROLMENT = 'gdtx:allowedBeforeTotpEnrolment';
export const AllowedBeforeTotpEnrolment = () => SetMetadata(ALLOWED_BEFORE_TOTP_ENROLMENT, true);

export function requestOf(context: ExecutionContext): RequestWithTenant {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext().req;
  }
  return context.switchToHttp().getRequest();
}

export interface RequestWithTenant {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  id?: string;
  tenant?: TenantContext;
}

/** Injects the TenantContext the guard built. Fails fast if a resolver forgot to be guarded. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): TenantContext => {
  const req = requestOf(context);
  if (!req?.tenant) throw Errors.unauthenticated();
  return req.tenant;
});
