import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import type { EntityManager } from 'typeorm';
import { RolePermissions, scopeOfRole } from '@gdtx/domain';
import type { Permission, Role } from '@gdtx/domain';
import { audit, enqueueOutbox, Errors, SessionBus, systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import { hashToken, TokenService } from './token.service';
import { LoginThrottle } from './login-throttle';
import { TotpErrors, TotpService } from './totp.service';
import { SessionCache } from './session-cache';
import './identity.events';
import type { AuthPayload, UserInfo } from './identity.types';

interface UserRow {
  id: string;
  provinceId: string;
  username: string;
  fullName: string;
  email: string | null;
  role: Role;
  unitId: string | null;
  centreId: string | null;
  active: boolean;
  tokenVersion: number;
  passwordHash: string;
  unitPath: string | null;
  scopeName: string | null;
  areaId: string | null;
  /** SUPERVISOR only: the unit paths the scope covers today (org_supervisor_scope). */
  scopePaths: string[] | null;
  /** SUPERVISOR only: the day the unit or area ended (a dissolved district office), else null. */
  scopeEndedOn: string | null;
  /** The web's language the user chose (also the e-mail digest's). */
  language: 'vi' | 'en';
  /** The provinces merged into the user's province (org_province_standing; ADR 0015): read as history. */
  provinceLineage: string[] | null;
  /** Set when the user's province has been absorbed by a merger in force: the account is locked until moved. */
  mergedInto: string | null;
}

const USER_SELECT = `SELECT u.id, u.province_id AS "provinceId", u.username, u.full_name AS "fullName", u.email, u.role,
  u.unit_id AS "unitId", u.centre_id AS "centreId",
  -- A user of a province absorbed by a merger in force is locked by it (ADR 0015) until the survivor's Sở moves them.
  (u.active AND ps.merged_into IS NULL) AS active, u.token_version AS "tokenVersion", u.password_hash AS "passwordHash",
  au.path AS "unitPath", coalesce(c.name, sc.name, au.name) AS "scopeName", u.area_id AS "areaId", sc.paths AS "scopePaths",
  to_char(sc.ended_on, 'YYYY-MM-DD') AS "scopeEndedOn",
  ps.lineage::text[] AS "provinceLineage", ps.merged_into AS "mergedInto", u.language
  FROM app_user u LEFT JOIN org_unit_ref au ON au.id = u.unit_id LEFT JOIN org_centre_ref c ON c.id = u.centre_id
  LEFT JOIN LATERAL org_supervisor_scope(u.unit_id, u.area_id, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) sc ON u.role = 'SUPERVISOR'
  LEFT JOIN LATERAL org_province_standing(u.province_id, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) ps ON true`;

// Verifying against a fixed hash when the user does not exist keeps the response time the same, so
// login timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

export const argon2Options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, argon2Options);
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDb,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly totp: TotpService,
    private readonly sessions: SessionCache,
    private readonly bus: SessionBus,
  ) {}

  /**
   * `address` is the client's (Express `req.ip`: X-Forwarded-For only from a trusted proxy). The limits of
   * login-throttle.ts apply before the password is checked; a wrong password is counted, audited for a known
   * account, and the one that starts a delay tells the user (event `account.login-throttled` → notify).
   */
  async login(username: string, password: string, address = 'unknown', totpCode?: string): Promise<AuthPayload> {
    await this.throttle.admitAddress(address);
    await this.throttle.admitAccount(username);
    const sys = systemContext(null, 'login');
    const user = await this.db.run(sys, async (em) => {
      const [row] = await em.query(`${USER_SELECT} WHERE lower(u.username) = lower($1)`, [username.trim()]);
      return row as UserRow | undefined;
    });
    dummyHash ??= hashPassword('not-a-real-password-just-for-timing');
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !ok || !user.active) {
      const failure = await this.recordFailure(username, user, address);
      if (failure.delaySeconds) throw this.throttle.accountRefusal(failure.delaySeconds);
      throw Errors.unauthenticated('Wrong username or password', 'Tên đăng nhập hoặc mật khẩu không đúng');
    }
    // The second factor, for a user who has one: a missing code asks for it, a wrong one counts as a failure.
    const factor = await this.db.run(systemContext(user.provinceId, 'login-totp'), (em) => this.totp.checkAtLogin(em, user.id, totpCode));
    if (factor.outcome === 'missing') {
      throw TotpErrors.codeRequired();
    }
    if (factor.outcome === 'invalid') {
      const failure = await this.recordFailure(username, user, address, 'LOGIN_TOTP_FAILED');
      if (failure.delaySeconds) throw this.throttle.accountRefusal(failure.delaySeconds);
      throw TotpErrors.invalidCode();
    }
    return this.db.run(systemContext(user.provinceId, 'login'), async (em) => {
      await this.throttle.recordSuccess(em, username);
      await em.query(`UPDATE app_user SET last_login_at = now() WHERE id = $1`, [user.id]);
      await audit(em, { ...sys, provinceId: user.provinceId, userId: user.id }, {
        provinceId: user.provinceId, action: 'LOGIN', entity: 'app_user', entityId: user.id, data: { secondFactor: factor.outcome === 'ok', address },
      });
      const payload = await this.issue(em, user, null);
      return { ...payload, totpEnrolmentRequired: await this.totp.enrolmentRequired(em, user) };
    });
  }

  /** Counts a wrong password (committed before the refusal is thrown); audits and notifies for a known account. */
  private async recordFailure(username: string, user: UserRow | undefined, address: string, action: 'LOGIN_FAILED' | 'LOGIN_TOTP_FAILED' = 'LOGIN_FAILED') {
    const ctx = systemContext(user?.provinceId ?? null, 'login-failed');
    return this.db.run(ctx, async (em) => {
      const failure = await this.throttle.recordFailure(em, username);
      if (!user) return failure;
      const actor = { ...ctx, userId: user.id };
      await audit(em, actor, {
        provinceId: user.provinceId, action, entity: 'app_user', entityId: user.id,
        data: { failures: failure.failures, address },
      });
      if (failure.blockedUntil) {
        const blockedUntil = failure.blockedUntil.toISOString();
        await audit(em, actor, {
          provinceId: user.provinceId, action: 'LOGIN_THROTTLED', entity: 'app_user', entityId: user.id,
          data: { failures: failure.failures, delaySeconds: failure.delaySeconds, blockedUntil, address },
        });
        await enqueueOutbox(em, actor, {
          topic: 'account.login-throttled', payload: { userId: user.id, failures: failure.failures, blockedUntil },
          dedupeKey: `login-throttled:${user.id}:${blockedUntil}`, provinceId: user.provinceId,
        });
      }
      return failure;
    });
  }

  async refresh(refreshToken: string, address = 'unknown'): Promise<AuthPayload> {
    await this.throttle.admitAddress(address);
    // The transaction returns an outcome rather than throwing, so that revoking a family on reuse commits.
    const outcome = await this.db.run(systemContext(null, 'refresh'), async (em): Promise<AuthPayload | { refused: 'unknown' | 'reuse' | 'expired' | 'inactive' }> => {
      const [token] = await em.query(
        `SELECT id, user_id AS "userId", family_id AS "familyId", expires_at AS "expiresAt", revoked_at AS "revokedAt"
         FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        [hashToken(refreshToken)],
      );
      if (!token) return { refused: 'unknown' };
      if (token.revokedAt) {
        // A rotated token used again means it leaked: end the whole family (every device of that login).
        await em.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [token.familyId]);
        return { refused: 'reuse' };
      }
      if (new Date(token.expiresAt).getTime() < Date.now()) return { refused: 'expired' };
      const [user] = (await em.query(`${USER_SELECT} WHERE u.id = $1`, [token.userId])) as UserRow[];
      if (!user?.active) return { refused: 'inactive' };
      const payload = { ...(await this.issue(em, user, token.familyId)), totpEnrolmentRequired: await this.totp.enrolmentRequired(em, user) };
      await em.query(`UPDATE refresh_token SET revoked_at = now(), replaced_by = (SELECT id FROM refresh_token WHERE token_hash = $2) WHERE id = $1`, [
        token.id, hashToken(payload.refreshToken),
      ]);
      return payload;
    });
    if ('refused' in outcome) {
      const messages = {
        unknown: ['Unknown refresh token', 'Phiên đăng nhập không hợp lệ, vui lòng đăng nhập lại'],
        reuse: ['Refresh token reuse detected', 'Phiên đăng nhập đã bị thu hồi, vui lòng đăng nhập lại'],
        expired: ['Refresh token expired', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại'],
        inactive: ['User inactive', 'Tài khoản đã bị khóa'],
      } as const;
      const [en, vi] = messages[outcome.refused];
      throw Errors.unauthenticated(en, vi);
    }
    return outcome;
  }

  /**
   * The user's own language (the web's VI / EN switch): kept on the account for the e-mail digest. Their cached
   * session is dropped in every process (SessionBus) so that `me` says the new language; the token stays valid.
   */
  async setMyLanguage(ctx: TenantContext, language: string): Promise<UserInfo> {
    if (language !== 'vi' && language !== 'en') {
      throw Errors.badInput('Ngôn ngữ phải là tiếng Việt (vi) hoặc tiếng Anh (en)', 'language must be vi or en', { field: 'language' });
    }
    // Like logout: the user's own row, whatever their role's write rights over other users.
    await this.db.run(systemContext(ctx.provinceId, 'set-language'), (em) => em.query(`UPDATE app_user SET language = $2 WHERE id = $1`, [ctx.userId, language]));
    await this.bus.invalidate({ userId: ctx.userId! });
    const [user] = (await this.db.run(ctx, (em) => em.query(`${USER_SELECT} WHERE u.id = $1`, [ctx.userId]))) as UserRow[];
    if (!user) throw Errors.unauthenticated();
    return toUserInfo(user);
  }

  /** Ends the refresh-token family and invalidates every access token of the user (token_version). */
  async logout(ctx: TenantContext, refreshToken?: string | null): Promise<boolean> {
    await this.db.run(systemContext(ctx.provinceId, 'logout'), async (em) => {
      if (refreshToken) {
        await em.query(
          `UPDATE refresh_token SET revoked_at = now() WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1 AND user_id = $2) AND revoked_at IS NULL`,
          [hashToken(refreshToken), ctx.userId],
        );
      }
      await em.query(`UPDATE app_user SET token_version = token_version + 1 WHERE id = $1`, [ctx.userId]);
    });
    await this.bus.invalidate({ userId: ctx.userId! });
    return true;
  }

  /**
   * Resolves the principal of an access token against the user row, so a disabled user, a changed role or
   * a logout takes effect at once rather than when the token expires. The row comes from this process's
   * SessionCache when it holds the user at the token's `tv` (invalidated through SessionBus by every change,
   * ADR 0003), else from the database.
   */
  async contextFor(claims: { sub: string; tv: number }, requestId?: string): Promise<Principal> {
    const revoked = () => Errors.unauthenticated('Session revoked', 'Phiên đăng nhập đã kết thúc, vui lòng đăng nhập lại');
    const cached = this.sessions.get(claims.sub);
    // token_version only grows: an older tv is a revoked token; a newer one means this copy is behind, so read.
    if (cached && cached.tokenVersion > claims.tv) throw revoked();
    if (cached && cached.tokenVersion === claims.tv) {
      this.sessions.stats.hits++;
      return requestId === undefined ? cached.principal : { ...cached.principal, requestId };
    }
    this.sessions.stats.misses++;
    const since = this.sessions.begin();
    const found = await this.db.run(systemContext(null, 'authenticate'), async (em) => {
      const [user] = (await em.query(`${USER_SELECT} WHERE u.id = $1`, [claims.sub])) as UserRow[];
      if (!user || !user.active) return null;
      return { user, totpEnrolmentRequired: await this.totp.enrolmentRequired(em, user) };
    });
    if (!found) throw revoked();
    const principal: Principal = Object.freeze({ ...toContext(found.user), totpEnrolmentRequired: found.totpEnrolmentRequired });
    this.sessions.put(found.user.id, { principal, user: Object.freeze(toUserInfo(found.user)), tokenVersion: found.user.tokenVersion, provinceId: found.user.provinceId }, since);
    if (found.user.tokenVersion !== claims.tv) throw revoked();
    return requestId === undefined ? principal : { ...principal, requestId };
  }

  /** The caller's own account: from the session the guard has just checked when this process holds it. */
  async me(ctx: TenantContext): Promise<UserInfo> {
    const cached = ctx.userId ? this.sessions.get(ctx.userId) : undefined;
    if (cached) return cached.user;
    const [user] = (await this.db.run(ctx, (em) => em.query(`${USER_SELECT} WHERE u.id = $1`, [ctx.userId]))) as UserRow[];
    if (!user) throw Errors.unauthenticated();
    return toUserInfo(user);
  }

  private async issue(em: EntityManager, user: UserRow, familyId: string | null): Promise<Omit<AuthPayload, 'totpEnrolmentRequired'>> {
    const { token, hash } = this.tokens.newRefreshToken();
    await em.query(
      `INSERT INTO refresh_token (province_id, user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, coalesce($3::uuid, gen_random_uuid()), $4, now() + ($5 || ' days')::interval)`,
      [user.provinceId, user.id, familyId, hash, String(this.tokens.refreshTtlDays)],
    );
    return {
      accessToken: this.tokens.signAccess({ sub: user.id, prov: user.provinceId, role: user.role, tv: user.tokenVersion }),
      refreshToken: token,
      expiresIn: this.tokens.accessTtlSeconds,
      user: toUserInfo(user),
    };
  }
}

/** Who is calling: the tenant context, and whether the province's second-factor rule still waits on them. */
export type Principal = TenantContext & { readonly totpEnrolmentRequired?: boolean };

/**
 * The data scope of a user: a SUPERVISOR of a unit in force has the unit scope (a commune officer reviews its
 * TTHTCĐ); a SUPERVISOR of a supervisory area, or of a unit that has ended (the district office dissolved on
 * 1 Jul 2025: read-only legacy access), has the area scope over the units org_supervisor_scope gives.
 */
export function dataScopeOf(user: Pick<UserRow, 'role' | 'areaId' | 'scopeEndedOn'>): 'centre' | 'unit' | 'area' | 'province' {
  const scope = scopeOfRole(user.role);
  if (scope === 'unit' && (user.areaId || user.scopeEndedOn)) return 'area';
  return scope;
}

/** What an area scope may not do: it monitors (reads) only; reviewing and recording stay with the commune and the Sở. */
const AREA_WRITE_PERMISSIONS: readonly Permission[] = ['REPORT_REVIEW', 'UNLICENSED_CASE_RECORD'];

export function effectivePermissions(role: Role, scope: string): Permission[] {
  return RolePermissions[role].filter((p) => scope !== 'area' || !AREA_WRITE_PERMISSIONS.includes(p));
}

export function toContext(
  user: Pick<UserRow, 'id' | 'provinceId' | 'role' | 'centreId' | 'unitId' | 'unitPath' | 'areaId' | 'scopePaths' | 'scopeEndedOn'> & Partial<Pick<UserRow, 'provinceLineage'>>,
  requestId?: string,
): TenantContext {
  const scope = dataScopeOf(user);
  return {
    scope,
    provinceId: user.provinceId,
    userId: user.id,
    role: user.role,
    centreId: scope === 'centre' ? user.centreId : null,
    unitId: scope === 'unit' ? user.unitId : null,
    unitPath: scope === 'unit' ? user.unitPath : null,
    areaPaths: scope === 'area' ? (user.scopePaths ?? []) : null,
    provinceLineage: user.provinceLineage ?? [],
    requestId,
  };
}

/** An account as the other contexts' background work may act for it (a scheduled report built with its rights). */
export interface AccountContext {
  /** The account's own tenant context, as its requests get it (scope, province, lineage). */
  context: TenantContext;
  fullName: string;
  email: string | null;
  language: 'vi' | 'en';
  /** False for a disabled account or one of a province absorbed by a merger (ADR 0015). */
  active: boolean;
}

/**
 * Identity's reader of one account's context for background work (issue 15 item 6: a scheduled report is built
 * with its subscriber's rights, so it holds exactly what they would see in the web). Takes the caller's
 * transaction (a jobs-role system scope sees every account); null when there is no such account.
 */
export async function accountContextOf(em: Pick<EntityManager, 'query'>, userId: string): Promise<AccountContext | null> {
  const [user] = (await em.query(`${USER_SELECT} WHERE u.id = $1`, [userId])) as UserRow[];
  if (!user) return null;
  return { context: toContext(user), fullName: user.fullName, email: user.email, language: user.language ?? 'vi', active: user.active };
}

export function toUserInfo(user: UserRow): UserInfo {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    role: user.role,
    provinceId: user.provinceId,
    unitId: user.unitId,
    centreId: user.centreId,
    scope: dataScopeOf(user),
    // An area (monitoring) or an ended scope reads only: no review.
    permissions: effectivePermissions(user.role, dataScopeOf(user)),
    active: user.active,
    scopeName: user.scopeName,
    areaId: user.areaId ?? null,
    scopeEndedOn: user.scopeEndedOn ?? null,
    language: user.language ?? 'vi',
  };
}

export { USER_SELECT };
export type { UserRow };
