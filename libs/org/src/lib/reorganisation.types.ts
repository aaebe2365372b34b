import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { UnitLevel } from '@gdtx/domain';
import { UnitLevelEnum, DateScalar } from '@gdtx/platform';

// ------------------------------------------------------------------------------------------------------------
// Reorganisation
// ------------------------------------------------------------------------------------------------------------

@InputType({ description: 'Một xã mới sau sắp xếp: hợp nhất từ các xã cũ' })
export class MergedCommuneInput {
  @Field() @IsString() @Length(1, 50) code: string;
  @Field() @IsString() @Length(1, 200) name: string;
  @Field(() => UnitLevelEnum, { nullable: true }) @IsOptional() @IsIn(['COMMUNE', 'WARD', 'SPECIAL_ZONE']) level?: UnitLevel;
  @Field(() => [ID]) @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) predecessorIds: string[];
  @Field(() => ID, { nullable: true, description: 'TTHTCĐ được giữ lại (mặc định: của xã cũ đầu tiên); các TTHTCĐ khác giải thể' })
  @IsOptional() @IsUUID() keepTthtcdCentreId?: string;
}

@InputType({ description: 'Sắp xếp đơn vị hành chính 2025: bỏ cấp huyện, hợp nhất xã' })
export class ApplyReorganisationInput {
  @Field() @IsString() @Length(1, 100) code: string;
  @Field() @IsString() @Length(1, 300) name: string;
  @Field(() => DateScalar) @IsDateString() effectiveDate: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(1000) legalBasis?: string;
  @Field({ defaultValue: true, description: 'Kết thúc cấp huyện (valid_to = ngày trước ngày hiệu lực)' }) @IsBoolean() dissolveDistricts: boolean;
  @Field(() => [MergedCommuneInput]) @IsArray() @ArrayMaxSize(5000) @ValidateNested({ each: true }) @Type(() => MergedCommuneInput) mergedCommunes: MergedCommuneInput[];
}

@ObjectType()
export class ReorganisationResult {
  @Field(() => ID) reorganisationId: string;
  @Field(() => Int) districtsDissolved: number;
  @Field(() => Int) communesCreated: number;
  @Field(() => Int) communesMerged: number;
  @Field(() => Int) communesReparented: number;
  @Field(() => Int) centresMoved: number;
  @Field(() => Int) tthtcdDissolved: number;
}

// ------------------------------------------------------------------------------------------------------------
// Reorganisations as events (the units page, issue 12 item 5)
// ------------------------------------------------------------------------------------------------------------

@ObjectType({ description: 'Một đơn vị trong một liên kết kế thừa (phiên bản của đơn vị trước hoặc sau sắp xếp)' })
export class SuccessionUnit {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => UnitLevelEnum) level: UnitLevel;
  @Field(() => DateScalar) validFrom: string;
  @Field(() => DateScalar, { nullable: true }) validTo: string | null;
}

@ObjectType({ description: 'Đơn vị sau sắp xếp và các đơn vị trước mà nó kế thừa' })
export class UnitSuccession {
  @Field(() => SuccessionUnit) successor: SuccessionUnit;
  @Field(() => [SuccessionUnit]) predecessors: SuccessionUnit[];
}

@ObjectType({ description: 'Một đợt sắp xếp đơn vị hành chính đã ghi nhận (ngày hiệu lực, căn cứ, đơn vị trước → sau)' })
export class ReorganisationEvent {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => DateScalar) effectiveDate: string;
  @Field(() => String, { nullable: true }) legalBasis: string | null;
  @Field(() => [UnitSuccession], { description: 'Theo đơn vị sau sắp xếp (tên), mỗi đơn vị với các đơn vị trước' }) successions: UnitSuccession[];
}
