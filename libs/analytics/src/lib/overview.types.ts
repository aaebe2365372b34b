import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IndicatorValue } from './analytics.types';

@ObjectType({ description: 'Tỷ lệ báo cáo: phải nộp, đã nộp, đúng hạn, trễ hạn, chưa nộp' })
export class ReportingRate {
  @Field() templateCode: string;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => String, { nullable: true }) centreType: string | null;
  @Field(() => String, { nullable: true }) periodCode: string | null;
  @Field(() => ID, { nullable: true }) centreId: string | null;
  @Field(() => Int) expected: number;
  @Field(() => Int) submitted: number;
  @Field(() => Int) onTime: number;
  @Field(() => Int) late: number;
  @Field(() => Int) missing: number;
  @Field(() => Int) accepted: number;
  @Field(() => Float, { nullable: true }) submittedRate: number | null;
  @Field(() => Float, { nullable: true }) onTimeRate: number | null;
  @Field(() => Date) computedAt: Date;
}

@ObjectType()
export class IndicatorTrend {
  @Field(() => IndicatorValue) current: IndicatorValue;
  @Field(() => IndicatorValue, { nullable: true }) previous: IndicatorValue | null;
  @Field(() => String, { nullable: true }) previousPeriodCode: string | null;
  @Field(() => Float, { nullable: true, description: 'Chênh lệch so với kỳ trước' }) change: number | null;
}

@ObjectType()
export class CountByKey {
  @Field() key: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Tổng quan toàn tỉnh cho một kỳ' })
export class ProvinceOverview {
  @Field() periodCode: string;
  @Field(() => Int) centreCount: number;
  @Field(() => [CountByKey]) centresByType: CountByKey[];
  @Field(() => [CountByKey]) centresByStatus: CountByKey[];
  @Field(() => [CountByKey]) centresByLicenceStatus: CountByKey[];
  @Field(() => [CountByKey], { description: 'Báo cáo của kỳ theo trạng thái' }) submissionsByStatus: CountByKey[];
  @Field(() => [IndicatorTrend]) indicators: IndicatorTrend[];
  @Field(() => Date) computedAt: Date;
}
