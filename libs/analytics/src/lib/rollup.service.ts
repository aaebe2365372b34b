import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentReportingPeriods, nextPeriod, periodContaining, periodFromCode, todayInVietnam } from '@gdtx/domain';
import type { PeriodType } from '@gdtx/domain';
import { TenantContext, TenantDb } from '@gdtx/platform';
import { ReportingReader } from '@gdtx/reporting';
import { loadCurrentDefinitions, readyDefinitions } from './indicator-definition.service';
import type { ReadyDefinition } from './indicator-definition.service';
import { IndicatorService } from './indicator.service';
import { cellsOf } from './rollup-cells';
import type { RollupCell } from './rollup-cells';

/** Periods evaluated per pass of a full build: bounds the memory one pass holds (reports × keys). */
const PERIODS_PER_PASS = 4;

/** A submission's place in the rollups: its province, template and period (from its fact rows, before and after). */
export interface RollupTouch {
  provinceId: string;
  templateCode: string;
  periodCode: string;
}

/**
 * Maintains indicator_rollup (docs/adr/0020-rollups.md): the cells of an (indicator, period) are recomputed whole,
 * from the per-centre values IndicatorService computes from the facts (the one rule), and replace the old ones in
 * the caller's transaction: idempotent, and serialised per (province, period) so two refreshes of one period never
 * leave the cells of the one that saw fewer facts. Every writer runs under system scope (RLS: systemWritesOwnProvince).
 */
@Injectable()
export class RollupService {
  constructor(
    private readonly db: TenantDb,
    private readonly indicators: IndicatorService,
  ) {}

  /**
   * After a submission's facts changed (accepted, reopened, repaired): the periods it touched and each next period
   * (whose prev() denominators and like-for-like figures read it), for the indicators of its template.
   */
  async refreshTouched(em: EntityManager, touched: readonly RollupTouch[]): Promise<number> {
    let rows = 0;
    const seen = new Set<string>();
    for (const t of touched) {
      const key = `${t.provinceId}|${t.templateCode}|${t.periodCode}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const periods = [t.periodCode];
      try {
        periods.push(nextPeriod(t.periodCode).code);
      } catch {
        // Not a calendar period code: no next period reads it.
      }
      rows += await this.refreshIn(em, t.provinceId, periods, { templateCode: t.templateCode });
    }
    return rows;
  }

  /** The rollups of one province rebuilt from the facts: every indicator, every period from its first fact to today's. */
  rebuildProvince(ctx: TenantContext, provinceId: string, onProgress?: (p: number) => Promise<void> | void): Promise<number> {
    return this.db.run(ctx, (em) => this.rebuildProvinceIn(em, provinceId, null, onProgress));
  }

  /** One indicator's rollups of one province rebuilt (its definition changed). */
  rebuildIndicator(ctx: TenantContext, provinceId: string, code: string, onProgress?: (p: number) => Promise<void> | void): Promise<number> {
    return this.db.run(ctx, (em) => this.rebuildProvinceIn(em, provinceId, [code], onProgress));
  }

  /**
   * What changes with the date alone (a period becomes due, a future-dated status change takes effect): the
   * current periods of every period type (libs/domain currentReportingPeriods) and each one's next, recomputed.
   */
  refreshCurrentPeriods(ctx: TenantContext, provinceId: string, today = todayInVietnam()): Promise<number> {
    return this.db.run(ctx, async (em) => {
      const defs = await this.definitions(em, provinceId, null);
      const types = await this.periodTypesOf(em, defs);
      const periods = [...new Set([...types].flatMap((t) => currentReportingPeriods(t, today).flatMap((p) => [p.code, nextPeriod(p).code])))];
      return this.refreshIn(em, provinceId, periods, { defs });
    });
  }

  /** The provinces whose facts or rollups exist (the nightly and daily jobs walk them). */
  async provinces(ctx: TenantContext): Promise<string[]> {
    return this.db.run(ctx, async (em) =>
      (await em.query(`SELECT DISTINCT province_id FROM fact_value UNION SELECT DISTINCT province_id FROM indicator_rollup_period`)).map(
        (r: { province_id: string }) => r.province_id,
      ),
    );
  }

  async rebuildProvinceIn(em: EntityManager, provinceId: string, codes: string[] | null, onProgress?: (p: number) => Promise<void> | void): Promise<number> {
    const defs = await this.definitions(em, provinceId, codes);
    if (codes === null) {
      // Indicators no longer defined keep no rows.
      await em.query(`DELETE FROM indicator_rollup WHERE province_id = $1 AND NOT (indicator_code = ANY($2))`, [provinceId, defs.map((d) => d.code)]);
      await em.query(`DELETE FROM indicator_rollup_period WHERE province_id = $1 AND NOT (indicator_code = ANY($2))`, [provinceId, defs.map((d) => d.code)]);
    }
    const [{ first }]: { first: string | null }[] = await em.query(
      `SELECT to_char(min(period_start), 'YYYY-MM-DD') AS first FROM fact_value WHERE province_id = $1`,
      [provinceId],
    );
    const today = todayInVietnam();
    const periods: string[] = [];
    for (const type of await this.periodTypesOf(em, defs)) {
      const running = periodContaining(type, today);
      // From the first reported period (or the ones the landing page shows) up to the running one.
      const from = first && first < currentReportingPeriods(type, today)[0].start ? first : currentReportingPeriods(type, today)[0].start;
      periods.push(...(await ReportingReader.periodCodesWithin(em, type, from, running.end)));
    }
    let rows = 0;
    for (let i = 0; i < periods.length; i += PERIODS_PER_PASS) {
      rows += await this.refreshIn(em, provinceId, periods.slice(i, i + PERIODS_PER_PASS), { defs });
      await onProgress?.(Math.round((Math.min(i + PERIODS_PER_PASS, periods.length) / Math.max(periods.length, 1)) * 100));
    }
    return rows;
  }

  /**
   * Recomputes the cells of `periods` for the province's indicators (those reading `templateCode`, or `defs`):
   * the per-centre values of these periods and their previous ones, summed into cells, written in place of the old.
   */
  async refreshIn(em: EntityManager, provinceId: string, periods: string[], which: { templateCode?: string; defs?: ReadyDefinition[] }): Promise<number> {
    const defs = (which.defs ?? (await this.definitions(em, provinceId, null))).filter((d) => !which.templateCode || d.templateCodes.includes(which.templateCode));
    const valid = [...new Set(periods)].filter(isCalendarPeriod).sort();
    if (!defs.length || !valid.length) return 0;
    // Serialise writers of a period: each computes after the other's commit, so the last one has seen both's facts.
    for (const p of valid) await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`indicator_rollup|${provinceId}|${p}`]);
    const previousOf = new Map<string, string>();
    for (const p of valid) {
      const prev = await ReportingReader.previousPeriodCode(em, p);
      if (prev) previousOf.set(p, prev);
    }
    const evaluated = [...new Set([...valid, ...previousOf.values()])];
    const values = await this.indicators.centreValues(em, defs, evaluated, provinceId);
    const cells: RollupCell[] = defs.flatMap((d) => cellsOf(d.code, d.formula.denominatorNode !== null, values, valid, previousOf));
    const codes = defs.map((d) => d.code);
    await em.query(`DELETE FROM indicator_rollup WHERE province_id = $1 AND indicator_code = ANY($2) AND period_code = ANY($3)`, [provinceId, codes, valid]);
    const version = new Map(defs.map((d) => [d.code, d.version]));
    for (let i = 0; i < cells.length; i += 2000) {
      const batch = cells.slice(i, i + 2000).map((c) => {
        const period = periodFromCode(c.periodCode);
        return {
          province_id: provinceId, indicator_code: c.indicatorCode, definition_version: version.get(c.indicatorCode), period_code: c.periodCode,
          period_type: period.type, year: Number(period.end.slice(0, 4)), unit_path: c.unitPath, centre_type: c.centreType, ownership: c.ownership,
          report_rows: c.reportRows, numerator: c.numerator, denominator: c.denominator, reporting_centres: c.reportingCentres,
          expected_centres: c.expectedCentres, computed_at: c.computedAt, lfl_centres: c.lflCentres, lfl_numerator: c.lflNumerator,
          lfl_denominator: c.lflDenominator, lfl_previous_numerator: c.lflPreviousNumerator, lfl_previous_denominator: c.lflPreviousDenominator,
          lfl_computed_at: c.lflComputedAt,
        };
      });
      await em.query(
        `INSERT INTO indicator_rollup (province_id, indicator_code, definition_version, period_code, period_type, year, unit_path, centre_type, ownership,
           report_rows, numerator, denominator, reporting_centres, expected_centres, computed_at, lfl_centres, lfl_numerator, lfl_denominator,
           lfl_previous_numerator, lfl_previous_denominator, lfl_computed_at)
         SELECT province_id, indicator_code, definition_version, period_code, period_type, year, unit_path, centre_type, ownership,
           report_rows, numerator, denominator, reporting_centres, expected_centres, computed_at, lfl_centres, lfl_numerator, lfl_denominator,
           lfl_previous_numerator, lfl_previous_denominator, lfl_computed_at
         FROM jsonb_to_recordset($1::jsonb) AS x(province_id uuid, indicator_code text, definition_version int, period_code text, period_type text,
           year int, unit_path text, centre_type text, ownership text, report_rows int, numerator float8, denominator float8, reporting_centres int,
           expected_centres int, computed_at timestamptz, lfl_centres int, lfl_numerator float8, lfl_denominator float8, lfl_previous_numerator float8,
           lfl_previous_denominator float8, lfl_computed_at timestamptz)`,
        [JSON.stringify(batch)],
      );
    }
    // The (indicator, period) pairs now complete for this definition version: what the read side checks.
    await em.query(
      `INSERT INTO indicator_rollup_period (province_id, indicator_code, period_code, definition_id, definition_version, refreshed_at)
       SELECT $1, d.code, p.code, d.id, d.version, now()
       FROM jsonb_to_recordset($2::jsonb) AS d(code text, id uuid, version int) CROSS JOIN unnest($3::text[]) AS p(code)
       ON CONFLICT (province_id, indicator_code, period_code)
       DO UPDATE SET definition_id = EXCLUDED.definition_id, definition_version = EXCLUDED.definition_version, refreshed_at = EXCLUDED.refreshed_at`,
      [provinceId, JSON.stringify(defs.map((d) => ({ code: d.code, id: d.id, version: d.version }))), valid],
    );
    return cells.length;
  }

  private async definitions(em: EntityManager, provinceId: string, codes: string[] | null): Promise<ReadyDefinition[]> {
    return readyDefinitions(em, await loadCurrentDefinitions(em, provinceId, codes));
  }

  private async periodTypesOf(em: EntityManager, defs: ReadyDefinition[]): Promise<Set<PeriodType>> {
    const types = new Set<PeriodType>();
    for (const code of new Set(defs.flatMap((d) => d.templateCodes))) {
      const t = await ReportingReader.calendarTemplate(em, code);
      if (t) types.add(t.periodType);
    }
    return types;
  }
}

function isCalendarPeriod(code: string): boolean {
  try {
    periodFromCode(code);
    return true;
  } catch {
    return false;
  }
}
