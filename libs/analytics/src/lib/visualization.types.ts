import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import {
  CentreTypes, MAX_VISUALIZATION_INDICATORS, MAX_VISUALIZATION_NAME_LENGTH, RELATIVE_PERIODS, RelativePeriods, VisualizationDimensions, VisualizationLayouts,
} from '@gdtx/domain';
import type { CentreType, RelativePeriod, VisualizationDimension, VisualizationLayout } from '@gdtx/domain';
import { CentreTypeEnum } from '@gdtx/platform';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const VisualizationDimensionEnum = asEnum(VisualizationDimensions);
registerEnumType(VisualizationDimensionEnum, {
  name: 'VisualizationDimension',
  description: 'Chiều của hàng (và chuỗi của biểu đồ) ngoài kỳ: NONE (chỉ theo chỉ số), UNIT_LEVEL (xã, phường), AREA (khu vực giám sát), CENTRE_TYPE (loại trung tâm), OWNERSHIP (công lập / tư thục)',
});
export const VisualizationLayoutEnum = asEnum(VisualizationLayouts);
registerEnumType(VisualizationLayoutEnum, { name: 'VisualizationLayout', description: 'PIVOT: bảng tổng hợp có dòng, cột tổng; BAR: biểu đồ cột; LINE: biểu đồ đường; MAP: bản đồ theo đơn vị (chỉ với chiều UNIT_LEVEL)' });
export const RelativePeriodEnum = asEnum(RelativePeriods);
registerEnumType(RelativePeriodEnum, {
  name: 'RelativePeriod',
  description: `Khoảng thời gian tương đối (các kỳ đã kết thúc gần nhất): ${RelativePeriods.map((r) => `${r}: ${RELATIVE_PERIODS[r].labelVi}`).join('; ')}`,
});

@InputType({ description: 'Định nghĩa một biểu đồ, bảng tổng hợp (cũng là nội dung của đường dẫn chia sẻ)' })
export class VisualizationDefinitionInput {
  @Field(() => [String], { description: 'Mã chỉ số, theo thứ tự chọn' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_VISUALIZATION_INDICATORS) @IsString({ each: true }) @Matches(/^[A-Z][A-Z0-9_]{1,59}$/, { each: true }) indicatorCodes: string[];
  @Field(() => VisualizationDimensionEnum) @IsIn(VisualizationDimensions) dimension: VisualizationDimension;
  @Field(() => RelativePeriodEnum) @IsIn(RelativePeriods) relativePeriod: RelativePeriod;
  @Field(() => CentreTypeEnum, { nullable: true, description: 'Lọc theo loại trung tâm; bỏ trống: mọi loại' }) @IsOptional() @IsIn(CentreTypes) centreType?: CentreType | null;
  @Field(() => VisualizationLayoutEnum) @IsIn(VisualizationLayouts) layout: VisualizationLayout;
}

@InputType({ description: 'Lưu một biểu đồ yêu thích: tạo mới (không có id) hoặc sửa biểu đồ của chính mình' })
export class SaveVisualizationInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() id?: string | null;
  @Field() @IsString() @MinLength(1) @MaxLength(MAX_VISUALIZATION_NAME_LENGTH) name: string;
  @Field(() => VisualizationDefinitionInput) @ValidateNested() @Type(() => VisualizationDefinitionInput) definition: VisualizationDefinitionInput;
}

@ObjectType('VisualizationDefinition')
export class VisualizationDefinitionDto {
  @Field(() => [String]) indicatorCodes: string[];
  @Field(() => VisualizationDimensionEnum) dimension: VisualizationDimension;
  @Field(() => RelativePeriodEnum) relativePeriod: RelativePeriod;
  @Field(() => CentreTypeEnum, { nullable: true }) centreType: CentreType | null;
  @Field(() => VisualizationLayoutEnum) layout: VisualizationLayout;
}

@ObjectType('VisualizationFavourite', { description: 'Biểu đồ yêu thích của người dùng (chỉ chính người đó xem và sửa được)' })
export class VisualizationFavouriteDto {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => VisualizationDefinitionDto) definition: VisualizationDefinitionDto;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}
