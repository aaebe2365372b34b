/**
 * The rows of reporting's submission aggregate and the checks every service of the context shares (the split of
 * the former ReportingService, issue 11 Build 8). SQL that reads reporting's own tables lives here; the one
 * crossing still to move behind org's readers (`centre`: a centre's code, name and type) and identity's
 * (`app_user`: the actor's name on an event) are listed in scripts/table-ownership.spec.ts under this file.
 */
import type { EntityManager } from 'typeorm';
import { compareIsoDates, dueDate, hasPermission, PeriodCodeError, periodFromCode, previousPeriod, todayInVietnam } from '@gdtx/domain';
import type { CentreType, Period, SubmissionStatus, SubmissionTopic, TemplateDefinition, ValidationIssue, ValueMap } from '@gdtx/domain';
import { userNameOf } from '@gdtx/identity';
import { centreRefOf } from '@gdtx/org';
import { assertUuid, audit, enqueueOutbox, Errors, TenantContext } from '@gdtx/platform';
import { ValuesShapeError } from './submission-values';
import type { FieldComment, Submission, SubmissionAction, ValidationIssueDto } from './reporting.types';

export const CENTRE = { vi: 'trung tâm', en: 'Centre' };
export const TEMPLATE = { vi: 'biểu mẫu báo cáo', en: 'Report template' };
export const SUBMISSION = { vi: 'báo cáo', en: 'Submission' };
export const VERSION = { vi: 'phiên bản báo cáo', en: 'Submission version' };

export const STATUS_VI: Record<SubmissionStatus, string> = {
  DRAFT: 'đang soạn', SUBMITTED: 'đã nộp', RETURNED: 'bị trả lại', ACCEPTED: 'đã được duyệt',
};

export interface CentreRow {
  id: string;
  provinceId: string;
  code: string;
  name: string;
  type: CentreType;
}

export interface SubmissionRow {
  id: string;
  provinceId: string;
  centreId: string;
  centreCode: string;
  centreName: string;
  centreType: CentreType;
  supervisingUnitPath: string;
  templateCode: string;
  templateVersion: number;
  periodCode: string;
  periodLabelVi: string;
  status: SubmissionStatus;
  values: ValueMap;
  explanations: Record<string, string>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  acceptedAt: Date | null;
  extensionDue: string | null;
}

/** What an event, an audit row and an outbox row need to know of a submission. */
export interface SubmissionRef {
  id: string;
  provinceId: string;
  centreId: string;
  templateCode: string;
  periodCode: string;
}

export const SUBMISSION_SELECT = `
  SELECT s.id, s.province_id AS "provinceId", s.centre_id AS "centreId", c.code AS "centreCode", c.name AS "centreName",
         c.type AS "centreType", c.supervising_unit_path AS "supervisingUnitPath", s.template_code AS "templateCode", s.template_version AS "templateVersion",
         s.period_code AS "periodCode", p.label_vi AS "periodLabelVi", s.status, s."values", s.explanations, s.version,
         s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.submitted_at AS "submittedAt", s.accepted_at AS "acceptedAt",
         to_char(x.due_date, 'YYYY-MM-DD') AS "extensionDue"
  FROM submission s
  JOIN org_centre_ref c ON c.id = s.centre_id
  JOIN reporting_period p ON p.code = s.period_code
  LEFT JOIN deadline_extension x ON x.centre_id = s.centre_id AND x.template_code = s.template_code AND x.period_code = s.period_code`;

/** The count behind a filtered list (the filter may name the centre's unit paths, `c.`). */
export const SUBMISSION_COUNT = `SELECT count(*)::int AS count FROM submission s JOIN org_centre_ref c ON c.id = s.centre_id`;

/**
 * Who reviews a centre's reports (domain §B, §H; ADR 0012): the Sở (province scope) every centre of its province;
 * a supervisor of a unit only the centres that unit supervises (a commune's TTHTCĐ: the commune officer). A
 * supervisor may read the other centres in its commune (GDNN-GDTX, language centres), but the Sở reviews them.
 */
export function reviewsCentre(ctx: TenantContext, supervisingUnitPath: string): boolean {
  if (ctx.scope === 'province' || ctx.scope === 'system') return true;
  return ctx.scope === 'unit' && !!ctx.unitPath && supervisingUnitPath.startsWith(ctx.unitPath);
}

export function assertReviews(ctx: TenantContext, row: Pick<SubmissionRow, 'supervisingUnitPath'>): void {
  if (reviewsCentre(ctx, row.supervisingUnitPath)) return;
  throw Errors.forbidden(
    'Only the supervising unit reviews this centre: the Sở reviews centres it licenses',
    'Chỉ đơn vị quản lý trực tiếp được duyệt hoặc trả lại báo cáo của trung tâm này; Sở duyệt báo cáo của các trung tâm do Sở quản lý',
  );
}

export function iso(value: Date | string | null): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function toIssueDto(issue: ValidationIssue): ValidationIssueDto {
  return { ...issue, explainable: issue.explainable ?? false };
}

export function parsePeriod(code: string): Period {
  try {
    return periodFromCode(code);
  } catch (e) {
    if (e instanceof PeriodCodeError) {
      throw Errors.badInput(`Mã kỳ báo cáo không hợp lệ: ${code}`, e.message, { field: 'periodCode' });
    }
    throw e;
  }
}

export function shapeError(e: unknown): never {
  if (e instanceof ValuesShapeError) {
    throw Errors.validation([{ field: e.field, messageVi: e.messageVi, messageEn: e.message }]);
  }
  throw e;
}

export async function centreRow(em: EntityManager, centreId: string): Promise<CentreRow> {
  const centre = await centreRefOf(em, assertUuid(centreId, 'centreId'));
  if (!centre) throw Errors.notFound(CENTRE, centreId);
  return { id: centre.id, provinceId: centre.provinceId, code: centre.code, name: centre.name, type: centre.type };
}

export async function submissionRow(em: EntityManager, id: string): Promise<SubmissionRow> {
  const [row] = await em.query(`${SUBMISSION_SELECT} WHERE s.id = $1`, [assertUuid(id)]);
  if (!row) throw Errors.notFound(SUBMISSION, id);
  return row;
}

/** The row locked for a change (row-level security still applies to FOR UPDATE), then read joined. */
export async function lockedSubmissionRow(em: EntityManager, id: string): Promise<SubmissionRow> {
  const locked = await em.query(`SELECT id FROM submission WHERE id = $1 FOR UPDATE`, [assertUuid(id)]);
  if (!locked.length) throw Errors.notFound(SUBMISSION, id);
  return submissionRow(em, id);
}

/** The report of (centre, template, period) if one exists: the version of the template it is filed against. */
export async function existingSubmission(
  em: EntityManager, centreId: string, templateCode: string, periodCode: string,
): Promise<{ version: number; templateVersion: number; values: ValueMap } | undefined> {
  const [row] = await em.query(
    `SELECT version, template_version AS "templateVersion", "values" FROM submission WHERE centre_id = $1 AND template_code = $2 AND period_code = $3`,
    [centreId, templateCode, periodCode],
  );
  return row;
}

export async function previousAccepted(em: EntityManager, centreId: string, templateCode: string, periodCode: string): Promise<ValueMap | null> {
  const previous = previousPeriod(periodCode).code;
  const [row] = await em.query(
    `SELECT "values" FROM submission WHERE centre_id = $1 AND template_code = $2 AND period_code = $3 AND status = 'ACCEPTED'`,
    [centreId, templateCode, previous],
  );
  return row?.values ?? null;
}

/** The period row a submission or an extension refers to (idempotent). */
export async function ensurePeriod(em: EntityManager, period: Period): Promise<void> {
  await em.query(
    `INSERT INTO reporting_period (code, type, start_date, end_date, label_vi, label_en) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (code) DO NOTHING`,
    [period.code, period.type, period.start, period.end, period.labelVi, period.labelEn],
  );
}

/** `ctx`: whose view it is (for canReview); without it, canReview is false. */
export function toSubmission(row: SubmissionRow, template: TemplateDefinition, ctx?: TenantContext): Submission {
  const regular = dueDate(row.periodCode, template.deadline);
  const due = row.extensionDue && compareIsoDates(row.extensionDue, regular) > 0 ? row.extensionDue : regular;
  return {
    id: row.id, provinceId: row.provinceId, centreId: row.centreId, centreCode: row.centreCode, centreName: row.centreName,
    templateCode: row.templateCode, templateVersion: row.templateVersion, periodCode: row.periodCode, periodLabelVi: row.periodLabelVi,
    status: row.status, values: row.values, explanations: row.explanations, version: row.version, dueDate: due,
    createdAt: iso(row.createdAt)!, updatedAt: iso(row.updatedAt)!, submittedAt: iso(row.submittedAt), acceptedAt: iso(row.acceptedAt),
    canReview: !!ctx?.role && hasPermission(ctx.role, 'REPORT_REVIEW') && reviewsCentre(ctx, row.supervisingUnitPath),
  };
}

/** Appends the workflow event and the audit row, inside the caller's transaction. */
export async function recordSubmissionEvent(
  em: EntityManager,
  ctx: TenantContext,
  row: SubmissionRef,
  event: {
    action: SubmissionAction; from: SubmissionStatus | null; to: SubmissionStatus; version: number;
    comment?: string; fieldComments?: FieldComment[]; data?: Record<string, unknown>; resubmitBy?: string | null;
  },
): Promise<void> {
  // The actor's name is kept on the event (it reads the same after the account changes), from identity's reader.
  const actorName = (await userNameOf(em, ctx.userId))?.fullName ?? null;
  await em.query(
    `INSERT INTO submission_event (province_id, centre_id, submission_id, action, from_status, to_status, submission_version,
                                   actor_user_id, actor_name, comment, field_comments, resubmit_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [row.provinceId, row.centreId, row.id, event.action, event.from, event.to, event.version, ctx.userId, actorName, event.comment ?? null,
      JSON.stringify(event.fieldComments ?? []), event.resubmitBy ?? null],
  );
  await audit(em, ctx, {
    provinceId: row.provinceId, centreId: row.centreId, action: `SUBMISSION_${event.action}`, entity: 'submission', entityId: row.id,
    data: {
      templateCode: row.templateCode, periodCode: row.periodCode, from: event.from, to: event.to, version: event.version,
      ...(event.comment ? { comment: event.comment } : {}), ...(event.fieldComments?.length ? { fieldComments: event.fieldComments } : {}),
      ...(event.resubmitBy ? { resubmitBy: event.resubmitBy } : {}),
      ...(event.data ?? {}),
    },
  });
}

/**
 * The outbox event of a workflow transition, written in the transition's transaction. The dedupe key names the
 * event and the new version, so a later accept after a reopen is a new job, while a retried relay is not.
 */
export function emitSubmissionEvent(
  em: EntityManager, ctx: TenantContext, row: { id: string; provinceId: string; centreId: string }, topic: SubmissionTopic, newVersion: number,
) {
  return enqueueOutbox(em, ctx, {
    topic,
    payload: { submissionId: row.id, version: newVersion },
    dedupeKey: `submission:${row.id}:${topic.slice('submission.'.length)}:v${newVersion}`,
    provinceId: row.provinceId,
    centreId: row.centreId,
  });
}

/** A report may be started only for a template of the centre's type, a period of its type, already begun. */
export function assertApplicable(template: TemplateDefinition, centreType: CentreType, period: Period, today = todayInVietnam()): void {
  if (!template.centreTypes.includes(centreType)) {
    throw Errors.badInput(
      `Biểu mẫu ${template.code} không áp dụng cho loại trung tâm này`,
      `Template ${template.code} does not apply to centres of type ${centreType}`,
      { field: 'templateCode' },
    );
  }
  if (period.type !== template.periodType) {
    throw Errors.badInput(
      `Kỳ ${period.code} không đúng loại kỳ của biểu mẫu ${template.code}`,
      `Period ${period.code} is not a ${template.periodType} period`,
      { field: 'periodCode' },
    );
  }
  if (compareIsoDates(period.start, today) > 0) {
    throw Errors.badInput(`Kỳ báo cáo ${period.labelVi} chưa bắt đầu`, `Period ${period.code} has not started yet`, { field: 'periodCode' });
  }
}

