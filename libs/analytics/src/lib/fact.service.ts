import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertUuid, TenantContext, TenantDb } from '@gdtx/platform';
import { RollupService } from './rollup.service';
import type { RollupTouch } from './rollup.service';

/**
 * Flattens accepted submissions into fact rows. Reads reporting's and org's SQL read models only
 * (reporting_accepted_submission, org_centre_ref, org_centre_unit_span: views the planner inlines). Both paths — the incremental refresh of one submission and the
 * full rebuild — use the same SELECT, so the nightly rebuild produces exactly the rows the increments left.
 * Idempotent: a refresh deletes the submission's rows and re-inserts what its current state implies.
 */
/**
 * The per-submission attributes are computed once per submission (a MATERIALIZED CTE), not once per value:
 * the school year string and the unit path as of the period's end would otherwise be rebuilt for every one of
 * millions of rows. `filter` narrows the submissions (one submission, or one province).
 */
function factSelect(filter: string): string {
  return `
  WITH subs AS MATERIALIZED (
    SELECT extract(year FROM s.end_date)::int AS year, s.province_id, s.centre_id, s.id, c.type, c.ownership,
           coalesce(up.unit_path, c.unit_path) AS unit_path, s.template_code, s.period_code, s.period_type,
           s.start_date, s.end_date,
           CASE WHEN extract(month FROM s.start_date) >= 9
                THEN extract(year FROM s.start_date)::int || '-' || (extract(year FROM s.start_date)::int + 1)
                ELSE (extract(year FROM s.start_date)::int - 1) || '-' || extract(year FROM s.start_date)::int END AS school_year,
           s."values" AS vals
    FROM reporting_accepted_submission s
    JOIN org_centre_ref c ON c.id = s.centre_id
    -- The centre's unit as of the period's end (history survives reorganisations).
    LEFT JOIN LATERAL (
      SELECT h.unit_path FROM org_centre_unit_span h
      WHERE h.centre_id = c.id AND h.valid_from <= s.end_date AND (h.valid_to IS NULL OR h.valid_to >= s.end_date)
      ORDER BY h.valid_from DESC LIMIT 1
    ) up ON true
    WHERE ${filter}
  )
  SELECT subs.year, subs.province_id, subs.centre_id, subs.id, subs.type, subs.ownership, subs.unit_path, subs.template_code,
         subs.period_code, subs.period_type, subs.start_date, subs.end_date, subs.school_year, kv.key, kv.value::numeric, $1::timestamptz
  FROM subs CROSS JOIN LATERAL jsonb_each(subs.vals) kv
  WHERE jsonb_typeof(kv.value) = 'number'`;
}

/**
 * Values under a numeric key of the report's template version (a numeric field, or a cell of a grid: grids
 * are numeric) that are not JSON numbers. The fact SELECT keeps numbers only, so such a value would vanish
 * from every indicator while the rest of its report counts (issue 11, defect 1). The write boundary's parser
 * (libs/domain value-parser.ts) refuses them at save, submit and accept; this is the flattening side's
 * assertion that nothing got past it (an old row, a console session): flattening fails instead of dropping.
 * The values come from reporting's view reporting_accepted_non_numeric_value (reportingSqlReadModel).
 */
function unflattenableSelect(filter: string): string {
  return `
  SELECT n.submission_id AS "submissionId", n.template_code AS "templateCode", n.key, n.value
  FROM reporting_accepted_non_numeric_value n
  WHERE ${filter}
  ORDER BY 1, 3 LIMIT 20`;
}

export interface UnflattenableValue {
  submissionId: string;
  templateCode: string;
  key: string;
  /** The stored JSON, e.g. '"1100"'. */
  value: string;
}

/** An accepted report holds a value that cannot become a fact: flattening stops rather than drop it. */
export class UnflattenableValuesError extends Error {
  constructor(readonly values: UnflattenableValue[]) {
    super(
      `accepted values that are not numbers under numeric keys (not flattened, nothing written): ${values
        .map((v) => `${v.templateCode} ${v.submissionId} ${v.key}=${v.value}`)
        .join('; ')}`,
    );
    this.name = 'UnflattenableValuesError';
  }
}

type Query = (sql: string, params: unknown[]) => Promise<unknown[]>;

async function assertFlattenable(query: Query, filter: string, param: string): Promise<void> {
  const bad = (await query(unflattenableSelect(filter), [param])) as UnflattenableValue[];
  if (bad.length) throw new UnflattenableValuesError(bad);
}

const FACT_COLUMNS = `(year, province_id, centre_id, submission_id, centre_type, ownership, unit_path, template_code, period_code,
  period_type, period_start, period_end, school_year, value_key, value, computed_at)`;

/** An accepted submission whose fact rows do not say what it says, or fact rows of one that is no longer accepted. */
export interface FactDrift {
  submissionId: string;
  provinceId: string;
  /** Numeric values of the accepted submission (0 when it is not accepted). */
  expectedRows: number;
  actualRows: number;
}

/**
 * The consistency check of the fact table against the accepted submissions (issue 13): per submission, the number
 * of numeric values and their sum against the fact rows' count and sum. A lost `submission.accepted>analytics`
 * job leaves an accepted report without facts; a lost `submission.reopened>analytics` one leaves facts of a report
 * that no longer counts. `filter` narrows the submissions, e.g. to one province.
 */
const DRIFT_SELECT = `
  WITH expected AS (
    SELECT s.id, s.province_id, count(kv.key)::int AS n, coalesce(sum((kv.value #>> '{}')::numeric), 0) AS total
      FROM reporting_accepted_submission s
      LEFT JOIN LATERAL jsonb_each(s."values") kv ON jsonb_typeof(kv.value) = 'number'
     WHERE ($1::uuid IS NULL OR s.province_id = $1)
     GROUP BY s.id, s.province_id),
  actual AS (
    SELECT f.submission_id AS id, f.province_id, count(*)::int AS n, sum(f.value) AS total
      FROM fact_value f WHERE ($1::uuid IS NULL OR f.province_id = $1)
     GROUP BY f.submission_id, f.province_id)
  SELECT coalesce(e.id, a.id) AS "submissionId", coalesce(e.province_id, a.province_id) AS "provinceId",
         coalesce(e.n, 0) AS "expectedRows", coalesce(a.n, 0) AS "actualRows"
    FROM expected e FULL JOIN actual a ON a.id = e.id
   WHERE coalesce(e.n, 0) <> coalesce(a.n, 0) OR coalesce(e.total, 0) <> coalesce(a.total, 0)
   ORDER BY 2, 1
   LIMIT $2`;

@Injectable()
export class FactService {
  constructor(
    private readonly db: TenantDb,
    private readonly rollups: RollupService,
  ) {}

  /**
   * Incremental: after a submission is accepted or reopened. Returns the number of fact rows it now has. The
   * rollups of the periods its facts were and are in are recomputed in the same transaction (docs/adr/0020-rollups.md).
   */
  async refreshSubmission(ctx: TenantContext, submissionId: string): Promise<number> {
    assertUuid(submissionId, 'submissionId');
    return this.db.run(ctx, async (em) => {
      // Serialise refreshes of the same submission (a retried job racing its original).
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [submissionId]);
      await assertFlattenable((sql, params) => em.query(sql, params), 'n.submission_id = $1', submissionId);
      // TypeORM answers a DELETE … RETURNING with [rows, affected count].
      const [before]: [RollupTouch[], number] = await em.query(
        `DELETE FROM fact_value WHERE submission_id = $1 RETURNING province_id AS "provinceId", template_code AS "templateCode", period_code AS "periodCode"`,
        [submissionId],
      );
      const inserted: RollupTouch[] = await em.query(
        `INSERT INTO fact_value ${FACT_COLUMNS} ${factSelect('s.id = $2')} RETURNING province_id AS "provinceId", template_code AS "templateCode", period_code AS "periodCode"`,
        [new Date(), submissionId],
      );
      await this.rollups.refreshTouched(em, [...before, ...inserted]);
      return inserted.length;
    });
  }

  /** Nightly: rebuilds every fact row of one province (or all, under system scope with provinceId null). */
  async rebuild(
    ctx: TenantContext, provinceId: string | null, onProgress?: (p: number) => Promise<void> | void,
    /** The rollups after the facts (the nightly job); false: the facts only (a check of the fact table alone). */
    opts: { rollups?: boolean } = {},
  ): Promise<number> {
    return this.db.run(ctx, async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(727010)`);
      const provinces: string[] = provinceId
        ? [provinceId]
        : (await em.query(`SELECT DISTINCT province_id FROM reporting_accepted_submission`)).map((r: { province_id: string }) => r.province_id);
      let total = 0;
      for (let i = 0; i < provinces.length; i++) {
        total += await this.rebuildProvince(em, provinces[i]);
        if (opts.rollups !== false) await this.rollups.rebuildProvinceIn(em, provinces[i], null);
        await onProgress?.(Math.round(((i + 1) / provinces.length) * 100));
      }
      return total;
    });
  }

  /**
   * Submissions whose facts disagree with them (see DRIFT_SELECT), in one province or all (system scope, null).
   * At most `limit`: the check repairs in batches.
   */
  async findDrift(ctx: TenantContext, provinceId: string | null, limit = 500): Promise<FactDrift[]> {
    return this.db.run(ctx, (em) => em.query(DRIFT_SELECT, [provinceId, limit]));
  }

  /**
   * Finds the drift and repairs each submission with the incremental refresh (the same rows the events would
   * have left). Returns what was repaired and what still disagrees after its repair (e.g. a value flattening
   * refuses), so the caller can tell the operators.
   */
  async checkAndRepair(ctx: TenantContext, provinceId: string | null): Promise<{ repaired: FactDrift[]; unrepaired: FactDrift[] }> {
    const drift = await this.findDrift(ctx, provinceId);
    const repaired: FactDrift[] = [];
    const unrepaired: FactDrift[] = [];
    for (const d of drift) {
      try {
        // In the caller's own scope: a global check repairs globally. Narrowed to the report's province, a report of
        // a province absorbed by a merger would not see its centre, which moved to the survivor (ADR 0015), and its
        // facts could never be rebuilt (found by background-jobs.e2e-spec.ts on a demo where it picked Bắc Giang's).
        await this.refreshSubmission(ctx, d.submissionId);
      } catch {
        unrepaired.push(d);
        continue;
      }
      repaired.push(d);
    }
    if (repaired.length) {
      const still = new Set((await this.findDrift(ctx, provinceId)).map((d) => d.submissionId));
      for (let i = repaired.length - 1; i >= 0; i--) {
        if (still.has(repaired[i].submissionId)) unrepaired.push(...repaired.splice(i, 1));
      }
    }
    return { repaired, unrepaired };
  }

  private rebuildProvince(em: EntityManager, provinceId: string): Promise<number> {
    return rebuildProvinceFacts((sql, params) => em.query(sql, params), provinceId);
  }

}

/**
 * The rebuild of one province on any connection (the seed runs it on the owner connection). The caller
 * provides the transaction and, for the app role, the system scope.
 */
export async function rebuildProvinceFacts(query: (sql: string, params: unknown[]) => Promise<{ n: number }[]>, provinceId: string): Promise<number> {
  await assertFlattenable(query, 'n.province_id = $1', provinceId);
  await query(`DELETE FROM fact_value WHERE province_id = $1`, [provinceId]);
  const [{ n }] = await query(
    `WITH ins AS (INSERT INTO fact_value ${FACT_COLUMNS} ${factSelect('s.province_id = $2')} RETURNING 1) SELECT count(*)::int AS n FROM ins`,
    [new Date(), provinceId],
  );
  return n;
}
