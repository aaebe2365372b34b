import type { Job } from 'bullmq';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, JobData, JobHandler, JobProcessor, RequirePermission, TenantContext } from '@gdtx/platform';
import { ReportSubscriptionService, type ScheduledRunOutcome } from './report-subscriptions.service';
import { ReportFrequencyEnum, ReportSubscriptionDto, type ReportFrequency } from './report-subscriptions.types';
import './report-subscriptions.jobs';

/** Cron (with seconds, Vietnam time) of the scheduled reports: daily 07:30; the first run of each week or month sends. */
export const SCHEDULED_REPORTS_CRON = process.env['SCHEDULED_REPORTS_CRON'] || '0 30 7 * * *';

/** `documents.send-scheduled-reports` (daily): idempotent through the delivery records. */
@JobHandler('documents.send-scheduled-reports', { cron: SCHEDULED_REPORTS_CRON })
export class ScheduledReportsJob implements JobProcessor<'documents.send-scheduled-reports'> {
  constructor(private readonly subscriptions: ReportSubscriptionService) {}

  async handle(job: Job<JobData<'documents.send-scheduled-reports'>>): Promise<ScheduledRunOutcome> {
    return this.subscriptions.sendDue(job.data.today);
  }
}

@Resolver()
export class ReportSubscriptionsResolver {
  constructor(private readonly subscriptions: ReportSubscriptionService) {}

  @Query(() => [ReportSubscriptionDto], { description: 'Thư báo cáo tổng hợp định kỳ của tôi (người dùng của Sở)' })
  @RequirePermission('ANALYTICS_READ')
  myReportSubscriptions(@Ctx() ctx: TenantContext): Promise<ReportSubscriptionDto[]> {
    return this.subscriptions.mySubscriptions(ctx);
  }

  @Mutation(() => [ReportSubscriptionDto], {
    description: 'Đăng ký (active: true) hoặc ngừng (false) nhận thư báo cáo tổng hợp của tỉnh hằng tuần hoặc hằng tháng, kèm văn bản PDF',
  })
  @RequirePermission('ANALYTICS_READ')
  setReportSubscription(
    @Ctx() ctx: TenantContext,
    @Args('frequency', { type: () => ReportFrequencyEnum }) frequency: ReportFrequency,
    @Args('active') active: boolean,
  ): Promise<ReportSubscriptionDto[]> {
    return this.subscriptions.subscribe(ctx, frequency, active);
  }
}
