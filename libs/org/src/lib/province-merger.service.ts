import { Injectable } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { audit, Ctx, Errors, JobData, JobHandler, JobProcessor, RequirePermission, SessionBus, systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import './province-merger.jobs';
import type { Job } from 'bullmq';
import { todayInVietnam } from '@gdtx/domain';
import { dueProvinceMergers, moveCentresOfMerger, ProvinceMergerError, recordProvinceMergerPlan } from './province-merger';
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

  /**
   * Moves the centres of every merger whose date has come (`today`, Vietnam's by default) and that still waits
   * (recorded ahead of its date): org's daily job, idempotent (a merger moves once). Audited in both provinces
   * (`PROVINCE_MERGER_APPLIED`, no actor: the date did it); then every cached session of both provinces ends, as
   * the lineage and the absorbed province's lock begin on this date.
   */
  async applyDue(today = todayInVietnam()): Promise<{ mergers: number; centresMoved: number }> {
    const done = await this.db.run(systemContext(null, 'province-merger-on-its-date'), async (em) => {
      const query = (sql: string, params?: unknown[]) => em.query(sql, params);
      const out: { survivorProvinceId: string; absorbedProvinceId: string; centresMoved: number }[] = [];
      for (const m of await dueProvinceMergers(query, today)) {
        const centresMoved = await moveCentresOfMerger(query, m.id);
        for (const provinceId of [m.survivorProvinceId, m.absorbedProvinceId]) {
          await audit(em, systemContext(null, 'province-merger-on-its-date'), {
            provinceId, action: 'PROVINCE_MERGER_APPLIED', entity: 'province_merger', entityId: m.id, data: { centresMoved, on: today },
          });
        }
        out.push({ ...m, centresMoved });
      }
      return out;
    });
    for (const m of done) {
      await this.bus.invalidate({ provinceId: m.survivorProvinceId });
      await this.bus.invalidate({ provinceId: m.absorbedProvinceId });
    }
    return { mergers: done.length, centresMoved: done.reduce((n, m) => n + m.centresMoved, 0) };
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

/** Cron (with seconds, Vietnam time) of the daily move of mergers whose date has come: 00:05, before the nightly jobs. */
export const PROVINCE_MERGERS_DAILY_CRON = process.env['PROVINCE_MERGERS_DAILY_CRON'] || '0 5 0 * * *';

/** `org.apply-due-province-mergers` (daily): a merger recorded ahead of its date takes effect on the date (ADR 0015). */
@JobHandler('org.apply-due-province-mergers', { cron: PROVINCE_MERGERS_DAILY_CRON })
export class ApplyDueProvinceMergersJob implements JobProcessor<'org.apply-due-province-mergers'> {
  constructor(private readonly mergers: ProvinceMergerService) {}

  async handle(job: Job<JobData<'org.apply-due-province-mergers'>>) {
    return this.mergers.applyDue(job.data.today);
  }
}
