import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isIsoDate, todayInVietnam } from '@gdtx/domain';
import type { IsoDate } from '@gdtx/domain';
import {
  assertUuid, audit, decodePage, Errors, PageArgs, systemContext, TenantContext, TenantDb, toConnection,
} from '@gdtx/platform';
import { NotificationService } from '@gdtx/notify';
import { centresInOperationOn, unitPathOf } from '@gdtx/org';
import { evaluateCentreWith, EvaluationOutcome, findingNotification, NotifiableFinding } from './compliance-engine';
import { complianceStatusOf, LegalBasisVi, SEVERITY_RANK } from './rules';
import type { ComplianceStatus, Severity } from './rules';
import type {
  CentreCompliance, ComplianceOverview, Finding, FindingFilter, Inspection, InspectionFindingInput, InspectionFindingRecord, RecordInspectionInput,
  ReportUnlicensedOperatorInput, UnlicensedCaseStatus, UnlicensedOperatorCase, UpdateUnlicensedOperatorCaseInput,
} from './compliance.types';

const CENTRE = { vi: 'trung tâm', en: 'Centre' };
const FINDING = { vi: 'vấn đề tuân thủ', en: 'Finding' };
const INSPECTION = { vi: 'cuộc kiểm tra', en: 'Inspection' };
const CASE = { vi: 'vụ việc', en: 'Case' };
const UNIT = { vi: 'đơn vị hành chính', en: 'Administrative unit' };

const FINDING_COLUMNS = `f.id, f.centre_id AS "centreId", c.code AS "centreCode", c.name AS "centreName", f.rule_code AS "ruleCode",
  f.subject_key AS "subjectKey", f.severity, f.status, f.title_vi AS "titleVi", f.legal_basis_vi AS "legalBasisVi", f.evidence,
  to_char(f.found_on,'YYYY-MM-DD') AS "foundOn", to_char(f.resolved_on,'YYYY-MM-DD') AS "resolvedOn",
  to_char(f.opened_on,'YYYY-MM-DD') AS "openedOn", to_char(f.closed_on,'YYYY-MM-DD') AS "closedOn", f.resolution,
  f.resolution_note AS "resolutionNote"`;
const SEVERITY_ORDER = `CASE f.severity WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END`;
/** Open on the date $n: its condition held by then (opened_on) and had not stopped by then (closed_on). */
const openOn = (n: number) => `f.opened_on <= $${n}::date AND (f.closed_on IS NULL OR f.closed_on > $${n}::date)`;

const CASE_COLUMNS = `k.id, k.unit_id AS "unitId", u.name AS "unitName", k.operator_name AS "operatorName", k.address, k.activity_vi AS "activityVi",
  to_char(k.found_on,'YYYY-MM-DD') AS "foundOn", k.status, k.status_note AS "statusNote", k.fine_vnd::int AS "fineVnd",
  to_char(k.closed_on,'YYYY-MM-DD') AS "closedOn", (coalesce(k.closed_on, $1::date) - k.found_on) AS "daysOpen",
  k.reported_by_name AS "reportedByName", k.version`;

function asOfOrToday(asOf?: string | null): IsoDate {
  if (asOf == null || asOf === '') return todayInVietnam();
  if (!isIsoDate(asOf)) throw Errors.badInput('Ngày không hợp lệ (YYYY-MM-DD)', 'Invalid date (YYYY-MM-DD)', { field: 'asOf' });
  return asOf;
}

@Injectable()
export class ComplianceService {
  private readonly logger = new Logger('ComplianceService');

  constructor(
    private readonly db: TenantDb,
    private readonly notifications: NotificationService,
  ) {}

  // ------------------------------------------------------------------------------------------------------
  // Evaluation

  /**
   * Evaluates one centre's rules on `asOf` (default today) and stores the findings by natural key; then notifies
   * about new ones (directors; also supervisors and Sở specialists when serious). Idempotent.
   */
  async evaluateCentre(ctx: TenantContext, centreId: string, asOf?: string | null): Promise<Omit<EvaluationOutcome, 'toNotify'> | null> {
    assertUuid(centreId, 'centreId');
    const date = asOfOrToday(asOf);
    const outcome = await this.db.run(ctx, (em) => evaluateCentreWith((sql, params) => em.query(sql, params), centreId, date));
    if (!outcome) return null;
    await this.notifyFindings(outcome.provinceId, outcome.toNotify);
    const { toNotify: _n, ...counts } = outcome;
    return counts;
  }

  /** Every centre of a province (or of all provinces, for the nightly job), one transaction per centre. */
  async evaluateAll(provinceId: string | null, asOf?: string | null, progress?: (pct: number) => Promise<unknown>): Promise<{ centres: number; open: number }> {
    const date = asOfOrToday(asOf);
    const centres: { id: string; provinceId: string }[] = await this.db.run(systemContext(provinceId, 'compliance.evaluate-all'), (em) =>
      em.query(`SELECT id, province_id AS "provinceId" FROM centre WHERE ($1::uuid IS NULL OR province_id = $1) ORDER BY province_id, code`, [provinceId]),
    );
    let open = 0;
    for (const [i, c] of centres.entries()) {
      const r = await this.evaluateCentre(systemContext(c.provinceId, 'compliance.evaluate-all'), c.id, date);
      open += r?.open ?? 0;
      if (progress && i % 20 === 19) await progress(Math.round(((i + 1) / centres.length) * 100));
    }
    return { centres: centres.length, open };
  }

  private async notifyFindings(provinceId: string, findings: readonly NotifiableFinding[]): Promise<void> {
    if (!findings.length) return;
    await this.db.run(systemContext(provinceId, 'compliance.notify'), async (em) => {
      for (const f of findings) await this.notifications.notifyIn(em, findingNotification(provinceId, f));
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Reading

  async centreCompliance(ctx: TenantContext, centreId: string, asOf?: string | null): Promise<CentreCompliance> {
    assertUuid(centreId, 'centreId');
    const date = asOfOrToday(asOf);
    return this.db.run(ctx, async (em) => {
      const [centre] = await em.query(`SELECT id, code, name FROM centre WHERE id = $1`, [centreId]);
      if (!centre) throw Errors.notFound(CENTRE, centreId);
      const open: Finding[] = await em.query(
        `SELECT ${FINDING_COLUMNS} FROM finding f JOIN centre c ON c.id = f.centre_id
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
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM finding f JOIN centre c ON c.id = f.centre_id ${whereSql}`, params);
      const rows: Finding[] = await em.query(
        `SELECT ${FINDING_COLUMNS} FROM finding f JOIN centre c ON c.id = f.centre_id ${whereSql}
         ORDER BY (f.status = 'OPEN') DESC, ${SEVERITY_ORDER} DESC, f.found_on DESC, c.code, f.rule_code, f.subject_key
         LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      return toConnection(rows, count, offset);
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Inspections

  /** Records an inspection with its findings; the centre is re-evaluated at once (an overdue deadline shows now). */
  async recordInspection(ctx: TenantContext, input: RecordInspectionInput): Promise<Inspection> {
    const id = await this.db.run(ctx, async (em) => {
      const [centre] = await em.query(`SELECT id, province_id FROM centre WHERE id = $1`, [assertUuid(input.centreId, 'centreId')]);
      if (!centre) throw Errors.notFound(CENTRE, input.centreId);
      const [inspector] = await em.query(`SELECT full_name FROM app_user WHERE id = $1`, [ctx.userId]);
      const [row] = await em.query(
        `INSERT INTO inspection (province_id, centre_id, inspected_on, kind, decision_ref, inspector_name, conclusion_vi, recorded_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
        [centre.province_id, centre.id, input.inspectedOn, input.kind ?? 'SCHEDULED', input.decisionRef ?? null, inspector?.full_name ?? 'Thanh tra Sở',
          input.conclusionVi ?? null, ctx.userId],
      );
      for (const f of input.findings ?? []) await this.insertInspectionFinding(em, centre, row.id, input.inspectedOn, f);
      await audit(em, ctx, { provinceId: centre.province_id, centreId: centre.id, action: 'INSPECTION_RECORDED', entity: 'inspection', entityId: row.id, data: { ...input } });
      return row.id as string;
    });
    await this.evaluateCentre(ctx, input.centreId);
    return this.inspection(ctx, id);
  }

  async recordInspectionFinding(ctx: TenantContext, inspectionId: string, input: InspectionFindingInput): Promise<Inspection> {
    const centreId = await this.db.run(ctx, async (em) => {
      const [insp] = await em.query(
        `SELECT i.id, i.centre_id, i.province_id, to_char(i.inspected_on,'YYYY-MM-DD') AS inspected_on FROM inspection i WHERE i.id = $1`,
        [assertUuid(inspectionId, 'inspectionId')],
      );
      if (!insp) throw Errors.notFound(INSPECTION, inspectionId);
      const fid = await this.insertInspectionFinding(em, { id: insp.centre_id, province_id: insp.province_id }, insp.id, insp.inspected_on, input);
      await audit(em, ctx, { provinceId: insp.province_id, centreId: insp.centre_id, action: 'INSPECTION_FINDING_RECORDED', entity: 'inspection_finding', entityId: fid, data: { ...input } });
      return insp.centre_id as string;
    });
    await this.evaluateCentre(ctx, centreId);
    return this.inspection(ctx, inspectionId);
  }

  private async insertInspectionFinding(
    em: EntityManager, centre: { id: string; province_id: string }, inspectionId: string, inspectedOn: string, f: InspectionFindingInput,
  ): Promise<string> {
    if (f.remediationDue && f.remediationDue < inspectedOn) {
      throw Errors.validation([{ field: 'remediationDue', messageVi: 'Hạn khắc phục không được trước ngày kiểm tra', messageEn: 'remediationDue must not be before the inspection date' }]);
    }
    const [row] = await em.query(
      `INSERT INTO inspection_finding (province_id, centre_id, inspection_id, category, description_vi, severity, remediation_due)
       VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [centre.province_id, centre.id, inspectionId, f.category.trim(), f.descriptionVi.trim(), f.severity, f.remediationDue ?? null],
    );
    return row.id;
  }

  async inspection(ctx: TenantContext, id: string): Promise<Inspection> {
    const insp = await this.db.run(ctx, async (em) => {
      const [i] = await em.query(
        `SELECT id, centre_id AS "centreId", to_char(inspected_on,'YYYY-MM-DD') AS "inspectedOn", kind, decision_ref AS "decisionRef",
                inspector_name AS "inspectorName", conclusion_vi AS "conclusionVi" FROM inspection WHERE id = $1`,
        [assertUuid(id)],
      );
      if (!i) throw Errors.notFound(INSPECTION, id);
      i.findings = await em.query(
        `SELECT id, category, description_vi AS "descriptionVi", severity, to_char(remediation_due,'YYYY-MM-DD') AS "remediationDue",
                to_char(remediated_on,'YYYY-MM-DD') AS "remediatedOn", remediation_note AS "remediationNote"
         FROM inspection_finding WHERE inspection_id = $1 ORDER BY created_at, id`,
        [id],
      );
      return i;
    });
    insp.openFindings = (await this.centreCompliance(ctx, insp.centreId)).openFindings;
    return insp;
  }

  /** A centre's inspections, latest first, each with its findings (open findings of the centre computed once). */
  async inspections(ctx: TenantContext, centreId: string): Promise<Inspection[]> {
    const list: Inspection[] = await this.db.run(ctx, async (em) => {
      const [centre] = await em.query(`SELECT id FROM centre WHERE id = $1`, [assertUuid(centreId, 'centreId')]);
      if (!centre) throw Errors.notFound(CENTRE, centreId);
      const rows = await em.query(
        `SELECT id, centre_id AS "centreId", to_char(inspected_on,'YYYY-MM-DD') AS "inspectedOn", kind, decision_ref AS "decisionRef",
                inspector_name AS "inspectorName", conclusion_vi AS "conclusionVi" FROM inspection WHERE centre_id = $1
         ORDER BY inspected_on DESC, created_at DESC, id`,
        [centreId],
      );
      const findings: (InspectionFindingRecord & { inspectionId: string })[] = rows.length
        ? await em.query(
          `SELECT id, inspection_id AS "inspectionId", category, description_vi AS "descriptionVi", severity, to_char(remediation_due,'YYYY-MM-DD') AS "remediationDue",
                  to_char(remediated_on,'YYYY-MM-DD') AS "remediatedOn", remediation_note AS "remediationNote"
           FROM inspection_finding WHERE inspection_id = ANY($1::uuid[]) ORDER BY created_at, id`,
          [rows.map((r: { id: string }) => r.id)],
        )
        : [];
      return rows.map((r: Inspection) => ({ ...r, findings: findings.filter((f) => f.inspectionId === r.id).map(({ inspectionId: _i, ...f }) => f) }));
    });
    if (!list.length) return list;
    const open = (await this.centreCompliance(ctx, centreId)).openFindings;
    return list.map((i) => ({ ...i, openFindings: open }));
  }

  /**
   * Remediation: closes an inspection finding (and its overdue finding) with a note. Findings computed from
   * data (reports, licences, status) close themselves when the data is put right, so they cannot be closed by hand.
   */
  async resolveFinding(ctx: TenantContext, findingId: string, note: string): Promise<Finding> {
    const text = note?.trim();
    if (!text) throw Errors.validation([{ field: 'note', messageVi: 'Cần ghi nội dung khắc phục', messageEn: 'A remediation note is required' }]);
    if (text.length > 4000) throw Errors.badInput('Nội dung quá dài', 'Note too long', { field: 'note' });
    const date = todayInVietnam();
    await this.db.run(ctx, async (em) => {
      const [f] = await em.query(`SELECT id, province_id, centre_id, rule_code, subject_key, status FROM finding WHERE id = $1 FOR UPDATE`, [assertUuid(findingId, 'findingId')]);
      if (!f) throw Errors.notFound(FINDING, findingId);
      if (f.rule_code !== 'INSPECTION_FINDING' && f.rule_code !== 'INSPECTION_REMEDIATION_OVERDUE') {
        throw Errors.conflict(
          'Vấn đề này được hệ thống tự đánh giá và sẽ tự đóng khi dữ liệu được khắc phục (nộp báo cáo, cập nhật quyết định…)',
          'This finding is computed from data and closes itself when the data is put right',
          { reason: 'COMPUTED_FINDING' },
        );
      }
      if (f.status === 'RESOLVED') throw Errors.conflict('Vấn đề đã được khắc phục trước đó', 'The finding is already resolved', { reason: 'INVALID_TRANSITION' });
      await em.query(
        `UPDATE inspection_finding SET remediated_on = $2, remediation_note = $3, remediated_by = $4 WHERE id = $1`,
        [f.subject_key, date, text, ctx.userId],
      );
      await em.query(
        `UPDATE finding SET status = 'RESOLVED', resolved_on = $3, closed_on = greatest(opened_on, $3::date), resolution = 'REMEDIATED', resolution_note = $4, resolved_by = $5, updated_at = now()
         WHERE centre_id = $1 AND subject_key = $2 AND rule_code IN ('INSPECTION_FINDING','INSPECTION_REMEDIATION_OVERDUE') AND status = 'OPEN'`,
        [f.centre_id, f.subject_key, date, text, ctx.userId],
      );
      await audit(em, ctx, { provinceId: f.province_id, centreId: f.centre_id, action: 'FINDING_REMEDIATED', entity: 'finding', entityId: f.id, data: { note: text } });
    });
    return this.finding(ctx, findingId);
  }

  async finding(ctx: TenantContext, id: string): Promise<Finding> {
    return this.db.run(ctx, async (em) => {
      const [row] = await em.query(`SELECT ${FINDING_COLUMNS} FROM finding f JOIN centre c ON c.id = f.centre_id WHERE f.id = $1`, [assertUuid(id)]);
      if (!row) throw Errors.notFound(FINDING, id);
      return row;
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Unlicensed operators

  async reportUnlicensedOperator(ctx: TenantContext, input: ReportUnlicensedOperatorInput): Promise<UnlicensedOperatorCase> {
    const id = await this.db.run(ctx, async (em) => {
      const [unit] = await em.query(`SELECT id, province_id, path FROM administrative_unit WHERE id = $1`, [assertUuid(input.unitId, 'unitId')]);
      if (!unit) throw Errors.notFound(UNIT, input.unitId);
      // A supervisor reports only in their own area (the row policy would refuse it anyway; say so clearly).
      if (ctx.scope === 'unit' && !(unit.path as string).startsWith(ctx.unitPath ?? '\u0000')) {
        throw Errors.forbidden('The unit lies outside your area', 'Đơn vị hành chính nằm ngoài địa bàn bạn quản lý');
      }
      const [me] = await em.query(`SELECT full_name FROM app_user WHERE id = $1`, [ctx.userId]);
      const [row] = await em.query(
        `INSERT INTO unlicensed_operator_case (province_id, unit_id, unit_path, operator_name, address, activity_vi, found_on, status, reported_by, reported_by_name)
         VALUES ($1,$2,$3,$4,$5,$6,$7,'OPEN',$8,$9) RETURNING id`,
        [unit.province_id, unit.id, unit.path, input.operatorName.trim(), input.address ?? null, input.activityVi.trim(), input.foundOn, ctx.userId, me?.full_name ?? null],
      );
      await audit(em, ctx, { provinceId: unit.province_id, action: 'UNLICENSED_CASE_REPORTED', entity: 'unlicensed_operator_case', entityId: row.id, data: { ...input } });
      return row.id as string;
    });
    return this.unlicensedCase(ctx, id);
  }

  async updateUnlicensedOperatorCase(ctx: TenantContext, input: UpdateUnlicensedOperatorCaseInput): Promise<UnlicensedOperatorCase> {
    await this.db.run(ctx, async (em) => {
      const [k] = await em.query(`SELECT id, province_id, status, version FROM unlicensed_operator_case WHERE id = $1 FOR UPDATE`, [assertUuid(input.id)]);
      if (!k) throw Errors.notFound(CASE, input.id);
      if (input.expectedVersion && input.expectedVersion !== k.version) {
        throw Errors.conflict('Vụ việc đã được người khác cập nhật, vui lòng tải lại', 'The case was changed by someone else', {
          currentVersion: k.version, reason: 'STALE_VERSION',
        });
      }
      const closedOn = input.status === 'CLOSED' ? input.closedOn ?? todayInVietnam() : null;
      await em.query(
        `UPDATE unlicensed_operator_case SET status = $2, status_note = coalesce($3, status_note), fine_vnd = coalesce($4, fine_vnd), closed_on = $5,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [k.id, input.status as UnlicensedCaseStatus, input.note ?? null, input.fineVnd ?? null, closedOn],
      );
      await audit(em, ctx, { provinceId: k.province_id, action: 'UNLICENSED_CASE_UPDATED', entity: 'unlicensed_operator_case', entityId: k.id, data: { from: k.status, ...input } });
    });
    return this.unlicensedCase(ctx, input.id);
  }

  async unlicensedCase(ctx: TenantContext, id: string): Promise<UnlicensedOperatorCase> {
    return this.db.run(ctx, async (em) => {
      const [row] = await em.query(
        `SELECT ${CASE_COLUMNS} FROM unlicensed_operator_case k JOIN administrative_unit u ON u.id = k.unit_id WHERE k.id = $2`,
        [todayInVietnam(), assertUuid(id)],
      );
      if (!row) throw Errors.notFound(CASE, id);
      return { ...row, legalBasisVi: LegalBasisVi.unlicensedOperator };
    });
  }

  async unlicensedCases(ctx: TenantContext, filter: { status?: UnlicensedCaseStatus | null; unitId?: string | null }, page: PageArgs = {}) {
    const { limit, offset } = decodePage(page);
    return this.db.run(ctx, async (em) => {
      const params: unknown[] = [todayInVietnam()];
      const where: string[] = [];
      if (filter.status) where.push(`k.status = $${params.push(filter.status)}`);
      if (filter.unitId) where.push(`k.unit_path LIKE $${params.push(await unitPathOf(em, filter.unitId))} || '%'`);
      const whereSql = `WHERE $1::date IS NOT NULL${where.map((w) => ` AND ${w}`).join('')}`;
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM unlicensed_operator_case k ${whereSql}`, params);
      const rows = await em.query(
        `SELECT ${CASE_COLUMNS} FROM unlicensed_operator_case k JOIN administrative_unit u ON u.id = k.unit_id ${whereSql}
         ORDER BY (k.status = 'CLOSED'), k.found_on, k.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      return toConnection<UnlicensedOperatorCase>(rows.map((r: UnlicensedOperatorCase) => ({ ...r, legalBasisVi: LegalBasisVi.unlicensedOperator })), count, offset);
    });
  }

}
