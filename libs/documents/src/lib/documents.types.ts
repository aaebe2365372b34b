import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';

@ObjectType({ description: 'Thông tin ghi trên văn bản hành chính của Sở (Nghị định 30/2020/NĐ-CP): cơ quan, nơi ban hành, người ký, nơi nhận' })
export class DocumentSettings {
  @Field({ description: 'Tên cơ quan chủ quản, chữ in hoa (ví dụ UBND TỈNH THANH HÓA)' }) governingBody: string;
  @Field({ description: 'Tên cơ quan ban hành, chữ in hoa (ví dụ SỞ GIÁO DỤC VÀ ĐÀO TẠO)' }) issuingBody: string;
  @Field({ description: 'Chữ viết tắt tên cơ quan trong ký hiệu văn bản: Số: …/BC-<ký hiệu>' }) symbol: string;
  @Field({ description: 'Địa danh ghi trước ngày tháng (ví dụ Thanh Hóa)' }) place: string;
  @Field(() => String, { nullable: true, description: 'Quyền hạn ký (KT. GIÁM ĐỐC, TL. GIÁM ĐỐC…); trống khi người đứng đầu ký' }) signerAuthority: string | null;
  @Field({ description: 'Chức vụ người ký (GIÁM ĐỐC, PHÓ GIÁM ĐỐC)' }) signerTitle: string;
  @Field({ description: 'Họ và tên người ký (trống: để dòng chấm cho văn thư điền)' }) signerName: string;
  @Field(() => [String], { description: 'Nơi nhận, mỗi dòng một nơi' }) recipients: string[];
  @Field({ description: 'true: Sở chưa lưu, đây là giá trị mặc định theo tên tỉnh' }) isDefault: boolean;
  @Field(() => Int, { description: 'Phiên bản đã lưu (0 khi chưa lưu)' }) version: number;
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
}

@InputType({ description: 'Thông tin văn bản của Sở (Quản trị Sở)' })
export class DocumentSettingsInput {
  @Field() @IsString() @Length(1, 200) governingBody: string;
  @Field() @IsString() @Length(1, 200) issuingBody: string;
  @Field() @IsString() @Length(1, 40) symbol: string;
  @Field() @IsString() @Length(1, 100) place: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) signerAuthority?: string | null;
  @Field() @IsString() @Length(1, 100) signerTitle: string;
  @Field() @IsString() @MaxLength(100) signerName: string;
  @Field(() => [String]) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true }) recipients: string[];
}
