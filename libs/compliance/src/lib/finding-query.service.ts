import { Injectable } from '@nestjs/common';
import { centresInOperationOn, centresPlacedAtPeriodEnds, supervisoryAreaPaths, unitPathOf, unitRefsOf } from '@gdtx/org';
import type { EntityManager } from 'typeorm';
import { assertUuid, decodePage, Errors, PageArgs, TenantContext, TenantDb, toConnection } from '@gdtx/platform';
import { complianceStatusOf, SEVERITY_RANK } from './rules';
import type { ComplianceStatus, Severity } from './rules';
import { asOfOrToday, centreRef, FINDING, FINDING_COLUMNS, FINDING_FROM, openOn, SEVERITY_ORDER } from './compliance.store';
import type { CentreCompliance, ComplianceGroup, ComplianceGrouping, ComplianceOverview, Finding, FindingFilter } from './compliance.types';

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
  async overview(ctx: TenantContext, unitId?: string | null, asOf?: string | null, groupBy?: ComplianceGrouping | null): Promise<ComplianceOverview> {
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
        groups: groupBy ? await groupSummaries(em, groupBy, date, path ?? (ctx.scope === 'unit' && ctx.unitPath ? ctx.unitPath : `/${ctx.provinceId}/`), summaries) : [],
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

/**
 * The overview's centres grouped on the structure of `date` (org's readers): by the child unit of `prefix` holding
 * the centre that day (today: the communes and wards under the province), by the supervisory areas holding it
 * that day (areas overlap: a centre counts in each; null: in none), or by centre type.
 */
async function groupSummaries(
  em: EntityManager, groupBy: ComplianceGrouping, date: string, prefix: string,
  summaries: { centreId: string; status: ComplianceStatus; openFindings: number; highFindings: number }[],
): Promise<ComplianceGroup[]> {
  const placed = new Map((await centresPlacedAtPeriodEnds(em, summaries.map((s) => s.centreId), [{ code: date, end: date }])).map((p) => [p.centreId, p]));
  const areas = groupBy === 'AREA' ? await supervisoryAreaPaths(em, date) : [];
  const groups = new Map<string, ComplianceGroup>();
  for (const s of summaries) {
    const at = placed.get(s.centreId);
    if (!at) continue;
    const keys: Pick<ComplianceGroup, 'unitId' | 'areaId' | 'centreType' | 'name'>[] = [];
    if (groupBy === 'UNIT_LEVEL') {
      keys.push({ unitId: at.unitPath.startsWith(prefix) ? at.unitPath.slice(prefix.length).split('/')[0] || null : null, areaId: null, centreType: null, name: null });
    } else if (groupBy === 'AREA') {
      const hits = areas.filter((a) => a.paths.some((p) => at.unitPath.startsWith(p)));
      for (const a of hits.length ? hits : [null]) keys.push({ unitId: null, areaId: a?.areaId ?? null, centreType: null, name: a?.name ?? null });
    } else {
      keys.push({ unitId: null, areaId: null, centreType: at.type, name: null });
    }
    for (const k of keys) {
      const id = `${k.unitId}|${k.areaId}|${k.centreType}`;
      const g = groups.get(id) ?? { ...k, centreCount: 0, compliant: 0, atRisk: 0, nonCompliant: 0, openFindings: 0, highFindings: 0 };
      g.centreCount++;
      if (s.status === 'COMPLIANT') g.compliant++;
      else if (s.status === 'AT_RISK') g.atRisk++;
      else g.nonCompliant++;
      g.openFindings += s.openFindings;
      g.highFindings += s.highFindings;
      groups.set(id, g);
    }
  }
  const list = [...groups.values()];
  const unitNames = new Map((await unitRefsOf(em, list.map((g) => g.unitId).filter((u): u is string => !!u))).map((u) => [u.id, u.name]));
  for (const g of list) if (g.unitId) g.name = unitNames.get(g.unitId) ?? null;
  // Worst first (what the Sở follows up), then by name; the group without a unit or area last.
  return list.sort((a, b) => Number(!a.name && !a.centreType) - Number(!b.name && !b.centreType)
    || b.nonCompliant - a.nonCompliant || b.atRisk - a.atRisk || (a.name ?? a.centreType ?? '').localeCompare(b.name ?? b.centreType ?? '', 'vi'));
}
