/**
 * The administrative structure a grouping is made on (issue 12 item 5; docs/adr/0012-two-tier-government.md):
 * by default each period is grouped on the structure valid on its end date — the communes its reports were filed
 * on and the supervisory areas whose membership was in force that day — and, when the caller gives `asOf`, every
 * period is grouped on the structure of that date instead (the dashboards ask for today's communes and areas, so
 * history before the reform falls into today's units).
 *
 * Both are org's: the areas through `supervisoryAreaPaths` (members on the date and every unit they succeeded),
 * a centre's unit on `asOf` through `centresPlacedAtPeriodEnds` (its unit history). Runs in the caller's
 * transaction, so RLS applies to both.
 */
import type { EntityManager } from 'typeorm';
import { periodFromCode, todayInVietnam } from '@gdtx/domain';
import { centresPlacedAtPeriodEnds, supervisoryAreaPaths } from '@gdtx/org';
import type { GroupByDimension } from './analytics.types';

interface AreaPaths {
  areaId: string;
  name: string;
  paths: string[];
}

const ASOF = '@asOf';

export class GroupingStructure {
  private constructor(
    private readonly asOf: string | null,
    /** Areas by the date they are read on (a period's end, or asOf). */
    private readonly areasOn: Map<string, AreaPaths[]>,
    /** Centre's unit path by `centreId|date key` (asOf, or a period code when every period is placed). */
    private readonly placed: Map<string, string>,
    readonly areaNames: Map<string, string>,
  ) {}

  static async load(
    em: EntityManager,
    q: {
      groupBy: readonly GroupByDimension[]; periods: readonly string[]; asOf: string | null; centreIds: readonly string[];
      /**
       * Rows carry no recorded path (the reporting calendar's expected reports): place each centre at each period's
       * end (or on asOf), whatever the grouping, since the caller also decides by it which unit a centre is in.
       */
      placeAtPeriodEnds?: boolean;
    },
  ): Promise<GroupingStructure> {
    const byArea = q.groupBy.includes('AREA');
    const byUnit = q.groupBy.includes('UNIT_LEVEL');
    const areasOn = new Map<string, AreaPaths[]>();
    if (byArea) {
      const dates = q.asOf ? [q.asOf] : [...new Set(q.periods.map(periodEndOf))];
      // Sequential on purpose: one transaction is one connection, which runs one query at a time.
      for (const d of dates) areasOn.set(d, await supervisoryAreaPaths(em, d));
    }
    const placed = new Map<string, string>();
    if (byArea || byUnit || q.placeAtPeriodEnds) {
      const on = q.asOf ? [{ code: ASOF, end: q.asOf }] : q.placeAtPeriodEnds ? q.periods.map((code) => ({ code, end: periodEndOf(code) })) : [];
      for (const p of await centresPlacedAtPeriodEnds(em, q.centreIds, on)) placed.set(`${p.centreId}|${p.periodCode}`, p.unitPath);
    }
    const areaNames = new Map([...areasOn.values()].flat().map((a) => [a.areaId, a.name]));
    return new GroupingStructure(q.asOf, areasOn, placed, areaNames);
  }

  /** The unit path a centre's row of `periodCode` is grouped on: its unit on asOf (or the period's end), else `recordedPath`. */
  unitPathOf(centreId: string, periodCode: string, recordedPath: string): string {
    return this.placed.get(`${centreId}|${this.asOf ? ASOF : periodCode}`) ?? recordedPath;
  }

  /** The areas holding `unitPath` for a row of `periodCode` (on asOf, or on the period's end). */
  areasHolding(periodCode: string, unitPath: string): string[] {
    const areas = this.areasOn.get(this.asOf ?? periodEndOf(periodCode)) ?? [];
    return areas.filter((a) => a.paths.some((p) => unitPath.startsWith(p))).map((a) => a.areaId);
  }
}

/** A period's last day; a code the calendar does not know is grouped on today's structure. */
export function periodEndOf(code: string): string {
  try {
    return periodFromCode(code).end;
  } catch {
    return todayInVietnam();
  }
}
