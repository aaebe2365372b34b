import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS, foldVietnamese, groupBy, isIsoDate, todayInVietnam } from '@gdtx/domain';
import { assertUuid, audit, decodePage, enqueueOutbox, Errors, PageArgs, TenantContext, TenantDb, toConnection } from '@gdtx/platform';
import type {
  AdministrativeUnit, Centre, CentreComplianceFilter, CentreCounts, CentreFilter, CentreStatusChange, ChangeCentreStatusInput, CreateCentreInput,
  LicenceRecord, LicenceStatus, RecordLicenceInput, SetMinistryCodeInput, UpdateCentreInput,
} from './org.types';
import { centreStateCountsOn, unitPathOf } from './org.readers';
import { ministryCodes, type MinistryCodeRow } from './readers/registry.reader';
import { recordCentreStatusDecision } from './centre-status-change';

const CENTRE = { vi: 'trung tâm', en: 'Centre' };
const UNIT = { vi: 'đơn vị hành chính', en: 'Administrative unit' };

/**
 * The centres with their status and licence status on the date bound as $1, from the histories (a future-dated
 * change is not in force before its date). Before a centre's first status record, the registry's own status.
 */
const CENTRE_FROM = `centre c
  JOIN org_licence_statuses_on($1::date, ${DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS}) ls ON ls.centre_id = c.id
  LEFT JOIN org_centre_statuses_on($1::date) st ON st.centre_id = c.id`;
const STATUS_ON_DATE = `coalesce(st.status, c.status)`;
const CENTRE_COLUMNS = `c.id, c.province_id AS "provinceId", c.code, c.name, c.type, c.ownership, ${STATUS_ON_DATE} AS status,
  to_char(coalesce(st.status_since, c.status_since), 'YYYY-MM-DD') AS "statusSince", to_char(c.established_on, 'YYYY-MM-DD') AS "establishedOn",
  c.address, c.phone, c.email, c.admin_unit_id AS "adminUnitId", c.supervising_unit_id AS "supervisingUnitId",
  c.version, ls.licence_status AS "licenceStatus"`;

/**
 * Open findings of the centre as semi-joins (one statement, no per-centre query) over compliance's declared view
 * compliance_open_finding (security_invoker: finding's own RLS policy applies). Severity split as libs/compliance
 * complianceStatusOf.
 */
const OPEN_FINDING = `SELECT 1 FROM compliance_open_finding f WHERE f.centre_id = c.id`;
const OPEN_SERIOUS_FINDING = `${OPEN_FINDING} AND f.severity IN ('HIGH', 'CRITICAL')`;
const COMPLIANCE_PREDICATE: Record<CentreComplianceFilter, string> = {
  HAS_OPEN_FINDINGS: `EXISTS (${OPEN_FINDING})`,
  NON_COMPLIANT: `EXISTS (${OPEN_SERIOUS_FINDING})`,
  AT_RISK: `EXISTS (${OPEN_FINDING}) AND NOT EXISTS (${OPEN_SERIOUS_FINDING})`,
  COMPLIANT: `NOT EXISTS (${OPEN_FINDING})`,
};

/**
 * The centre registry and administrative units. Every method takes the tenant context first; what a caller
 * may see is decided by PostgreSQL row-level security, so a centre outside the scope is simply "not found".
 */
@Injectable()
export class OrgService {
  constructor(private readonly db: TenantDb) {}

  listUnits(ctx: TenantContext, args: { asOf?: string | null; parentId?: string | null }): Promise<AdministrativeUnit[]> {
    const asOf = args.asOf ?? todayInVietnam();
    if (args.parentId) assertUuid(args.parentId, 'parentId');
    return this.db.run(ctx, async (em) => {
      const params: unknown[] = [asOf];
      let where = `u.valid_from <= $1::date AND (u.valid_to IS NULL OR u.valid_to >= $1::date)`;
      if (args.parentId) {
        params.push(args.parentId);
        where += ` AND u.parent_id = $2`;
      }
      return em.query(
        `SELECT u.id, u.parent_id AS "parentId", u.level, u.code, u.name,
                to_char(u.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(u.valid_to, 'YYYY-MM-DD') AS "validTo",
                coalesce((SELECT array_agg(s.successor_id::text) FROM unit_successor s WHERE s.predecessor_id = u.id), '{}') AS "successorIds",
                coalesce((SELECT array_agg(s.predecessor_id::text) FROM unit_successor s WHERE s.successor_id = u.id), '{}') AS "predecessorIds"
         FROM administrative_unit u WHERE ${where}
         ORDER BY u.level, u.name`,
        params,
      );
    });
  }

  async unitsByIds(ctx: TenantContext, ids: readonly string[]): Promise<Map<string, AdministrativeUnit>> {
    const rows: AdministrativeUnit[] = await this.db.run(ctx, (em) =>
      em.query(
        `SELECT u.id, u.parent_id AS "parentId", u.level, u.code, u.name,
                to_char(u.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(u.valid_to, 'YYYY-MM-DD') AS "validTo",
                '{}'::text[] AS "successorIds", '{}'::text[] AS "predecessorIds"
         FROM administrative_unit u WHERE u.id = ANY($1::uuid[])`,
        [ids],
      ),
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Centres of each unit's subtree (located or supervised there), counted as the centre list's `unitId` filter
   * counts them: one query for every unit of a page (the units page asked once per row before, issue 16).
   */
  async centreCountsOfUnits(ctx: TenantContext, ids: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; n: number }[] = await this.db.run(ctx, (em) =>
      em.query(
        `SELECT u.id, (SELECT count(*)::int FROM centre c WHERE c.unit_path LIKE u.path || '%' OR c.supervising_unit_path LIKE u.path || '%') AS n
         FROM administrative_unit u WHERE u.id = ANY($1::uuid[])`,
        [ids],
      ),
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /**
   * The registry's counts in one pass (the Sở dashboard's tiles and charts): org's centreStateCountsOn, the states the
   * centre list filters by, over the centres row-level security lets the caller see.
   */
  async centreCounts(ctx: TenantContext, asOf?: string | null): Promise<CentreCounts> {
    const on = asOf ? assertIsoDateArg(asOf, 'asOf') : todayInVietnam();
    return this.db.run(ctx, async (em) => {
      const { byType, byStatus, byLicence } = await centreStateCountsOn(em, on);
      return { asOf: on, total: byType.reduce((n, r) => n + r.count, 0), byType, byStatus, byLicenceStatus: byLicence };
    });
  }

  async listCentres(ctx: TenantContext, filter: CentreFilter = {}, page: PageArgs = {}) {
    const { limit, offset } = decodePage(page);
    return this.db.run(ctx, async (em) => {
      const params: unknown[] = [filter.asOf ? assertIsoDateArg(filter.asOf, 'asOf') : todayInVietnam()];
      const where: string[] = [];
      if (filter.type) where.push(`c.type = $${params.push(filter.type)}`);
      if (filter.status) where.push(`${STATUS_ON_DATE} = $${params.push(filter.status)}`);
      if (filter.unitId) {
        const path = await unitPathOf(em, filter.unitId);
        const p = params.push(path);
        where.push(`(c.unit_path LIKE $${p} || '%' OR c.supervising_unit_path LIKE $${p} || '%')`);
      }
      if (filter.licenceStatus) where.push(`ls.licence_status = $${params.push(filter.licenceStatus)}`);
      if (filter.compliance) where.push(COMPLIANCE_PREDICATE[filter.compliance]);
      if (filter.search?.trim()) {
        const folded = foldVietnamese(filter.search).replace(/[\\%_]/g, (m) => '\\' + m);
        where.push(`c.search_text LIKE '%' || $${params.push(folded)} || '%'`);
      }
      // $1 (the as-of date) is always bound; the leading predicate keeps it referenced in every statement.
      const whereSql = `WHERE $1::date IS NOT NULL${where.map((w) => ` AND ${w}`).join('')}`;
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM ${CENTRE_FROM} ${whereSql}`, params);
      const rows: Centre[] = await em.query(
        `SELECT ${CENTRE_COLUMNS} FROM ${CENTRE_FROM} ${whereSql} ORDER BY c.name, c.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      return toConnection(rows, count, offset);
    });
  }

  /** The centre as it stands on `asOf` (default today in Vietnam): status and licence status from the histories. */
  async getCentre(ctx: TenantContext, id: string, asOf: string = todayInVietnam()): Promise<Centre> {
    assertUuid(id);
    const rows: Centre[] = await this.db.run(ctx, (em) =>
      em.query(`SELECT ${CENTRE_COLUMNS} FROM ${CENTRE_FROM} WHERE c.id = $2`, [asOf, id]),
    );
    if (!rows.length) throw Errors.notFound(CENTRE, id);
    return rows[0];
  }

  async licencesOf(ctx: TenantContext, centreIds: readonly string[]): Promise<Map<string, LicenceRecord[]>> {
    const rows: (LicenceRecord & { centreId: string })[] = await this.db.run(ctx, (em) =>
      em.query(
        `SELECT id, centre_id AS "centreId", kind, decision_number AS "decisionNumber",
                to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", issuer, holder_name AS "holderName",
                to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo", state, note
         FROM licence_record WHERE centre_id = ANY($1::uuid[]) ORDER BY decided_on DESC, recorded_at DESC`,
        [centreIds],
      ),
    );
    return groupBy(rows, (r) => r.centreId);
  }

  async statusHistoryOf(ctx: TenantContext, centreIds: readonly string[]): Promise<Map<string, CentreStatusChange[]>> {
    const rows: (CentreStatusChange & { centreId: string })[] = await this.db.run(ctx, (em) =>
      em.query(
        `SELECT centre_id AS "centreId", status, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
                to_char(valid_to, 'YYYY-MM-DD') AS "validTo", reason, decision_ref AS "decisionRef"
         FROM centre_status_history WHERE centre_id = ANY($1::uuid[]) ORDER BY valid_from DESC`,
        [centreIds],
      ),
    );
    return groupBy(rows, (r) => r.centreId);
  }

  async createCentre(ctx: TenantContext, input: CreateCentreInput): Promise<Centre> {
    const id = await this.db.run(ctx, async (em) => {
      const unit = await this.unitRow(em, input.adminUnitId);
      const supervisingId = input.supervisingUnitId ?? (input.type === 'TTHTCD' ? unit.id : unit.provinceId);
      const sup = await this.unitRow(em, supervisingId);
      const since = input.establishedOn ?? todayInVietnam();
      const [row] = await em.query(
        `INSERT INTO centre (province_id, code, name, search_text, type, ownership, admin_unit_id, supervising_unit_id,
                             unit_path, supervising_unit_path, status, status_since, established_on, address, phone, email)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'ACTIVE',$11,$12,$13,$14,$15) RETURNING id`,
        [unit.provinceId, input.code.trim(), input.name.trim(), searchText(input.name, input.code, input.address), input.type, input.ownership,
          unit.id, sup.id, unit.path, sup.path, since, input.establishedOn ?? null, input.address ?? null, input.phone ?? null, input.email ?? null],
      );
      await em.query(
        `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from, reason, recorded_by) VALUES ($1,$2,'ACTIVE',$3,$4,$5)`,
        [unit.provinceId, row.id, since, 'Thành lập', ctx.userId],
      );
      await em.query(
        `INSERT INTO centre_unit_history (province_id, centre_id, admin_unit_id, supervising_unit_id, valid_from) VALUES ($1,$2,$3,$4,$5)`,
        [unit.provinceId, row.id, unit.id, sup.id, since],
      );
      await audit(em, ctx, { provinceId: unit.provinceId, centreId: row.id, action: 'CENTRE_CREATED', entity: 'centre', entityId: row.id, data: { ...input } });
      await enqueueOutbox(em, ctx, { topic: 'centre.created', payload: { centreId: row.id }, dedupeKey: `centre:${row.id}:created`, provinceId: unit.provinceId, centreId: row.id });
      return row.id as string;
    });
    return this.getCentre(ctx, id);
  }

  async updateCentre(ctx: TenantContext, input: UpdateCentreInput): Promise<Centre> {
    assertUuid(input.id);
    await this.db.run(ctx, async (em) => {
      const [current] = await em.query(`SELECT * FROM centre WHERE id = $1 FOR UPDATE`, [input.id]);
      if (!current) throw Errors.notFound(CENTRE, input.id);
      if (current.version !== input.expectedVersion) {
        throw Errors.conflict(
          'Trung tâm vừa được người khác cập nhật, vui lòng tải lại trước khi sửa',
          'The centre was changed by someone else; reload before editing',
          { currentVersion: current.version, reason: 'STALE_VERSION' },
        );
      }
      const unit = input.adminUnitId ? await this.unitRow(em, input.adminUnitId) : null;
      const sup = input.supervisingUnitId ? await this.unitRow(em, input.supervisingUnitId) : null;
      const name = input.name?.trim() ?? current.name;
      const address = input.address ?? current.address;
      await em.query(
        `UPDATE centre SET name = $2, search_text = $3, address = $4, phone = $5, email = $6,
           admin_unit_id = $7, unit_path = $8, supervising_unit_id = $9, supervising_unit_path = $10,
           version = version + 1, updated_at = now()
         WHERE id = $1`,
        [input.id, name, searchText(name, current.code, address), address, input.phone ?? current.phone, input.email ?? current.email,
          unit?.id ?? current.admin_unit_id, unit?.path ?? current.unit_path, sup?.id ?? current.supervising_unit_id, sup?.path ?? current.supervising_unit_path],
      );
      if (unit || sup) {
        const today = todayInVietnam();
        await em.query(`UPDATE centre_unit_history SET valid_to = $2::date - 1 WHERE centre_id = $1 AND valid_to IS NULL`, [input.id, today]);
        await em.query(
          `INSERT INTO centre_unit_history (province_id, centre_id, admin_unit_id, supervising_unit_id, valid_from) VALUES ($1,$2,$3,$4,$5)`,
          [current.province_id, input.id, unit?.id ?? current.admin_unit_id, sup?.id ?? current.supervising_unit_id, today],
        );
      }
      await audit(em, ctx, { provinceId: current.province_id, centreId: input.id, action: 'CENTRE_UPDATED', entity: 'centre', entityId: input.id, data: { ...input } });
      await enqueueOutbox(em, ctx, {
        topic: 'centre.updated', payload: { centreId: input.id }, dedupeKey: `centre:${input.id}:updated:v${current.version + 1}`, provinceId: current.province_id, centreId: input.id,
      });
    });
    return this.getCentre(ctx, input.id);
  }

  /** The ministry's codes of the centres or the communes in force today, for the Sở to enter (issue 15 item 7). */
  async ministryCodes(ctx: TenantContext, kind: 'CENTRE' | 'UNIT'): Promise<MinistryCodeRow[]> {
    if (ctx.scope !== 'province') throw Errors.forbidden('Ministry codes are entered by the Sở', 'Mã của Bộ do Sở nhập');
    return this.db.run(ctx, (em) => ministryCodes(em, kind, todayInVietnam()));
  }

  /** Sets (or clears) a centre's or a unit's ministry code; unique within the province (CONFLICT otherwise). */
  async setMinistryCode(ctx: TenantContext, input: SetMinistryCodeInput): Promise<MinistryCodeRow> {
    if (ctx.scope !== 'province') throw Errors.forbidden('Ministry codes are entered by the Sở', 'Mã của Bộ do Sở nhập');
    assertUuid(input.id);
    const code = input.ministryCode?.trim() || null;
    const table = input.kind === 'CENTRE' ? 'centre' : 'administrative_unit';
    return this.db.run(ctx, async (em) => {
      const [row] = await em.query(`SELECT id, province_id, code, name FROM ${table} WHERE id = $1 FOR UPDATE`, [input.id]);
      if (!row) throw Errors.notFound(input.kind === 'CENTRE' ? CENTRE : { vi: 'đơn vị hành chính', en: 'Unit' }, input.id);
      if (code) {
        // A unit's versions share its code: the clash is with another unit (another code) or another centre.
        const clash = await em.query(
          input.kind === 'CENTRE'
            ? `SELECT code, name FROM centre WHERE province_id = $1 AND ministry_code = $2 AND id <> $3`
            : `SELECT code, name FROM administrative_unit WHERE province_id = $1 AND ministry_code = $2 AND code <> (SELECT code FROM administrative_unit WHERE id = $3) LIMIT 1`,
          [row.province_id, code, input.id],
        );
        if (clash.length) {
          throw Errors.conflict(`Mã của Bộ ${code} đã dùng cho ${clash[0].name} (${clash[0].code})`, `Ministry code ${code} is already used by ${clash[0].code}`, { field: 'ministryCode' });
        }
      }
      // Every version of a unit carries the code (a renamed commune keeps its code in the ministry's system).
      if (input.kind === 'CENTRE') await em.query(`UPDATE centre SET ministry_code = $2, updated_at = now() WHERE id = $1`, [input.id, code]);
      else await em.query(`UPDATE administrative_unit SET ministry_code = $1 WHERE province_id = $2 AND code = $3`, [code, row.province_id, row.code]);
      await audit(em, ctx, { provinceId: row.province_id, action: 'MINISTRY_CODE_SET', entity: table, entityId: input.id, data: { ministryCode: code } });
      return { id: row.id, code: row.code, name: row.name, ministryCode: code };
    });
  }

  async recordLicence(ctx: TenantContext, input: RecordLicenceInput): Promise<LicenceRecord> {
    if (input.validTo && input.validTo < input.validFrom) {
      throw Errors.validation([{ field: 'validTo', messageVi: 'Ngày hết hiệu lực phải sau ngày có hiệu lực', messageEn: 'validTo must not be before validFrom' }]);
    }
    return this.db.run(ctx, async (em) => {
      const [centre] = await em.query(`SELECT id, province_id FROM centre WHERE id = $1`, [assertUuid(input.centreId, 'centreId')]);
      if (!centre) throw Errors.notFound(CENTRE, input.centreId);
      // A new decision of the same kind replaces the one in force; the old one stays as history.
      await em.query(
        `UPDATE licence_record SET state = 'SUPERSEDED' WHERE centre_id = $1 AND kind = $2 AND state = 'IN_FORCE' AND valid_from <= $3`,
        [centre.id, input.kind, input.validFrom],
      );
      const [row] = await em.query(
        `INSERT INTO licence_record (province_id, centre_id, kind, decision_number, decided_on, issuer, holder_name, valid_from, valid_to, note, recorded_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
         RETURNING id, kind, decision_number AS "decisionNumber", to_char(decided_on,'YYYY-MM-DD') AS "decidedOn", issuer,
                   holder_name AS "holderName", to_char(valid_from,'YYYY-MM-DD') AS "validFrom", to_char(valid_to,'YYYY-MM-DD') AS "validTo", state, note`,
        [centre.province_id, centre.id, input.kind, input.decisionNumber.trim(), input.decidedOn, input.issuer.trim(), input.holderName ?? null,
          input.validFrom, input.validTo ?? null, input.note ?? null, ctx.userId],
      );
      await audit(em, ctx, { provinceId: centre.province_id, centreId: centre.id, action: 'LICENCE_RECORDED', entity: 'licence_record', entityId: row.id, data: { ...input } });
      await enqueueOutbox(em, ctx, {
        topic: 'licence.recorded', payload: { centreId: centre.id, licenceId: row.id }, dedupeKey: `licence:${row.id}:recorded`, provinceId: centre.province_id, centreId: centre.id,
      });
      return row;
    });
  }

  /**
   * Records a status decision effective from `effectiveFrom`, past, today or future. The history is the truth:
   * the record in force on that date is closed the day before, and the new one ends where a later recorded
   * decision begins. A future-dated decision takes effect on its date: until then every reader by date (and
   * the registry's own status, which holds the status in force today) still answers the current status.
   */
  async changeStatus(ctx: TenantContext, input: ChangeCentreStatusInput): Promise<Centre> {
    await this.db.run(ctx, async (em) => {
      const [centre] = await em.query(`SELECT id, province_id, version FROM centre WHERE id = $1 FOR UPDATE`, [assertUuid(input.centreId, 'centreId')]);
      if (!centre) throw Errors.notFound(CENTRE, input.centreId);
      const from = await recordCentreStatusDecision((sql, params) => em.query(sql, params), {
        provinceId: centre.province_id, centreId: centre.id, status: input.status, effectiveFrom: input.effectiveFrom,
        reason: input.reason, decisionRef: input.decisionRef, recordedBy: ctx.userId,
      });
      await audit(em, ctx, { provinceId: centre.province_id, centreId: centre.id, action: 'CENTRE_STATUS_CHANGED', entity: 'centre', entityId: centre.id, data: { from, ...input } });
      // The centre row is locked above, so its version names this change alone (a future-dated change is announced
      // when recorded: subscribers read the history by date).
      await enqueueOutbox(em, ctx, {
        topic: 'centre.status-changed', payload: { centreId: centre.id }, dedupeKey: `centre:${centre.id}:status:v${centre.version + 1}`, provinceId: centre.province_id, centreId: centre.id,
      });
    });
    return this.getCentre(ctx, input.centreId);
  }

  /** Materialised path of a unit ('/<province>/<district>/…/'), for scope and subtree filters. */
  async unitPathFor(ctx: TenantContext, unitId: string): Promise<string> {
    return this.db.run(ctx, (em) => unitPathOf(em, unitId));
  }

  private async unitRow(em: EntityManager, unitId: string): Promise<{ id: string; provinceId: string; path: string }> {
    const [row] = await em.query(`SELECT id, province_id AS "provinceId", path FROM administrative_unit WHERE id = $1`, [assertUuid(unitId, 'unitId')]);
    if (!row) throw Errors.notFound(UNIT, unitId);
    return row;
  }
}

/** A date argument as 'YYYY-MM-DD', or BAD_USER_INPUT naming the field. */
export function assertIsoDateArg(value: string, field: string): string {
  if (!isIsoDate(value)) throw Errors.badInput('Ngày không hợp lệ (YYYY-MM-DD)', 'Invalid date (YYYY-MM-DD)', { field });
  return value;
}

export function searchText(...parts: (string | null | undefined)[]): string {
  return foldVietnamese(parts.filter(Boolean).join(' '));
}

export type { LicenceStatus };
