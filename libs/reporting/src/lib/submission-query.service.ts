import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { daysLateOfNextSubmission, deadlineOfNextSubmission, todayInVietnam, validateValues, groupBy } from '@gdtx/domain';
import type { ValueMap } from '@gdtx/domain';
import { unitPathOf } from '@gdtx/org';
import { assertUuid, decodePage, Errors, PageArgs, TenantContext, TenantDb, toConnection } from '@gdtx/platform';
import { diffValues } from './submission-values';
import {
  iso, previousAccepted, SUBMISSION_COUNT, SUBMISSION_SELECT, submissionRow, toIssueDto, toSubmission, VERSION,
} from './submission.store';
import type { SubmissionRow } from './submission.store';
import { TemplateService } from './template.service';
import { calendarStepsOf } from './report-calendar';
import type { Submission, SubmissionChecks, SubmissionEvent, SubmissionLateness, SubmissionFilter, SubmissionVersion, ValidationIssueDto, ValueChangeDto } from './reporting.types';

/**
 * Reading submissions: lists, one report, its submitted versions, its history, a diff between versions and its
 * current validation issues. Visibility is PostgreSQL row-level security (outside the caller's scope is "not found").
 */
@Injectable()
export class SubmissionQueryService {
  constructor(private readonly db: TenantDb, private readonly templates: TemplateService) {}

  async listSubmissions(ctx: TenantContext, filter: SubmissionFilter = {}, page: PageArgs = {}) {
    const { limit, offset } = decodePage(page);
    return this.db.run(ctx, async (em) => {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.templateCode) where.push(`s.template_code = $${params.push(filter.templateCode)}`);
      if (filter.periodId) where.push(`s.period_code = $${params.push(filter.periodId)}`);
      if (filter.status) where.push(`s.status = $${params.push(filter.status)}`);
      if (filter.centreId) where.push(`s.centre_id = $${params.push(assertUuid(filter.centreId, 'centreId'))}`);
      if (filter.unitId) {
        const p = params.push(await unitPathOf(em, filter.unitId));
        where.push(`(c.unit_path LIKE $${p} || '%' OR c.supervising_unit_path LIKE $${p} || '%')`);
      }
      if (filter.areaId) {
        // The area as its officer sees it (org_supervisor_scope, the rule behind the area scope's row-level security):
        // centres placed, or supervised, in one of its communes today. Another province's area is not found (RLS).
        const [area] = await em.query(`SELECT paths FROM org_supervisor_scope(NULL, $1::uuid, $2::date)`, [assertUuid(filter.areaId, 'areaId'), todayInVietnam()]);
        if (!area) throw Errors.notFound({ vi: 'khu vực giám sát', en: 'Supervisory area' }, filter.areaId);
        const p = params.push(area.paths);
        where.push(`EXISTS (SELECT 1 FROM unnest($${p}::text[]) AS a(path) WHERE c.unit_path LIKE a.path || '%' OR c.supervising_unit_path LIKE a.path || '%')`);
      }
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const [{ count }] = await em.query(
        `${SUBMISSION_COUNT} ${whereSql}`,
        params,
      );
      const rows: SubmissionRow[] = await em.query(
        `${SUBMISSION_SELECT} ${whereSql} ORDER BY s.updated_at DESC, s.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      );
      const nodes: Submission[] = [];
      for (const row of rows) nodes.push(await this.toSubmission(em, ctx, row));
      return toConnection(nodes, count, offset);
    });
  }

  async getSubmission(ctx: TenantContext, id: string): Promise<Submission> {
    assertUuid(id);
    return this.db.run(ctx, async (em) => this.toSubmission(em, ctx, await submissionRow(em, id)));
  }

  async versionsOf(ctx: TenantContext, submissionIds: readonly string[]): Promise<Map<string, SubmissionVersion[]>> {
    const rows: (SubmissionVersion & { submissionId: string; submittedAt: Date })[] = await this.db.run(ctx, (em) =>
      em.query(
        `SELECT submission_id AS "submissionId", number, template_version AS "templateVersion", "values", explanations,
                submitted_by AS "submittedBy", submitted_at AS "submittedAt"
         FROM submission_version WHERE submission_id = ANY($1::uuid[]) ORDER BY number`,
        [submissionIds],
      ),
    );
    return groupBy(rows.map((r) => ({ ...r, submittedAt: iso(r.submittedAt)! })), (r) => r.submissionId);
  }

  async eventsOf(ctx: TenantContext, submissionIds: readonly string[]): Promise<Map<string, SubmissionEvent[]>> {
    const rows: (SubmissionEvent & { submissionId: string; at: Date })[] = await this.db.run(ctx, (em) =>
      em.query(
        `SELECT id::text, submission_id AS "submissionId", action, from_status AS "fromStatus", to_status AS "toStatus",
                submission_version AS "submissionVersion", actor_user_id AS "actorId", actor_name AS "actorName", comment,
                field_comments AS "fieldComments", to_char(resubmit_by, 'YYYY-MM-DD') AS "resubmitBy", at
         FROM submission_event WHERE submission_id = ANY($1::uuid[]) ORDER BY id`,
        [submissionIds],
      ),
    );
    return groupBy(rows.map((r) => ({ ...r, at: iso(r.at)! })), (r) => r.submissionId);
  }

  /**
   * Lateness of each report by the calendar's one rule (deadlineOfNextSubmission): the deadline its next submission
   * would be judged against and how late it would be today, and how late its latest submission was, with the reason
   * given. One query for the whole list.
   */
  async latenessOf(ctx: TenantContext, submissions: readonly Submission[]): Promise<SubmissionLateness[]> {
    const stepsOf = await this.db.run(ctx, (em) => calendarStepsOf(em, submissions.map((s) => s.id)));
    const today = todayInVietnam();
    return submissions.map((s) => {
      const steps = stepsOf.get(s.id) ?? [];
      const last = steps.map((step) => step.action).lastIndexOf('SUBMITTED');
      const open = s.status === 'DRAFT' || s.status === 'RETURNED';
      return {
        nextDeadline: open ? deadlineOfNextSubmission(steps, s.dueDate) : null,
        daysLateIfSubmittedToday: open ? daysLateOfNextSubmission(steps, s.dueDate, today) : 0,
        lastSubmissionDaysLate: last < 0 ? null : daysLateOfNextSubmission(steps.slice(0, last), s.dueDate, steps[last].on),
        lastSubmissionLateReason: last < 0 ? null : steps[last].comment,
      };
    });
  }

  /** Values that changed between two submitted versions; without `toVersion`, up to the current values. */
  async diff(ctx: TenantContext, submissionId: string, fromVersion: number, toVersion?: number | null): Promise<ValueChangeDto[]> {
    return this.db.run(ctx, async (em) => {
      const row = await submissionRow(em, submissionId);
      const wanted = [fromVersion, ...(toVersion ? [toVersion] : [])];
      const versions: { number: number; values: ValueMap }[] = await em.query(
        `SELECT number, "values" FROM submission_version WHERE submission_id = $1 AND number = ANY($2::int[])`,
        [row.id, wanted],
      );
      const pick = (n: number) => {
        const v = versions.find((x) => x.number === n);
        if (!v) throw Errors.notFound(VERSION, String(n));
        return v.values;
      };
      const template = await this.templates.definition(em, ctx, row.templateCode, row.templateVersion);
      return diffValues(template, pick(fromVersion), toVersion ? pick(toVersion) : row.values);
    });
  }

  /** Current validation issues of a submission (what the reviewer and the form show). */
  async issuesOf(ctx: TenantContext, submission: Submission): Promise<ValidationIssueDto[]> {
    return this.db.run(ctx, async (em) => {
      const template = await this.templates.definition(em, ctx, submission.templateCode, submission.templateVersion);
      const previous = await previousAccepted(em, submission.centreId, submission.templateCode, submission.periodCode);
      return validateValues(template, submission.values, { previous, explanations: submission.explanations, period: submission.periodCode }).map(toIssueDto);
    });
  }

  /**
   * Error and warning counts of each submission's current values (the review queue's column): the shared engine run
   * twice, without and with the explanations (validateValues silences explained warnings), in one transaction.
   */
  async checksOf(ctx: TenantContext, submissions: readonly Submission[]): Promise<SubmissionChecks[]> {
    return this.db.run(ctx, async (em) => {
      const out: SubmissionChecks[] = [];
      for (const s of submissions) {
        const template = await this.templates.definition(em, ctx, s.templateCode, s.templateVersion);
        const previous = await previousAccepted(em, s.centreId, s.templateCode, s.periodCode);
        const all = validateValues(template, s.values, { previous, explanations: {}, period: s.periodCode });
        const left = validateValues(template, s.values, { previous, explanations: s.explanations, period: s.periodCode });
        out.push({
          errors: all.filter((i) => i.severity === 'error').length,
          warnings: all.filter((i) => i.severity !== 'error').length,
          unexplainedWarnings: left.filter((i) => i.severity !== 'error').length,
        });
      }
      return out;
    });
  }

  private async toSubmission(em: EntityManager, ctx: TenantContext, row: SubmissionRow): Promise<Submission> {
    return toSubmission(row, await this.templates.definition(em, ctx, row.templateCode, row.templateVersion), ctx);
  }
}
