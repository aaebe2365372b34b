import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDateString, IsString, IsUUID, Length } from 'class-validator';
import { DateScalar } from '@gdtx/platform';

@InputType({ description: 'Sáp nhập một tỉnh vào tỉnh khác từ một ngày (Quản trị hệ thống)' })
export class RecordProvinceMergerInput {
  @Field(() => ID, { description: 'Tỉnh bị sáp nhập (ví dụ Bắc Giang)' }) @IsUUID() absorbedProvinceId: string;
  @Field(() => ID, { description: 'Tỉnh tiếp nhận, giữ nguyên mã định danh (ví dụ Bắc Ninh)' }) @IsUUID() survivorProvinceId: string;
  @Field(() => DateScalar, { description: 'Ngày hiệu lực (ví dụ 2025-07-01)' }) @IsDateString() effectiveDate: string;
  @Field({ description: 'Căn cứ pháp lý, ví dụ Nghị quyết 202/2025/QH15' }) @IsString() @Length(1, 1000) legalBasis: string;
}

@ObjectType({ description: 'Một lần sáp nhập tỉnh: tỉnh bị sáp nhập, tỉnh tiếp nhận, ngày hiệu lực' })
export class ProvinceMerger {
  @Field(() => ID) id: string;
  @Field(() => ID) survivorProvinceId: string;
  @Field() survivorName: string;
  @Field(() => ID) absorbedProvinceId: string;
  @Field() absorbedName: string;
  @Field(() => DateScalar) effectiveDate: string;
  @Field() legalBasis: string;
  @Field(() => Int, { description: 'Số trung tâm của tỉnh bị sáp nhập nay thuộc tỉnh tiếp nhận' }) centresMoved: number;
  @Field() recordedAt: Date;
}

@ObjectType({ description: 'Kết quả ghi nhận sáp nhập tỉnh' })
export class ProvinceMergerResult {
  @Field(() => ID) mergerId: string;
  @Field(() => ID) reorganisationId: string;
  @Field(() => Int) unitsCreated: number;
  @Field(() => Int) centresMoved: number;
}
