import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { CentreTypes } from '@gdtx/domain';
import type { CentreType, Ownership } from '@gdtx/domain';
import { CentreTypeEnum, DateScalar, Errors, OwnershipEnum } from '@gdtx/platform';
import { IndicatorAggregations } from './indicator-formula';
import type { IndicatorAggregation } from './indicator-formula';

export const GroupByDimensions = ['UNIT_LEVEL', 'CENTRE_TYPE', 'PERIOD', 'CENTRE', 'AREA', 'OWNERSHIP'] as const;
export type GroupByDimension = (typeof GroupByDimensions)[number];
export const GroupByEnum = Object.fromEntries(GroupByDimensions.map((d) => [d, d])) as Record<GroupByDimension, GroupByDimension>;
registerEnumType(GroupByEnum, {
  name: 'IndicatorGroupBy',
  description:
    'UNIT_LEVEL: theo đơn vị cấp dưới (sau 1/7/2025: xã, phường trực thuộc tỉnh); CENTRE_TYPE: theo loại trung tâm; PERIOD: theo kỳ; CENTRE: theo trung tâm; ' +
    'OWNERSHIP: theo loại hình sở hữu (công lập / tư thục, hiện hành của trung tâm; chỉ cho indicatorValues); AREA: theo khu vực giám sát (các khu vực có thể chồng lấn: một trung tâm được tính vào mọi khu vực chứa xã của nó; số liệu trước sắp xếp tính theo xã kế thừa). ' +
    'Xã và khu vực là cơ cấu ngày kết thúc của từng kỳ, hoặc của ngày asOf khi có',
});

export const IndicatorAggregationEnum = Object.fromEntries(IndicatorAggregations.map((a) => [a, a])) as Record<IndicatorAggregation, IndicatorAggregation>;
registerEnumType(IndicatorAggregationEnum, {
  name: 'IndicatorAggregation',
  description: 'RATIO_OF_SUMS: tổng tử số / tổng mẫu số trên các trung tâm có đủ cả hai; SUM: tổng tử số',
});

const PERIOD_CODE = /^[0-9A-Z-]{4,20}$/;

export const STRUCTURE_AS_OF =
  'Nhóm theo cơ cấu (xã, phường, khu vực giám sát) có hiệu lực vào ngày này; bỏ trống: mỗi kỳ theo cơ cấu ngày kết thúc kỳ';

/** A 'YYYY-MM-DD' argument, or BAD_USER_INPUT. */
export function assertIsoDate(value: string, field = 'asOf'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw Errors.badInput(`Ngày ${field} không hợp lệ (YYYY-MM-DD)`, `${field} must be a date (YYYY-MM-DD)`, { field });
  }
  return value;
}

@InputType()
export class IndicatorQuery {
  @Field(() => [String], { description: 'Mã chỉ số, ví dụ PASS_RATE' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(60, { each: true }) codes: string[];
  @Field({ nullable: true, description: 'Một kỳ (ví dụ 2020-2021, 2024-Q3)' }) @IsOptional() @Matches(PERIOD_CODE) periodCode?: string;
  @Field({ nullable: true, description: 'Từ kỳ (kèm periodTo)' }) @IsOptional() @Matches(PERIOD_CODE) periodFrom?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(PERIOD_CODE) periodTo?: string;
  @Field(() => ID, { nullable: true, description: 'Cây đơn vị (mặc định: cả phạm vi của người dùng)' }) @IsOptional() @IsUUID() unitId?: string;
  @Field(() => CentreTypeEnum, { nullable: true }) @IsOptional() @IsIn(CentreTypes) centreType?: CentreType;
  @Field(() => [GroupByEnum], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(4) @IsIn(GroupByDimensions, { each: true }) groupBy?: GroupByDimension[];
  @Field(() => DateScalar, { nullable: true, description: STRUCTURE_AS_OF }) @IsOptional() @IsString() asOf?: string;
}

@ObjectType({ description: 'Độ phủ của một giá trị chỉ số: số trung tâm có số liệu trên số trung tâm phải báo cáo' })
export class IndicatorCoverage {
  @Field(() => Int, { description: 'Số trung tâm có báo cáo đã duyệt chứa đủ mọi thành phần của chỉ số (tử số và mẫu số)' }) reporting: number;
  @Field(() => Int, { description: 'Số trung tâm phải nộp báo cáo của biểu mẫu và kỳ theo lịch báo cáo' }) expected: number;
}

@ObjectType({ description: 'Giá trị một chỉ số trên một nhóm' })
export class IndicatorValue {
  @Field() code: string;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field() unit: string;
  @Field(() => Float, { nullable: true, description: 'null khi mẫu số bằng 0 hoặc chưa có số liệu' }) value: number | null;
  @Field(() => Float) numerator: number;
  @Field(() => Float, { nullable: true }) denominator: number | null;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => ID, { nullable: true, description: 'Khu vực giám sát (nhóm AREA); trống: ngoài mọi khu vực' }) areaId?: string | null;
  @Field(() => String, { nullable: true }) areaName?: string | null;
  @Field(() => CentreTypeEnum, { nullable: true }) centreType: CentreType | null;
  @Field(() => OwnershipEnum, { nullable: true, description: 'Công lập / tư thục (nhóm OWNERSHIP)' }) ownership?: Ownership | null;
  @Field(() => String, { nullable: true }) periodCode: string | null;
  @Field(() => ID, { nullable: true }) centreId: string | null;
  @Field(() => String, { nullable: true }) centreName: string | null;
  @Field(() => Int, { description: 'Số trung tâm đóng góp số liệu (bằng coverage.reporting)' }) centreCount: number;
  @Field(() => IndicatorCoverage) coverage: IndicatorCoverage;
  @Field(() => Date, { nullable: true, description: 'Thời điểm số liệu được tính' }) computedAt: Date | null;
}

@ObjectType({ description: 'Một phiên bản của định nghĩa chỉ số (không bao giờ thay đổi sau khi lưu)' })
export class IndicatorDefinitionVersionDto {
  @Field(() => Int) version: number;
  @Field(() => ID, { nullable: true, description: 'null: phiên bản dùng chung toàn quốc; có giá trị: phiên bản riêng của tỉnh' }) provinceId: string | null;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field() unit: string;
  @Field(() => String, { nullable: true }) descriptionVi: string | null;
  @Field(() => [String], { description: 'Các biểu mẫu chỉ số đọc số liệu' }) templateCodes: string[];
  @Field({ description: 'Biểu thức tử số (ngôn ngữ quy tắc kiểm tra, trên mã chỉ tiêu của biểu mẫu)' }) numerator: string;
  @Field(() => String, { nullable: true, description: 'Biểu thức mẫu số (null với chỉ số dạng tổng)' }) denominator: string | null;
  @Field(() => Float) factor: number;
  @Field(() => IndicatorAggregationEnum) aggregation: IndicatorAggregation;
  @Field(() => Date) createdAt: Date;
  @Field(() => ID, { nullable: true }) createdBy: string | null;
}

@ObjectType({ description: 'Định nghĩa chỉ số: phiên bản hiện hành (áp dụng cho mọi kỳ) và các phiên bản trước' })
export class IndicatorDefinitionDto {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field(() => ID, { nullable: true, description: 'null: chỉ số dùng chung toàn quốc; có giá trị: chỉ số riêng của tỉnh' }) provinceId: string | null;
  @Field(() => Int, { description: 'Phiên bản hiện hành' }) version: number;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field() unit: string;
  @Field(() => [String]) templateCodes: string[];
  @Field(() => String, { nullable: true }) descriptionVi: string | null;
  @Field() numerator: string;
  @Field(() => String, { nullable: true }) denominator: string | null;
  @Field(() => Float) factor: number;
  @Field(() => IndicatorAggregationEnum) aggregation: IndicatorAggregation;
  @Field(() => [IndicatorDefinitionVersionDto], { description: 'Mọi phiên bản, mới nhất trước (gồm phiên bản toàn quốc mà tỉnh đã sửa đổi)' }) versions: IndicatorDefinitionVersionDto[];
}

const INDICATOR_CODE = /^[A-Z][A-Z0-9_]{1,59}$/;

@InputType({ description: 'Định nghĩa chỉ số cần lưu: mỗi lần lưu tạo một phiên bản mới, áp dụng cho mọi kỳ' })
export class SaveIndicatorDefinitionInput {
  @Field({ description: 'Mã chỉ số: chữ in hoa, số và dấu gạch dưới, ví dụ LDTT_SHARE' }) @IsString() @Matches(INDICATOR_CODE) code: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) nameVi: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) nameEn: string;
  @Field({ description: "Đơn vị hiển thị, ví dụ '%' hoặc 'người'" }) @IsString() @MaxLength(40) unit: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(1000) descriptionVi?: string | null;
  @Field(() => [String]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @IsString({ each: true }) @Matches(/^[A-Z][A-Z0-9_]{0,59}$/, { each: true }) templateCodes: string[];
  @Field() @IsString() @MaxLength(2000) numerator: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) denominator?: string | null;
  @Field(() => Float, { description: 'Hệ số nhân (100 cho phần trăm)' }) @IsNumber({ allowNaN: false, allowInfinity: false }) factor: number;
  @Field(() => IndicatorAggregationEnum) @IsIn(IndicatorAggregations) aggregation: IndicatorAggregation;
  @Field(() => Int, { nullable: true, description: 'Phiên bản hiện hành mà người sửa đã xem (chống ghi đè); bỏ trống khi tạo mới' })
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number | null;
}

@ObjectType({ description: 'Giá trị thử của một định nghĩa chỉ số trên số liệu thật của một kỳ (không lưu gì)' })
export class IndicatorPreview {
  @Field(() => IndicatorValue, { description: 'Toàn phạm vi của người dùng (toàn tỉnh với Sở)' }) total: IndicatorValue;
  @Field(() => [IndicatorValue], { description: 'Theo đơn vị cấp dưới' }) byUnit: IndicatorValue[];
  @Field(() => [IndicatorValue], { description: 'Theo trung tâm' }) byCentre: IndicatorValue[];
}
