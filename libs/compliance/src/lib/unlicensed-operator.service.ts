import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@gdtx/domain';
import { unitPathOf } from '@gdtx/org';
import { assertUuid, audit, decodePage, Errors, PageArgs, TenantContext, TenantDb, toConnection } from '@gdtx/platform';
import { LegalBasisVi } from './rules';
import { CASE, CASE_COLUMNS, CASE_FROM, unitRef, userName } from './compliance.store';
import type {
  ReportUnlicensedOperatorInput, UnlicensedCaseStatus, UnlicensedOperatorCase, UpdateUnlicensedOperatorCaseInput,
} from './compliance.types';

/** Cases of operators running without a licence, reported in an area and followed to their close. */
@Injectable()
export class UnlicensedOperatorService {
  constructor(private readonly db: TenantDb) {}

  async reportUnlicensedOperator(ctx: TenantContext, input: ReportUnlicensedOperatorInput): Promise<UnlicensedOperatorCase> {
    const id = await this.db.run(ctx, async (em) => {
      const unit = await unitRef(em, input.unitId);
      // A supervisor reports only in their own area (the row policy would refuse it anyway; say so clearly).
      if (ctx.scope === 'unit' && !unit.path.startsWith(ctx.unitPath ?? '\u0000')) {
        throw Errors.forbidden('The unit lies outside your area', 'Đơn vị hành chính nằm ngoài địa bàn bạn quản lý');
      }
      const [row] = await em.query(
        `INSERT INTO unlicensed_operator_case (province_id, unit_id, unit_path, operator_name, address, activity_vi, found_on, status, reported_by, reported_by_name)
         VALUES ($1,$2,$3,$4,$5,$6,$7,'OPEN',$8,$9) RETURNING id`,
        [unit.provinceId, unit.id, unit.path, input.operatorName.trim(), input.address ?? null, input.activityVi.trim(), input.foundOn, ctx.userId, await userName(em, ctx.userId)],
      );
      await audit(em, ctx, { provinceId: unit.provinceId, action: 'UNLICENSED_CASE_REPORTED', entity: 'unlicensed_operator_case', entityId: row.id, data: { ...input } });
      return row.id as string;
    });
    return this.unlicensedCase(ctx, id);
  }

  async updateUnlicensedOperatorCase(ctx: TenantContext, input: UpdateUnlicensedOperatorCaseInput): Promise<UnlicensedOperatorCase> {
    await this.db.run(ctx, async (em) => {
      const [k] = await em.query(`SELECT id, province_id, status, version FROM unlicensed_operator_case WHERE id = $1 FOR UPDATE`, [assertUuid(input.id)]);
      if (!k) throw Errors.notFound(CASE, input.id);
      if (input.expectedVersion && input.expectedVersion !== k.version) {
        throw Errors.conflict('Vụ việc đã được người khác cập nhật, vui lòng tải lại', 'The case was changed by someone else', {
          currentVersion: k.version, reason: 'STALE_VERSION',
        });
      }
      const closedOn = input.status === 'CLOSED' ? input.closedOn ?? todayInVietnam() : null;
      await em.query(
        `UPDATE unlicensed_operator_case SET status = $2, status_note = coalesce($3, status_note), fine_vnd = coalesce($4, fine_vnd), closed_on = $5,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [k.id, input.status as UnlicensedCaseStatus, input.note ?? null, input.fineVnd ?? null, closedOn],
      );
      await audit(em, ctx, { provinceId: k.province_id, action: 'UNLICENSED_CASE_UPDATED', entity: 'unlicensed_operator_case', entityId: k.id, data: { from: k.status, ...input } });
    });
    return this.unlicensedCase(ctx, input.id);
  }

  async unlicensedCase(ctx: TenantContext, id: string): Promise<UnlicensedOperatorCase> {
    return this.db.run(ctx, async (em) => {
      const [row] = await em.query(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE k.id = $2`, [todayInVietnam(), assertUuid(id)]);
      if (!row) throw Errors.notFound(CASE, id);
      return { ...row, legalBasisVi: LegalBasisVi.unlicensedOperator };
    });
  }

  async unlicensedCases(ctx: TenantContext, filter: { status?: UnlicensedCaseStatus | null; unitId?: string | null }, page: PageArgs = {}) {
    const { limit, offset } = decodePage(page);
    return this.db.run(ctx, async (em) => {
      const params: unknown[] = [todayInVietnam()];
      const where: string[] = [];
      if (filter.status) where.push(`k.status = $${params.push(filter.status)}`);
      if (filter.unitId) where.push(`k.unit_path LIKE $${params.push(await unitPathOf(em, filter.unitId))} || '%'`);
      const whereSql = `WHERE $1::date IS NOT NULL${where.map((w) => ` AND ${w}`).join('')}`;
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM unlicensed_operator_case k ${whereSql}`, params);
      const rows = await em.query(
        `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} ${whereSql}
         ORDER BY (k.status = 'CLOSED'), k.found_on, k.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      return toConnection<UnlicensedOperatorCase>(rows.map((r: UnlicensedOperatorCase) => ({ ...r, legalBasisVi: LegalBasisVi.unlicensedOperator })), count, offset);
    });
  }
}
