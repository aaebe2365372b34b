import { Injectable } from '@nestjs/common';
import { periodFromCode, periodsBetween, tallyReports, todayInVietnam } from '@gdtx/domain';
import type { CentreType, Period, PeriodType } from '@gdtx/domain';
import { readCentreCalendarFacts, unitRefsOf } from '@gdtx/org';
import type { CentreCalendarRecord } from '@gdtx/org';
import { Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { reportCalendar, ReportingReader } from '@gdtx/reporting';
import type { CalendarEntry, CalendarQueryable } from '@gdtx/reporting';
import { IndicatorService } from './indicator.service';
import { GroupingStructure } from './grouping-structure';
import type { GroupByDimension } from './analytics.types';
import type { ReportingRate } from './overview.types';

/** Periods per request: a mistyped range must not classify thousands of periods. */
const MAX_RATE_PERIODS = 120;

/**
 * Reporting rates per template and period, counted from the reporting calendar (libs/domain classifyReport via
 * reporting's reportCalendar): every (centre, template, period) the calendar expects — whether or not a draft
 * exists — is exactly one of not yet due, on time, late, returned or missing. So `expected = notDue + onTime +
 * late + returned + missing`, `submitted = onTime + late`, and the rates are over what is due (expected − notDue),
 * never above 100 %. dueReports classifies through the same function, so the two always agree.
 */
@Injectable()
export class ReportingRateService {
  constructor(
    private readonly db: TenantDb,
    private readonly indicators: IndicatorService,
  ) {}

  async rates(
    ctx: TenantContext,
    args: {
      templateCode: string; periodFrom: string; periodTo?: string | null; unitId?: string | null; groupBy?: GroupByDimension[] | null;
      /** The day the calendar classifies on (default today). */
      asOf?: string;
      /** The structure groups are made on (communes, areas); default: each period's end (GroupingStructure). */
      structureAsOf?: string | null;
    },
  ): Promise<ReportingRate[]> {
    const asOf = args.asOf ?? todayInVietnam();
    return this.db.read(ctx, async (em) => {
      const template = await ReportingReader.calendarTemplate(em, args.templateCode);
      if (!template) throw Errors.notFound({ vi: 'biểu mẫu báo cáo', en: 'Report template' }, args.templateCode);
      const periods = ratePeriods(template.periodType, args.periodFrom, args.periodTo ?? args.periodFrom);
      if (!periods.length) return [];
      const prefix = await this.indicators.prefixFor(em, ctx, args.unitId);
      // Every centre the caller sees, each (centre, period) placed on the structure the groups are made on: the unit
      // the centre belonged to at the period's end (org's unit history, the rule the fact rows and the indicators'
      // coverage follow), or on `structureAsOf` when asked (the dashboards ask for today's). So the rate of a unit
      // "as of then" finds the centres that were there then (Bắc Giang's centres in a pre-merger period of Bắc Giang,
      // ADR 0015; a dissolved district's before the reform), and a row grouped on today's communes finds the centres
      // of that commune today. A province-wide query of a merged province also covers its predecessors' trees (the
      // lineage, as the indicators do): for a pre-merger period the survivor's rate is the sum of its predecessors'.
      const centres = await readCentreCalendarFacts(em, { types: template.centreTypes });
      const byId = new Map(centres.map((c) => [c.centreId, c]));
      const structure = await GroupingStructure.load(em, {
        groupBy: args.groupBy ?? [], periods: periods.map((p) => p.code), asOf: args.structureAsOf ?? null,
        centreIds: centres.map((c) => c.centreId), placeAtPeriodEnds: true,
      });
      const wholeProvince = !args.unitId && ctx.scope !== 'unit';
      const prefixes = [prefix, ...(wholeProvince ? (ctx.provinceLineage ?? []).map((p) => `/${p}/`) : [])];
      const calendar = await reportCalendar(em as CalendarQueryable, { centres, templates: [template], periodsOf: () => periods, asOf });
      const entries = calendar.filter((e) => {
        const path = structure.unitPathOf(e.centreId, e.period.code, byId.get(e.centreId)!.unitPath);
        return prefixes.some((p) => path.startsWith(p));
      });
      const groups = groupEntries(entries, byId, args.groupBy ?? [], prefixes, structure);
      const areaNames = structure.areaNames;
      const unitIds = [...new Set([...groups.values()].map((g) => g.key.unitId).filter((u): u is string => !!u))];
      const names = new Map<string, string>(
        (await unitRefsOf(em, unitIds)).map((u) => [u.id, u.name]),
      );
      const computedAt = new Date();
      return [...groups.values()].map(({ key, entries: list }) => {
        const tally = tallyReports(list.map((e) => e.classification.class));
        return {
          templateCode: template.code,
          unitId: key.unitId,
          unitName: key.unitId ? names.get(key.unitId) ?? null : null,
          centreType: key.centreType,
          periodCode: key.periodCode,
          centreId: key.centreId,
          ...(args.groupBy?.includes('AREA') ? { areaId: key.areaId, areaName: key.areaId ? areaNames.get(key.areaId) ?? null : null } : {}),
          ...tally,
          accepted: list.filter((e) => e.submission?.status === 'ACCEPTED' && e.classification.class !== 'NOT_EXPECTED').length,
          computedAt,
        };
      });
    });
  }
}

/** The periods of `type` from the start of `from` to the end of `to` (period codes of that type). */
function ratePeriods(type: PeriodType, from: string, to: string): Period[] {
  let first: Period;
  let last: Period;
  try {
    first = periodFromCode(from);
    last = periodFromCode(to);
  } catch {
    throw Errors.badInput('Mã kỳ không hợp lệ', 'Invalid period code', { field: 'periodFrom' });
  }
  const periods = periodsBetween(type, first.start, last.end).filter((p) => p.start >= first.start && p.end <= last.end);
  if (periods.length > MAX_RATE_PERIODS) {
    throw Errors.badInput(`Khoảng kỳ quá dài (tối đa ${MAX_RATE_PERIODS} kỳ)`, `Period range too long (at most ${MAX_RATE_PERIODS} periods)`, { field: 'periodTo' });
  }
  return periods;
}

interface GroupKey {
  unitId: string | null;
  centreType: CentreType | null;
  periodCode: string | null;
  centreId: string | null;
  areaId: string | null;
}

/**
 * One group per combination of the requested dimensions. Without grouping there is always one row (even when
 * nothing is expected), as before; UNIT_LEVEL groups by the child unit of `prefix` that holds the centre.
 */
function groupEntries(
  entries: readonly CalendarEntry[], centres: Map<string, CentreCalendarRecord>, groupBy: readonly GroupByDimension[], prefixes: readonly string[],
  structure: GroupingStructure,
) {
  const groups = new Map<string, { key: GroupKey; entries: CalendarEntry[] }>();
  if (!groupBy.length) groups.set('', { key: { unitId: null, centreType: null, periodCode: null, centreId: null, areaId: null }, entries: [] });
  for (const entry of entries) {
    if (entry.classification.class === 'NOT_EXPECTED') continue;
    const centre = centres.get(entry.centreId)!;
    // The centre's unit on the period's end (or on structureAsOf); its current unit when no history covers it.
    const unitPath = structure.unitPathOf(entry.centreId, entry.period.code, centre.unitPath);
    const prefix = prefixes.find((p) => unitPath.startsWith(p));
    // AREA: areas overlap, so a centre counts in every area holding its commune (null: in none).
    const inAreas = groupBy.includes('AREA') ? structure.areasHolding(entry.period.code, unitPath) : [];
    for (const areaId of inAreas.length ? inAreas : [null]) {
      const key: GroupKey = {
        unitId: groupBy.includes('UNIT_LEVEL') ? (prefix ? unitPath.slice(prefix.length).split('/')[0] || null : null) : null,
        centreType: groupBy.includes('CENTRE_TYPE') ? centre.type : null,
        periodCode: groupBy.includes('PERIOD') ? entry.period.code : null,
        centreId: groupBy.includes('CENTRE') ? entry.centreId : null,
        areaId,
      };
      const id = groupBy.length ? JSON.stringify(key) : '';
      const group = groups.get(id) ?? { key, entries: [] };
      group.entries.push(entry);
      groups.set(id, group);
    }
  }
  return groups;
}
