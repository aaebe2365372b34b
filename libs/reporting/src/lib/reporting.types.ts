import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Allow, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { ReportClasses, SubmissionStatuses } from '@gdtx/domain';
import type { CentreType, FieldValue, PeriodType, ReportClass, Severity, SubmissionStatus, ValueMap } from '@gdtx/domain';
import { CentreTypeEnum, Connection, PeriodTypeEnum, SubmissionStatusEnum, DateScalar } from '@gdtx/platform';
import { DueReportStatuses, type DueReportStatus } from './expected-reports';
import { JsonScalar } from './json.scalar';

export const DueReportStatusEnum = Object.fromEntries(DueReportStatuses.map((v) => [v, v])) as Record<DueReportStatus, DueReportStatus>;
export const ReportClassEnum = Object.fromEntries(ReportClasses.map((v) => [v, v])) as Record<ReportClass, ReportClass>;
registerEnumType(ReportClassEnum, {
  name: 'ReportClass',
  description: 'Lịch báo cáo: NOT_EXPECTED không phải nộp; NOT_YET_DUE chưa đến hạn; ON_TIME đúng hạn; LATE trễ hạn; RETURNED bị trả lại, trung tâm đang sửa; MISSING quá hạn chưa nộp',
});
registerEnumType(DueReportStatusEnum, {
  name: 'DueReportStatus',
  description: 'Tình trạng báo cáo phải nộp: NOT_STARTED chưa làm, DRAFT đang soạn, SUBMITTED đã nộp, RETURNED bị trả lại, ACCEPTED đã duyệt, OVERDUE quá hạn',
});

export const SubmissionActions = ['CREATED', 'SAVED', 'UPLOADED', 'SUBMITTED', 'RETURNED', 'ACCEPTED', 'REOPENED'] as const;
export type SubmissionAction = (typeof SubmissionActions)[number];
export const SubmissionActionEnum = Object.fromEntries(SubmissionActions.map((v) => [v, v])) as Record<SubmissionAction, SubmissionAction>;
registerEnumType(SubmissionActionEnum, { name: 'SubmissionAction', description: 'Bước trong quy trình báo cáo' });

const CODE = /^[A-Z][A-Z0-9_]*$/;

@ObjectType({ description: 'Biểu mẫu báo cáo (một phiên bản đã ban hành)' })
export class ReportTemplate {
  @Field() code: string;
  @Field(() => Int) version: number;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field(() => PeriodTypeEnum) periodType: PeriodType;
  @Field(() => [CentreTypeEnum]) centreTypes: CentreType[];
  @Field(() => Boolean, { description: 'Biểu mẫu dùng chung toàn quốc (không riêng tỉnh)' }) national: boolean;
  @Field(() => String, { nullable: true }) publishedAt: string | null;
  @Field(() => JsonScalar, { description: 'Định nghĩa đầy đủ (TemplateDefinition của @gdtx/domain): mục, trường, lưới, quy tắc, hạn nộp' })
  definition: unknown;
}

@ObjectType({ description: 'Một phiên bản đã ban hành của biểu mẫu (không kèm định nghĩa)' })
export class ReportTemplateVersion {
  @Field() code: string;
  @Field(() => Int) version: number;
  @Field() nameVi: string;
  @Field(() => Boolean, { description: 'Phiên bản dùng chung toàn quốc (không riêng tỉnh)' }) national: boolean;
  @Field(() => String, { nullable: true }) publishedAt: string | null;
}

@ObjectType({ description: 'Một báo cáo trung tâm phải nộp, kèm hạn nộp và tình trạng' })
export class DueReport {
  @Field(() => ID) centreId: string;
  @Field() templateCode: string;
  @Field(() => Int) templateVersion: number;
  @Field() templateNameVi: string;
  @Field() templateNameEn: string;
  @Field() periodCode: string;
  @Field(() => PeriodTypeEnum) periodType: PeriodType;
  @Field() periodLabelVi: string;
  @Field() periodLabelEn: string;
  @Field() periodStart: string;
  @Field() periodEnd: string;
  @Field(() => DateScalar, { description: 'Hạn nộp (đã tính gia hạn nếu có)' }) dueDate: string;
  @Field(() => DateScalar, { description: 'Hạn nộp theo quy định của biểu mẫu' }) regularDueDate: string;
  @Field(() => Boolean) extended: boolean;
  @Field(() => DueReportStatusEnum) status: DueReportStatus;
  @Field(() => ReportClassEnum, { description: 'Phân loại theo lịch báo cáo (giống reportingRates)' }) calendarStatus: ReportClass;
  @Field(() => Int, { description: 'Số ngày còn lại đến hạn; âm khi đã quá hạn' }) daysLeft: number;
  @Field(() => Int, { nullable: true, description: 'Số ngày nộp muộn của lần nộp đầu tiên' }) daysLate: number | null;
  @Field(() => ID, { nullable: true }) submissionId: string | null;
  @Field(() => Int, { nullable: true }) submissionVersion: number | null;
}

@ObjectType({ description: 'Lỗi hoặc cảnh báo kiểm tra số liệu' })
export class ValidationIssueDto {
  @Field() ruleCode: string;
  @Field(() => String, { description: 'error | warning' }) severity: Severity;
  @Field(() => [String], { description: 'Mã chỉ tiêu liên quan' }) fields: string[];
  @Field() messageVi: string;
  @Field() messageEn: string;
  @Field(() => Boolean, { description: 'Cảnh báo có thể giải trình' }) explainable: boolean;
}

@ObjectType()
export class FieldComment {
  @Field({ description: 'Mã chỉ tiêu' }) field: string;
  @Field() comment: string;
}

@ObjectType({ description: 'Một bước trong lịch sử báo cáo' })
export class SubmissionEvent {
  @Field(() => ID) id: string;
  @Field(() => SubmissionActionEnum) action: SubmissionAction;
  @Field(() => SubmissionStatusEnum, { nullable: true }) fromStatus: SubmissionStatus | null;
  @Field(() => SubmissionStatusEnum) toStatus: SubmissionStatus;
  @Field(() => Int, { description: 'Phiên bản báo cáo sau bước này' }) submissionVersion: number;
  @Field(() => ID, { nullable: true }) actorId: string | null;
  @Field(() => String, { nullable: true }) actorName: string | null;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => [FieldComment]) fieldComments: FieldComment[];
  @Field(() => String, { nullable: true, description: 'Trả lại: hạn nộp lại do người duyệt đặt (nếu có)' }) resubmitBy: string | null;
  @Field() at: string;
}

@ObjectType({ description: 'Một lần nộp (số liệu được giữ nguyên vĩnh viễn)' })
export class SubmissionVersion {
  @Field(() => Int, { description: 'Lần nộp thứ' }) number: number;
  @Field(() => Int) templateVersion: number;
  @Field(() => JsonScalar) values: ValueMap;
  @Field(() => JsonScalar) explanations: Record<string, string>;
  @Field(() => ID, { nullable: true }) submittedBy: string | null;
  @Field() submittedAt: string;
}

@ObjectType({ description: 'Một chỉ tiêu thay đổi giữa hai phiên bản' })
export class ValueChangeDto {
  @Field() key: string;
  @Field() labelVi: string;
  @Field() labelEn: string;
  @Field(() => JsonScalar, { nullable: true }) from: FieldValue;
  @Field(() => JsonScalar, { nullable: true }) to: FieldValue;
}

@ObjectType({ description: 'Báo cáo của một trung tâm cho một biểu mẫu và một kỳ' })
export class Submission {
  @Field(() => ID) id: string;
  @Field(() => ID) centreId: string;
  @Field() centreCode: string;
  @Field() centreName: string;
  @Field() templateCode: string;
  @Field(() => Int) templateVersion: number;
  @Field() periodCode: string;
  @Field() periodLabelVi: string;
  @Field(() => SubmissionStatusEnum) status: SubmissionStatus;
  @Field(() => JsonScalar) values: ValueMap;
  @Field(() => JsonScalar, { description: 'Giải trình cảnh báo theo mã quy tắc' }) explanations: Record<string, string>;
  @Field(() => Int, { description: 'Phiên bản (khóa lạc quan): gửi lại trong expectedVersion' }) version: number;
  @Field(() => DateScalar) dueDate: string;
  @Field() createdAt: string;
  @Field() updatedAt: string;
  @Field(() => String, { nullable: true }) submittedAt: string | null;
  @Field(() => String, { nullable: true }) acceptedAt: string | null;
  @Field({ description: 'Người xem được duyệt/trả lại báo cáo này (Sở; UBND xã với TTHTCĐ của xã)' }) canReview: boolean;
  provinceId: string;
}

@ObjectType()
export class SubmissionConnection extends Connection(Submission, 'Submission') {}

@ObjectType({ description: 'Nộp đúng hạn hay muộn: hạn áp dụng cho lần nộp tới, và lần nộp gần nhất (lịch báo cáo)' })
export class SubmissionLateness {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Hạn áp dụng cho lần nộp tới: hạn nộp (đã gia hạn) cho lần đầu; hạn nộp lại do người duyệt đặt sau khi trả lại; trống khi lần nộp lại không bị xét hạn',
  })
  nextDeadline: string | null;
  @Field(() => Int, { description: 'Nếu nộp hôm nay thì muộn bao nhiêu ngày (0: đúng hạn hoặc không xét); > 0 thì phải nêu lý do nộp muộn' })
  daysLateIfSubmittedToday: number;
  @Field(() => Int, { nullable: true, description: 'Lần nộp gần nhất muộn bao nhiêu ngày so với hạn áp dụng cho nó (trống khi chưa nộp)' })
  lastSubmissionDaysLate: number | null;
  @Field(() => String, { nullable: true, description: 'Lý do nộp muộn do trung tâm nêu khi nộp lần gần nhất' })
  lastSubmissionLateReason: string | null;
}

@InputType({ description: 'Một báo cáo cần duyệt, với phiên bản đang xem' })
export class AcceptSubmissionItem {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int) @IsInt() @Min(1) expectedVersion: number;
}

@ObjectType({ description: 'Một báo cáo không được duyệt trong lần duyệt hàng loạt, và vì sao' })
export class BulkAcceptRefusal {
  @Field(() => ID) id: string;
  @Field({ description: 'Mã lỗi (extensions.code)' }) code: string;
  @Field(() => String, { nullable: true, description: 'Lý do cụ thể (extensions.reason)' }) reason: string | null;
  @Field() messageVi: string;
  @Field() messageEn: string;
}

@ObjectType({ description: 'Kết quả duyệt hàng loạt: mỗi báo cáo được duyệt trong giao dịch riêng' })
export class BulkAcceptResult {
  @Field(() => [Submission]) accepted: Submission[];
  @Field(() => [BulkAcceptRefusal]) refused: BulkAcceptRefusal[];
}

@ObjectType({ description: 'Kết quả lưu nháp: báo cáo đã lưu và các lỗi/cảnh báo hiện có' })
export class SaveDraftResult {
  @Field(() => Submission) submission: Submission;
  @Field(() => [ValidationIssueDto]) issues: ValidationIssueDto[];
  @Field(() => Boolean, { description: 'false khi số liệu không đổi (không tăng phiên bản)' }) changed: boolean;
}

@ObjectType({ description: 'Gia hạn nộp báo cáo cho một trung tâm' })
export class DeadlineExtension {
  @Field(() => ID) id: string;
  @Field(() => ID) centreId: string;
  @Field() templateCode: string;
  @Field() periodCode: string;
  @Field(() => DateScalar) dueDate: string;
  @Field() reason: string;
  @Field(() => ID, { nullable: true }) grantedBy: string | null;
  @Field() grantedAt: string;
}

@InputType()
export class SubmissionFilter {
  @Field({ nullable: true }) @IsOptional() @Matches(CODE) templateCode?: string;
  @Field({ nullable: true, description: 'Mã kỳ báo cáo, ví dụ 2024-Q3, 2024-2025-S1' }) @IsOptional() @IsString() @MaxLength(20) periodId?: string;
  @Field(() => SubmissionStatusEnum, { nullable: true }) @IsOptional() @IsIn(SubmissionStatuses) status?: SubmissionStatus;
  @Field(() => ID, { nullable: true, description: 'Các trung tâm thuộc cây đơn vị này' }) @IsOptional() @IsUUID() unitId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() centreId?: string;
  @Field(() => ID, { nullable: true, description: 'Các trung tâm thuộc khu vực giám sát này (các xã của khu vực hôm nay, cùng các đơn vị tiền thân)' })
  @IsOptional() @IsUUID() areaId?: string;
}

@ObjectType({ description: 'Kết quả kiểm tra số liệu hiện tại của báo cáo (bộ quy tắc dùng chung), để người duyệt biết trước khi mở' })
export class SubmissionChecks {
  @Field(() => Int) errors: number;
  @Field(() => Int, { description: 'Mọi cảnh báo, kể cả đã giải trình' }) warnings: number;
  @Field(() => Int, { description: 'Cảnh báo chưa giải trình (hoặc không thể giải trình)' }) unexplainedWarnings: number;
}

@InputType()
export class SaveSubmissionDraftInput {
  @Field(() => ID) @IsUUID() centreId: string;
  @Field() @Matches(CODE) @MaxLength(64) templateCode: string;
  @Field() @IsString() @MaxLength(20) periodCode: string;
  // @Allow: the global pipe whitelists decorated properties; values are typed by the service (parseDraftValues, the domain's parseReportValues).
  @Field(() => JsonScalar, { description: 'Số liệu {mã chỉ tiêu: giá trị}' }) @Allow() values: unknown;
  @Field(() => JsonScalar, { nullable: true, description: 'Giải trình {mã quy tắc: nội dung}' }) @Allow() explanations?: unknown;
  @Field(() => Int, { nullable: true, description: 'Phiên bản đang sửa; bỏ trống khi tạo mới' }) @IsOptional() @IsInt() @Min(1) expectedVersion?: number | null;
}

@InputType()
export class FieldCommentInput {
  @Field() @IsString() @Length(1, 200) field: string;
  @Field() @IsString() @Length(1, 2000) comment: string;
}

@InputType()
export class GrantExtensionInput {
  @Field(() => ID) @IsUUID() centreId: string;
  @Field() @Matches(CODE) templateCode: string;
  @Field() @IsString() @MaxLength(20) periodCode: string;
  @Field(() => DateScalar, { description: 'Hạn nộp mới (YYYY-MM-DD)' }) @IsDateString({ strict: true }) dueDate: string;
  @Field() @IsString() @Length(1, 2000) reason: string;
}


@ObjectType({ description: 'Số báo cáo theo lịch báo cáo: phải nộp = chưa đến hạn + đúng hạn + trễ hạn + bị trả lại + quá hạn chưa nộp' })
export class GlanceTally {
  @Field(() => Int, { description: 'Báo cáo phải nộp' }) expected: number;
  @Field(() => Int, { description: 'Chưa đến hạn, chưa nộp (tính riêng)' }) notDue: number;
  @Field(() => Int) onTime: number;
  @Field(() => Int) late: number;
  @Field(() => Int, { description: 'Bị trả lại, trung tâm đang sửa' }) returned: number;
  @Field(() => Int, { description: 'Quá hạn chưa nộp' }) missing: number;
  @Field(() => Int, { description: 'Đã nộp (đúng hạn + trễ hạn)' }) submitted: number;
  @Field(() => Int, { description: 'Đã nộp, chờ duyệt' }) waitingReview: number;
  @Field(() => Float, { nullable: true, description: 'Đã nộp / đã đến hạn, %' }) submittedRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Đúng hạn / đã đến hạn, %' }) onTimeRate: number | null;
}

@ObjectType({ description: 'Một biểu mẫu trong một kỳ hiện tại (kỳ vừa kết thúc hoặc đang diễn ra)' })
export class GlancePeriod extends GlanceTally {
  @Field() templateCode: string;
  @Field() templateNameVi: string;
  @Field() templateNameEn: string;
  @Field() periodCode: string;
  @Field() periodLabelVi: string;
  @Field() periodLabelEn: string;
  @Field(() => DateScalar, { description: 'Hạn nộp theo quy định của biểu mẫu (chưa tính gia hạn riêng của trung tâm)' }) dueDate: string;
}

@ObjectType({ description: 'Một báo cáo cần xử lý: quá hạn chưa nộp, bị trả lại hoặc chờ duyệt' })
export class GlanceItem {
  @Field(() => ID) centreId: string;
  @Field() centreName: string;
  @Field() templateCode: string;
  @Field() templateNameVi: string;
  @Field() templateNameEn: string;
  @Field() periodCode: string;
  @Field() periodLabelVi: string;
  @Field() periodLabelEn: string;
  @Field(() => DateScalar, { description: 'Hạn nộp (đã tính gia hạn)' }) dueDate: string;
  @Field(() => ReportClassEnum) reportClass: ReportClass;
  @Field(() => Int, { description: 'MISSING: số ngày quá hạn; LATE: số ngày trễ; còn lại 0' }) days: number;
  @Field(() => Boolean, { description: 'Đã nộp, đang chờ duyệt' }) waitingReview: boolean;
  @Field(() => ID, { nullable: true }) submissionId: string | null;
  @Field(() => SubmissionStatusEnum, { nullable: true }) submissionStatus: SubmissionStatus | null;
}

@ObjectType({ description: 'Tình hình nộp báo cáo trong phạm vi người dùng ở các kỳ hiện tại (trang đầu của Sở và cán bộ quản lý địa bàn)' })
export class ReportingAtAGlance {
  @Field(() => DateScalar, { description: 'Ngày phân loại (hôm nay theo giờ Việt Nam)' }) asOf: string;
  @Field(() => Int, { description: 'Số trung tâm có báo cáo phải nộp trong các kỳ này' }) centreCount: number;
  @Field(() => GlanceTally, { description: 'Tổng của các kỳ đã đến hạn và chưa đến hạn' }) totals: GlanceTally;
  @Field(() => [GlancePeriod]) periods: GlancePeriod[];
  @Field(() => Int, { description: 'Tổng số báo cáo cần xử lý (danh sách có thể ngắn hơn)' }) needsActionCount: number;
  /** Every report needing action, in order; the `needsAction(first)` field returns the first of them. */
  allNeedingAction: GlanceItem[];
  @Field(() => Date) computedAt: Date;
  @Field({ description: 'ROLLUP: đọc từ bảng tổng hợp tình hình nộp (tính sẵn cho hôm nay); LIVE: tính trực tiếp theo lịch báo cáo' })
  source?: string;
}

@ObjectType({ description: 'Một khu vực giám sát hoặc một xã, phường cần chú ý: số báo cáo phải nộp, đúng hạn, trễ hạn, quá hạn chưa nộp ở các kỳ hiện tại' })
export class AttentionUnit extends GlanceTally {
  @Field({ description: 'AREA (khu vực giám sát) hoặc COMMUNE (xã, phường, đặc khu)' }) kind: 'AREA' | 'COMMUNE';
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int, { description: 'Số trung tâm có báo cáo phải nộp' }) centreCount: number;
  @Field(() => Int, { description: 'Quá hạn chưa nộp + nộp trễ (thứ tự: nhiều nhất trước)' }) missingOrLate: number;
  @Field({ description: 'Đường dẫn tới hàng đợi duyệt lọc theo khu vực / xã này' }) reviewPath: string;
}

@ObjectType({ description: 'Các khu vực và xã, phường cần chú ý trong phạm vi người dùng (các kỳ hiện tại, kém nhất trước)' })
export class AttentionPicture {
  @Field(() => DateScalar) asOf: string;
  @Field(() => [AttentionUnit], { description: 'Khu vực giám sát (chỉ với Sở)' }) areas: AttentionUnit[];
  @Field(() => [AttentionUnit]) communes: AttentionUnit[];
}
