import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDateString, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { CentreStatuses, CentreTypes, LicenceKinds, Ownerships } from '@gdtx/domain';
import type { CentreStatus, CentreType, LicenceKind, Ownership, UnitLevel } from '@gdtx/domain';
import { CentreStatusEnum, CentreTypeEnum, Connection, LicenceKindEnum, OwnershipEnum, UnitLevelEnum, DateScalar } from '@gdtx/platform';

import { LicenceStatuses } from '@gdtx/domain';
import type { LicenceStatus } from '@gdtx/domain';
export { LicenceStatuses };
export type { LicenceStatus };
export const LicenceStatusEnum = Object.fromEntries(LicenceStatuses.map((v) => [v, v])) as Record<LicenceStatus, LicenceStatus>;
registerEnumType(LicenceStatusEnum, {
  name: 'LicenceStatus',
  description: 'Tình trạng giấy phép: VALID còn hiệu lực, EXPIRING sắp hết hạn (≤ 90 ngày), EXPIRED hết hạn, MISSING thiếu quyết định',
});

/**
 * Compliance filter of the centre list, from the centre's open findings today (the same derivation as
 * libs/compliance complianceStatusOf: an open HIGH/CRITICAL finding → NON_COMPLIANT, other open ones → AT_RISK).
 * Its own enum: org cannot import the compliance context (which depends on org).
 */
export const CentreComplianceFilters = ['HAS_OPEN_FINDINGS', 'NON_COMPLIANT', 'AT_RISK', 'COMPLIANT'] as const;
export type CentreComplianceFilter = (typeof CentreComplianceFilters)[number];
export const CentreComplianceFilterEnum = Object.fromEntries(CentreComplianceFilters.map((v) => [v, v])) as Record<CentreComplianceFilter, CentreComplianceFilter>;
registerEnumType(CentreComplianceFilterEnum, {
  name: 'CentreComplianceFilter',
  description:
    'Lọc theo tuân thủ: HAS_OPEN_FINDINGS có vấn đề đang mở, NON_COMPLIANT có vấn đề mức cao/nghiêm trọng đang mở, AT_RISK chỉ có vấn đề mức thấp/trung bình, COMPLIANT không có vấn đề đang mở',
});

@ObjectType({ description: 'Đơn vị hành chính (có hiệu lực theo thời gian)' })
export class AdministrativeUnit {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  @Field(() => UnitLevelEnum) level: UnitLevel;
  @Field() code: string;
  @Field() name: string;
  @Field(() => DateScalar) validFrom: string;
  @Field(() => DateScalar, { nullable: true }) validTo: string | null;
  @Field(() => [ID], { description: 'Đơn vị kế thừa (sau sắp xếp)' }) successorIds: string[];
  @Field(() => [ID], { description: 'Đơn vị tiền thân' }) predecessorIds: string[];
}

@ObjectType({ description: 'Quyết định (thành lập, cho phép hoạt động, công nhận giám đốc)' })
export class LicenceRecord {
  @Field(() => ID) id: string;
  @Field(() => LicenceKindEnum) kind: LicenceKind;
  @Field() decisionNumber: string;
  @Field(() => DateScalar) decidedOn: string;
  @Field() issuer: string;
  @Field(() => String, { nullable: true }) holderName: string | null;
  @Field(() => DateScalar) validFrom: string;
  @Field(() => DateScalar, { nullable: true }) validTo: string | null;
  @Field() state: string;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType()
export class CentreStatusChange {
  @Field(() => CentreStatusEnum) status: CentreStatus;
  @Field(() => DateScalar) validFrom: string;
  @Field(() => DateScalar, { nullable: true }) validTo: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => String, { nullable: true }) decisionRef: string | null;
}

@ObjectType({ description: 'Trung tâm (đơn vị thuê bao)' })
export class Centre {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => CentreTypeEnum) type: CentreType;
  @Field(() => OwnershipEnum) ownership: Ownership;
  @Field(() => CentreStatusEnum) status: CentreStatus;
  @Field(() => DateScalar) statusSince: string;
  @Field(() => DateScalar, { nullable: true }) establishedOn: string | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => ID) adminUnitId: string;
  @Field(() => ID) supervisingUnitId: string;
  @Field(() => LicenceStatusEnum) licenceStatus: LicenceStatus;
  @Field(() => Int, { description: 'Phiên bản (khóa lạc quan)' }) version: number;
  // Resolved per row through DataLoaders:
  adminUnit?: AdministrativeUnit;
}

@ObjectType()
export class CentreConnection extends Connection(Centre, 'Centre') {}

@InputType()
export class CentreFilter {
  @Field(() => CentreTypeEnum, { nullable: true }) @IsOptional() @IsIn(CentreTypes) type?: CentreType;
  @Field(() => ID, { nullable: true, description: 'Cả cây đơn vị con' }) @IsOptional() @IsUUID() unitId?: string;
  @Field(() => CentreStatusEnum, { nullable: true }) @IsOptional() @IsIn(CentreStatuses) status?: CentreStatus;
  @Field(() => LicenceStatusEnum, { nullable: true }) @IsOptional() @IsIn(LicenceStatuses) licenceStatus?: LicenceStatus;
  @Field({ nullable: true, description: 'Tìm theo tên, mã, địa chỉ (không phân biệt dấu)' }) @IsOptional() @IsString() @MaxLength(200) search?: string;
  @Field(() => CentreComplianceFilterEnum, { nullable: true, description: 'Theo vấn đề tuân thủ đang mở' }) @IsOptional() @IsIn(CentreComplianceFilters) compliance?: CentreComplianceFilter;
  @Field(() => DateScalar, { nullable: true, description: 'Trạng thái và tình trạng giấy phép vào ngày này (YYYY-MM-DD; mặc định hôm nay theo giờ Việt Nam)' })
  @IsOptional() @IsDateString({ strict: true }) asOf?: string;
}

@InputType()
export class CreateCentreInput {
  @Field() @IsString() @Length(2, 40) code: string;
  @Field() @IsString() @Length(3, 300) name: string;
  @Field(() => CentreTypeEnum) @IsIn(CentreTypes) type: CentreType;
  @Field(() => OwnershipEnum) @IsIn(Ownerships) ownership: Ownership;
  @Field(() => ID) @IsUUID() adminUnitId: string;
  @Field(() => ID, { nullable: true, description: 'Mặc định: Sở (tỉnh) với trung tâm do Sở quản lý, xã với TTHTCĐ' }) @IsOptional() @IsUUID() supervisingUnitId?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsDateString() establishedOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(200) email?: string;
}

@InputType()
export class UpdateCentreInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'Phiên bản đang sửa; lệch phiên bản → CONFLICT' }) @IsInt() @Min(1) expectedVersion: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(3, 300) name?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() adminUnitId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() supervisingUnitId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(200) email?: string;
}

@InputType()
export class RecordLicenceInput {
  @Field(() => ID) @IsUUID() centreId: string;
  @Field(() => LicenceKindEnum) @IsIn(LicenceKinds) kind: LicenceKind;
  @Field() @IsString() @Length(1, 100) decisionNumber: string;
  @Field(() => DateScalar) @IsDateString() decidedOn: string;
  @Field() @IsString() @Length(2, 300) issuer: string;
  @Field({ nullable: true, description: 'Người được công nhận (với quyết định công nhận giám đốc)' }) @IsOptional() @IsString() @MaxLength(200) holderName?: string;
  @Field(() => DateScalar) @IsDateString() validFrom: string;
  @Field(() => DateScalar, { nullable: true, description: 'Hết hiệu lực (nhiệm kỳ)' }) @IsOptional() @IsDateString() validTo?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

@InputType()
export class ChangeCentreStatusInput {
  @Field(() => ID) @IsUUID() centreId: string;
  @Field(() => CentreStatusEnum) @IsIn(CentreStatuses) status: CentreStatus;
  @Field(() => DateScalar) @IsDateString() effectiveFrom: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) decisionRef?: string;
}

@ObjectType({ description: 'Mã của Bộ (CSDL ngành cho trung tâm, hệ thống PCGD-XMC cho xã) do Sở nhập để đối chiếu' })
export class MinistryCodeEntry {
  @Field(() => ID) id: string;
  @Field({ description: 'Mã trong hệ thống này (trung tâm) hoặc mã đơn vị' }) code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) ministryCode: string | null;
}

@InputType()
export class SetMinistryCodeInput {
  @Field({ description: 'CENTRE hoặc UNIT' }) @IsIn(['CENTRE', 'UNIT']) kind: 'CENTRE' | 'UNIT';
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => String, { nullable: true, description: 'Mã của Bộ (1–30 ký tự chữ, số, . _ -); null để xóa' })
  @IsOptional() @Matches(/^[0-9A-Za-z._-]{1,30}$/, { message: 'Mã của Bộ chỉ gồm chữ, số và . _ -, tối đa 30 ký tự' }) ministryCode: string | null;
}

@ObjectType({ description: 'Số trung tâm có một giá trị (loại hình, trạng thái hoặc tình trạng giấy phép)' })
export class CentreStateCount {
  @Field() key: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Số trung tâm người dùng được xem, theo loại hình, trạng thái hoạt động và tình trạng giấy phép vào một ngày (mỗi danh sách cộng lại bằng tổng)' })
export class CentreCounts {
  @Field(() => DateScalar) asOf: string;
  @Field(() => Int) total: number;
  @Field(() => [CentreStateCount]) byType: CentreStateCount[];
  @Field(() => [CentreStateCount]) byStatus: CentreStateCount[];
  @Field(() => [CentreStateCount]) byLicenceStatus: CentreStateCount[];
}
