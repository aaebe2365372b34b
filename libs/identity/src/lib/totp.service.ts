import { Injectable } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { EntityManager } from 'typeorm';
import type { Role } from '@gdtx/domain';
import { AppError, audit, Errors, SessionBus, systemContext, TenantContext, TenantDb } from '@gdtx/platform';

/**
 * The TOTP second factor (RFC 6238 through the `otpauth` library: SHA-1, 6 digits, 30 s, one step either side,
 * what every authenticator app reads from the QR code). Optional for everyone; the province may require it for its
 * admins (SYSTEM_ADMIN, SO_ADMIN). Secrets live in `user_totp`, which only the jobs role may read: every method
 * here works in the system scope of the caller's province, after the caller was authenticated.
 */
export const ROLES_THE_PROVINCE_MAY_REQUIRE: readonly Role[] = ['SYSTEM_ADMIN', 'SO_ADMIN'];

/** Operations open to an admin who must enrol first: the marker lives in platform (other contexts use it too). */
export { ALLOWED_BEFORE_TOTP_ENROLMENT, AllowedBeforeTotpEnrolment } from '@gdtx/platform';

const ISSUER = 'GDTX Monitor';
const PERIOD = 30;

export type LoginFactor = { outcome: 'not-enrolled' } | { outcome: 'ok' } | { outcome: 'missing' } | { outcome: 'invalid' };

export interface TotpState {
  enabled: boolean;
  pending: boolean;
  requiredByProvince: boolean;
}

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The step a code belongs to, or null when it is not valid now (one step of clock drift either side). */
export function acceptedStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpOf(secret, 'x').validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The second factor's refusals at sign-in and when confirming or turning it off: one wording each. */
export const TotpErrors = {
  codeRequired: () =>
    new AppError('UNAUTHENTICATED', 'Nhập mã xác thực 6 số trong ứng dụng xác thực trên điện thoại của bạn.', 'Enter the 6-digit code of your authenticator app', { reason: 'TOTP_REQUIRED' }),
  invalidCode: () =>
    new AppError('UNAUTHENTICATED', 'Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã mới trong ứng dụng xác thực.', 'Wrong or already used authentication code', { reason: 'TOTP_INVALID' }),
};

@Injectable()
export class TotpService {
  constructor(
    private readonly db: TenantDb,
    private readonly bus: SessionBus,
  ) {}

  /** At login, after the password: is a code needed, and is the one given right (each code counts once)? */
  async checkAtLogin(em: EntityManager, userId: string, code: string | undefined): Promise<LoginFactor> {
    const [row] = await em.query(`SELECT secret, last_step AS "lastStep" FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL FOR UPDATE`, [userId]);
    if (!row) return { outcome: 'not-enrolled' };
    if (!code) return { outcome: 'missing' };
    const step = acceptedStep(row.secret, code);
    if (step === null || (row.lastStep !== null && step <= Number(row.lastStep))) return { outcome: 'invalid' };
    await em.query(`UPDATE user_totp SET last_step = $2 WHERE user_id = $1`, [userId, step]);
    return { outcome: 'ok' };
  }

  /** Whether this admin must enrol before doing anything else (the province requires it and they have none). */
  async enrolmentRequired(em: EntityManager, user: { id: string; provinceId: string; role: Role }): Promise<boolean> {
    if (!ROLES_THE_PROVINCE_MAY_REQUIRE.includes(user.role)) return false;
    const [row] = await em.query(
      `SELECT coalesce((SELECT totp_required_for_admins FROM province_security WHERE province_id = $2), false) AS required,
              EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS enrolled`,
      [user.id, user.provinceId],
    );
    return row.required && !row.enrolled;
  }

  async state(ctx: TenantContext): Promise<TotpState> {
    return this.db.run(systemContext(ctx.provinceId, 'totp-state'), (em) => this.stateIn(em, ctx));
  }

  private async stateIn(em: EntityManager, ctx: TenantContext): Promise<TotpState> {
    const [row] = await em.query(
      `SELECT (SELECT confirmed_at IS NOT NULL FROM user_totp WHERE user_id = $1) AS enabled,
              (SELECT confirmed_at IS NULL FROM user_totp WHERE user_id = $1) AS pending,
              coalesce((SELECT totp_required_for_admins FROM province_security WHERE province_id = $2), false) AS required`,
      [ctx.userId, ctx.provinceId],
    );
    return {
      enabled: row.enabled === true,
      pending: row.pending === true,
      requiredByProvince: row.required === true && !!ctx.role && ROLES_THE_PROVINCE_MAY_REQUIRE.includes(ctx.role),
    };
  }

  /** A new secret, pending until a code from it is confirmed; the QR code is an SVG the web shows as it is. */
  async startEnrolment(ctx: TenantContext): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
    return this.db.run(systemContext(ctx.provinceId, 'totp-enrol'), async (em) => {
      const [user] = await em.query(`SELECT username FROM app_user WHERE id = $1`, [ctx.userId]);
      if (!user) throw Errors.unauthenticated();
      const [existing] = await em.query(`SELECT confirmed_at AS "confirmedAt" FROM user_totp WHERE user_id = $1`, [ctx.userId]);
      if (existing?.confirmedAt) {
        throw Errors.conflict('Xác thực hai lớp đã được bật cho tài khoản này. Muốn đổi thiết bị, hãy tắt rồi bật lại.', 'A second factor is already enabled', { reason: 'TOTP_ALREADY_ENABLED' });
      }
      const secret = new Secret({ size: 20 }).base32;
      await em.query(
        `INSERT INTO user_totp (user_id, province_id, secret) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now(), last_step = NULL`,
        [ctx.userId, ctx.provinceId, secret],
      );
      const otpauthUri = totpOf(secret, user.username).toString();
      const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return { secret, otpauthUri, qrSvg };
    });
  }

  async confirmEnrolment(ctx: TenantContext, code: string): Promise<TotpState> {
    // The session's totpEnrolmentRequired changes: the API processes' cached sessions end (SessionBus).
    return this.bus.after({ userId: ctx.userId! }, this.db.run(systemContext(ctx.provinceId, 'totp-confirm'), async (em) => {
      const [row] = await em.query(`SELECT secret, confirmed_at AS "confirmedAt" FROM user_totp WHERE user_id = $1 FOR UPDATE`, [ctx.userId]);
      if (!row || row.confirmedAt) {
        throw Errors.conflict('Chưa bắt đầu thiết lập xác thực hai lớp (hoặc đã bật rồi). Hãy bấm "Thiết lập" để lấy mã QR mới.', 'No enrolment to confirm', { reason: 'TOTP_NOT_PENDING' });
      }
      const step = acceptedStep(row.secret, code);
      if (step === null) throw TotpErrors.invalidCode();
      await em.query(`UPDATE user_totp SET confirmed_at = now(), last_step = $2 WHERE user_id = $1`, [ctx.userId, step]);
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'TOTP_ENABLED', entity: 'app_user', entityId: ctx.userId });
      return this.stateIn(em, ctx);
    }));
  }

  /** Turning it off takes a current code; an admin whose province requires it cannot. */
  async disable(ctx: TenantContext, code: string): Promise<TotpState> {
    // The session's totpEnrolmentRequired changes: the API processes' cached sessions end (SessionBus).
    return this.bus.after({ userId: ctx.userId! }, this.db.run(systemContext(ctx.provinceId, 'totp-disable'), async (em) => {
      const state = await this.stateIn(em, ctx);
      if (state.requiredByProvince) {
        throw new AppError('FORBIDDEN', 'Sở yêu cầu tài khoản quản trị dùng xác thực hai lớp, nên không thể tắt.', 'The province requires a second factor for admins', { reason: 'TOTP_ENROLMENT_REQUIRED' });
      }
      const factor = await this.checkAtLogin(em, ctx.userId!, code);
      if (factor.outcome === 'not-enrolled') return state;
      if (factor.outcome !== 'ok') throw TotpErrors.invalidCode();
      await em.query(`DELETE FROM user_totp WHERE user_id = $1`, [ctx.userId]);
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'TOTP_DISABLED', entity: 'app_user', entityId: ctx.userId });
      return this.stateIn(em, ctx);
    }));
  }

  /**
   * An admin resets a user's second factor (a lost phone). The caller's own transaction first proves the user is
   * theirs to manage (RLS: the Sở of the user's province), then the system scope of that province removes it.
   */
  async reset(ctx: TenantContext, userId: string): Promise<boolean> {
    const visible = await this.db.run(ctx, (em) => em.query(`SELECT id, province_id AS "provinceId" FROM app_user WHERE id = $1`, [userId]));
    if (!visible.length || visible[0].provinceId !== ctx.provinceId) throw Errors.notFound({ vi: 'người dùng', en: 'user' }, userId);
    // The session's totpEnrolmentRequired changes: the API processes' cached sessions end (SessionBus).
    return this.bus.after({ userId }, this.db.run(systemContext(ctx.provinceId, 'totp-reset'), async (em) => {
      const removed = await em.query(`DELETE FROM user_totp WHERE user_id = $1 AND province_id = $2 RETURNING user_id`, [userId, ctx.provinceId]);
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'TOTP_RESET', entity: 'app_user', entityId: userId, data: { hadSecondFactor: removed.length > 0 } });
      return removed.length > 0;
    }));
  }

  async provinceRequirement(ctx: TenantContext): Promise<boolean> {
    const rows = await this.db.run(ctx, (em) => em.query(`SELECT totp_required_for_admins AS required FROM province_security WHERE province_id = $1`, [ctx.provinceId]));
    return rows[0]?.required === true;
  }

  async setProvinceRequirement(ctx: TenantContext, required: boolean): Promise<boolean> {
    // Requiring it while having none would end the admin's own session at once: enrol first.
    if (required && ctx.role && ROLES_THE_PROVINCE_MAY_REQUIRE.includes(ctx.role) && !(await this.state(ctx)).enabled) {
      throw Errors.conflict(
        'Hãy bật xác thực hai lớp cho chính tài khoản của bạn trước khi yêu cầu cho mọi tài khoản quản trị.',
        'Enable a second factor for your own account first',
        { reason: 'TOTP_ENROLMENT_REQUIRED' },
      );
    }
    // Every admin session of the province may change (totpEnrolmentRequired): end the cached ones (SessionBus).
    return this.bus.after({ provinceId: ctx.provinceId! }, this.db.run(ctx, async (em) => {
      const rows = await em.query(
        `INSERT INTO province_security (province_id, totp_required_for_admins, updated_at, updated_by) VALUES ($1, $2, now(), $3)
         ON CONFLICT (province_id) DO UPDATE SET totp_required_for_admins = EXCLUDED.totp_required_for_admins, updated_at = now(), updated_by = EXCLUDED.updated_by
         RETURNING totp_required_for_admins AS required`,
        [ctx.provinceId, required, ctx.userId],
      );
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'TOTP_POLICY_CHANGED', entity: 'province_security', entityId: ctx.provinceId, data: { totpRequiredForAdmins: required } });
      return rows[0].required === true;
    }));
  }
}
