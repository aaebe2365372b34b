import { Injectable } from '@nestjs/common';
import { isWaitingForReview, tallyReports, todayInVietnam } from '@gdtx/domain';
import type { IsoDate, ReportClass } from '@gdtx/domain';
import { supervisoryAreaPaths, unitRefsOf } from '@gdtx/org';
import type { EntityManager } from 'typeorm';
import { Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { actionRank, glanceEntries, provinceRollupDates, type GlanceEntry } from './status-rollup';
import { StatusRollupService } from './status-rollup.service';
import { TemplateService } from './template.service';
import type { AttentionPicture, AttentionUnit, GlanceItem, GlancePeriod, GlanceTally, ReportingAtAGlance } from './reporting.types';

/** Longest "needs action" list one request returns (the count is always complete). */
export const MAX_GLANCE_ITEMS = 200;

/** Longest list of areas or communes needing attention one request returns. */
export const MAX_ATTENTION_UNITS = 50;

/** Where a glance came from: the rollup, or the calendar itself (no rollup for the day, or asked for). */
export type GlanceSource = 'ROLLUP' | 'LIVE';

/** Counts of the calendar's classes (NOT_EXPECTED never stored). */
type ClassCounts = Record<Exclude<ReportClass, 'NOT_EXPECTED'>, number>;

/**
 * The landing pages' picture (issue 16 item 5, issue 15 item 1): for every centre the caller may see (row-level
 * security decides: a commune officer's commune, an area officer's area, the Sở's province) and every published
 * template, the current periods (libs/domain currentReportingPeriods: the one ended last and the one running)
 * classified by the one reporting calendar. Counts per template and period, their totals, and the reports needing
 * action: missing, returned, or waiting for review.
 *
 * Served from the completeness rollup (status-rollup.ts; ADR 0021) when the caller's province was computed for the
 * day asked; a province computed for an earlier day is recomputed first (once: concurrent first reads answer live
 * meanwhile), so the picture is never of another day. `live` is the same picture computed from the calendar on
 * each call (the consistency suite compares the two).
 */
@Injectable()
export class AtAGlanceService {
  constructor(private readonly db: TenantDb, private readonly templates: TemplateService, private readonly rollup: StatusRollupService) {}

  async atAGlance(ctx: TenantContext, opts: { today?: IsoDate; source?: GlanceSource } = {}): Promise<ReportingAtAGlance & { source: GlanceSource }> {
    const today = opts.today ?? todayInVietnam();
    if (opts.source !== 'LIVE' && ctx.provinceId) {
      // The common case in one transaction: the run's date checked and the rows read together (on the replica when there is one:
      // a stale or lagging copy only sends the request to the recompute, then to the live answer).
      const read = () => this.db.read(ctx, async (em) => (staleProvinces(await provinceRollupDates(em, ctx), today).length ? null : this.fromRollup(em, today)));
      const served = (await read()) ?? ((await this.recomputeStale(ctx, today)) ? await read() : null);
      if (served) return { ...served, source: 'ROLLUP' };
    }
    return { ...(await this.live(ctx, today)), source: 'LIVE' };
  }

  /** The picture computed from the reporting calendar itself (no rollup). */
  live(ctx: TenantContext, today: IsoDate): Promise<ReportingAtAGlance> {
    return this.db.read(ctx, async (em) => {
      const templates = await this.templates.latestDefinitions(em, ctx, null);
      const entries = await glanceEntries(em, { templates, today });
      const periods: GlancePeriod[] = [];
      const seen = new Set<string>();
      for (const e of [...entries].sort((a, b) => a.templateRank - b.templateRank || a.period.start.localeCompare(b.period.start))) {
        const key = `${e.templateCode}|${e.period.code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = entries.filter((x) => x.templateCode === e.templateCode && x.period.code === e.period.code);
        periods.push({
          templateCode: e.templateCode, templateNameVi: e.template.nameVi, templateNameEn: e.template.nameEn,
          periodCode: e.period.code, periodLabelVi: e.period.labelVi, periodLabelEn: e.period.labelEn,
          dueDate: e.classification.regularDueDate,
          ...tallyOfEntries(list),
        });
      }
      const needing = entries
        .filter((e) => actionRank(e) !== null)
        .sort((a, b) => actionRank(a)! - actionRank(b)! || b.classification.days - a.classification.days || a.centre.name.localeCompare(b.centre.name, 'vi'));
      return {
        asOf: today,
        centreCount: new Set(entries.map((e) => e.centreId)).size,
        totals: tallyOfEntries(entries),
        periods,
        needsActionCount: needing.length,
        allNeedingAction: needing.slice(0, MAX_GLANCE_ITEMS).map(itemOfEntry),
        computedAt: new Date(),
      };
    });
  }

  /**
   * Areas (supervisory areas) and communes of the caller's scope whose current periods look worst: most reports
   * missing or late first, then the lowest on-time rate. Served from the rollup like the glance (computed live
   * from the calendar when there is no rollup for the day).
   */
  async attention(ctx: TenantContext, first: number | null | undefined, opts: { today?: IsoDate; source?: GlanceSource } = {}): Promise<AttentionPicture & { source: GlanceSource }> {
    const n = first ?? 5;
    if (!Number.isInteger(n) || n < 0 || n > MAX_ATTENTION_UNITS) {
      throw Errors.badInput(`Số dòng phải từ 0 đến ${MAX_ATTENTION_UNITS}`, `first must be between 0 and ${MAX_ATTENTION_UNITS}`, { field: 'first' });
    }
    const today = opts.today ?? todayInVietnam();
    // Recompute first only when the run is stale (checked again, with the rows, in the one transaction below).
    if (opts.source !== 'LIVE' && ctx.provinceId) {
      const stale = await this.db.run(ctx, async (em) => staleProvinces(await provinceRollupDates(em, ctx), today).length > 0);
      if (stale) await this.recomputeStale(ctx, today);
    }
    return this.db.read(ctx, async (em) => {
      const fromRollup = opts.source !== 'LIVE' && !!ctx.provinceId && !staleProvinces(await provinceRollupDates(em, ctx), today).length;
      let byUnit: { unitPath: string; counts: ClassCounts; waitingReview: number; centres: number }[];
      if (fromRollup) {
        byUnit = ((await em.query(
          `SELECT unit_path AS "unitPath", count(DISTINCT centre_id)::int AS centres, count(*) FILTER (WHERE waiting_review)::int AS "waitingReview",
                  ${CLASS_COUNTS}
           FROM reporting_status_rollup WHERE as_of = $1 GROUP BY unit_path`,
          [today],
        )) as ({ unitPath: string; centres: number; waitingReview: number } & ClassCounts)[]).map(({ unitPath, centres, waitingReview, ...counts }) => ({ unitPath, centres, waitingReview, counts }));
      } else {
        const entries = await glanceEntries(em, { templates: await this.templates.latestDefinitions(em, ctx, null), today });
        const groups = new Map<string, GlanceEntry[]>();
        for (const e of entries) groups.set(e.centre.unitPath, [...(groups.get(e.centre.unitPath) ?? []), e]);
        byUnit = [...groups].map(([unitPath, list]) => ({
          unitPath, centres: new Set(list.map((e) => e.centreId)).size, waitingReview: list.filter(isWaiting).length,
          counts: countClasses(list.map((e) => e.classification.class)),
        }));
      }
      // A commune is the last segment of its path (the unit's id); its name is org's.
      const unitIdOf = (path: string) => path.split('/').filter(Boolean).pop()!;
      const units = new Map((await unitRefsOf(em, byUnit.map((u) => unitIdOf(u.unitPath)))).map((u) => [u.id, u]));
      const communes: AttentionUnit[] = byUnit.map((u) => {
        const id = unitIdOf(u.unitPath);
        return attentionUnit('COMMUNE', id, units.get(id)?.name ?? id, u.centres, u.counts, u.waitingReview, `/review?unitId=${id}`);
      });
      // Areas only for the Sở (a supervisor's scope is one area or one commune already); overlapping areas each count their communes.
      const areas: AttentionUnit[] = [];
      if (ctx.scope === 'province' || ctx.scope === 'system') {
        for (const area of await supervisoryAreaPaths(em, today)) {
          const members = byUnit.filter((u) => area.paths.some((p) => u.unitPath.startsWith(p)));
          if (!members.length) continue;
          const counts = sumCounts(members.map((m) => m.counts));
          areas.push(attentionUnit('AREA', area.areaId, area.name, members.reduce((s, m) => s + m.centres, 0), counts, members.reduce((s, m) => s + m.waitingReview, 0), `/review?areaId=${area.areaId}`));
        }
      }
      return { asOf: today, areas: worstFirst(areas).slice(0, n), communes: worstFirst(communes).slice(0, n), source: fromRollup ? 'ROLLUP' : 'LIVE' };
    });
  }

  /**
   * Recomputes, for `today`, the provinces the caller reads (its own, and its predecessors after a merger) whose
   * rollup is of an earlier day; false when another request is recomputing one, or for any day but today (only
   * today's picture is kept: an explicit past or future date is answered live).
   */
  private async recomputeStale(ctx: TenantContext, today: IsoDate): Promise<boolean> {
    if (!ctx.provinceId || today !== todayInVietnam()) return false;
    const stale = staleProvinces(await this.db.run(ctx, (em) => provinceRollupDates(em, ctx)), today);
    if (stale.some(([, asOf]) => asOf !== null && asOf > today)) return false;
    for (const [provinceId] of stale) {
      if ((await this.rollup.refreshProvince(provinceId, today, { wait: false })) === null) return false;
    }
    return true;
  }

  /** The picture from the rollup rows the caller sees; null when a row is of another day (then answered live). */
  private async fromRollup(em: EntityManager, today: IsoDate): Promise<ReportingAtAGlance | null> {
    const groups = (await em.query(
      `SELECT template_code AS "templateCode", template_name_vi AS "templateNameVi", template_name_en AS "templateNameEn",
              period_code AS "periodCode", period_label_vi AS "periodLabelVi", period_label_en AS "periodLabelEn",
              to_char(max(regular_due_date), 'YYYY-MM-DD') AS "dueDate", count(*) FILTER (WHERE waiting_review)::int AS "waitingReview",
              bool_and(as_of = $1) AS "ofToday", ${CLASS_COUNTS}
       FROM reporting_status_rollup
       GROUP BY template_rank, template_code, template_name_vi, template_name_en, period_start, period_code, period_label_vi, period_label_en
       ORDER BY template_rank, period_start`,
      [today],
    )) as (Omit<GlancePeriod, keyof GlanceTally> & ClassCounts & { waitingReview: number; ofToday: boolean })[];
    if (groups.some((g) => !g.ofToday)) return null;
    const [summary] = (await em.query(
      `SELECT count(DISTINCT centre_id)::int AS "centreCount", count(*) FILTER (WHERE action_rank IS NOT NULL)::int AS "needsActionCount" FROM reporting_status_rollup`,
    )) as { centreCount: number; needsActionCount: number }[];
    // The calendar's order (live above): action, most days first, then the centre's name as Vietnamese sorts it, then
    // the order the calendar lists entries in (period, template, centre code) for equal names.
    const items = (await em.query(
      `SELECT centre_id AS "centreId", centre_name AS "centreName", template_code AS "templateCode", template_name_vi AS "templateNameVi",
              template_name_en AS "templateNameEn", period_code AS "periodCode", period_label_vi AS "periodLabelVi", period_label_en AS "periodLabelEn",
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate", report_class AS "reportClass", days, waiting_review AS "waitingReview",
              submission_id AS "submissionId", submission_status AS "submissionStatus"
       FROM reporting_status_rollup WHERE action_rank IS NOT NULL
       ORDER BY action_rank, days DESC, centre_name COLLATE "vi-x-icu", period_start, template_rank, centre_code
       LIMIT ${MAX_GLANCE_ITEMS}`,
    )) as GlanceItem[];
    const periods: GlancePeriod[] = groups.map(({ waitingReview, ofToday: _ofToday, NOT_YET_DUE, ON_TIME, LATE, RETURNED, MISSING, ...g }) => ({
      ...g, ...tallyOfCounts({ NOT_YET_DUE, ON_TIME, LATE, RETURNED, MISSING }, waitingReview),
    }));
    return {
      asOf: today,
      centreCount: summary.centreCount,
      totals: tallyOfCounts(sumCounts(groups), groups.reduce((s, g) => s + g.waitingReview, 0)),
      periods,
      needsActionCount: summary.needsActionCount,
      allNeedingAction: items,
      computedAt: new Date(),
    };
  }
}

/** The provinces whose rollup is not of `today` (never computed, invalidated, or of another day). */
function staleProvinces(dates: Map<string, IsoDate | null>, today: IsoDate): [string, IsoDate | null][] {
  return [...dates].filter(([, asOf]) => asOf !== today);
}

/** The classes the rollup stores (every one of the calendar's but NOT_EXPECTED). */
const COUNTED_CLASSES = ['NOT_YET_DUE', 'ON_TIME', 'LATE', 'RETURNED', 'MISSING'] as const;

/** The rollup's counts per class (the classes are the calendar's; SQL only counts the stored ones). */
const CLASS_COUNTS = COUNTED_CLASSES
  .map((c) => `count(*) FILTER (WHERE report_class = '${c}')::int AS "${c}"`).join(', ');

/** The first `first` reports needing action (default 50, at most MAX_GLANCE_ITEMS). */
export function firstNeedingAction(glance: ReportingAtAGlance, first: number | null | undefined): GlanceItem[] {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 0 || n > MAX_GLANCE_ITEMS) {
    throw Errors.badInput(`Số dòng phải từ 0 đến ${MAX_GLANCE_ITEMS}`, `first must be between 0 and ${MAX_GLANCE_ITEMS}`, { field: 'first' });
  }
  return glance.allNeedingAction.slice(0, n);
}

function isWaiting(e: GlanceEntry): boolean {
  return isWaitingForReview(e.classification.class, e.submission?.status);
}

function itemOfEntry(e: GlanceEntry): GlanceItem {
  return {
    centreId: e.centreId, centreName: e.centre.name,
    templateCode: e.templateCode, templateNameVi: e.template.nameVi, templateNameEn: e.template.nameEn,
    periodCode: e.period.code, periodLabelVi: e.period.labelVi, periodLabelEn: e.period.labelEn,
    dueDate: e.classification.dueDate, reportClass: e.classification.class, days: e.classification.days,
    waitingReview: isWaiting(e), submissionId: e.submission?.id ?? null, submissionStatus: e.submission?.status ?? null,
  };
}

function countClasses(classes: readonly ReportClass[]): ClassCounts {
  const counts: ClassCounts = { NOT_YET_DUE: 0, ON_TIME: 0, LATE: 0, RETURNED: 0, MISSING: 0 };
  for (const c of classes) if (c !== 'NOT_EXPECTED') counts[c]++;
  return counts;
}

function sumCounts(list: readonly ClassCounts[]): ClassCounts {
  const total: ClassCounts = { NOT_YET_DUE: 0, ON_TIME: 0, LATE: 0, RETURNED: 0, MISSING: 0 };
  for (const c of list) for (const k of COUNTED_CLASSES) total[k] += c[k];
  return total;
}

/** The calendar's tally (libs/domain tallyReports: the one definition of the rates) of counted classes. */
function tallyOfCounts(counts: ClassCounts, waitingReview: number): GlanceTally {
  function* classes(): Generator<ReportClass> {
    for (const k of COUNTED_CLASSES) for (let i = 0; i < counts[k]; i++) yield k;
  }
  return { ...tallyReports(classes()), waitingReview };
}

function tallyOfEntries(entries: readonly GlanceEntry[]): GlanceTally {
  return tallyOfCounts(countClasses(entries.map((e) => e.classification.class)), entries.filter(isWaiting).length);
}

function attentionUnit(kind: 'AREA' | 'COMMUNE', id: string, name: string, centreCount: number, counts: ClassCounts, waitingReview: number, reviewPath: string): AttentionUnit {
  const tally = tallyOfCounts(counts, waitingReview);
  return { kind, id, name, centreCount, ...tally, missingOrLate: tally.missing + tally.late, reviewPath };
}

/** Worst first: most reports missing or late, then the lowest on-time rate (nothing due yet last), then by name. */
function worstFirst(list: AttentionUnit[]): AttentionUnit[] {
  return list
    .filter((u) => u.expected > u.notDue)
    .sort((a, b) => b.missingOrLate - a.missingOrLate || (a.onTimeRate ?? 101) - (b.onTimeRate ?? 101) || a.name.localeCompare(b.name, 'vi'));
}
