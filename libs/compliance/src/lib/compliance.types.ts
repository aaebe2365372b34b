import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateNested, ArrayMaxSize } from 'class-validator';
import { Type } from 'class-transformer';
import type { CentreType } from '@gdtx/domain';
import { CentreTypeEnum, Connection, DateScalar } from '@gdtx/platform';
import { JsonScalar } from '@gdtx/reporting';
import { ComplianceStatuses, RuleCodes, Severities } from './rules';
import type { ComplianceStatus, RuleCode, Severity } from './rules';

function asEnum<T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const FindingStatuses = ['OPEN', 'RESOLVED'] as const;
export type FindingStatus = (typeof FindingStatuses)[number];
export const InspectionKinds = ['SCHEDULED', 'UNSCHEDULED', 'FOLLOW_UP'] as const;
export type InspectionKind = (typeof InspectionKinds)[number];
export const UnlicensedCaseStatuses = ['OPEN', 'INVESTIGATING', 'REFERRED', 'SANCTIONED', 'CLOSED'] as const;
export type UnlicensedCaseStatus = (typeof UnlicensedCaseStatuses)[number];

export const RuleCodeEnum = asEnum(RuleCodes);
export const SeverityEnum = asEnum(Severities);
export const ComplianceStatusEnum = asEnum(ComplianceStatuses);
export const FindingStatusEnum = asEnum(FindingStatuses);
export const InspectionKindEnum = asEnum(InspectionKinds);
export const UnlicensedCaseStatusEnum = asEnum(UnlicensedCaseStatuses);
registerEnumType(RuleCodeEnum, { name: 'ComplianceRuleCode', description: 'Mã quy tắc tuân thủ (docs/compliance.md)' });
registerEnumType(SeverityEnum, { name: 'FindingSeverity', description: 'Mức độ: LOW, MEDIUM (có nguy cơ), HIGH, CRITICAL (vi phạm)' });
registerEnumType(ComplianceStatusEnum, { name: 'ComplianceStatus', description: 'Tình trạng tuân thủ: COMPLIANT, AT_RISK, NON_COMPLIANT' });
registerEnumType(FindingStatusEnum, { name: 'FindingStatus', description: 'OPEN đang tồn tại, RESOLVED đã khắc phục' });
registerEnumType(InspectionKindEnum, { name: 'InspectionKind', description: 'Kiểm tra theo kế hoạch, đột xuất, kiểm tra lại' });
registerEnumType(UnlicensedCaseStatusEnum, { name: 'UnlicensedCaseStatus', description: 'Tình trạng vụ việc cơ sở hoạt động không phép' });

@ObjectType({ description: 'Vấn đề tuân thủ phát hiện tại một trung tâm (mỗi quy tắc và đối tượng chỉ có một bản ghi)' })
export class Finding {
  @Field(() => ID) id: string;
  @Field(() => ID) centreId: string;
  @Field() centreCode: string;
  @Field() centreName: string;
  @Field(() => RuleCodeEnum) ruleCode: RuleCode;
  @Field({ description: 'Đối tượng trong trung tâm, ví dụ mã biểu mẫu:kỳ hoặc loại quyết định' }) subjectKey: string;
  @Field(() => SeverityEnum) severity: Severity;
  @Field(() => FindingStatusEnum) status: FindingStatus;
  @Field() titleVi: string;
  @Field(() => String, { nullable: true, description: 'Tiêu đề tiếng Anh (tên, số quyết định, mô tả của người kiểm tra giữ nguyên); null đến lần đánh giá sau' }) titleEn: string | null;
  @Field() legalBasisVi: string;
  @Field(() => JsonScalar, { description: 'Số liệu, ngày tháng làm căn cứ' }) evidence: Record<string, unknown>;
  @Field(() => DateScalar, { description: 'Ngày hệ thống ghi nhận vấn đề lần đầu' }) foundOn: string;
  @Field(() => DateScalar, { nullable: true }) resolvedOn: string | null;
  @Field(() => DateScalar, { description: 'Ngày vấn đề bắt đầu tồn tại (theo dữ liệu: ngày sau hạn nộp, sau ngày hết hiệu lực, ngày kiểm tra…)' }) openedOn: string;
  @Field(() => DateScalar, { nullable: true, description: 'Ngày vấn đề chấm dứt (nộp báo cáo, khắc phục, không còn đúng)' }) closedOn: string | null;
  @Field(() => String, { nullable: true, description: 'AUTO (dữ liệu không còn vi phạm) hoặc REMEDIATED (đã khắc phục)' }) resolution: string | null;
  @Field(() => String, { nullable: true }) resolutionNote: string | null;
}

@ObjectType()
export class FindingConnection extends Connection(Finding, 'Finding') {}

@InputType()
export class FindingFilter {
  @Field(() => RuleCodeEnum, { nullable: true }) @IsOptional() @IsIn(RuleCodes) ruleCode?: RuleCode | null;
  @Field(() => FindingStatusEnum, { nullable: true }) @IsOptional() @IsIn(FindingStatuses) status?: FindingStatus | null;
  @Field(() => SeverityEnum, { nullable: true }) @IsOptional() @IsIn(Severities) severity?: Severity | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() unitId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() centreId?: string | null;
}

@ObjectType({ description: 'Tình trạng tuân thủ của một trung tâm vào ngày asOf' })
export class CentreCompliance {
  @Field(() => ID) centreId: string;
  @Field() centreCode: string;
  @Field() centreName: string;
  @Field(() => ComplianceStatusEnum) status: ComplianceStatus;
  @Field(() => DateScalar) asOf: string;
  @Field(() => Int) openFindingCount: number;
  @Field(() => [Finding]) openFindings: Finding[];
}

@ObjectType()
export class ComplianceStatusCount {
  @Field(() => ComplianceStatusEnum) status: ComplianceStatus;
  @Field(() => Int) centres: number;
}

@ObjectType()
export class ComplianceRuleCount {
  @Field(() => RuleCodeEnum) ruleCode: RuleCode;
  @Field(() => Int) findings: number;
  @Field(() => Int) centres: number;
}

@ObjectType()
export class CentreComplianceSummary {
  @Field(() => ID) centreId: string;
  @Field() centreCode: string;
  @Field() centreName: string;
  @Field(() => ComplianceStatusEnum) status: ComplianceStatus;
  @Field(() => Int) openFindings: number;
  @Field(() => Int) highFindings: number;
}

export const ComplianceGroupings = ['UNIT_LEVEL', 'AREA', 'CENTRE_TYPE'] as const;
export type ComplianceGrouping = (typeof ComplianceGroupings)[number];
export const ComplianceGroupingEnum = Object.fromEntries(ComplianceGroupings.map((g) => [g, g])) as Record<ComplianceGrouping, ComplianceGrouping>;
registerEnumType(ComplianceGroupingEnum, {
  name: 'ComplianceGroupBy',
  description: 'UNIT_LEVEL: theo xã, phường (đơn vị cấp dưới) có hiệu lực ngày asOf; AREA: theo khu vực giám sát ngày asOf (chồng lấn: '
    + 'một trung tâm được tính vào mọi khu vực chứa xã của nó); CENTRE_TYPE: theo loại trung tâm',
});

@ObjectType({ description: 'Tuân thủ của một nhóm trung tâm (một xã, một khu vực hoặc một loại trung tâm) vào ngày asOf' })
export class ComplianceGroup {
  @Field(() => ID, { nullable: true, description: 'Xã, phường (UNIT_LEVEL); trống: ở chính đơn vị phạm vi' }) unitId: string | null;
  @Field(() => ID, { nullable: true, description: 'Khu vực (AREA); trống: ngoài mọi khu vực' }) areaId: string | null;
  @Field(() => CentreTypeEnum, { nullable: true }) centreType: CentreType | null;
  @Field(() => String, { nullable: true, description: 'Tên xã hoặc khu vực' }) name: string | null;
  @Field(() => Int) centreCount: number;
  @Field(() => Int) compliant: number;
  @Field(() => Int) atRisk: number;
  @Field(() => Int) nonCompliant: number;
  @Field(() => Int, { description: 'Số vấn đề đang mở' }) openFindings: number;
  @Field(() => Int, { description: 'Số vấn đề mức cao trở lên đang mở' }) highFindings: number;
}

@ObjectType({ description: 'Tổng hợp tuân thủ của một đơn vị (hoặc cả tỉnh) vào ngày asOf' })
export class ComplianceOverview {
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field(() => DateScalar) asOf: string;
  @Field(() => Int) centreCount: number;
  @Field(() => [ComplianceStatusCount]) byStatus: ComplianceStatusCount[];
  @Field(() => [ComplianceRuleCount]) byRule: ComplianceRuleCount[];
  @Field(() => [CentreComplianceSummary], { description: 'Các trung tâm có nhiều vấn đề nghiêm trọng nhất' }) worstCentres: CentreComplianceSummary[];
  @Field(() => [ComplianceGroup], { description: 'Theo nhóm groupBy (trống khi không có groupBy)' }) groups: ComplianceGroup[];
}

@InputType()
export class InspectionFindingInput {
  @Field() @IsString() @Length(1, 100) category: string;
  @Field() @IsString() @Length(1, 2000) descriptionVi: string;
  @Field(() => SeverityEnum) @IsIn(Severities) severity: Severity;
  @Field(() => DateScalar, { nullable: true, description: 'Hạn khắc phục (YYYY-MM-DD)' }) @IsOptional() @IsDateString() remediationDue?: string | null;
}

@InputType()
export class RecordInspectionInput {
  @Field(() => ID) @IsUUID() centreId: string;
  @Field(() => DateScalar) @IsDateString() inspectedOn: string;
  @Field(() => InspectionKindEnum, { nullable: true }) @IsOptional() @IsIn(InspectionKinds) kind?: InspectionKind | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) decisionRef?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(4000) conclusionVi?: string | null;
  @Field(() => [InspectionFindingInput], { nullable: true })
  @IsOptional() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => InspectionFindingInput)
  findings?: InspectionFindingInput[] | null;
}

@ObjectType()
export class InspectionFindingRecord {
  @Field(() => ID) id: string;
  @Field() category: string;
  @Field() descriptionVi: string;
  @Field(() => SeverityEnum) severity: Severity;
  @Field(() => DateScalar, { nullable: true }) remediationDue: string | null;
  @Field(() => DateScalar, { nullable: true }) remediatedOn: string | null;
  @Field(() => String, { nullable: true }) remediationNote: string | null;
}

@ObjectType({ description: 'Cuộc thanh tra, kiểm tra và các kết luận' })
export class Inspection {
  @Field(() => ID) id: string;
  @Field(() => ID) centreId: string;
  @Field(() => DateScalar) inspectedOn: string;
  @Field(() => InspectionKindEnum) kind: InspectionKind;
  @Field(() => String, { nullable: true }) decisionRef: string | null;
  @Field() inspectorName: string;
  @Field(() => String, { nullable: true }) conclusionVi: string | null;
  @Field(() => [InspectionFindingRecord]) findings: InspectionFindingRecord[];
  @Field(() => [Finding], { description: 'Vấn đề tuân thủ đang mở của trung tâm sau khi ghi nhận' }) openFindings: Finding[];
}

@InputType()
export class ReportUnlicensedOperatorInput {
  @Field(() => ID, { description: 'Đơn vị hành chính nơi phát hiện' }) @IsUUID() unitId: string;
  @Field() @IsString() @Length(1, 300) operatorName: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @Field({ description: 'Hoạt động (ví dụ: dạy tiếng Anh không phép)' }) @IsString() @Length(1, 2000) activityVi: string;
  @Field(() => DateScalar) @IsDateString() foundOn: string;
}

@InputType()
export class UpdateUnlicensedOperatorCaseInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => UnlicensedCaseStatusEnum) @IsIn(UnlicensedCaseStatuses) status: UnlicensedCaseStatus;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(4000) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'Số tiền phạt (đồng)' }) @IsOptional() @IsInt() @Min(0) fineVnd?: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'Ngày kết thúc (mặc định hôm nay khi đóng)' }) @IsOptional() @IsDateString() closedOn?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() expectedVersion?: number | null;
}

@ObjectType({ description: 'Vụ việc cơ sở hoạt động giáo dục không phép' })
export class UnlicensedOperatorCase {
  @Field(() => ID) id: string;
  @Field(() => ID) unitId: string;
  @Field() unitName: string;
  @Field() operatorName: string;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field() activityVi: string;
  @Field(() => DateScalar) foundOn: string;
  @Field(() => UnlicensedCaseStatusEnum) status: UnlicensedCaseStatus;
  @Field(() => String, { nullable: true }) statusNote: string | null;
  @Field(() => Int, { nullable: true }) fineVnd: number | null;
  @Field(() => DateScalar, { nullable: true }) closedOn: string | null;
  @Field(() => Int, { description: 'Số ngày kể từ khi phát hiện (đến khi đóng)' }) daysOpen: number;
  @Field(() => String, { nullable: true }) reportedByName: string | null;
  @Field() legalBasisVi: string;
  @Field(() => Int) version: number;
}

@ObjectType()
export class UnlicensedOperatorCaseConnection extends Connection(UnlicensedOperatorCase, 'UnlicensedOperatorCase') {}
