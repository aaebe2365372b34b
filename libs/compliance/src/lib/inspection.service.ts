import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '@gdtx/domain';
import { assertUuid, audit, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { ComplianceEvaluationService } from './compliance-evaluation.service';
import { centreRef, FINDING, INSPECTION, userName } from './compliance.store';
import { FindingQueryService } from './finding-query.service';
import type { Finding, Inspection, InspectionFindingInput, InspectionFindingRecord, RecordInspectionInput } from './compliance.types';

/** Inspections and their findings, and remediation of an inspection finding; the centre is re-evaluated at once. */
@Injectable()
export class InspectionService {
  constructor(
    private readonly db: TenantDb,
    private readonly evaluation: ComplianceEvaluationService,
    private readonly findings: FindingQueryService,
  ) {}

  /** Records an inspection with its findings; the centre is re-evaluated at once (an overdue deadline shows now). */
  async recordInspection(ctx: TenantContext, input: RecordInspectionInput): Promise<Inspection> {
    const id = await this.db.run(ctx, async (em) => {
      const centre = await centreRef(em, input.centreId);
      const inspector = await userName(em, ctx.userId);
      const [row] = await em.query(
        `INSERT INTO inspection (province_id, centre_id, inspected_on, kind, decision_ref, inspector_name, conclusion_vi, recorded_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
        [centre.provinceId, centre.id, input.inspectedOn, input.kind ?? 'SCHEDULED', input.decisionRef ?? null, inspector ?? 'Thanh tra Sở',
          input.conclusionVi ?? null, ctx.userId],
      );
      for (const f of input.findings ?? []) await this.insertInspectionFinding(em, centre, row.id, input.inspectedOn, f);
      await audit(em, ctx, { provinceId: centre.provinceId, centreId: centre.id, action: 'INSPECTION_RECORDED', entity: 'inspection', entityId: row.id, data: { ...input } });
      return row.id as string;
    });
    await this.evaluation.evaluateCentre(ctx, input.centreId);
    return this.inspection(ctx, id);
  }

  async recordInspectionFinding(ctx: TenantContext, inspectionId: string, input: InspectionFindingInput): Promise<Inspection> {
    const centreId = await this.db.run(ctx, async (em) => {
      const [insp] = await em.query(
        `SELECT i.id, i.centre_id AS "centreId", i.province_id AS "provinceId", to_char(i.inspected_on,'YYYY-MM-DD') AS "inspectedOn" FROM inspection i WHERE i.id = $1`,
        [assertUuid(inspectionId, 'inspectionId')],
      );
      if (!insp) throw Errors.notFound(INSPECTION, inspectionId);
      const fid = await this.insertInspectionFinding(em, { id: insp.centreId, provinceId: insp.provinceId }, insp.id, insp.inspectedOn, input);
      await audit(em, ctx, { provinceId: insp.provinceId, centreId: insp.centreId, action: 'INSPECTION_FINDING_RECORDED', entity: 'inspection_finding', entityId: fid, data: { ...input } });
      return insp.centreId as string;
    });
    await this.evaluation.evaluateCentre(ctx, centreId);
    return this.inspection(ctx, inspectionId);
  }

  private async insertInspectionFinding(
    em: EntityManager, centre: { id: string; provinceId: string }, inspectionId: string, inspectedOn: string, f: InspectionFindingInput,
  ): Promise<string> {
    if (f.remediationDue && f.remediationDue < inspectedOn) {
      throw Errors.validation([{ field: 'remediationDue', messageVi: 'Hạn khắc phục không được trước ngày kiểm tra', messageEn: 'remediationDue must not be before the inspection date' }]);
    }
    const [row] = await em.query(
      `INSERT INTO inspection_finding (province_id, centre_id, inspection_id, category, description_vi, severity, remediation_due)
       VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [centre.provinceId, centre.id, inspectionId, f.category.trim(), f.descriptionVi.trim(), f.severity, f.remediationDue ?? null],
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
    insp.openFindings = (await this.findings.centreCompliance(ctx, insp.centreId)).openFindings;
    return insp;
  }

  /** A centre's inspections, latest first, each with its findings (open findings of the centre computed once). */
  async inspections(ctx: TenantContext, centreId: string): Promise<Inspection[]> {
    const list: Inspection[] = await this.db.run(ctx, async (em) => {
      await centreRef(em, centreId);
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
    const open = (await this.findings.centreCompliance(ctx, centreId)).openFindings;
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
    return this.findings.finding(ctx, findingId);
  }
}
