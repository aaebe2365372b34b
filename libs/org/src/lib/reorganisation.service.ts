import { Injectable } from '@nestjs/common';
import { assertUuid, audit, Errors, SessionBus, TenantContext, TenantDb } from '@gdtx/platform';
import { applyReorganisationPlan, ReorganisationError, type Query } from './reorganisation';
import type { ApplyReorganisationInput, ReorganisationEvent, ReorganisationResult, SuccessionUnit } from './reorganisation.types';

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

  /**
   * The province's recorded reorganisations, newest first, each with its successor links grouped by the unit
   * after it (the units page's events). Two queries for all events; a unit's name and dates are those of the version linked.
   * RLS (province rows) keeps each province to its own.
   */
  async list(ctx: TenantContext): Promise<ReorganisationEvent[]> {
    return this.db.run(ctx, async (em) => {
      const events: Omit<ReorganisationEvent, 'successions'>[] = await em.query(
        `SELECT r.id, r.code, r.name, to_char(r.effective_date, 'YYYY-MM-DD') AS "effectiveDate", r.legal_basis AS "legalBasis"
         FROM reorganisation r ORDER BY r.effective_date DESC, r.code`,
      );
      if (!events.length) return [];
      const unit = (alias: string) => `json_build_object('id', ${alias}.id, 'code', ${alias}.code, 'name', ${alias}.name, 'level', ${alias}.level,
        'validFrom', to_char(${alias}.valid_from, 'YYYY-MM-DD'), 'validTo', to_char(${alias}.valid_to, 'YYYY-MM-DD'))`;
      const links: { reorganisationId: string; successor: SuccessionUnit; predecessors: SuccessionUnit[] }[] = await em.query(
        `SELECT s.reorganisation_id AS "reorganisationId", ${unit('su')} AS successor, json_agg(${unit('pu')} ORDER BY pu.name) AS predecessors
         FROM unit_successor s JOIN administrative_unit su ON su.id = s.successor_id JOIN administrative_unit pu ON pu.id = s.predecessor_id
         WHERE s.reorganisation_id = ANY($1::uuid[])
         GROUP BY s.reorganisation_id, su.id ORDER BY su.name`,
        [events.map((e) => e.id)],
      );
      return events.map((e) => ({
        ...e,
        successions: links.filter((l) => l.reorganisationId === e.id).map(({ successor, predecessors }) => ({ successor, predecessors })),
      }));
    });
  }
}
