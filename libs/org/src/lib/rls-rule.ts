/**
 * The RLS rule: who may see and change which tenant rows. It has one owner (org, which owns the centres and
 * units it is stated over) and one place, the SQL functions of migration 1733001000000-the-rls-rule. Every
 * policy of every context calls them through these predicates, written over the row's own columns, so a change
 * of the rule (a merged province's lineage, separate roles for requests and jobs) is a change of those
 * functions only. Platform keeps the session context (app_scope(), app_province_id(), app_centre_id(),
 * app_unit_path(), app_user_id()) and policy helpers that take one of these predicates.
 *
 * The functions are STABLE LANGUAGE sql bodies without a sub-SELECT, so the planner inlines them into each
 * policy. The one lookup, the centres a unit-scope user sees (for rows that carry a centre id but no unit path),
 * is passed in as `(SELECT app_unit_centre_ids())`: an InitPlan, run at most once per statement and only when
 * the scope is 'unit' (an inlined function cannot hold a sub-SELECT, and a function called per row would run
 * one query per row).
 *
 * Measured (docs/adr/0011-the-rls-rule.md): passing the session itself as an InitPlan argument keeps PostgreSQL
 * from inlining a function that uses it more than once (a sub-query argument used twice blocks inlining), and a
 * function called per row costs more than the current_setting() calls of the inlined form.
 */
export const RlsRule = {
  /** Rows of a province: readable by its users (every scope of the province) and by system jobs. */
  seesProvince: 'app_sees_province(province_id)',
  /** Shipped national rows (province_id NULL) plus the caller's province. */
  seesNationalOrProvince: 'province_id IS NULL OR app_sees_province(province_id)',
  /**
   * Any write of a row of the session's own province (or by a system job without a province): never a row of a
   * province of the session's lineage (ADR 0015). Stated as a restrictive write policy (platform's restrictWrites)
   * on the tables whose one policy reads and writes with a sees-predicate (submissions, cases, notifications).
   */
  writesOwnProvince: 'app_writes_province(province_id)',
  /** The Sở (province scope) of the row's province, or a system job: writes of province data, Sở-only reads. */
  actsForProvince: 'app_acts_for_province(province_id)',
  /** Rows that belong to a centre (province_id, centre_id): the centre itself, its supervisors, its Sở. */
  seesCentre: 'app_sees_centre(province_id, centre_id, (SELECT app_unit_centre_ids()))',
  /** Rows placed in the unit tree by their own path (fact_value, unlicensed_operator_case). */
  seesUnitPath: 'app_sees_placed(province_id, NULL, unit_path, NULL)',
  /** Rows placed in the unit tree that also belong to a centre (fact_value: its centre sees its own facts). */
  seesCentreAtPath: 'app_sees_placed(province_id, centre_id, unit_path, NULL)',
  /** The centre registry itself: by id, its own unit's path or its supervising unit's path. */
  seesCentreRecord: 'app_sees_placed(province_id, id, unit_path, supervising_unit_path)',
  /** Rows of a user (notifications): the user, in a province they may see, or a system job. */
  seesOwnUserRow: `app_sees_province(province_id) AND (app_scope() = 'system' OR user_id = app_user_id())`,
  /** The user registry: the Sở sees its province's users, everyone sees themself. */
  seesUserRecord: `app_sees_province(province_id) AND (app_scope() IN ('system', 'province') OR id = app_user_id())`,
  /** Only system jobs, of any province (superseded for province rows by systemForProvince; kept for old migrations). */
  systemOnly: `(SELECT app_scope()) = 'system'`,
  /**
   * Only system jobs, and only for a province they may see: a job scoped to its province (issue 13, Build 5) writes
   * that province's derived rows (fact_value, user_totp) and no other's; a job with no province, all of them.
   */
  systemForProvince: `(SELECT app_scope()) = 'system' AND app_sees_province(province_id)`,
  /**
   * Only system jobs, writing their own province only (or every province with no province): like systemForProvince,
   * but a lineage never widens it — a system job of a merged province reads its predecessors' rows (ADR 0015 §2b)
   * and writes none of them (fact_value, user_totp; migrations 1733024000100 / 1733024000200).
   */
  systemWritesOwnProvince: `(SELECT app_scope()) = 'system' AND app_writes_province(province_id)`,
} as const;

export type RlsPredicate = (typeof RlsRule)[keyof typeof RlsRule];
