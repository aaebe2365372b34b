import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Args, Field, Float, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { TenantDb } from '../database/tenant-db.service';
import type { TenantContext } from '../database/tenant-context';
import { audit } from '../database/audit';
import { AppError, Errors } from '../errors/app-error';
import { Ctx, RequirePermission } from '../auth/decorators';
import { QUEUE_CONFIG } from './queue.tokens';
import type { QueueConfig } from './queue-config';
import { JobQueues } from './job-queues.service';
import { enqueueOutbox } from './outbox';
import { jobIdFor, SystemJobs } from './jobs';
import { QUEUE_DASHBOARD_PATH, signDashboardToken } from './queue-dashboard';
import { BackgroundJobsResolver, BackgroundJobsService } from './background-jobs';
import { JobState } from './job-state';

export { JobState };

@ObjectType({ description: 'Tiến độ của một công việc nền do chính người dùng khởi tạo' })
export class JobStatus {
  @Field(() => ID) jobId: string;
  @Field() name: string;
  @Field(() => JobState) state: JobState;
  @Field(() => Float, { nullable: true, description: 'Phần trăm hoàn thành (0–100) nếu công việc báo tiến độ' }) progress: number | null;
  @Field(() => String, { nullable: true }) failedReason: string | null;
  @Field(() => Int) attemptsMade: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}

@ObjectType()
export class JobTicket {
  @Field(() => ID, { description: 'Dùng với jobStatus(jobId)' }) jobId: string;
}

@ObjectType({ description: 'Đường dẫn mở bảng điều khiển hàng đợi (hiệu lực ngắn)' })
export class QueueDashboardTicket {
  @Field({ description: 'Mở trong trình duyệt: /admin/queues?token=…' }) url: string;
  @Field(() => Date) expiresAt: Date;
}

@Injectable()
export class JobsService {
  constructor(
    private readonly db: TenantDb,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
    @Inject(QUEUE_CONFIG) private readonly queueConfig: QueueConfig,
  ) {}

  /** Enqueues the probe job through the outbox, exactly as a business change would. */
  async requestPing(ctx: TenantContext): Promise<JobTicket> {
    const pingId = randomUUID();
    const dedupeKey = `system.ping:${pingId}`;
    await this.db.run(ctx, async (em) => {
      await enqueueOutbox(em, ctx, { topic: SystemJobs.ping, payload: { pingId }, dedupeKey });
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'job.requested', entity: 'job', entityId: pingId, data: { name: SystemJobs.ping } });
    });
    return { jobId: jobIdFor(SystemJobs.ping, dedupeKey) };
  }

  /** A job is visible only to the user who caused it; anyone else gets NOT_FOUND (no existence leak). */
  async jobStatus(ctx: TenantContext, jobId: string): Promise<JobStatus> {
    const notFound = () => Errors.notFound({ vi: 'công việc nền', en: 'Job' }, jobId);
    if (!ctx.userId || jobId.length > 500) throw notFound();
    const job = await this.queues.findJob(jobId).catch(() => {
      throw new AppError('INTERNAL', 'Hàng đợi công việc tạm thời không truy cập được, vui lòng thử lại sau', 'The job queue is temporarily unavailable');
    });
    const data = (job?.data ?? {}) as { requestedBy?: string | null; provinceId?: string | null };
    if (!job || data.requestedBy !== ctx.userId || (ctx.provinceId && data.provinceId !== ctx.provinceId)) throw notFound();
    const state = String(await job.getState()).toUpperCase().replace(/-/g, '_');
    return {
      jobId: job.id!,
      name: job.name,
      state: (Object.values(JobState) as string[]).includes(state) ? (state as JobState) : JobState.UNKNOWN,
      progress: typeof job.progress === 'number' ? job.progress : null,
      failedReason: job.failedReason || null,
      attemptsMade: job.attemptsMade,
      createdAt: new Date(job.timestamp),
      finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    };
  }

  dashboardTicket(ctx: TenantContext): QueueDashboardTicket {
    if (!ctx.userId || !ctx.role) throw Errors.unauthenticated();
    const ttl = this.queueConfig.dashboardTtlSeconds;
    const token = signDashboardToken(this.appConfig.JWT_SECRET, { sub: ctx.userId, prov: ctx.provinceId, role: ctx.role }, ttl);
    return { url: `${QUEUE_DASHBOARD_PATH}?token=${encodeURIComponent(token)}`, expiresAt: new Date(Date.now() + ttl * 1000) };
  }
}

@Resolver()
export class JobsResolver {
  constructor(private readonly jobs: JobsService) {}

  // No specific permission: any signed-in user may follow the jobs they started (the service checks that).
  @Query(() => JobStatus, { description: 'Trạng thái và tiến độ một công việc nền do bạn khởi tạo' })
  @RequirePermission()
  jobStatus(@Ctx() ctx: TenantContext, @Args('jobId', { type: () => ID }) jobId: string): Promise<JobStatus> {
    return this.jobs.jobStatus(ctx, jobId);
  }

  @Mutation(() => JobTicket, { description: 'Gửi một công việc kiểm tra (system.ping) qua outbox để kiểm tra đường ống công việc nền' })
  @RequirePermission('QUEUE_ADMIN')
  requestSystemPing(@Ctx() ctx: TenantContext): Promise<JobTicket> {
    return this.jobs.requestPing(ctx);
  }

  @Mutation(() => QueueDashboardTicket, { description: 'Cấp đường dẫn ngắn hạn để mở bảng điều khiển hàng đợi /admin/queues' })
  @RequirePermission('QUEUE_ADMIN')
  queueDashboardToken(@Ctx() ctx: TenantContext): QueueDashboardTicket {
    return this.jobs.dashboardTicket(ctx);
  }
}

/** GraphQL surface of the jobs infrastructure (needs QueueModule): jobStatus, the ping, Bull Board's ticket, a province's background work. */
@Module({ providers: [JobsService, JobsResolver, BackgroundJobsService, BackgroundJobsResolver], exports: [JobsService] })
export class QueueApiModule {}
