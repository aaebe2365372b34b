import { Injectable } from '@nestjs/common';
import { centresInOperationOn, unitPathOf } from '@gdtx/org';
import { assertUuid, decodePage, Errors, PageArgs, TenantContext, TenantDb, toConnection } from '@gdtx/platform';
import { complianceStatusOf, SEVERITY_RANK } from './rules';
import type { ComplianceStatus, Severity } from './rules';
import { asOfOrToday, centreRef, FINDING, FINDING_COLUMNS, FINDING_FROM, openOn, SEVERITY_ORDER } from './compliance.store';
import type { CentreCompliance, ComplianceOverview, Finding, FindingFilter } from './compliance.types';

/** Reading findings: a centre's compliance on a date, the roll-up of a unit, the list and one finding. */
@Injectable()
export class FindingQueryService {
  constructor(private readonly db: TenantDb) {}

  async centreCompliance(ctx: TenantContext, centreId: string, asOf?: string | null): Promise<CentreCompliance> {
    assertUuid(centreId, 'centreId');
    const date = asOfOrToday(asOf);
    return this.db.run(ctx, async (em) => {
      const centre = await centreRef(em, centreId);
      const open: Finding[] = await em.query(
        `SELECT ${FINDING_COLUMNS} FROM ${FINDING_FROM}
         WHERE f.centre_id = $1 AND ${openOn(2)} ORDER BY ${SEVERITY_ORDER} DESC, f.found_on DESC, f.rule_code, f.subject_key`,
        [centreId, date],
      );
      return {
        centreId: centre.id, centreCode: centre.code, centreName: centre.name, asOf: date,
        status: complianceStatusOf(open.map((f) => f.severity)), openFindingCount: open.length, openFindings: open,
      };
    });
  }

  /**
   * Roll-up for a unit subtree (centres located or supervised there on the date) or, without unitId, everything
   * the caller sees: centres by compliance status, open findings by rule, and the ten worst centres. The centres
   * are those in operation on the date by org's history (one dissolved since is counted, one established since
   * is not), with the findings open on that date.
   */
  async overview(ctx: TenantContext, unitId?: string | null, asOf?: string | null): Promise<ComplianceOverview> {
    const date = asOfOrToday(asOf);
    return this.db.run(ctx, async (em) => {
      const path = unitId ? await unitPathOf(em, unitId) : null;
      const centres = await centresInOperationOn(em, date, path);
      const ids = centres.map((c) => c.id);
      const open: { centreId: string; severities: Severity[] }[] = await em.query(
        `SELECT f.centre_id AS "centreId", array_agg(f.severity) AS severities FROM finding f
         WHERE f.centre_id = ANY($2::uuid[]) AND ${openOn(1)} GROUP BY f.centre_id`,
        [date, ids],
      );
      const byRule = await em.query(
        `SELECT f.rule_code AS "ruleCode", count(*)::int AS findings, count(DISTINCT f.centre_id)::int AS centres
         FROM finding f WHERE f.centre_id = ANY($2::uuid[]) AND ${openOn(1)}
         GROUP BY f.rule_code ORDER BY findings DESC, f.rule_code`,
        [date, ids],
      );
      const severitiesOf = new Map(open.map((o) => [o.centreId, o.severities]));
      const summaries = centres.map((c) => {
        const sev = (severitiesOf.get(c.id) ?? []) as Severity[];
        return {
          centreId: c.id, centreCode: c.code, centreName: c.name, status: complianceStatusOf(sev), openFindings: sev.length,
          highFindings: sev.filter((s) => SEVERITY_RANK[s] >= SEVERITY_RANK.HIGH).length,
          score: sev.reduce((s, x) => s + SEVERITY_RANK[x] ** 2, 0),
        };
      });
      const count = (status: ComplianceStatus) => summaries.filter((s) => s.status === status).length;
      const worst = summaries
        .filter((s) => s.openFindings > 0)
        .sort((a, b) => b.highFindings - a.highFindings || b.score - a.score || a.centreCode.localeCompare(b.centreCode))
        .slice(0, 10)
        .map(({ score: _s, ...rest }) => rest);
      return {
        unitId: unitId ?? null, asOf: date, centreCount: summaries.length,
        byStatus: (['COMPLIANT', 'AT_RISK', 'NON_COMPLIANT'] as const).map((status) => ({ status, centres: count(status) })),
        byRule, worstCentres: worst,
      };
    });
  }

  async findings(ctx: TenantContext, filter: FindingFilter = {}, page: PageArgs = {}) {
    const { limit, offset } = decodePage(page);
    return this.db.run(ctx, async (em) => {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.ruleCode) where.push(`f.rule_code = $${params.push(filter.ruleCode)}`);
      if (filter.status) where.push(`f.status = $${params.push(filter.status)}`);
      if (filter.severity) where.push(`f.severity = $${params.push(filter.severity)}`);
      if (filter.centreId) where.push(`f.centre_id = $${params.push(assertUuid(filter.centreId, 'centreId'))}`);
      if (filter.unitId) {
        const p = params.push(await unitPathOf(em, filter.unitId));
        where.push(`(c.unit_path LIKE $${p} || '%' OR c.supervising_unit_path LIKE $${p} || '%')`);
      }
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM ${FINDING_FROM} ${whereSql}`, params);
      const rows: Finding[] = await em.query(
        `SELECT ${FINDING_COLUMNS} FROM ${FINDING_FROM} ${whereSql}
         ORDER BY (f.status = 'OPEN') DESC, ${SEVERITY_ORDER} DESC, f.found_on DESC, c.code, f.rule_code, f.subject_key
         LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      return toConnection(rows, count, offset);
    });
  }

  async finding(ctx: TenantContext, id: string): Promise<Finding> {
    return this.db.run(ctx, async (em) => {
      const [row] = await em.query(`SELECT ${FINDING_COLUMNS} FROM ${FINDING_FROM} WHERE f.id = $1`, [assertUuid(id)]);
      if (!row) throw Errors.notFound(FINDING, id);
      return row;
    });
  }
}
