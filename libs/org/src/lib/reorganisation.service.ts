import { Injectable } from '@nestjs/common';
import { assertUuid, audit, Errors, SessionBus, TenantContext, TenantDb } from '@gdtx/platform';
import { applyReorganisationPlan, ReorganisationError, type Query } from './reorganisation';
import type { ApplyReorganisationInput, ReorganisationResult } from './reorganisation.types';

/** The 2025 reform as a service operation (Sở only: writes to units and centres need the province scope). */
@Injectable()
export class ReorganisationService {
  constructor(
    private readonly db: TenantDb,
    private readonly bus: SessionBus,
  ) {}

  async apply(ctx: TenantContext, input: ApplyReorganisationInput): Promise<ReorganisationResult> {
    const provinceId = ctx.provinceId;
    if (!provinceId) throw Errors.forbidden('A province is required', 'Cần xác định tỉnh');
    if (ctx.scope !== 'province' && ctx.scope !== 'system') throw Errors.forbidden();
    for (const m of input.mergedCommunes) {
      m.predecessorIds.forEach((id) => assertUuid(id, 'predecessorIds'));
      if (m.keepTthtcdCentreId) assertUuid(m.keepTthtcdCentreId, 'keepTthtcdCentreId');
    }
    // Unit paths and supervisors' scopes change: the province's cached sessions end after the commit (SessionBus).
    return this.bus.after({ provinceId }, this.db.run(ctx, async (em) => {
      // One reorganisation at a time per province.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('reorganisation:' || $1))`, [provinceId]);
      const query: Query = (sql, params) => em.query(sql, params);
      try {
        const outcome = await applyReorganisationPlan(query, provinceId, input, ctx.userId);
        await audit(em, ctx, {
          provinceId, action: 'REORGANISATION_APPLIED', entity: 'reorganisation', entityId: outcome.reorganisationId, data: { ...input, outcome: { ...outcome } },
        });
        return outcome;
      } catch (e) {
        if (e instanceof ReorganisationError) {
          throw e.kind === 'CONFLICT' ? Errors.conflict(e.messageVi, e.messageEn) : Errors.badInput(e.messageVi, e.messageEn);
        }
        throw e;
      }
    }));
  }
}
