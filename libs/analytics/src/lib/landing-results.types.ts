import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@gdtx/platform';
import { IndicatorValue } from './analytics.types';

@ObjectType({ description: 'So sánh cùng kỳ trên cùng các trung tâm: các trung tâm có đủ số liệu của chỉ số ở cả kỳ này và kỳ trước' })
export class LikeForLikeComparison {
  @Field(() => Int, { description: 'Số trung tâm báo cáo cả hai kỳ (có đủ mọi thành phần của chỉ số)' }) centres: number;
  @Field(() => Float, { nullable: true, description: 'Giá trị kỳ này trên các trung tâm đó' }) value: number | null;
  @Field(() => Float, { nullable: true, description: 'Giá trị kỳ trước trên chính các trung tâm đó' }) previousValue: number | null;
  @Field(() => Float, { nullable: true, description: 'Chênh lệch (kỳ này − kỳ trước)' }) change: number | null;
  @Field(() => Float) numerator: number;
  @Field(() => Float, { nullable: true }) denominator: number | null;
  @Field(() => Float) previousNumerator: number;
  @Field(() => Float, { nullable: true }) previousDenominator: number | null;
  @Field(() => Date, { nullable: true }) computedAt: Date | null;
}

@ObjectType({ description: 'Một kết quả chính của trang chủ Sở: giá trị kỳ hiện tại, so sánh cùng kỳ, xu hướng 5 năm' })
export class LandingResult {
  @Field() code: string;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field() unit: string;
  @Field({ description: 'Kỳ hiện tại (kỳ vừa kết thúc gần nhất, như tình hình nộp báo cáo)' }) periodCode: string;
  @Field(() => String, { nullable: true }) previousPeriodCode: string | null;
  @Field(() => IndicatorValue, { description: 'Toàn tỉnh, kỳ hiện tại (kèm độ phủ)' }) current: IndicatorValue;
  @Field(() => LikeForLikeComparison) likeForLike: LikeForLikeComparison;
  @Field(() => [IndicatorValue], { description: 'Cùng kỳ của 5 năm học gần nhất, cũ trước (mỗi giá trị kèm độ phủ)' }) trend: IndicatorValue[];
  @Field({ description: 'Phục vụ từ bảng tổng hợp sẵn (rollup) hay tính từ dữ liệu gốc' }) fromRollups: boolean;
}

@ObjectType({ description: 'Kết quả chính của trang chủ Sở' })
export class LandingResults {
  @Field(() => DateScalar) asOf: string;
  @Field(() => [LandingResult]) results: LandingResult[];
  @Field(() => Date) computedAt: Date;
}
