import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, IsUUID, Length, Matches } from 'class-validator';

@ObjectType({ description: 'Điểm bất thường của một giá trị (modified z-score, |z| > 3,5 là bất thường)' })
export class OutlierScoreDto {
  @Field(() => Float, { nullable: true, description: 'Điểm z hiệu chỉnh; null khi không đủ số liệu hoặc không có biến động để so sánh' }) score: number | null;
  @Field(() => Float, { nullable: true, description: 'Trung vị của các giá trị so sánh' }) median: number | null;
  @Field(() => Int, { description: 'Số giá trị so sánh' }) n: number;
  @Field({ description: 'MAD | MEAN_AD (chuỗi nhiều số 0) | NO_SPREAD | TOO_FEW' }) method: string;
  @Field() outlier: boolean;
}

@ObjectType({ description: 'Kiểm tra một giá trị của báo cáo so với các kỳ trước của trung tâm và các trung tâm cùng loại (chỉ số tổng hợp)' })
export class ValueCheckDto {
  @Field() valueKey: string;
  @Field() labelVi: string;
  @Field() labelEn: string;
  @Field(() => Float) value: number;
  @Field(() => OutlierScoreDto, { description: 'So với các kỳ trước của chính trung tâm' }) history: OutlierScoreDto;
  @Field(() => OutlierScoreDto, { description: 'So với các trung tâm cùng loại trong tỉnh (chỉ trung vị, không lộ số liệu của trung tâm khác)' }) peers: OutlierScoreDto;
  @Field(() => String, { nullable: true, description: 'Kỳ của các trung tâm cùng loại được so sánh' }) peersPeriodCode: string | null;
  @Field() outlier: boolean;
}

@ObjectType({ description: 'Một giá trị bất thường trong kỳ (trang chất lượng số liệu của Sở)' })
export class OutlierRowDto extends ValueCheckDto {
  @Field(() => ID) submissionId: string;
  @Field(() => ID) centreId: string;
  @Field() centreCode: string;
  @Field() centreName: string;
  @Field() centreType: string;
  @Field(() => ID, { nullable: true, description: 'Cờ theo dõi đang mở của giá trị này' }) openFlagId: string | null;
}

@ObjectType({ description: 'Cờ theo dõi chất lượng số liệu: Sở gắn, xử lý bằng một nhận xét' })
export class DataQualityFlagDto {
  @Field(() => ID) id: string;
  @Field(() => ID) submissionId: string;
  @Field(() => ID) centreId: string;
  @Field() centreName: string;
  @Field() templateCode: string;
  @Field() periodCode: string;
  @Field() valueKey: string;
  @Field() labelVi: string;
  @Field() labelEn: string;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field() note: string;
  @Field({ description: 'OPEN | RESOLVED' }) status: string;
  @Field(() => Date) flaggedAt: Date;
  @Field(() => String, { nullable: true }) resolution: string | null;
  @Field(() => Date, { nullable: true }) resolvedAt: Date | null;
}

@ObjectType({ description: 'Hai trung tâm có thể trùng nhau (tên hoặc địa chỉ giống nhau khi bỏ dấu)' })
export class DuplicateCentrePairDto {
  @Field(() => ID) firstId: string;
  @Field() firstCode: string;
  @Field() firstName: string;
  @Field(() => ID) secondId: string;
  @Field() secondCode: string;
  @Field() secondName: string;
  @Field({ description: 'NAME: cùng tên; ADDRESS: cùng địa chỉ' }) reason: string;
}

@InputType()
export class FlagValueInput {
  @Field(() => ID) @IsUUID() submissionId: string;
  @Field() @IsString() @Matches(/^[a-z0-9_.]{1,120}$/) valueKey: string;
  @Field({ description: 'Lý do gắn cờ (1–1000 ký tự)' }) @IsString() @Length(1, 1000) note: string;
}
