import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CentreTypes } from '@gdtx/domain';
import type { CentreType } from '@gdtx/domain';
import { CentreTypeEnum } from '@gdtx/platform';

export const GroupByDimensions = ['UNIT_LEVEL', 'CENTRE_TYPE', 'PERIOD', 'CENTRE', 'AREA'] as const;
export type GroupByDimension = (typeof GroupByDimensions)[number];
export const GroupByEnum = Object.fromEntries(GroupByDimensions.map((d) => [d, d])) as Record<GroupByDimension, GroupByDimension>;
registerEnumType(GroupByEnum, {
  name: 'IndicatorGroupBy',
  description:
    'UNIT_LEVEL: theo đơn vị cấp dưới (sau 1/7/2025: xã, phường trực thuộc tỉnh); CENTRE_TYPE: theo loại trung tâm; PERIOD: theo kỳ; CENTRE: theo trung tâm; ' +
    'AREA: theo khu vực giám sát hiện hành (các khu vực có thể chồng lấn: một trung tâm được tính vào mọi khu vực chứa xã của nó; số liệu trước sắp xếp tính theo xã kế thừa)',
});

const PERIOD_CODE = /^[0-9A-Z-]{4,20}$/;

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
  @Field(() => String, { nullable: true }) periodCode: string | null;
  @Field(() => ID, { nullable: true }) centreId: string | null;
  @Field(() => String, { nullable: true }) centreName: string | null;
  @Field(() => Int, { description: 'Số trung tâm đóng góp số liệu (bằng coverage.reporting)' }) centreCount: number;
  @Field(() => IndicatorCoverage) coverage: IndicatorCoverage;
  @Field(() => Date, { nullable: true, description: 'Thời điểm số liệu được tính' }) computedAt: Date | null;
}

@ObjectType()
export class IndicatorDefinitionDto {
  @Field() code: string;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field() unit: string;
  @Field(() => [String]) templateCodes: string[];
  @Field(() => String, { nullable: true }) descriptionVi: string | null;
}
