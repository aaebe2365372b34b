import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IndicatorValue } from './analytics.types';

@ObjectType({
  description: 'Tỷ lệ báo cáo theo lịch báo cáo: phải nộp = chưa đến hạn + đúng hạn + trễ hạn + bị trả lại + quá hạn chưa nộp; đã nộp = đúng hạn + trễ hạn; tỷ lệ tính trên số đã đến hạn (phải nộp − chưa đến hạn)',
})
export class ReportingRate {
  @Field() templateCode: string;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => String, { nullable: true }) centreType: string | null;
  @Field(() => String, { nullable: true }) periodCode: string | null;
  @Field(() => ID, { nullable: true }) centreId: string | null;
  @Field(() => ID, { nullable: true, description: 'Khu vực giám sát (nhóm AREA); trống: ngoài mọi khu vực' }) areaId?: string | null;
  @Field(() => String, { nullable: true }) areaName?: string | null;
  @Field(() => Int, { description: 'Báo cáo phải nộp (trung tâm có nghĩa vụ trong kỳ)' }) expected: number;
  @Field(() => Int, { description: 'Chưa đến hạn và chưa nộp' }) notDue: number;
  @Field(() => Int, { description: 'Đã nộp (đúng hạn + trễ hạn); không gồm báo cáo bị trả lại' }) submitted: number;
  @Field(() => Int, { description: 'Lần nộp đầu tiên không muộn hơn hạn nộp (đã tính gia hạn)' }) onTime: number;
  @Field(() => Int) late: number;
  @Field(() => Int, { description: 'Đã nộp rồi bị trả lại (hoặc mở lại), trung tâm đang sửa' }) returned: number;
  @Field(() => Int, { description: 'Quá hạn mà chưa nộp' }) missing: number;
  @Field(() => Int) accepted: number;
  @Field(() => Float, { nullable: true, description: 'Đã nộp / (phải nộp − chưa đến hạn), %; null khi chưa có báo cáo nào đến hạn' }) submittedRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Đúng hạn / (phải nộp − chưa đến hạn), %' }) onTimeRate: number | null;
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
  @Field(() => [CountByKey], { description: 'Báo cáo đã lập cho kỳ theo trạng thái quy trình (DRAFT, SUBMITTED, RETURNED, ACCEPTED); số phải nộp, đúng hạn, quá hạn… xem reportingRates' }) submissionsByStatus: CountByKey[];
  @Field(() => [ReportingRate], { description: 'Tình hình nộp báo cáo của kỳ theo lịch báo cáo, mỗi biểu mẫu một dòng (như reportingRates)' }) reportingRates: ReportingRate[];
  @Field(() => [IndicatorTrend]) indicators: IndicatorTrend[];
  @Field(() => Date) computedAt: Date;
}
