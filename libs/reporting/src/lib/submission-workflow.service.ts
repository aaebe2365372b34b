import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  compareIsoDates, daysLateOfNextSubmission, deadlineOfNextSubmission, indexTemplate, isIsoDate, todayInVietnam, unexplainedWarnings, validateValues,
  vietnameseDate,
} from '@gdtx/domain';
import type { TemplateDefinition, ValueMap } from '@gdtx/domain';
import { AppError, assertUuid, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { issuesToFieldProblems, normalizeExplanations, parseDraftValues, sameDocument } from './submission-values';
import {
  assertApplicable, assertReviews, centreRow, emitSubmissionEvent, ensurePeriod, lockedSubmissionRow, parsePeriod, previousAccepted,
  recordSubmissionEvent, shapeError, toSubmission,
} from './submission.store';
import { calendarStepsOf } from './report-calendar';
import type { SubmissionRef } from './submission.store';
import { requirePermission, requireTransition, requireVersion, SUBMISSION_TRANSITIONS } from './submission-transitions';
import type { SubmissionTransition, WorkflowAction } from './submission-transitions';
import { SubmissionQueryService } from './submission-query.service';
import { StatusRollupService } from './status-rollup.service';
import { TemplateService } from './template.service';
import type { FieldComment, SaveDraftResult, SaveSubmissionDraftInput, Submission, SubmissionAction } from './reporting.types';

/** What a transition changes besides status and version, decided after the transition is known to apply. */
interface TransitionEffects {
  values?: ValueMap;
  explanations?: Record<string, string>;
  comment?: string;
  fieldComments?: FieldComment[];
  resubmitBy?: string | null;
  data?: Record<string, unknown>;
}

/** A report a bulk accept left alone, with the error it would have had on its own. */
export interface BulkRefusal {
  id: string;
  code: string;
  reason: string | null;
  messageVi: string;
  messageEn: string;
}

/** A report as a transition needs it: its identity, status and version (locked by the caller). */
type TransitionRow = SubmissionRef & { status: SubmissionTransition['from']; version: number };

const VERSIONED_ACTIONS: ReadonlySet<WorkflowAction> = new Set(SUBMISSION_TRANSITIONS.filter((t) => t.versioned).map((t) => t.action));

/**
 * The submission workflow (SUBMISSION_TRANSITIONS): drafts, submit, return, accept, reopen. Every change runs in
 * one transaction with its submission_event, audit row and (per the table) outbox row; `applyTransition` is the
 * only code that changes a report's status.
 */
@Injectable()
export class SubmissionWorkflowService {
  constructor(
    private readonly db: TenantDb,
    private readonly templates: TemplateService,
    private readonly queries: SubmissionQueryService,
    private readonly rollup: StatusRollupService,
  ) {}

  /**
   * Saves values as a draft (creating the submission on first save). Only unstorable values (wrong type,
   * unknown key) are refused; rule errors are saved and returned as issues. A save based on a stale version
   * is a CONFLICT and changes nothing. Values identical to what is stored change nothing either (no new
   * version), which makes a repeated Excel upload idempotent.
   */
  async saveDraft(
    ctx: TenantContext,
    input: SaveSubmissionDraftInput,
    options: { action?: Extract<SubmissionAction, 'SAVED' | 'UPLOADED'>; identicalWins?: boolean } = {},
  ): Promise<SaveDraftResult> {
    let explanations: Record<string, string> | undefined;
    try {
      explanations = input.explanations === undefined || input.explanations === null ? undefined : normalizeExplanations(input.explanations);
    } catch (e) {
      shapeError(e);
    }
    const period = parsePeriod(input.periodCode);
    const action = options.action ?? 'SAVED';

    const { id, changed } = await this.db.run(ctx, async (em) => {
      const centre = await centreRow(em, input.centreId);
      const [existing] = await em.query(
        `SELECT id, status, version, template_version AS "templateVersion", "values", explanations
         FROM submission WHERE centre_id = $1 AND template_code = $2 AND period_code = $3 FOR UPDATE`,
        [centre.id, input.templateCode, period.code],
      );
      const template = await this.templates.definition(em, ctx, input.templateCode, existing?.templateVersion ?? null);
      if (!existing) assertApplicable(template, centre.type, period);

      // The write boundary: typed by the template version the report is filed against, or nothing is saved.
      const values = parseDraftValues(template, input.values);
      const newExplanations = explanations ?? existing?.explanations ?? {};

      if (existing) {
        const identical = sameDocument(values, existing.values) && sameDocument(newExplanations, existing.explanations);
        if (identical && options.identicalWins) return { id: existing.id as string, changed: false };
        const row: TransitionRow = {
          id: existing.id, provinceId: centre.provinceId, centreId: centre.id, templateCode: template.code, periodCode: period.code,
          status: existing.status, version: existing.version,
        };
        const changed = await this.applyTransition(em, ctx, row, 'SAVE', { expectedVersion: input.expectedVersion, recordAs: action }, () =>
          identical ? 'UNCHANGED' : { values, explanations: newExplanations });
        return { id: existing.id as string, changed };
      }

      if (input.expectedVersion) {
        throw Errors.conflict('Báo cáo không còn tồn tại ở phiên bản đang sửa, vui lòng tải lại', 'The report does not exist at the expected version; reload', {
          currentVersion: null, reason: 'STALE_VERSION',
        });
      }
      await ensurePeriod(em, period);
      const [created] = await em.query(
        `INSERT INTO submission (province_id, centre_id, template_code, template_version, period_code, status, "values", explanations, created_by, updated_by)
         VALUES ($1,$2,$3,$4,$5,'DRAFT',$6,$7,$8,$8) ON CONFLICT (centre_id, template_code, period_code) DO NOTHING RETURNING id`,
        [centre.provinceId, centre.id, template.code, template.version, period.code, JSON.stringify(values), JSON.stringify(newExplanations), ctx.userId],
      );
      if (!created) {
        throw Errors.conflict('Người khác vừa tạo báo cáo này, vui lòng tải lại trước khi sửa', 'Someone else just created this report; reload before editing', {
          reason: 'STALE_VERSION',
        });
      }
      await recordSubmissionEvent(em, ctx, { id: created.id, provinceId: centre.provinceId, centreId: centre.id, templateCode: template.code, periodCode: period.code }, {
        action: action === 'UPLOADED' ? 'UPLOADED' : 'CREATED', from: null, to: 'DRAFT', version: 1,
      });
      // The landing pages list the new draft's id with its (still missing or not yet due) report.
      await this.rollup.refreshCentresIn(em, ctx, [centre.id]);
      return { id: created.id as string, changed: true };
    });

    const submission = await this.queries.getSubmission(ctx, id);
    return { submission, issues: await this.queries.issuesOf(ctx, submission), changed };
  }

  /**
   * The director submits: the server re-validates with the shared engine. Errors block; explainable
   * warnings (e.g. ±50% from the previous period) block until explained. Every submitted version is kept.
   */
  async submit(ctx: TenantContext, id: string, expectedVersion: number, lateReason?: string | null): Promise<Submission> {
    assertUuid(id);
    const reason = lateReason?.trim() || null;
    if (reason && reason.length > 2000) {
      throw Errors.validation([{ field: 'lateReason', messageVi: 'Lý do nộp muộn tối đa 2000 ký tự', messageEn: 'The late reason is limited to 2000 characters' }]);
    }
    await this.db.run(ctx, async (em) => {
      const row = await lockedSubmissionRow(em, id);
      let number = 0;
      let daysLate = 0;
      await this.applyTransition(em, ctx, row, 'SUBMIT', { expectedVersion }, async () => {
        const template = await this.templates.definition(em, ctx, row.templateCode, row.templateVersion);
        // Late against the deadline this submission is judged by (the calendar's one rule): a reason is required.
        const steps = (await calendarStepsOf(em, [id])).get(id) ?? [];
        const due = toSubmission(row, template).dueDate;
        daysLate = daysLateOfNextSubmission(steps, due, todayInVietnam());
        if (daysLate > 0 && !reason) {
          const deadline = vietnameseDate(deadlineOfNextSubmission(steps, due)!);
          throw Errors.validation(
            [{ field: 'lateReason', messageVi: 'Cần nêu lý do nộp muộn', messageEn: 'A reason for the late submission is required' }],
            `Báo cáo nộp muộn ${daysLate} ngày so với hạn ${deadline}: vui lòng nêu lý do nộp muộn.`,
            `The report is ${daysLate} day(s) past its deadline of ${deadline}: give a reason for the late submission.`,
            { reason: 'LATE_REASON_REQUIRED', daysLate },
          );
        }
        const previous = await previousAccepted(em, row.centreId, row.templateCode, row.periodCode);
        const issues = validateValues(template, row.values, { previous, explanations: row.explanations, period: row.periodCode });
        const errors = issues.filter((i) => i.severity === 'error');
        if (errors.length) {
          throw Errors.validation(
            issuesToFieldProblems(errors),
            `Báo cáo còn ${errors.length} lỗi, chưa thể nộp. Vui lòng sửa các chỉ tiêu được đánh dấu.`,
            `The report has ${errors.length} error(s) and cannot be submitted.`,
          );
        }
        const unexplained = unexplainedWarnings(issues);
        if (unexplained.length) {
          throw Errors.validation(
            issuesToFieldProblems(unexplained),
            'Có cảnh báo cần giải trình trước khi nộp (ví dụ số liệu thay đổi trên 50% so với kỳ trước).',
            'Some warnings need a written explanation before submitting.',
          );
        }
        const [{ n }] = await em.query(`SELECT count(*)::int + 1 AS n FROM submission_version WHERE submission_id = $1`, [id]);
        number = n;
        // The reason is kept on the SUBMITTED event (shown to the reviewer); an on-time submission keeps none.
        return { data: { number, ...(daysLate > 0 ? { daysLate } : {}) }, ...(daysLate > 0 ? { comment: reason! } : {}) };
      });
      // Every submitted version is kept, numbered (compliance re-judges timeliness after the commit).
      await em.query(
        `INSERT INTO submission_version (province_id, centre_id, submission_id, number, template_version, "values", explanations, submitted_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [row.provinceId, row.centreId, id, number, row.templateVersion, JSON.stringify(row.values), JSON.stringify(row.explanations), ctx.userId],
      );
    });
    return this.queries.getSubmission(ctx, id);
  }

  /** The reviewer returns a submitted report with an overall comment, comments per field and an optional resubmission deadline. */
  async returnSubmission(
    ctx: TenantContext,
    id: string,
    comment: string,
    fieldComments: FieldComment[] = [],
    expectedVersion: number,
    resubmitBy?: string | null,
  ): Promise<Submission> {
    assertUuid(id);
    const overall = comment?.trim();
    if (resubmitBy && (!isIsoDate(resubmitBy) || compareIsoDates(resubmitBy, todayInVietnam()) < 0)) {
      throw Errors.validation([{ field: 'resubmitBy', messageVi: 'Hạn nộp lại phải là một ngày (YYYY-MM-DD) từ hôm nay trở đi', messageEn: 'The resubmission deadline must be a date (YYYY-MM-DD), today or later' }]);
    }
    if (!overall) throw Errors.validation([{ field: 'comment', messageVi: 'Cần nêu lý do trả lại báo cáo', messageEn: 'A comment is required to return a report' }]);
    if (overall.length > 4000 || fieldComments.length > 500) {
      throw Errors.badInput('Nội dung nhận xét quá dài', 'Comments too long', { field: 'comment' });
    }
    await this.db.run(ctx, async (em) => {
      const row = await lockedSubmissionRow(em, id);
      assertReviews(ctx, row); // a commune officer returns only its commune's TTHTCĐ (ADR 0012)
      // The centre is told (libs/notify) and its compliance re-evaluated, after this transaction commits.
      await this.applyTransition(em, ctx, row, 'RETURN', { expectedVersion }, async () => ({
        comment: overall,
        fieldComments: checkFieldComments(await this.templates.definition(em, ctx, row.templateCode, row.templateVersion), fieldComments),
        resubmitBy: resubmitBy ?? null,
      }));
    });
    return this.queries.getSubmission(ctx, id);
  }

  async accept(ctx: TenantContext, id: string, expectedVersion: number, options: { requireClean?: boolean } = {}): Promise<Submission> {
    assertUuid(id);
    await this.db.run(ctx, async (em) => {
      const row = await lockedSubmissionRow(em, id);
      assertReviews(ctx, row); // a commune officer accepts only its commune's TTHTCĐ (ADR 0012)
      // Fact tables and indicators are refreshed from accepted reports only (architecture §5).
      await this.applyTransition(em, ctx, row, 'ACCEPT', { expectedVersion }, async () => {
        // Accepted values become facts: a value stored untyped (before the parser existed, and not converted by
        // the migration) must be fixed by the centre first, never silently dropped by the flattening.
        const template = await this.templates.definition(em, ctx, row.templateCode, row.templateVersion);
        parseDraftValues(template, row.values);
        if (options.requireClean) {
          const previous = await previousAccepted(em, row.centreId, row.templateCode, row.periodCode);
          const issues = validateValues(template, row.values, { previous, explanations: row.explanations, period: row.periodCode });
          // Explained warnings are silenced by validateValues; whatever is left (an error, a warning not explained or
          // one that cannot be) is for a reviewer to read on its own.
          const errors = issues.filter((i) => i.severity === 'error').length;
          const unexplained = issues.length - errors;
          if (issues.length) {
            throw Errors.validation(
              issuesToFieldProblems(issues),
              `Báo cáo còn ${[errors ? `${errors} lỗi` : '', unexplained ? `${unexplained} cảnh báo` : ''].filter(Boolean).join(' và ')}: cần xem và duyệt riêng.`,
              `The report has ${[errors ? `${errors} error(s)` : '', unexplained ? `${unexplained} warning(s)` : ''].filter(Boolean).join(' and ')}: review it on its own.`,
              { reason: 'NOT_CLEAN' },
            );
          }
        }
        return {};
      });
    });
    return this.queries.getSubmission(ctx, id);
  }

  /**
   * Accepts several reports, each in its own transaction (one refused report never undoes another's acceptance):
   * only clean ones — no errors and every explainable warning explained; the others are reviewed one by one. Each
   * item carries the version the reviewer saw, so a report changed meanwhile is refused as STALE_VERSION.
   */
  async acceptMany(ctx: TenantContext, items: readonly { id: string; expectedVersion: number }[]): Promise<{ accepted: Submission[]; refused: BulkRefusal[] }> {
    if (items.length > 200) throw Errors.badInput('Mỗi lần duyệt tối đa 200 báo cáo', 'At most 200 reports per bulk accept', { field: 'items' });
    const seen = new Set<string>();
    const accepted: Submission[] = [];
    const refused: BulkRefusal[] = [];
    for (const item of items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      try {
        accepted.push(await this.accept(ctx, item.id, item.expectedVersion, { requireClean: true }));
      } catch (e) {
        if (!(e instanceof AppError) || e.code === 'INTERNAL' || e.code === 'UNAVAILABLE') throw e;
        const details = e.details as { reason?: string };
        refused.push({ id: item.id, code: e.code, reason: details.reason ?? null, messageVi: e.messageVi, messageEn: e.messageEn });
      }
    }
    return { accepted, refused };
  }

  /** The Sở reopens an accepted report: it goes back to the centre as RETURNED, with the reason as comment. */
  async reopen(ctx: TenantContext, id: string, reason: string): Promise<Submission> {
    assertUuid(id);
    const why = reason?.trim();
    if (!why) throw Errors.validation([{ field: 'reason', messageVi: 'Cần nêu lý do mở lại báo cáo', messageEn: 'A reason is required to reopen a report' }]);
    await this.db.run(ctx, async (em) => {
      const row = await lockedSubmissionRow(em, id);
      // The accepted figures no longer stand: analytics drops them until the report is accepted again.
      await this.applyTransition(em, ctx, row, 'REOPEN', {}, () => ({ comment: why.slice(0, 4000) }));
    });
    return this.queries.getSubmission(ctx, id);
  }

  /**
   * The one way a report changes in the workflow, read from SUBMISSION_TRANSITIONS: a stale `expectedVersion` is
   * STALE_VERSION (checked first: the caller's view is outdated, reload), an action the status does not allow is
   * INVALID_TRANSITION, a role without the transition's permission is FORBIDDEN. Then `prepare` (the action's own
   * checks; 'UNCHANGED' when there is nothing to write), the update with the transition's stamps, the event, the
   * audit row and the outbox row, in the caller's transaction. True when the report changed.
   */
  private async applyTransition(
    em: EntityManager,
    ctx: TenantContext,
    row: TransitionRow,
    action: WorkflowAction,
    request: { expectedVersion?: number | null; recordAs?: SubmissionAction },
    prepare: () => Promise<TransitionEffects | 'UNCHANGED'> | TransitionEffects | 'UNCHANGED',
  ): Promise<boolean> {
    if (VERSIONED_ACTIONS.has(action)) requireVersion(row.version, request.expectedVersion);
    const transition = requireTransition(row.status, action);
    requirePermission(ctx.role, transition);
    const effects = await prepare();
    if (effects === 'UNCHANGED') return false;

    const params: unknown[] = [row.id, ctx.userId, transition.to];
    const set = [`status = $3`, `version = version + 1`, `updated_by = $2`, `updated_at = now()`];
    if (transition.stamps === 'SUBMITTED') set.push(`submitted_at = now()`, `submitted_by = $2`);
    if (transition.stamps === 'ACCEPTED') set.push(`accepted_at = now()`, `accepted_by = $2`);
    if (transition.stamps === 'ACCEPTANCE_CLEARED') set.push(`accepted_at = NULL`, `accepted_by = NULL`);
    if (effects.values !== undefined) set.push(`"values" = $${params.push(JSON.stringify(effects.values))}`);
    if (effects.explanations !== undefined) set.push(`explanations = $${params.push(JSON.stringify(effects.explanations))}`);
    await em.query(`UPDATE submission SET ${set.join(', ')} WHERE id = $1`, params);

    const version = row.version + 1;
    await recordSubmissionEvent(em, ctx, row, {
      action: request.recordAs ?? transition.records, from: row.status, to: transition.to, version,
      comment: effects.comment, fieldComments: effects.fieldComments, resubmitBy: effects.resubmitBy, data: effects.data,
    });
    if (transition.emits) await emitSubmissionEvent(em, ctx, row, transition.emits, version);
    // The completeness rollup in the same transaction: the landing pages show the change as soon as it commits
    // (the event's subscriber recomputes the same rows again, idempotently, should this transaction's be lost).
    await this.rollup.refreshCentresIn(em, ctx, [row.centreId]);
    return true;
  }
}

/** Field comments must name a value key, a grid or a section of the template (so the form can show them). */
function checkFieldComments(template: TemplateDefinition, comments: FieldComment[]): FieldComment[] {
  const index = indexTemplate(template);
  const sections = new Set(template.sections.map((s) => s.code));
  return comments.map((c, i) => {
    const field = c.field?.trim();
    const comment = c.comment?.trim();
    if (!field || !(index.byKey.has(field) || index.grids.has(field) || sections.has(field))) {
      throw Errors.validation([{
        field: `fieldComments.${i}.field`,
        messageVi: `Chỉ tiêu "${c.field}" không có trong biểu mẫu ${template.code}`,
        messageEn: `"${c.field}" is not a field of template ${template.code}`,
      }]);
    }
    if (!comment || comment.length > 2000) {
      throw Errors.validation([{ field: `fieldComments.${i}.comment`, messageVi: 'Nhận xét không được để trống hoặc quá 2000 ký tự', messageEn: 'Comment must be 1–2000 characters' }]);
    }
    return { field, comment };
  });
}
