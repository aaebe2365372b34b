import { Injectable } from '@nestjs/common';
import { Args, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Job } from 'bullmq';
import { TenantDb } from '../database/tenant-db.service';
import type { TenantContext } from '../database/tenant-context';
import { audit } from '../database/audit';
import { AppError, Errors } from '../errors/app-error';
import { Ctx, RequirePermission } from '../auth/decorators';
import { JobQueues } from './job-queues.service';
import { queueOf } from './jobs';
import { JobState } from './job-state';

/**
 * The province admin's view of background work ("Công việc nền", issue 13): the jobs of their own province
 * only, with state, progress, attempts and the failure in Vietnamese, and a retry of a failed one. Bull Board,
 * which sees every province and has the global controls (pause, clean, obliterate), stays SYSTEM_ADMIN's.
 *
 * Which jobs belong to the province is read from `outbox_job` under row-level security (the relay records
 * every job it enqueues there with the province of its outbox row, the province its payload carries); each
 * job's live state comes from the queue backend by its id, and a job whose payload names another province
 * is never shown. Scheduled jobs over every province (the nightly rebuild) have no province: Bull Board only.
 */

@InputType({ description: 'Lọc danh sách công việc nền của tỉnh' })
export class BackgroundJobFilter {
  @Field(() => JobState, { nullable: true, description: 'Chỉ các công việc ở trạng thái này' })
  @IsOptional() @IsEnum(JobState) state?: JobState | null;

  @Field(() => Int, { nullable: true, description: 'Số công việc gần nhất được xét (mặc định 50, tối đa 200)' })
  @IsOptional() @IsInt() @Min(1) @Max(200) first?: number | null;
}

@ObjectType({ description: 'Một công việc nền của tỉnh (cập nhật số liệu, đánh giá tuân thủ, gửi thư…)' })
export class BackgroundJob {
  @Field(() => ID) jobId: string;
  @Field({ description: 'Tên kỹ thuật, ví dụ submission.accepted>analytics' }) name: string;
  @Field(() => JobState) state: JobState;
  @Field(() => Float, { nullable: true, description: 'Phần trăm hoàn thành (0–100)' }) progress: number | null;
  @Field(() => Int) attemptsMade: number;
  @Field(() => Int) maxAttempts: number;
  @Field(() => String, { nullable: true, description: 'Lý do thất bại, bằng tiếng Việt' }) failedReasonVi: string | null;
  @Field(() => String, { nullable: true, description: 'Lý do thất bại gốc (tiếng Anh, cho cán bộ kỹ thuật)' }) failedReasonEn: string | null;
  @Field(() => ID, { nullable: true }) centreId: string | null;
  @Field(() => Date) queuedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field({ description: 'Có thể chạy lại (công việc thất bại)' }) canRetry: boolean;
}

interface JobRow {
  job_id: string;
  name: string;
  province_id: string;
  centre_id: string | null;
  queued_at: Date;
  done_at: Date | null;
}

/** Failure messages as a Sở admin can act on them; the original stays available in English. */
export function failureReasonVi(reason: string | null | undefined): string | null {
  if (!reason) return null;
  const r = reason.toLowerCase();
  if (r.includes('unknown job name')) return 'Ứng dụng không có bộ xử lý cho công việc này (phiên bản cũ hoặc đã ngừng). Hãy báo quản trị hệ thống.';
  if (r.includes('stalled')) return 'Tiến trình xử lý bị dừng giữa chừng quá số lần cho phép (máy chủ khởi động lại hoặc hết bộ nhớ). Có thể chạy lại.';
  if (r.includes('not numbers under numeric keys')) return 'Báo cáo đã duyệt có giá trị không phải số ở ô số, nên chưa đưa được vào số liệu tổng hợp. Hãy mở lại báo cáo và sửa ô đó.';
  if (r.includes('timeout') || r.includes('timed out') || r.includes('did not answer')) return 'Hết thời gian chờ (cơ sở dữ liệu hoặc hàng đợi phản hồi chậm). Có thể chạy lại.';
  if (r.includes('econnrefused') || r.includes('connection') || r.includes('terminat')) return 'Mất kết nối tới cơ sở dữ liệu hoặc hàng đợi trong khi xử lý. Có thể chạy lại.';
  if (r.includes('deadlock')) return 'Xung đột khi ghi dữ liệu đồng thời. Có thể chạy lại.';
  return 'Công việc gặp lỗi khi xử lý. Có thể chạy lại; nếu lỗi lặp lại, hãy báo quản trị hệ thống kèm mã công việc.';
}

function stateOf(raw: string): JobState {
  const state = raw.toUpperCase().replace(/-/g, '_');
  return (Object.values(JobState) as string[]).includes(state) ? (state as JobState) : JobState.UNKNOWN;
}

@Injectable()
export class BackgroundJobsService {
  constructor(
    private readonly db: TenantDb,
    private readonly queues: JobQueues,
  ) {}

  async list(ctx: TenantContext, filter: BackgroundJobFilter | null | undefined): Promise<BackgroundJob[]> {
    const provinceId = this.provinceOf(ctx);
    // Checked here as well as by the input's decorators: a limit PostgreSQL refuses (a negative LIMIT) must be the
    // user's error, never INTERNAL (found by the schema fuzz: first = -2147483648).
    const first = filter?.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 200) {
      throw Errors.validation([{ field: 'filter.first', messageVi: 'Số công việc cần xem phải từ 1 đến 200', messageEn: 'first must be between 1 and 200' }]);
    }
    const rows = await this.db.run(ctx, (em) =>
      em.query(
        `SELECT job_id, name, province_id, centre_id, queued_at, done_at FROM outbox_job
          WHERE province_id = $1 ORDER BY queued_at DESC, job_id LIMIT $2`,
        [provinceId, first],
      ),
    ) as JobRow[];
    const jobs = await Promise.all(rows.map((row) => this.describe(row, provinceId)));
    return jobs.filter((j): j is BackgroundJob => j !== null && (!filter?.state || j.state === filter.state));
  }

  /** Retries a failed job of the caller's province; anything else is NOT_FOUND (no existence leak) or CONFLICT. */
  async retry(ctx: TenantContext, jobId: string): Promise<BackgroundJob> {
    const provinceId = this.provinceOf(ctx);
    const notFound = () => Errors.notFound({ vi: 'công việc nền', en: 'Background job' }, jobId);
    if (jobId.length > 600) throw notFound();
    return this.db.run(ctx, async (em) => {
      const [row] = (await em.query(
        `SELECT job_id, name, province_id, centre_id, queued_at, done_at FROM outbox_job WHERE job_id = $1 AND province_id = $2`,
        [jobId, provinceId],
      )) as JobRow[];
      if (!row) throw notFound();
      const job = await this.jobOf(row);
      if (!job || !this.belongs(job, provinceId)) throw notFound();
      const state = await job.getState();
      if (state !== 'failed') {
        throw Errors.conflict(
          'Chỉ chạy lại được công việc đã thất bại; công việc này đang ở trạng thái khác.',
          `Only a failed job can be retried (this one is ${state}).`,
          { state: stateOf(state) },
        );
      }
      // Audited first, in the transaction of the check: if the retry fails the record rolls back with it.
      await audit(em, ctx, { provinceId, centreId: row.centre_id, action: 'job.retried', entity: 'background_job', entityId: jobId, data: { name: row.name, attemptsMade: job.attemptsMade } });
      await job.retry('failed');
      const described = await this.describe(row, provinceId);
      return described ?? Promise.reject(notFound());
    });
  }

  private provinceOf(ctx: TenantContext): string {
    // Background work is a province's: the page needs one (a token without a province sees nothing).
    if (!ctx.provinceId) throw Errors.forbidden('The background-work page needs a province account', 'Trang công việc nền chỉ dành cho tài khoản của một tỉnh');
    return ctx.provinceId;
  }

  private async jobOf(row: JobRow): Promise<Job | undefined> {
    try {
      return await this.queues.queue(queueOf(row.name)).getJob(row.job_id);
    } catch {
      throw new AppError('INTERNAL', 'Hàng đợi công việc tạm thời không truy cập được, vui lòng thử lại sau', 'The job queue is temporarily unavailable');
    }
  }

  /** The payload's province must be the row's and the caller's: the second check, in the queue itself. */
  private belongs(job: Job, provinceId: string): boolean {
    return (job.data as { provinceId?: unknown } | undefined)?.provinceId === provinceId;
  }

  private async describe(row: JobRow, provinceId: string): Promise<BackgroundJob | null> {
    const job = await this.jobOf(row);
    if (job && !this.belongs(job, provinceId)) return null;
    if (!job) {
      // Gone from the backend: completed and expired (done_at), or lost, which the relay's reconciler re-enqueues.
      return {
        jobId: row.job_id, name: row.name, centreId: row.centre_id, queuedAt: row.queued_at,
        state: row.done_at ? JobState.COMPLETED : JobState.UNKNOWN,
        progress: row.done_at ? 100 : null, attemptsMade: 0, maxAttempts: 0,
        failedReasonVi: row.done_at ? null : 'Không còn trong hàng đợi; hệ thống sẽ tự đưa lại trong ít phút.',
        failedReasonEn: row.done_at ? null : 'missing from the queue backend; the reconciler re-enqueues it',
        finishedAt: row.done_at, canRetry: false,
      };
    }
    const state = stateOf(await job.getState());
    return {
      jobId: row.job_id,
      name: row.name,
      centreId: row.centre_id,
      queuedAt: row.queued_at,
      state,
      progress: typeof job.progress === 'number' ? job.progress : null,
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      failedReasonVi: state === JobState.FAILED || job.failedReason ? failureReasonVi(job.failedReason) : null,
      failedReasonEn: job.failedReason || null,
      finishedAt: job.finishedOn ? new Date(job.finishedOn) : row.done_at,
      canRetry: state === JobState.FAILED,
    };
  }
}

@Resolver()
export class BackgroundJobsResolver {
  constructor(private readonly jobs: BackgroundJobsService) {}

  @Query(() => [BackgroundJob], { description: 'Công việc nền của tỉnh mình (mới nhất trước)' })
  @RequirePermission('BACKGROUND_JOBS')
  backgroundJobs(@Ctx() ctx: TenantContext, @Args('filter', { type: () => BackgroundJobFilter, nullable: true }) filter?: BackgroundJobFilter | null): Promise<BackgroundJob[]> {
    return this.jobs.list(ctx, filter);
  }

  @Mutation(() => BackgroundJob, { description: 'Chạy lại một công việc nền đã thất bại của tỉnh mình (được ghi nhật ký)' })
  @RequirePermission('BACKGROUND_JOBS')
  retryBackgroundJob(@Ctx() ctx: TenantContext, @Args('jobId', { type: () => ID }) jobId: string): Promise<BackgroundJob> {
    return this.jobs.retry(ctx, jobId);
  }
}
