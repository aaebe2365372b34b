import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export type ReportFrequency = 'WEEKLY' | 'MONTHLY';
export enum ReportFrequencyEnum {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(ReportFrequencyEnum, { name: 'ReportFrequency', description: 'Tần suất thư báo cáo: WEEKLY (hằng tuần), MONTHLY (hằng tháng)' });

export type ReportDeliveryStatus = 'SENDING' | 'SENT' | 'FAILED';

@ObjectType({ description: 'Thư báo cáo tổng hợp định kỳ mà người dùng của Sở đăng ký nhận' })
export class ReportSubscriptionDto {
  @Field(() => ID) id: string;
  @Field(() => ReportFrequencyEnum) frequency: ReportFrequency;
  @Field({ description: 'Đang nhận thư' }) active: boolean;
  @Field(() => Date) createdAt: Date;
  @Field(() => String, { nullable: true, description: 'Kỳ gửi gần nhất: tuần (2026-W49) hoặc tháng (2026-12)' }) lastDeliveryPeriod: string | null;
  @Field(() => String, { nullable: true, description: 'SENT đã gửi; SENDING đang gửi hoặc chưa rõ (không gửi lại); FAILED máy chủ thư từ chối, sẽ thử lại' })
  lastDeliveryStatus: ReportDeliveryStatus | null;
  @Field(() => Date, { nullable: true }) lastSentAt: Date | null;
}
