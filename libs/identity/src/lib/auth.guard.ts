import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasPermission } from '@gdtx/domain';
import type { Permission } from '@gdtx/domain';
import { AppError, Errors, IS_PUBLIC, REQUIRED_PERMISSIONS, requestOf, type TenantContext } from '@gdtx/platform';
import { AuthService, effectivePermissions, Principal } from './auth.service';
import { ALLOWED_BEFORE_TOTP_ENROLMENT } from './totp.service';
import { TokenService } from './token.service';

interface TracedRequest {
  tenant?: TenantContext;
  traceparent?: string;
  traceSpan?: { updateName(name: string): unknown };
}

/**
 * The one place a request becomes a TenantContext (style rule 5). Global: every operation is refused unless
 * it is @Public() or the caller's role holds every permission in @RequirePermission(...). An operation with
 * neither is refused too, so a forgotten decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = requestOf(context);
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const header = req?.headers?.['authorization'];
    const bearer = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;

    if (isPublic) {
      // A public operation still learns who is calling when a valid token is sent (logout, me-like use).
      if (bearer && !req.tenant) {
        try {
          req.tenant = await this.auth.contextFor(this.tokens.verifyAccess(bearer), req.id);
        } catch {
          /* ignore: public */
        }
      }
      return true;
    }
    // Field resolvers run after their root operation was authorised; the context is already there.
    if (context.getType<string>() === 'graphql' && !this.isRootOperation(context) && req.tenant) return true;

    if (!bearer) throw Errors.unauthenticated();
    if (!req.tenant) req.tenant = await this.auth.contextFor(this.tokens.verifyAccess(bearer), req.id);
    this.traced(context, req as unknown as TracedRequest);

    // The province requires a second factor for this admin, who has none yet: only enrolment (and me, logout) is open.
    if ((req.tenant as Principal).totpEnrolmentRequired && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_TOTP_ENROLMENT, targets)) {
      throw new AppError(
        'FORBIDDEN',
        'Sở yêu cầu tài khoản quản trị bật xác thực hai lớp. Hãy thiết lập tại trang "Bảo mật tài khoản" trước khi tiếp tục.',
        'The province requires a second factor for admins: enrol first',
        { reason: 'TOTP_ENROLMENT_REQUIRED' },
      );
    }
    const required = this.reflector.getAllAndOverride<Permission[]>(REQUIRED_PERMISSIONS, targets);
    if (!required) {
      if (context.getType<string>() === 'graphql' && !this.isRootOperation(context)) return true;
      throw Errors.forbidden('Operation declares no permission');
    }
    const role = req.tenant.role;
    if (!role || !required.every((p) => hasPermission(role, p))) throw Errors.forbidden();
    // An area scope (an area officer, or a dissolved district office's legacy user) monitors only.
    const allowed = effectivePermissions(role, req.tenant.scope);
    if (!required.every((p) => allowed.includes(p))) {
      throw Errors.forbidden('An area or ended scope is read-only', 'Phạm vi khu vực (hoặc phạm vi đã kết thúc) chỉ được xem, không được duyệt hay ghi nhận');
    }
    return true;
  }

  /**
   * Traces (issue 14 item 3): the request's span is named after its root GraphQL field ("graphql acceptSubmission"),
   * and its traceparent joins the tenant context, so the outbox rows the request writes carry it to their jobs.
   */
  private traced(context: ExecutionContext, req: TracedRequest): void {
    if (!req.traceparent || !req.tenant) return;
    if (req.tenant.traceparent !== req.traceparent) req.tenant = { ...req.tenant, traceparent: req.traceparent };
    if (context.getType<string>() === 'graphql' && this.isRootOperation(context)) {
      const field = (context.getArgByIndex(3) as { fieldName?: string } | undefined)?.fieldName;
      if (field) req.traceSpan?.updateName(`graphql ${field}`);
    }
  }

  private isRootOperation(context: ExecutionContext): boolean {
    const info = context.getArgByIndex(3) as { parentType?: { name?: string } } | undefined;
    const parent = info?.parentType?.name;
    return parent === 'Query' || parent === 'Mutation' || parent === 'Subscription';
  }
}
