import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CentreTypes, compareIsoDates, hasPermission, dueDate, isIsoDate, indexTemplate, validateTemplateDefinition, PeriodCodeError, periodFromCode, previousPeriod, todayInVietnam,
  unexplainedWarnings, validateValues,
} from '@gdtx/domain';
import type { CentreType, Period, SubmissionStatus, TemplateDefinition, ValidationIssue, ValueMap } from '@gdtx/domain';
import { readCentreCalendarFacts, unitPathOf } from '@gdtx/org';
import {
  assertUuid, audit, decodePage, enqueueOutbox, Errors, PageArgs, TenantContext, TenantDb, toConnection,
} from '@gdtx/platform';
import { buildWorkbook, parseWorkbook } from './excel';
import type { CellProblem } from './excel';
import { duePeriodWindow, expectedReports } from './expected-reports';
import { reportCalendar } from './report-calendar';
import type { ExpectedReport as DueReportItem } from './expected-reports';
import {
  diffValues, issuesToFieldProblems, normalizeExplanations, parseDraftValues, sameDocument, ValuesShapeError,
} from './submission-values';
import type {
  DeadlineExtension, DueReport, FieldComment, GrantExtensionInput, ReportTemplate, ReportTemplateVersion, SaveDraftResult, SaveSubmissionDraftInput,
  Submission, SubmissionAction, SubmissionEvent, SubmissionFilter, SubmissionVersion, ValidationIssueDto, ValueChangeDto,
} from './reporting.types';

const CENTRE = { vi: 'trung tâm', en: 'Centre' };
const TEMPLATE = { vi: 'biểu mẫu báo cáo', en: 'Report template' };
const SUBMISSION = { vi: 'báo cáo', en: 'Submission' };
const VERSION = { vi: 'phiên bản báo cáo', en: 'Submission version' };

const STATUS_VI: Record<SubmissionStatus, string> = {
  DRAFT: 'đang soạn', SUBMITTED: 'đã nộp', RETURNED: 'bị trả lại', ACCEPTED: 'đã được duyệt',
};

export interface UploadOutcome {
  ok: boolean;
  submission: Submission | null;
  changed: boolean;
  problems: CellProblem[];
  issues: ValidationIssueDto[];
}

interface TemplateRow {
  definition: TemplateDefinition;
  national: boolean;
  publishedAt: string | null;
}

interface SubmissionRow {
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

const SUBMISSION_SELECT = `
  SELECT s.id, s.province_id AS "provinceId", s.centre_id AS "centreId", c.code AS "centreCode", c.name AS "centreName",
         c.type AS "centreType", c.supervising_unit_path AS "supervisingUnitPath", s.template_code AS "templateCode", s.template_version AS "templateVersion",
         s.period_code AS "periodCode", p.label_vi AS "periodLabelVi", s.status, s."values", s.explanations, s.version,
         s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.submitted_at AS "submittedAt", s.accepted_at AS "acceptedAt",
         to_char(x.due_date, 'YYYY-MM-DD') AS "extensionDue"
  FROM submission s
  JOIN centre c ON c.id = s.centre_id
  JOIN reporting_period p ON p.code = s.period_code
  LEFT JOIN deadline_extension x ON x.centre_id = s.centre_id AND x.template_code = s.template_code AND x.period_code = s.period_code`;

/** Whether the caller's scope reviews a centre supervised at this path: the Sở, or the supervising unit itself. */
function reviewsCentre(ctx: TenantContext, supervisingUnitPath: string): boolean {
  if (ctx.scope === 'province' || ctx.scope === 'system') return true;
  return ctx.scope === 'unit' && !!ctx.unitPath && supervisingUnitPath.startsWith(ctx.unitPath);
}

function iso(value: Date | string | null): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function toIssueDto(issue: ValidationIssue): ValidationIssueDto {
  return { ...issue, explainable: issue.explainable ?? false };
}

function parsePeriod(code: string): Period {
  try {
    return periodFromCode(code);
  } catch (e) {
    if (e instanceof PeriodCodeError) {
      throw Errors.badInput(`Mã kỳ báo cáo không hợp lệ: ${code}`, e.message, { field: 'periodCode' });
    }
    throw e;
  }
}

function shapeError(e: unknown): never {
  if (e instanceof ValuesShapeError) {
    throw Errors.validation([{ field: e.field, messageVi: e.messageVi, messageEn: e.message }]);
  }
  throw e;
}

/**
 * Reporting: templates, what each centre owes, and the submission workflow
 * `DRAFT → SUBMITTED → ACCEPTED | RETURNED → SUBMITTED …`, plus reopen by the Sở (ACCEPTED → RETURNED).
 * Visibility is PostgreSQL row-level security (a submission outside the caller's scope is "not found");
 * what a role may do is the resolver's @RequirePermission. Every change runs in one transaction with its
 * submission_event, audit row and (on accept / reopen) outbox row.
 */
@Injectable()
export class ReportingService {
  /** Published template versions are immutable, so a parsed definition is cached per (province, code, version). */
  private readonly templates = new Map<string, TemplateRow>();

  constructor(private readonly db: TenantDb) {}

  // ------------------------------------------------------------------------------------------------------
  // Templates

  async listTemplates(ctx: TenantContext, centreType?: CentreType | null): Promise<ReportTemplate[]> {
    return this.db.run(ctx, async (em) => {
      const rows: { code: string; version: number }[] = await em.query(
        `SELECT DISTINCT ON (v.code) v.code, v.version FROM report_template_version v
         WHERE v.published_at IS NOT NULL AND ($1::text IS NULL OR v.definition->'centreTypes' ? $1::text)
         ORDER BY v.code, (v.province_id IS NULL), v.version DESC`,
        [centreType ?? null],
      );
      const out: ReportTemplate[] = [];
      for (const r of rows) out.push(toTemplateDto(await this.template(em, ctx, r.code, r.version)));
      return out;
    });
  }

  async getTemplate(ctx: TenantContext, code: string, version?: number | null): Promise<ReportTemplate> {
    return this.db.run(ctx, async (em) => toTemplateDto(await this.template(em, ctx, code, version ?? null)));
  }

  /** Every published version of a template the user can see (national ones and the province's own), newest first. */
  async templateVersions(ctx: TenantContext, code: string): Promise<ReportTemplateVersion[]> {
    return this.db.run(ctx, async (em) => {
      const rows: { version: number; nameVi: string; national: boolean; publishedAt: Date | string | null }[] = await em.query(
        `SELECT v.version, v.definition->>'nameVi' AS "nameVi", v.province_id IS NULL AS national, v.published_at AS "publishedAt"
         FROM report_template_version v
         WHERE v.code = $1 AND v.published_at IS NOT NULL
         ORDER BY v.version DESC`,
        [code],
      );
      if (!rows.length) throw Errors.notFound(TEMPLATE, code);
      return rows.map((r) => ({ code, version: r.version, nameVi: r.nameVi, national: r.national, publishedAt: iso(r.publishedAt) }));
    });
  }

  /**
   * The Sở publishes a new version of a template for its province (numbered after every version it can see,
   * national ones included). Published versions are immutable, so this is the only way to change a template;
   * submissions already created keep the version they started with.
   */
  async publishTemplate(ctx: TenantContext, input: unknown): Promise<ReportTemplate> {
    if (ctx.scope !== 'province' || !ctx.provinceId) throw Errors.forbidden('Only the Sở publishes templates', 'Chỉ Sở được ban hành biểu mẫu');
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      throw Errors.badInput('Định nghĩa biểu mẫu phải là một đối tượng JSON', 'The template definition must be a JSON object', { field: 'definition' });
    }
    const draft = JSON.parse(JSON.stringify(input)) as TemplateDefinition;
    return this.db.run(ctx, async (em) => {
      const [latest] = await em.query(
        `SELECT max(version)::int AS version, (array_agg(definition->>'periodType' ORDER BY version DESC))[1] AS "periodType"
         FROM report_template_version WHERE code = $1`,
        [draft.code],
      );
      const definition: TemplateDefinition = { ...draft, version: (latest?.version ?? 0) + 1 };
      let problems: { path: string; messageVi: string; messageEn: string }[];
      try {
        problems = validateTemplateDefinition(definition);
      } catch {
        problems = [{ path: 'definition', messageVi: 'Định nghĩa biểu mẫu sai cấu trúc', messageEn: 'Malformed template definition' }];
      }
      if (!problems.length && !definition.centreTypes?.every((t) => (CentreTypes as readonly string[]).includes(t))) {
        problems.push({ path: 'centreTypes', messageVi: 'Loại trung tâm không hợp lệ', messageEn: 'Unknown centre type' });
      }
      if (!problems.length && latest?.periodType && latest.periodType !== definition.periodType) {
        problems.push({
          path: 'periodType',
          messageVi: 'Không được đổi loại kỳ báo cáo giữa các phiên bản; hãy tạo biểu mẫu mới với mã khác',
          messageEn: 'The period type cannot change between versions; create a template with a new code',
        });
      }
      if (problems.length) {
        throw Errors.validation(
          problems.map((p) => ({ field: p.path, messageVi: p.messageVi, messageEn: p.messageEn })),
          'Định nghĩa biểu mẫu chưa hợp lệ',
          'Invalid template definition',
        );
      }
      const [template] = await em.query(
        `INSERT INTO report_template (province_id, code, name_vi, name_en, period_type, centre_types) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT ((coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid)), code)
         DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, centre_types = EXCLUDED.centre_types RETURNING id`,
        [ctx.provinceId, definition.code, definition.nameVi, definition.nameEn, definition.periodType, definition.centreTypes],
      );
      const [version] = await em.query(
        `INSERT INTO report_template_version (province_id, template_id, code, version, definition, published_at, created_by)
         VALUES ($1,$2,$3,$4,$5,now(),$6) RETURNING id`,
        [ctx.provinceId, template.id, definition.code, definition.version, JSON.stringify(definition), ctx.userId],
      );
      await audit(em, ctx, {
        provinceId: ctx.provinceId!, action: 'TEMPLATE_PUBLISHED', entity: 'report_template_version', entityId: version.id,
        data: { code: definition.code, version: definition.version },
      });
      // No event: a new version changes no figure already computed (a report keeps the version it was filed
      // on, and facts are per report), so no context has anything to do; before, every publish left a failed job.
      return toTemplateDto(await this.template(em, ctx, definition.code, definition.version));
    });
  }

  /** The published definition of (code, version), or the newest published one; the province's own first. */
  private async template(em: EntityManager, ctx: TenantContext, code: string, version: number | null): Promise<TemplateRow> {
    const cacheKey = `${ctx.provinceId ?? '-'}:${code}:${version ?? 'latest'}`;
    const cached = version !== null ? this.templates.get(cacheKey) : undefined;
    if (cached) return cached;
    const [row] = await em.query(
      `SELECT v.version, v.definition, v.province_id IS NULL AS national, v.published_at AS "publishedAt"
       FROM report_template_version v
       WHERE v.code = $1 AND v.published_at IS NOT NULL AND ($2::int IS NULL OR v.version = $2)
       ORDER BY (v.province_id IS NULL), v.version DESC LIMIT 1`,
      [code, version],
    );
    if (!row) throw Errors.notFound(TEMPLATE, version ? `${code} v${version}` : code);
    const exactKey = `${ctx.provinceId ?? '-'}:${code}:${row.version}`;
    const known = this.templates.get(exactKey);
    if (known) return known;
    const parsed: TemplateRow = { definition: deepFreeze(row.definition as TemplateDefinition), national: row.national, publishedAt: iso(row.publishedAt) };
    this.templates.set(exactKey, parsed);
    return parsed;
  }

  // ------------------------------------------------------------------------------------------------------
  // What is due

  async dueReports(ctx: TenantContext, centreId: string, today = todayInVietnam()): Promise<DueReport[]> {
    assertUuid(centreId, 'centreId');
    return this.db.run(ctx, async (em) => {
      const [centre] = await readCentreCalendarFacts(em, { centreIds: [centreId] });
      if (!centre) throw Errors.notFound(CENTRE, centreId);
      const templateRows: { code: string; version: number }[] = await em.query(
        `SELECT DISTINCT ON (v.code) v.code, v.version FROM report_template_version v
         WHERE v.published_at IS NOT NULL AND v.definition->'centreTypes' ? $1::text
         ORDER BY v.code, (v.province_id IS NULL), v.version DESC`,
        [centre.type],
      );
      const templates: TemplateDefinition[] = [];
      for (const r of templateRows) templates.push((await this.template(em, ctx, r.code, r.version)).definition);
      const entries = await reportCalendar(em, {
        centres: [centre],
        templates,
        periodsOf: (t) => duePeriodWindow(t.periodType, today),
        asOf: today,
      });
      return expectedReports({ templates, entries, today }).map((item) => toDueReportDto(centreId, item));
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Reading submissions

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
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const [{ count }] = await em.query(
        `SELECT count(*)::int AS count FROM submission s JOIN centre c ON c.id = s.centre_id ${whereSql}`,
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
    return this.db.run(ctx, async (em) => this.toSubmission(em, ctx, await this.submissionRow(em, id)));
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

  /** Values that changed between two submitted versions; without `toVersion`, up to the current values. */
  async diff(ctx: TenantContext, submissionId: string, fromVersion: number, toVersion?: number | null): Promise<ValueChangeDto[]> {
    return this.db.run(ctx, async (em) => {
      const row = await this.submissionRow(em, submissionId);
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
      const template = (await this.template(em, ctx, row.templateCode, row.templateVersion)).definition;
      return diffValues(template, pick(fromVersion), toVersion ? pick(toVersion) : row.values);
    });
  }

  /** Current validation issues of a submission (what the reviewer and the form show). */
  async issuesOf(ctx: TenantContext, submission: Submission): Promise<ValidationIssueDto[]> {
    return this.db.run(ctx, async (em) => {
      const template = (await this.template(em, ctx, submission.templateCode, submission.templateVersion)).definition;
      const previous = await this.previousAccepted(em, submission.centreId, submission.templateCode, submission.periodCode);
      return validateValues(template, submission.values, { previous, explanations: submission.explanations, period: submission.periodCode }).map(toIssueDto);
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Drafts

  /**
   * Saves values as a draft (creating the submission on first save). Only unstorable values (wrong type,
   * unknown key) are refused; rule errors are saved and returned as issues. A save based on a stale version
   * is a CONFLICT and changes nothing. Values identical to what is stored change nothing either (no new
   * version), which makes a repeated Excel upload idempotent.
   */
  async saveDraft(
    ctx: TenantContext,
    input: SaveSubmissionDraftInput,
    options: { action?: SubmissionAction; identicalWins?: boolean } = {},
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
      const centre = await this.centreRow(em, input.centreId);
      const [existing] = await em.query(
        `SELECT id, status, version, template_version AS "templateVersion", "values", explanations
         FROM submission WHERE centre_id = $1 AND template_code = $2 AND period_code = $3 FOR UPDATE`,
        [centre.id, input.templateCode, period.code],
      );
      const template = (await this.template(em, ctx, input.templateCode, existing?.templateVersion ?? null)).definition;
      if (!existing) assertApplicable(template, centre.type, period);

      // The write boundary: typed by the template version the report is filed against, or nothing is saved.
      const values = parseDraftValues(template, input.values);
      const newExplanations = explanations ?? existing?.explanations ?? {};

      if (existing) {
        const identical = sameDocument(values, existing.values) && sameDocument(newExplanations, existing.explanations);
        if (identical && options.identicalWins) return { id: existing.id as string, changed: false };
        assertVersion(existing.version, input.expectedVersion);
        if (existing.status === 'SUBMITTED' || existing.status === 'ACCEPTED') {
          throw Errors.conflict(
            `Báo cáo ${STATUS_VI[existing.status as SubmissionStatus]}, không thể sửa. Đề nghị Sở trả lại hoặc mở lại báo cáo nếu cần điều chỉnh.`,
            `The report is ${existing.status.toLowerCase()} and cannot be edited; ask the Sở to return or reopen it.`,
            { status: existing.status, reason: 'INVALID_TRANSITION' },
          );
        }
        if (identical) return { id: existing.id as string, changed: false };
        await em.query(
          `UPDATE submission SET "values" = $2, explanations = $3, version = version + 1, updated_by = $4, updated_at = now() WHERE id = $1`,
          [existing.id, JSON.stringify(values), JSON.stringify(newExplanations), ctx.userId],
        );
        await this.record(em, ctx, { id: existing.id, provinceId: centre.provinceId, centreId: centre.id, templateCode: template.code, periodCode: period.code }, {
          action, from: existing.status, to: existing.status, version: existing.version + 1,
        });
        return { id: existing.id as string, changed: true };
      }

      if (input.expectedVersion) {
        throw Errors.conflict('Báo cáo không còn tồn tại ở phiên bản đang sửa, vui lòng tải lại', 'The report does not exist at the expected version; reload', {
          currentVersion: null, reason: 'STALE_VERSION',
        });
      }
      await em.query(
        `INSERT INTO reporting_period (code, type, start_date, end_date, label_vi, label_en) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (code) DO NOTHING`,
        [period.code, period.type, period.start, period.end, period.labelVi, period.labelEn],
      );
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
      await this.record(em, ctx, { id: created.id, provinceId: centre.provinceId, centreId: centre.id, templateCode: template.code, periodCode: period.code }, {
        action: action === 'UPLOADED' ? 'UPLOADED' : 'CREATED', from: null, to: 'DRAFT', version: 1,
      });
      return { id: created.id as string, changed: true };
    });

    const submission = await this.getSubmission(ctx, id);
    return { submission, issues: await this.issuesOf(ctx, submission), changed };
  }

  // ------------------------------------------------------------------------------------------------------
  // Workflow

  /**
   * The director submits: the server re-validates with the shared engine. Errors block; explainable
   * warnings (e.g. ±50% from the previous period) block until explained. Every submitted version is kept.
   */
  async submit(ctx: TenantContext, id: string, expectedVersion: number): Promise<Submission> {
    assertUuid(id);
    await this.db.run(ctx, async (em) => {
      const row = await this.lockedRow(em, id);
      assertVersion(row.version, expectedVersion);
      assertStatus(row, ['DRAFT', 'RETURNED'], 'nộp');
      const template = (await this.template(em, ctx, row.templateCode, row.templateVersion)).definition;
      const previous = await this.previousAccepted(em, row.centreId, row.templateCode, row.periodCode);
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
      await em.query(
        `UPDATE submission SET status = 'SUBMITTED', version = version + 1, submitted_at = now(), submitted_by = $2, updated_by = $2, updated_at = now() WHERE id = $1`,
        [id, ctx.userId],
      );
      await em.query(
        `INSERT INTO submission_version (province_id, centre_id, submission_id, number, template_version, "values", explanations, submitted_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [row.provinceId, row.centreId, id, n, row.templateVersion, JSON.stringify(row.values), JSON.stringify(row.explanations), ctx.userId],
      );
      await this.record(em, ctx, row, { action: 'SUBMITTED', from: row.status, to: 'SUBMITTED', version: row.version + 1, data: { number: n } });
      // Compliance re-judges the centre's timeliness after this transaction commits.
      await this.emitTransition(em, ctx, row, 'submitted');
    });
    return this.getSubmission(ctx, id);
  }

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
      const row = await this.lockedRow(em, id);
      await this.assertReviews(em, ctx, row);
      assertVersion(row.version, expectedVersion);
      assertStatus(row, ['SUBMITTED'], 'trả lại');
      const template = (await this.template(em, ctx, row.templateCode, row.templateVersion)).definition;
      const comments = checkFieldComments(template, fieldComments);
      await em.query(`UPDATE submission SET status = 'RETURNED', version = version + 1, updated_by = $2, updated_at = now() WHERE id = $1`, [id, ctx.userId]);
      await this.record(em, ctx, row, { action: 'RETURNED', from: row.status, to: 'RETURNED', version: row.version + 1, comment: overall, fieldComments: comments, resubmitBy: resubmitBy ?? null });
      // The centre is told (libs/notify) and its compliance re-evaluated, after this transaction commits.
      await this.emitTransition(em, ctx, row, 'returned');
    });
    return this.getSubmission(ctx, id);
  }

  async accept(ctx: TenantContext, id: string, expectedVersion: number): Promise<Submission> {
    assertUuid(id);
    await this.db.run(ctx, async (em) => {
      const row = await this.lockedRow(em, id);
      await this.assertReviews(em, ctx, row);
      assertVersion(row.version, expectedVersion);
      assertStatus(row, ['SUBMITTED'], 'duyệt');
      // Accepted values become facts: a value stored untyped (before the parser existed, and not converted by
      // the migration) must be fixed by the centre first, never silently dropped by the flattening.
      parseDraftValues((await this.template(em, ctx, row.templateCode, row.templateVersion)).definition, row.values);
      await em.query(
        `UPDATE submission SET status = 'ACCEPTED', version = version + 1, accepted_at = now(), accepted_by = $2, updated_by = $2, updated_at = now() WHERE id = $1`,
        [id, ctx.userId],
      );
      await this.record(em, ctx, row, { action: 'ACCEPTED', from: row.status, to: 'ACCEPTED', version: row.version + 1 });
      // Fact tables and indicators are refreshed from accepted reports only (architecture §5).
      await this.emitTransition(em, ctx, row, 'accepted');
    });
    return this.getSubmission(ctx, id);
  }

  /** The Sở reopens an accepted report: it goes back to the centre as RETURNED, with the reason as comment. */
  async reopen(ctx: TenantContext, id: string, reason: string): Promise<Submission> {
    assertUuid(id);
    const why = reason?.trim();
    if (!why) throw Errors.validation([{ field: 'reason', messageVi: 'Cần nêu lý do mở lại báo cáo', messageEn: 'A reason is required to reopen a report' }]);
    await this.db.run(ctx, async (em) => {
      const row = await this.lockedRow(em, id);
      assertStatus(row, ['ACCEPTED'], 'mở lại');
      await em.query(
        `UPDATE submission SET status = 'RETURNED', version = version + 1, accepted_at = NULL, accepted_by = NULL, updated_by = $2, updated_at = now() WHERE id = $1`,
        [id, ctx.userId],
      );
      await this.record(em, ctx, row, { action: 'REOPENED', from: row.status, to: 'RETURNED', version: row.version + 1, comment: why.slice(0, 4000) });
      // The accepted figures no longer stand: analytics must drop them until the report is accepted again.
      await this.emitTransition(em, ctx, row, 'reopened');
    });
    return this.getSubmission(ctx, id);
  }

  /**
   * The outbox event of a workflow transition, written in the transition's transaction. The dedupe key names the
   * event and the new version, so a later accept after a reopen is a new job, while a retried relay is not.
   */
  private emitTransition(em: EntityManager, ctx: TenantContext, row: { id: string; version: number; provinceId: string; centreId: string }, event: 'submitted' | 'returned' | 'accepted' | 'reopened') {
    const version = row.version + 1;
    return enqueueOutbox(em, ctx, {
      topic: `submission.${event}`,
      payload: { submissionId: row.id, version },
      dedupeKey: `submission:${row.id}:${event}:v${version}`,
      provinceId: row.provinceId,
      centreId: row.centreId,
    });
  }

  /** Per-centre extension (recorded and audited); granting again replaces the date, the audit keeps both. */
  async grantExtension(ctx: TenantContext, input: GrantExtensionInput): Promise<DeadlineExtension> {
    const period = parsePeriod(input.periodCode);
    return this.db.run(ctx, async (em) => {
      const centre = await this.centreRow(em, input.centreId);
      const template = (await this.template(em, ctx, input.templateCode, null)).definition;
      assertApplicable(template, centre.type, period);
      const regular = dueDate(period, template.deadline);
      if (compareIsoDates(input.dueDate, regular) <= 0) {
        throw Errors.validation([{
          field: 'dueDate',
          messageVi: `Hạn mới phải sau hạn nộp theo quy định (${regular})`,
          messageEn: `The new due date must be after the regular due date (${regular})`,
        }]);
      }
      await em.query(
        `INSERT INTO reporting_period (code, type, start_date, end_date, label_vi, label_en) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (code) DO NOTHING`,
        [period.code, period.type, period.start, period.end, period.labelVi, period.labelEn],
      );
      const [row] = await em.query(
        `INSERT INTO deadline_extension (province_id, centre_id, template_code, period_code, due_date, reason, granted_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT (centre_id, template_code, period_code)
         DO UPDATE SET due_date = EXCLUDED.due_date, reason = EXCLUDED.reason, granted_by = EXCLUDED.granted_by, granted_at = now()
         RETURNING id, centre_id AS "centreId", template_code AS "templateCode", period_code AS "periodCode",
                   to_char(due_date, 'YYYY-MM-DD') AS "dueDate", reason, granted_by AS "grantedBy", granted_at AS "grantedAt"`,
        [centre.provinceId, centre.id, template.code, period.code, input.dueDate, input.reason.trim(), ctx.userId],
      );
      await audit(em, ctx, {
        provinceId: centre.provinceId, centreId: centre.id, action: 'DEADLINE_EXTENDED', entity: 'deadline_extension', entityId: row.id,
        data: { templateCode: template.code, periodCode: period.code, regularDueDate: regular, dueDate: input.dueDate, reason: input.reason.trim() },
      });
      await enqueueOutbox(em, ctx, {
        topic: 'deadline.extended', payload: { extensionId: row.id }, dedupeKey: `deadline-extension:${row.id}:${row.dueDate}`, provinceId: centre.provinceId, centreId: centre.id,
      });
      return { ...row, grantedAt: iso(row.grantedAt)! };
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Excel

  /** A workbook for (centre, template, period), pre-filled with what is saved (libs/reporting excel module). */
  async workbook(ctx: TenantContext, centreId: string, templateCode: string, periodCode: string): Promise<{ buffer: Buffer; fileName: string }> {
    const period = parsePeriod(periodCode);
    const { template, centre, existing } = await this.db.run(ctx, async (em) => {
      const centre = await this.centreRow(em, centreId);
      const [existing] = await em.query(
        `SELECT version, template_version AS "templateVersion", "values" FROM submission WHERE centre_id = $1 AND template_code = $2 AND period_code = $3`,
        [centre.id, templateCode, period.code],
      );
      const template = (await this.template(em, ctx, templateCode, existing?.templateVersion ?? null)).definition;
      if (!existing) assertApplicable(template, centre.type, period);
      return { template, centre, existing };
    });
    const buffer = await buildWorkbook(template, existing?.values ?? {}, {
      centreId: centre.id,
      centreName: centre.name,
      templateCode: template.code,
      templateVersion: template.version,
      periodCode: period.code,
      periodLabelVi: period.labelVi,
      submissionVersion: existing?.version ?? null,
      generatedAt: new Date().toISOString(),
    });
    return { buffer, fileName: `${template.code}_${centre.code}_${period.code}.xlsx` };
  }

  /**
   * Parses an uploaded workbook and saves it as a draft. A file with any problem writes nothing and returns
   * every problem with its sheet and cell. The same file twice changes nothing: identical values are not
   * saved again (no new version). Values that differ from a newer save than the one the file was downloaded
   * from are a CONFLICT, as in the web form.
   */
  async uploadWorkbook(
    ctx: TenantContext,
    args: { centreId: string; templateCode: string; periodCode: string; buffer: Buffer },
  ): Promise<UploadOutcome> {
    const period = parsePeriod(args.periodCode);
    const template = await this.db.run(ctx, async (em) => {
      const centre = await this.centreRow(em, args.centreId);
      const [existing] = await em.query(
        `SELECT template_version AS "templateVersion" FROM submission WHERE centre_id = $1 AND template_code = $2 AND period_code = $3`,
        [centre.id, args.templateCode, period.code],
      );
      const template = (await this.template(em, ctx, args.templateCode, existing?.templateVersion ?? null)).definition;
      if (!existing) assertApplicable(template, centre.type, period);
      return template;
    });
    const parsed = await parseWorkbook(args.buffer, template, { centreId: args.centreId, templateCode: template.code, periodCode: period.code });
    if (!parsed.ok) return { ok: false, submission: null, changed: false, problems: parsed.errors, issues: [] };
    const result = await this.saveDraft(
      ctx,
      {
        centreId: args.centreId, templateCode: template.code, periodCode: period.code, values: parsed.values,
        expectedVersion: parsed.meta.submissionVersion,
      },
      { action: 'UPLOADED', identicalWins: true },
    );
    return { ok: true, submission: result.submission, changed: result.changed, problems: [], issues: result.issues };
  }

  // ------------------------------------------------------------------------------------------------------
  // Helpers

  private async centreRow(em: EntityManager, centreId: string): Promise<{ id: string; provinceId: string; code: string; name: string; type: CentreType }> {
    const [centre] = await em.query(
      `SELECT id, province_id AS "provinceId", code, name, type FROM centre WHERE id = $1`,
      [assertUuid(centreId, 'centreId')],
    );
    if (!centre) throw Errors.notFound(CENTRE, centreId);
    return centre;
  }

  private async submissionRow(em: EntityManager, id: string): Promise<SubmissionRow> {
    const [row] = await em.query(`${SUBMISSION_SELECT} WHERE s.id = $1`, [assertUuid(id)]);
    if (!row) throw Errors.notFound(SUBMISSION, id);
    return row;
  }

  /**
   * Who reviews a centre's reports (domain §B, §H; ADR 0012): the Sở (province scope) every centre of its province;
   * a supervisor of a unit only the centres that unit supervises (a commune's TTHTCĐ: the commune officer). A
   * supervisor may read the other centres in its commune (GDNN-GDTX, language centres), but the Sở reviews them.
   */
  private async assertReviews(em: EntityManager, ctx: TenantContext, row: SubmissionRow): Promise<void> {
    if (reviewsCentre(ctx, row.supervisingUnitPath)) return;
    throw Errors.forbidden(
      'Only the supervising unit reviews this centre: the Sở reviews centres it licenses',
      'Chỉ đơn vị quản lý trực tiếp được duyệt hoặc trả lại báo cáo của trung tâm này; Sở duyệt báo cáo của các trung tâm do Sở quản lý',
    );
  }

  private async lockedRow(em: EntityManager, id: string): Promise<SubmissionRow> {
    // Lock first (row-level security still applies to FOR UPDATE), then read the joined row.
    const locked = await em.query(`SELECT id FROM submission WHERE id = $1 FOR UPDATE`, [id]);
    if (!locked.length) throw Errors.notFound(SUBMISSION, id);
    return this.submissionRow(em, id);
  }

  private async previousAccepted(em: EntityManager, centreId: string, templateCode: string, periodCode: string): Promise<ValueMap | null> {
    const previous = previousPeriod(periodCode).code;
    const [row] = await em.query(
      `SELECT "values" FROM submission WHERE centre_id = $1 AND template_code = $2 AND period_code = $3 AND status = 'ACCEPTED'`,
      [centreId, templateCode, previous],
    );
    return row?.values ?? null;
  }

  private async toSubmission(em: EntityManager, ctx: TenantContext, row: SubmissionRow): Promise<Submission> {
    const template = (await this.template(em, ctx, row.templateCode, row.templateVersion)).definition;
    const regular = dueDate(row.periodCode, template.deadline);
    const due = row.extensionDue && compareIsoDates(row.extensionDue, regular) > 0 ? row.extensionDue : regular;
    return {
      id: row.id, provinceId: row.provinceId, centreId: row.centreId, centreCode: row.centreCode, centreName: row.centreName,
      templateCode: row.templateCode, templateVersion: row.templateVersion, periodCode: row.periodCode, periodLabelVi: row.periodLabelVi,
      status: row.status, values: row.values, explanations: row.explanations, version: row.version, dueDate: due,
      createdAt: iso(row.createdAt)!, updatedAt: iso(row.updatedAt)!, submittedAt: iso(row.submittedAt), acceptedAt: iso(row.acceptedAt),
      canReview: !!ctx.role && hasPermission(ctx.role, 'REPORT_REVIEW') && reviewsCentre(ctx, row.supervisingUnitPath),
    };
  }

  /** Appends the workflow event and the audit row, inside the caller's transaction. */
  private async record(
    em: EntityManager,
    ctx: TenantContext,
    row: { id: string; provinceId: string; centreId: string; templateCode: string; periodCode: string },
    event: {
      action: SubmissionAction; from: SubmissionStatus | null; to: SubmissionStatus; version: number;
      comment?: string; fieldComments?: FieldComment[]; data?: Record<string, unknown>; resubmitBy?: string | null;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO submission_event (province_id, centre_id, submission_id, action, from_status, to_status, submission_version,
                                     actor_user_id, actor_name, comment, field_comments, resubmit_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,(SELECT full_name FROM app_user WHERE id = $8),$9,$10,$11)`,
      [row.provinceId, row.centreId, row.id, event.action, event.from, event.to, event.version, ctx.userId, event.comment ?? null,
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
}

function assertVersion(current: number, expected: number | null | undefined): void {
  if (expected !== current) {
    throw Errors.conflict(
      'Báo cáo vừa được người khác cập nhật. Vui lòng tải lại để xem số liệu mới nhất trước khi sửa; thay đổi của bạn chưa được lưu.',
      'The report was changed by someone else; reload before editing. Your change was not saved.',
      { currentVersion: current, expectedVersion: expected ?? null, reason: 'STALE_VERSION' },
    );
  }
}

function assertStatus(row: { status: SubmissionStatus }, allowed: SubmissionStatus[], actionVi: string): void {
  if (!allowed.includes(row.status)) {
    throw Errors.conflict(
      `Không thể ${actionVi} báo cáo đang ở trạng thái "${STATUS_VI[row.status]}"`,
      `Cannot ${actionVi === 'nộp' ? 'submit' : actionVi === 'duyệt' ? 'accept' : actionVi === 'trả lại' ? 'return' : 'reopen'} a report in status ${row.status}`,
      { status: row.status, reason: 'INVALID_TRANSITION' },
    );
  }
}

function assertApplicable(template: TemplateDefinition, centreType: CentreType, period: Period): void {
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
  if (compareIsoDates(period.start, todayInVietnam()) > 0) {
    throw Errors.badInput(`Kỳ báo cáo ${period.labelVi} chưa bắt đầu`, `Period ${period.code} has not started yet`, { field: 'periodCode' });
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

function toTemplateDto(row: TemplateRow): ReportTemplate {
  const t = row.definition;
  return {
    code: t.code, version: t.version, nameVi: t.nameVi, nameEn: t.nameEn, periodType: t.periodType, centreTypes: [...t.centreTypes],
    national: row.national, publishedAt: row.publishedAt, definition: t,
  };
}

function toDueReportDto(centreId: string, item: DueReportItem): DueReport {
  return {
    centreId, templateCode: item.templateCode, templateVersion: item.templateVersion, templateNameVi: item.templateNameVi,
    templateNameEn: item.templateNameEn, periodCode: item.period.code, periodType: item.period.type, periodLabelVi: item.period.labelVi,
    periodLabelEn: item.period.labelEn, periodStart: item.period.start, periodEnd: item.period.end, dueDate: item.dueDate,
    regularDueDate: item.regularDueDate, extended: item.extended, status: item.status, calendarStatus: item.calendarStatus, daysLeft: item.daysLeft, daysLate: item.daysLate,
    submissionId: item.submissionId, submissionVersion: item.submissionVersion,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}
