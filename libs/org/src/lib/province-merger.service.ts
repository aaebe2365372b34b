import { Injectable } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { audit, Ctx, Errors, RequirePermission, SessionBus, systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import { ProvinceMergerError, recordProvinceMergerPlan } from './province-merger';
import { ProvinceMerger, ProvinceMergerResult, RecordProvinceMergerInput } from './province-merger.types';

/** Province mergers (issue 12 item 4; ADR 0015): recorded by a SYSTEM_ADMIN, read by the survivor's users. */
@Injectable()
export class ProvinceMergerService {
  constructor(
    private readonly db: TenantDb,
    private readonly bus: SessionBus,
  ) {}

  /**
   * Only a SYSTEM_ADMIN records a merger: it writes two provinces' units and centres, so after the role check it
   * runs as a system job without a province (the one scope that may write both), audited in both provinces with
   * the admin as the actor. Afterwards every cached session of both provinces ends (the lineage and the locked
   * accounts are part of a session).
   */
  async record(ctx: TenantContext, input: RecordProvinceMergerInput): Promise<ProvinceMergerResult> {
    if (ctx.role !== 'SYSTEM_ADMIN' || ctx.scope === 'system') throw Errors.forbidden('Only a system administrator records a province merger', 'Chỉ Quản trị hệ thống được ghi nhận sáp nhập tỉnh');
    const outcome = await this.db.run(systemContext(null, 'province-merger'), async (em) => {
      try {
        const result = await recordProvinceMergerPlan((sql, params) => em.query(sql, params), input, ctx.userId);
        const actor = { ...ctx, scope: 'system' as const };
        for (const provinceId of [input.survivorProvinceId, input.absorbedProvinceId]) {
          await audit(em, actor, { provinceId, action: 'PROVINCE_MERGER_RECORDED', entity: 'province_merger', entityId: result.mergerId, data: { ...input, outcome: { ...result } } });
        }
        return result;
      } catch (e) {
        if (e instanceof ProvinceMergerError) throw Errors.validation([{ field: e.field, messageVi: e.messageVi, messageEn: e.messageEn }], e.messageVi, e.messageEn);
        throw e;
      }
    });
    await this.bus.invalidate({ provinceId: input.survivorProvinceId });
    await this.bus.invalidate({ provinceId: input.absorbedProvinceId });
    return outcome;
  }

  /** The mergers the caller's province took part in (RLS: the survivor's rows, the lineage's names). */
  list(ctx: TenantContext): Promise<ProvinceMerger[]> {
    return this.db.run(ctx, (em) =>
      em.query(
        `SELECT m.id, m.province_id AS "survivorProvinceId", s.name AS "survivorName", m.absorbed_province_id AS "absorbedProvinceId",
                a.name AS "absorbedName", to_char(m.effective_date, 'YYYY-MM-DD') AS "effectiveDate", m.legal_basis AS "legalBasis",
                m.recorded_at AS "recordedAt",
                (SELECT count(*)::int FROM centre_unit_history h WHERE h.province_id = m.province_id AND h.valid_from = m.effective_date
                   AND EXISTS (SELECT 1 FROM centre_unit_history o WHERE o.centre_id = h.centre_id AND o.province_id = m.absorbed_province_id
                               AND o.valid_to = m.effective_date - 1)) AS "centresMoved"
         FROM province_merger m JOIN administrative_unit s ON s.id = m.province_id JOIN administrative_unit a ON a.id = m.absorbed_province_id
         ORDER BY m.effective_date, a.name`,
      ),
    );
  }
}

@Resolver()
export class ProvinceMergerResolver {
  constructor(private readonly mergers: ProvinceMergerService) {}

  @Mutation(() => ProvinceMergerResult, { description: 'Ghi nhận sáp nhập tỉnh từ một ngày (chỉ Quản trị hệ thống): đơn vị, trung tâm chuyển sang tỉnh tiếp nhận' })
  @RequirePermission('UNIT_MANAGE')
  recordProvinceMerger(@Ctx() ctx: TenantContext, @Args('input') input: RecordProvinceMergerInput): Promise<ProvinceMergerResult> {
    return this.mergers.record(ctx, input);
  }

  @Query(() => [ProvinceMerger], { description: 'Lịch sử sáp nhập của tỉnh: các tỉnh đã sáp nhập vào tỉnh của người dùng' })
  @RequirePermission('CENTRE_READ')
  provinceMergers(@Ctx() ctx: TenantContext): Promise<ProvinceMerger[]> {
    return this.mergers.list(ctx);
  }
}
