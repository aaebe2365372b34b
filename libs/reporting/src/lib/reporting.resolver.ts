import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { CentreType } from '@gdtx/domain';
import { CentreTypeEnum, Ctx, RequirePermission, requestLoader, TenantContext } from '@gdtx/platform';
import { JsonScalar } from './json.scalar';
import { AtAGlanceService, firstNeedingAction } from './at-a-glance.service';
import { DueReportsService } from './due-reports.service';
import { ExtensionService } from './extension.service';
import { SubmissionQueryService } from './submission-query.service';
import { SubmissionWorkflowService } from './submission-workflow.service';
import { TemplateService } from './template.service';
import {
  AcceptSubmissionItem, AttentionPicture, BulkAcceptResult, GlanceItem, ReportingAtAGlance, DeadlineExtension, DueReport, FieldCommentInput, GrantExtensionInput, ReportTemplate, ReportTemplateVersion, SaveDraftResult, SaveSubmissionDraftInput,
  Submission, SubmissionChecks, SubmissionConnection, SubmissionEvent, SubmissionFilter, SubmissionLateness, SubmissionVersion, ValidationIssueDto, ValueChangeDto,
} from './reporting.types';

@Resolver(() => ReportTemplate)
export class ReportTemplateResolver {
  constructor(
    private readonly templates: TemplateService,
    private readonly due: DueReportsService,
    private readonly extensions: ExtensionService,
    private readonly glance: AtAGlanceService,
  ) {}

  @Query(() => [ReportTemplate], { description: 'Biểu mẫu đang áp dụng (phiên bản mới nhất), lọc theo loại trung tâm' })
  @RequirePermission('REPORT_READ')
  reportTemplates(
    @Ctx() ctx: TenantContext,
    @Args('centreType', { nullable: true, type: () => CentreTypeEnum }) centreType?: CentreType,
  ): Promise<ReportTemplate[]> {
    return this.templates.listTemplates(ctx, centreType);
  }

  @Query(() => ReportTemplate, { description: 'Một phiên bản biểu mẫu (mặc định: mới nhất)' })
  @RequirePermission('REPORT_READ')
  reportTemplate(
    @Ctx() ctx: TenantContext,
    @Args('code') code: string,
    @Args('version', { nullable: true, type: () => Int }) version?: number,
  ): Promise<ReportTemplate> {
    return this.templates.getTemplate(ctx, code, version);
  }

  @Query(() => [ReportTemplateVersion], { description: 'Các phiên bản đã ban hành của một biểu mẫu mà người dùng được xem, mới nhất trước' })
  @RequirePermission('REPORT_READ')
  reportTemplateVersions(@Ctx() ctx: TenantContext, @Args('code') code: string): Promise<ReportTemplateVersion[]> {
    return this.templates.templateVersions(ctx, code);
  }

  @Mutation(() => ReportTemplate, { description: 'Sở ban hành phiên bản mới của biểu mẫu cho tỉnh (phiên bản cũ giữ nguyên)' })
  @RequirePermission('TEMPLATE_MANAGE')
  publishReportTemplate(
    @Ctx() ctx: TenantContext,
    @Args('definition', { type: () => JsonScalar, description: 'TemplateDefinition; số phiên bản do máy chủ cấp' }) definition: unknown,
  ): Promise<ReportTemplate> {
    return this.templates.publishTemplate(ctx, definition);
  }

  @Query(() => [DueReport], { description: 'Các báo cáo trung tâm phải nộp (12 tháng qua và kỳ hiện tại), hạn nộp và tình trạng' })
  @RequirePermission('REPORT_READ')
  dueReports(@Ctx() ctx: TenantContext, @Args('centreId', { type: () => ID }) centreId: string): Promise<DueReport[]> {
    return this.due.dueReports(ctx, centreId);
  }

  @Query(() => ReportingAtAGlance, { description: 'Tình hình nộp báo cáo các kỳ hiện tại trong phạm vi người dùng: số phải nộp, đúng hạn, trễ, quá hạn, chờ duyệt, chưa đến hạn; báo cáo cần xử lý' })
  @RequirePermission('REPORT_READ')
  reportingAtAGlance(@Ctx() ctx: TenantContext): Promise<ReportingAtAGlance> {
    return this.glance.atAGlance(ctx);
  }

  @Query(() => AttentionPicture, { description: 'Khu vực giám sát và xã, phường cần chú ý (nhiều báo cáo quá hạn, trễ hạn nhất; tỷ lệ đúng hạn thấp nhất) ở các kỳ hiện tại' })
  @RequirePermission('REPORT_READ')
  areasNeedingAttention(
    @Ctx() ctx: TenantContext,
    @Args('first', { nullable: true, type: () => Int, description: 'Số dòng tối đa mỗi danh sách (mặc định 5, tối đa 50)' }) first?: number,
  ): Promise<AttentionPicture> {
    return this.glance.attention(ctx, first);
  }

  @Mutation(() => DeadlineExtension, { description: 'Gia hạn nộp báo cáo cho một trung tâm' })
  @RequirePermission('EXTENSION_GRANT')
  grantExtension(@Ctx() ctx: TenantContext, @Args('input') input: GrantExtensionInput): Promise<DeadlineExtension> {
    return this.extensions.grantExtension(ctx, input);
  }
}

@Resolver(() => Submission)
export class SubmissionResolver {
  constructor(private readonly queries: SubmissionQueryService, private readonly workflow: SubmissionWorkflowService) {}

  @Query(() => SubmissionConnection)
  @RequirePermission('REPORT_READ')
  submissions(
    @Ctx() ctx: TenantContext,
    @Args('filter', { nullable: true, type: () => SubmissionFilter }) filter?: SubmissionFilter,
    @Args('first', { nullable: true, type: () => Int }) first?: number,
    @Args('after', { nullable: true, type: () => String }) after?: string,
  ) {
    return this.queries.listSubmissions(ctx, filter ?? {}, { first, after });
  }

  @Query(() => Submission)
  @RequirePermission('REPORT_READ')
  submission(@Ctx() ctx: TenantContext, @Args('id', { type: () => ID }) id: string): Promise<Submission> {
    return this.queries.getSubmission(ctx, id);
  }

  @Mutation(() => SaveDraftResult, { description: 'Lưu nháp (chỉ từ chối khi sai kiểu dữ liệu; lỗi quy tắc được lưu và trả về)' })
  @RequirePermission('REPORT_DRAFT')
  saveSubmissionDraft(@Ctx() ctx: TenantContext, @Args('input') input: SaveSubmissionDraftInput): Promise<SaveDraftResult> {
    return this.workflow.saveDraft(ctx, input);
  }

  @Mutation(() => Submission, { description: 'Giám đốc nộp báo cáo (máy chủ kiểm tra lại toàn bộ)' })
  @RequirePermission('REPORT_SUBMIT')
  submitSubmission(
    @Ctx() ctx: TenantContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('lateReason', { nullable: true, type: () => String, description: 'Lý do nộp muộn: bắt buộc khi nộp sau hạn (lateness.daysLateIfSubmittedToday > 0)' })
    lateReason?: string,
  ): Promise<Submission> {
    return this.workflow.submit(ctx, id, expectedVersion, lateReason);
  }

  @Mutation(() => Submission, { description: 'Trả lại báo cáo kèm nhận xét chung và nhận xét từng chỉ tiêu' })
  @RequirePermission('REPORT_REVIEW')
  returnSubmission(
    @Ctx() ctx: TenantContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('comment') comment: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('fieldComments', { nullable: true, type: () => [FieldCommentInput] }) fieldComments?: FieldCommentInput[],
    @Args('resubmitBy', { nullable: true, type: () => String, description: 'Hạn nộp lại (YYYY-MM-DD); lần nộp lại sau hạn này bị tính là trễ hạn' }) resubmitBy?: string,
  ): Promise<Submission> {
    return this.workflow.returnSubmission(ctx, id, comment, fieldComments ?? [], expectedVersion, resubmitBy);
  }

  @Mutation(() => Submission, { description: 'Duyệt báo cáo' })
  @RequirePermission('REPORT_REVIEW')
  acceptSubmission(
    @Ctx() ctx: TenantContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<Submission> {
    return this.workflow.accept(ctx, id, expectedVersion);
  }

  @Mutation(() => BulkAcceptResult, {
    description: 'Duyệt hàng loạt các báo cáo "sạch" (không lỗi, mọi cảnh báo đã giải trình); mỗi báo cáo trong giao dịch riêng, báo cáo khác được trả về trong refused',
  })
  @RequirePermission('REPORT_REVIEW')
  acceptSubmissions(
    @Ctx() ctx: TenantContext,
    @Args('items', { type: () => [AcceptSubmissionItem] }) items: AcceptSubmissionItem[],
  ): Promise<BulkAcceptResult> {
    return this.workflow.acceptMany(ctx, items);
  }

  @Mutation(() => Submission, { description: 'Sở mở lại báo cáo đã duyệt (trả về trung tâm để điều chỉnh)' })
  @RequirePermission('REPORT_REOPEN')
  reopenSubmission(@Ctx() ctx: TenantContext, @Args('id', { type: () => ID }) id: string, @Args('reason') reason: string): Promise<Submission> {
    return this.workflow.reopen(ctx, id, reason);
  }

  @ResolveField(() => [SubmissionVersion], { description: 'Các lần nộp' })
  versions(@Parent() s: Submission, @Ctx() ctx: TenantContext, @Context('req') req: object): Promise<SubmissionVersion[]> {
    return requestLoader<string, SubmissionVersion[]>(req, 'submission.versions', async (ids) => {
      const map = await this.queries.versionsOf(ctx, ids);
      return ids.map((id) => map.get(id) ?? []);
    }).load(s.id);
  }

  @ResolveField(() => SubmissionLateness, { description: 'Nộp đúng hạn hay muộn (lịch báo cáo): hạn cho lần nộp tới, số ngày muộn và lý do của lần nộp gần nhất' })
  lateness(@Parent() s: Submission, @Ctx() ctx: TenantContext, @Context('req') req: object): Promise<SubmissionLateness> {
    return requestLoader<Submission, SubmissionLateness>(req, 'submission.lateness', (subs) => this.queries.latenessOf(ctx, subs)).load(s);
  }

  @ResolveField(() => SubmissionChecks, { description: 'Số lỗi và cảnh báo của số liệu hiện tại (cảnh báo đã giải trình và chưa giải trình)' })
  checks(@Parent() s: Submission, @Ctx() ctx: TenantContext, @Context('req') req: object): Promise<SubmissionChecks> {
    return requestLoader<Submission, SubmissionChecks>(req, 'submission.checks', (subs) => this.queries.checksOf(ctx, subs)).load(s);
  }

  @ResolveField(() => [SubmissionEvent], { description: 'Lịch sử xử lý' })
  events(@Parent() s: Submission, @Ctx() ctx: TenantContext, @Context('req') req: object): Promise<SubmissionEvent[]> {
    return requestLoader<string, SubmissionEvent[]>(req, 'submission.events', async (ids) => {
      const map = await this.queries.eventsOf(ctx, ids);
      return ids.map((id) => map.get(id) ?? []);
    }).load(s.id);
  }

  @ResolveField(() => [ValueChangeDto], { description: 'Chỉ tiêu thay đổi giữa hai lần nộp (bỏ trống toVersion: so với số liệu hiện tại)' })
  diff(
    @Parent() s: Submission,
    @Ctx() ctx: TenantContext,
    @Args('fromVersion', { type: () => Int }) fromVersion: number,
    @Args('toVersion', { nullable: true, type: () => Int }) toVersion?: number,
  ): Promise<ValueChangeDto[]> {
    return this.queries.diff(ctx, s.id, fromVersion, toVersion);
  }

  @ResolveField(() => [ValidationIssueDto], { description: 'Lỗi và cảnh báo của số liệu hiện tại' })
  issues(@Parent() s: Submission, @Ctx() ctx: TenantContext): Promise<ValidationIssueDto[]> {
    return this.queries.issuesOf(ctx, s);
  }
}

/** The list of a glance: `first` on the list itself, so the query's cost counts only the list's rows. */
@Resolver(() => ReportingAtAGlance)
export class ReportingAtAGlanceResolver {
  @ResolveField(() => [GlanceItem], { description: 'Báo cáo cần xử lý (quá hạn chưa nộp, bị trả lại, chờ duyệt), quá hạn lâu nhất trước' })
  needsAction(
    @Parent() glance: ReportingAtAGlance,
    @Args('first', { nullable: true, type: () => Int, description: 'Số dòng tối đa (mặc định 50, tối đa 200)' }) first?: number,
  ): GlanceItem[] {
    return firstNeedingAction(glance, first);
  }
}
