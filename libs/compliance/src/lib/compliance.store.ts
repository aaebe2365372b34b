/**
 * SQL shared by compliance's services (the split of the former ComplianceService, issue 11 Build 8). What it needs
 * of other contexts (a centre's code and name, a unit's path, a user's name) comes through org's and identity's
 * readers; the finding and case lists join org's views org_centre_ref and org_unit_ref (orgSqlReadModel).
 */
import type { EntityManager } from 'typeorm';
import { isIsoDate, todayInVietnam } from '@gdtx/domain';
import type { IsoDate } from '@gdtx/domain';
import { userNameOf } from '@gdtx/identity';
import { centreRefOf, centreRefsOfProvinces, unitRefOf } from '@gdtx/org';
import { assertUuid, Errors } from '@gdtx/platform';

export const CENTRE = { vi: 'trung tâm', en: 'Centre' };
export const FINDING = { vi: 'vấn đề tuân thủ', en: 'Finding' };
export const INSPECTION = { vi: 'cuộc kiểm tra', en: 'Inspection' };
export const CASE = { vi: 'vụ việc', en: 'Case' };
export const UNIT = { vi: 'đơn vị hành chính', en: 'Administrative unit' };

/** Findings with their centre's code and name (`f` and `c`; a filter may name `c.unit_path`). */
export const FINDING_FROM = `finding f JOIN org_centre_ref c ON c.id = f.centre_id`;
export const FINDING_COLUMNS = `f.id, f.centre_id AS "centreId", c.code AS "centreCode", c.name AS "centreName", f.rule_code AS "ruleCode",
  f.subject_key AS "subjectKey", f.severity, f.status, f.title_vi AS "titleVi", f.title_en AS "titleEn", f.legal_basis_vi AS "legalBasisVi", f.evidence,
  to_char(f.found_on,'YYYY-MM-DD') AS "foundOn", to_char(f.resolved_on,'YYYY-MM-DD') AS "resolvedOn",
  to_char(f.opened_on,'YYYY-MM-DD') AS "openedOn", to_char(f.closed_on,'YYYY-MM-DD') AS "closedOn", f.resolution,
  f.resolution_note AS "resolutionNote"`;
export const SEVERITY_ORDER = `CASE f.severity WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END`;
/** Open on the date $n: its condition held by then (opened_on) and had not stopped by then (closed_on). */
export const openOn = (n: number) => `f.opened_on <= $${n}::date AND (f.closed_on IS NULL OR f.closed_on > $${n}::date)`;

/** Unlicensed-operator cases with their unit's name (`k` and `u`); `$1` is today, for the days a case is open. */
export const CASE_FROM = `unlicensed_operator_case k JOIN org_unit_ref u ON u.id = k.unit_id`;
export const CASE_COLUMNS = `k.id, k.unit_id AS "unitId", u.name AS "unitName", k.operator_name AS "operatorName", k.address, k.activity_vi AS "activityVi",
  to_char(k.found_on,'YYYY-MM-DD') AS "foundOn", k.status, k.status_note AS "statusNote", k.fine_vnd::int AS "fineVnd",
  to_char(k.closed_on,'YYYY-MM-DD') AS "closedOn", (coalesce(k.closed_on, $1::date) - k.found_on) AS "daysOpen",
  k.reported_by_name AS "reportedByName", k.version`;

/** The date asked about, or today in Vietnam (the one clock); a malformed date is BAD_USER_INPUT. */
export function asOfOrToday(asOf?: string | null): IsoDate {
  if (asOf == null || asOf === '') return todayInVietnam();
  if (!isIsoDate(asOf)) throw Errors.badInput('Ngày không hợp lệ (YYYY-MM-DD)', 'Invalid date (YYYY-MM-DD)', { field: 'asOf' });
  return asOf;
}

/** A centre the caller can see, or NOT_FOUND. */
export async function centreRef(em: EntityManager, centreId: string): Promise<{ id: string; provinceId: string; code: string; name: string }> {
  const centre = await centreRefOf(em, assertUuid(centreId, 'centreId'));
  if (!centre) throw Errors.notFound(CENTRE, centreId);
  return { id: centre.id, provinceId: centre.provinceId, code: centre.code, name: centre.name };
}

/** Every centre of a province (or of every province), in a stable order: what the nightly evaluation walks. */
export async function centresOf(em: EntityManager, provinceId: string | null): Promise<{ id: string; provinceId: string }[]> {
  return (await centreRefsOfProvinces(em, provinceId === null ? null : [provinceId])).map((c) => ({ id: c.id, provinceId: c.provinceId }));
}

/** An administrative unit the caller can see, or NOT_FOUND. */
export async function unitRef(em: EntityManager, unitId: string): Promise<{ id: string; provinceId: string; path: string }> {
  const unit = await unitRefOf(em, assertUuid(unitId, 'unitId'));
  if (!unit) throw Errors.notFound(UNIT, unitId);
  return { id: unit.id, provinceId: unit.provinceId, path: unit.path };
}

/** The full name of the acting user (kept on the record, so it reads the same after the account changes). */
export async function userName(em: EntityManager, userId: string | null): Promise<string | null> {
  return (await userNameOf(em, userId))?.fullName ?? null;
}
