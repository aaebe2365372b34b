import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scopeOfRole } from '@gdtx/domain';
import type { Role } from '@gdtx/domain';
import { assertUuid, audit, decodePage, readAuditEvents, Errors, PageArgs, SessionBus, systemContext, TenantContext, TenantDb, toConnection, updateReturning } from '@gdtx/platform';
import { centreRefOf, unitRefOf } from '@gdtx/org';
import { hashPassword, toUserInfo, USER_SELECT, UserRow } from './auth.service';
import { SECURITY_EVENT_ACTIONS } from './identity.types';
import type { AssignRoleInput, CreateUserInput, SecurityEvent, UpdateUserInput, UserInfo } from './identity.types';

const USER = { vi: 'người dùng', en: 'User' };

/** User administration inside the caller's province (Sở admins). */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: TenantDb,
    private readonly bus: SessionBus,
  ) {}

  async list(ctx: TenantContext, page: PageArgs) {
    const { limit, offset } = decodePage(page);
    return this.db.run(ctx, async (em) => {
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM app_user`);
      const rows: UserRow[] = await em.query(`${USER_SELECT} ORDER BY u.username LIMIT ${limit} OFFSET ${offset}`);
      return toConnection(rows.map(toUserInfo), count, offset);
    });
  }

  /**
   * The province's login and permission events, newest first (audit_event through platform's reader; RLS: the Sở
   * of the province). Names come from this context's own users.
   */
  async securityEvents(ctx: TenantContext, q: { first: number; before?: string | null }): Promise<SecurityEvent[]> {
    if (q.before != null && !/^\d{1,18}$/.test(q.before)) {
      throw Errors.badInput('Mốc trang không hợp lệ (before)', 'Malformed page cursor (before)', { field: 'before' });
    }
    return this.db.run(ctx, async (em) => {
      const events = await readAuditEvents(em, { actions: SECURITY_EVENT_ACTIONS, first: Math.min(Math.max(q.first, 1), 200), before: q.before });
      const ids = [...new Set(events.flatMap((e) => [e.actorUserId, e.entity === 'app_user' ? e.entityId : null]).filter((x): x is string => !!x))];
      const names = new Map<string, { username: string; fullName: string }>(
        ids.length
          ? (await em.query(`SELECT id::text AS id, username, full_name AS "fullName" FROM app_user WHERE id = ANY($1::uuid[])`, [ids])).map(
              (r: { id: string; username: string; fullName: string }) => [r.id, r] as const,
            )
          : [],
      );
      return events.map((e) => {
        const subject = e.entity === 'app_user' && e.entityId ? names.get(e.entityId) : undefined;
        const actor = e.actorUserId ? names.get(e.actorUserId) : undefined;
        const data = e.data ?? {};
        return {
          id: e.id,
          at: e.at,
          action: e.action,
          username: subject?.username ?? null,
          actorName: actor && e.actorUserId !== e.entityId ? actor.fullName : null,
          address: typeof data['address'] === 'string' ? data['address'] : null,
          role: typeof data['role'] === 'string' ? (data['role'] as Role) : null,
          failures: typeof data['failures'] === 'number' ? data['failures'] : null,
        };
      });
    });
  }

  async create(ctx: TenantContext, input: CreateUserInput): Promise<UserInfo> {
    const hash = await hashPassword(input.password);
    const id = await this.db.run(ctx, async (em) => {
      await this.checkScopeTarget(em, input.role, input.unitId, input.centreId, input.areaId);
      const unit = scopeOfRole(input.role) === 'unit';
      const [row] = await em.query(
        `INSERT INTO app_user (province_id, username, password_hash, full_name, email, role, unit_id, centre_id, area_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
        [ctx.provinceId, input.username.toLowerCase(), hash, input.fullName.trim(), input.email ?? null, input.role,
          unit && !input.areaId ? input.unitId : null, scopeOfRole(input.role) === 'centre' ? input.centreId : null, unit ? input.areaId ?? null : null],
      );
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'USER_CREATED', entity: 'app_user', entityId: row.id, data: { username: input.username, role: input.role } });
      return row.id as string;
    });
    return this.get(ctx, id);
  }

  async assignRole(ctx: TenantContext, input: AssignRoleInput): Promise<UserInfo> {
    // After the commit, every API process's cached session of the user ends (SessionBus, ADR 0003).
    await this.bus.after({ userId: input.userId }, this.db.run(ctx, async (em) => {
      await this.checkScopeTarget(em, input.role, input.unitId, input.centreId, input.areaId);
      const scope = scopeOfRole(input.role);
      // token_version + 1: the user's current tokens stop working; the new role applies from the next login.
      // A user outside the caller's province is not visible through row-level security: nothing is updated and
      // the user is "not found" (thrown inside the transaction, so no audit row commits).
      const rows = await updateReturning(em,
        `UPDATE app_user SET role = $2, unit_id = $3, centre_id = $4, area_id = $5, token_version = token_version + 1, updated_at = now() WHERE id = $1 RETURNING id`,
        [assertUuid(input.userId, 'userId'), input.role, scope === 'unit' && !input.areaId ? input.unitId : null, scope === 'centre' ? input.centreId : null,
          scope === 'unit' ? input.areaId ?? null : null],
      );
      if (!rows.length) throw Errors.notFound(USER, input.userId);
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'ROLE_ASSIGNED', entity: 'app_user', entityId: input.userId, data: { ...input } });
    }));
    return this.get(ctx, input.userId);
  }

  async update(ctx: TenantContext, input: UpdateUserInput): Promise<UserInfo> {
    const hash = input.password ? await hashPassword(input.password) : null;
    // Disabling and a new password bump token_version; a new name shows in `me`: end cached sessions (SessionBus).
    await this.bus.after({ userId: input.id }, this.db.run(ctx, async (em) => {
      const [row] = await updateReturning(em,
        `UPDATE app_user SET full_name = coalesce($2, full_name), email = coalesce($3, email), active = coalesce($4, active),
           password_hash = coalesce($5, password_hash),
           token_version = token_version + CASE WHEN $4 = false OR $5 IS NOT NULL THEN 1 ELSE 0 END, updated_at = now()
         WHERE id = $1 RETURNING id`,
        [assertUuid(input.id), input.fullName ?? null, input.email ?? null, input.active ?? null, hash],
      );
      if (!row) throw Errors.notFound(USER, input.id);
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'USER_UPDATED', entity: 'app_user', entityId: input.id, data: { ...input, password: input.password ? '***' : undefined } });
    }));
    return this.get(ctx, input.id);
  }

  /**
   * A user of a province absorbed by a merger (ADR 0015) comes under the survivor: the survivor's Sở admin (province
   * scope, the absorbed province in its lineage) moves the account to its own province. The account was locked by
   * the merger (USER_SELECT: `active` is false while its province is absorbed); the row keeps its id, role and
   * centre (the centres moved with the merger), so every audit entry of the user's actions still names them. The
   * write is the absorbed province's (a lineage never widens writes), so it runs as a system job of that province,
   * after the caller's rights are checked here.
   */
  async moveFromMergedProvince(ctx: TenantContext, userId: string): Promise<UserInfo> {
    assertUuid(userId, 'userId');
    if (ctx.scope !== 'province' || !ctx.provinceId) throw Errors.forbidden();
    const [target] = (await this.db.run(ctx, (em) =>
      em.query(`SELECT province_id AS "provinceId", username, role FROM app_user WHERE id = $1`, [userId]),
    )) as { provinceId: string; username: string; role: Role }[];
    if (!target) throw Errors.notFound(USER, userId);
    if (target.provinceId === ctx.provinceId || !(ctx.provinceLineage ?? []).includes(target.provinceId)) {
      throw Errors.validation([{
        field: 'userId',
        messageVi: 'Chỉ chuyển được người dùng của tỉnh đã sáp nhập vào tỉnh của bạn',
        messageEn: 'Only a user of a province merged into yours can be moved',
      }]);
    }
    const from = target.provinceId;
    // The row changes province: only the system scope without a province may write both sides (the WHERE names the
    // one row, still in the absorbed province). Audited in both provinces, with the admin as the actor.
    await this.bus.after({ userId }, this.db.run(systemContext(null, 'move-user-after-merger'), async (em) => {
      const moved = await updateReturning(em,
        `UPDATE app_user SET province_id = $2, token_version = token_version + 1, updated_at = now() WHERE id = $1 AND province_id = $3 RETURNING id`,
        [userId, ctx.provinceId, from],
      );
      if (!moved.length) throw Errors.notFound(USER, userId);
      await em.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
      // The second factor moves with the account (ADR 0015 §4): the secret is the person's (on their phone), not the
      // province's, so it keeps guarding the login; its province becomes the new one so that the new Sở admin can
      // reset it (resetUserTotp removes a secret of the admin's own province only).
      await em.query(`UPDATE user_totp SET province_id = $2 WHERE user_id = $1 AND province_id = $3`, [userId, ctx.provinceId, from]);
      const actor = { ...ctx, scope: 'system' as const };
      for (const [provinceId, data] of [[from, { username: target.username, to: ctx.provinceId }], [ctx.provinceId!, { username: target.username, from }]] as const) {
        await audit(em, actor, { provinceId, action: 'USER_MOVED_BY_MERGER', entity: 'app_user', entityId: userId, data: { ...data } });
      }
    }));
    return this.get(ctx, userId);
  }

  async get(ctx: TenantContext, id: string): Promise<UserInfo> {
    const [row] = (await this.db.run(ctx, (em) => em.query(`${USER_SELECT} WHERE u.id = $1`, [assertUuid(id)]))) as UserRow[];
    if (!row) throw Errors.notFound(USER, id);
    return toUserInfo(row);
  }

  private async checkScopeTarget(em: EntityManager, role: Role, unitId?: string, centreId?: string, areaId?: string): Promise<void> {
    const scope = scopeOfRole(role);
    if (scope === 'unit' && areaId) {
      if (unitId) throw Errors.validation([{ field: 'areaId', messageVi: 'Chọn đơn vị hoặc khu vực giám sát, không chọn cả hai', messageEn: 'Choose a unit or an area, not both' }]);
      const [a] = await em.query(`SELECT 1 FROM org_supervisor_scope(NULL, $1, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`, [areaId]);
      if (!a) throw Errors.notFound({ vi: 'khu vực giám sát', en: 'Supervisory area' }, areaId);
    } else if (scope === 'unit') {
      if (!unitId) throw Errors.validation([{ field: 'unitId', messageVi: 'Vai trò SUPERVISOR cần đơn vị phụ trách', messageEn: 'SUPERVISOR needs a unit' }]);
      const u = await unitRefOf(em, unitId);
      if (!u) throw Errors.notFound({ vi: 'đơn vị hành chính', en: 'Administrative unit' }, unitId);
    }
    if (scope === 'centre') {
      if (!centreId) throw Errors.validation([{ field: 'centreId', messageVi: 'Vai trò của trung tâm cần chọn trung tâm', messageEn: 'Centre roles need a centre' }]);
      const c = await centreRefOf(em, centreId);
      if (!c) throw Errors.notFound({ vi: 'trung tâm', en: 'Centre' }, centreId);
    }
  }
}
