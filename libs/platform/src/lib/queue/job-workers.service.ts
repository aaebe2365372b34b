import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { contextFromTraceparent, inSpan, SpanKind } from '../tracing/tracing';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { QUEUE_CONFIG } from './queue.tokens';
import type { QueueConfig } from './queue-config';
import { JobQueues } from './job-queues.service';
import { JobRegistry } from './job-registry.service';
import { allQueueNames, defaultJobOptions, JobMeta, QueueNames, queueOf } from './jobs';
import { TenantDb } from '../database/tenant-db.service';
import { systemContext } from '../database/tenant-context';
import { MetricsService } from '../metrics/metrics.service';

/**
 * The consumer side: one BullMQ Worker per queue, dispatching each job by name to its one handler (a @JobHandler
 * or @EventSubscriber provider of a loaded module, found by the JobRegistry). Workers are created here rather than with @nestjs/bullmq's @Processor
 * so that whether they run is a runtime decision (RUN_WORKERS_IN_PROCESS), they can be stopped before the
 * database closes, and handlers from any context share a queue.
 */
@Injectable()
export class JobWorkers {
  private readonly logger = new Logger('JobWorkers');
  private workers: Worker[] = [];
  private lastErrorLogAt = 0;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly registry: JobRegistry,
    private readonly queues: JobQueues,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
    private readonly db: TenantDb,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  start(): void {
    if (this.workers.length) return;
    const base = this.queues.queue(QueueNames.system).opts;
    for (const queueName of allQueueNames) {
      const worker = new Worker(queueName, (job) => (this.metrics ? this.metrics.timeJob(queueName, job.name, () => this.dispatch(job)) : this.dispatch(job)), {
        connection: workerConnection(this.config),
        prefix: (base as { prefix?: string }).prefix,
        concurrency: this.config.concurrency,
        // Recovery from a worker killed mid-job: its lock lapses after lockDuration and the next stalled
        // check of a live worker puts the job back (≤ lock + interval, 7 s by default, plus the job's own time; docs/reliability.md).
        lockDuration: this.config.lockDurationMs,
        stalledInterval: this.config.stalledIntervalMs,
        // A job may be interrupted twice (two crashes, a rolling restart) before it counts as failed.
        maxStalledCount: 2,
      });
      worker.on('error', (err) => this.logError(`worker ${queueName}: ${err.message}`));
      worker.on('failed', (job, err) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.logger.warn(`job ${job.id} (${job.name}) failed for good: ${err.message}`);
      });
      this.workers.push(worker);
    }
    // Not awaiting readiness: with the queue backend away at boot the process must still start (the API
    // keeps serving, the outbox keeps rows); workers connect when the backend answers.
  }

  /**
   * The schedulers of the jobs declared with a cron (`@JobHandler(name, { cron })`). Upsert: every worker
   * registers the same scheduler id at boot; BullMQ keeps one. A scheduler left in the queue backend for a job
   * this application no longer has (a retired job, e.g. the audit poller `compliance.evaluate-changed`) is
   * removed: its every run would fail with "unknown job name".
   */
  async registerSchedulers(): Promise<void> {
    const schedules = this.registry.schedules();
    for (const { name, cron } of schedules) {
      await this.queues.queue(queueOf(name)).upsertJobScheduler(name, { pattern: cron, tz: 'Asia/Ho_Chi_Minh' }, {
        name,
        data: { scheduled: true, provinceId: null, centreId: null, requestedBy: null },
        opts: defaultJobOptions(this.config),
      });
    }
    for (const queue of this.queues.all()) {
      for (const scheduler of await queue.getJobSchedulers()) {
        if (scheduler.key && !this.registry.processorOf(scheduler.name)) await queue.removeJobScheduler(scheduler.key);
      }
    }
  }

  /**
   * Waits (up to 30 s) for the handlers that are running, then closes the workers. On Redis with force:
   * BullMQ's graceful close hangs while Redis is unreachable, which would keep a SIGTERM'd process alive; a job
   * whose completion was cut off is picked up again as stalled, and handlers are idempotent.
   */
  async stop(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    const deadline = Date.now() + 30_000;
    while (this.running.size > 0 && Date.now() < deadline) await Promise.race([Promise.allSettled([...this.running]), sleep(500)]);
    // Redis: force (see above). PostgreSQL: graceful, because BullMQ 6.7's forced close can leave a
    // blocking wait's timer (up to an hour) behind, which keeps the process alive.
    await Promise.all(workers.map((w) => w.close(this.config.backend === 'redis')));
  }

  private async dispatch(job: Job): Promise<unknown> {
    const processor = this.registry.processorOf(job.name);
    // Failed, not silently completed: once a handler exists the job can be retried from the dashboard.
    if (!processor) throw new UnrecoverableError(`unknown job name ${job.name}: no handler in this application`);
    // A span per job, child of the request's (or job's) span that wrote its outbox row (traces across processes).
    const parent = contextFromTraceparent((job.data as Partial<JobMeta>)?.traceparent);
    const work = inSpan(`job ${job.name}`, SpanKind.CONSUMER, parent, { 'job.id': job.id ?? '', 'job.queue': job.queueName, 'job.attempt': job.attemptsMade + 1 }, () => processor.handle(job)).then(async (result) => {
      await this.recordDone(job);
      return result;
    });
    this.running.add(work);
    try {
      return await work;
    } finally {
      this.running.delete(work);
    }
  }

  /**
   * The completion record the outbox reconciler relies on: a job of an outbox row whose handler succeeded is
   * never enqueued again, even once the backend has forgotten it (removeOnComplete). Written before BullMQ
   * marks the job completed: a crash in between re-runs an idempotent handler, never loses a completion.
   * An upsert, because the job may finish before the relay's transaction that records it commits.
   */
  private async recordDone(job: Job): Promise<void> {
    const data = job.data as Partial<JobMeta>;
    if (!data.outboxId || !data.provinceId || !job.id) return;
    await this.db.run(systemContext(data.provinceId, 'job completion record'), (em) =>
      em.query(
        `INSERT INTO outbox_job (job_id, outbox_id, province_id, centre_id, name, done_at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp())
         ON CONFLICT (job_id) DO UPDATE SET done_at = coalesce(outbox_job.done_at, EXCLUDED.done_at)`,
        [job.id, data.outboxId, data.provinceId, data.centreId ?? null, job.name],
      ),
    );
  }

  private logError(message: string): void {
    const now = Date.now();
    if (now - this.lastErrorLogAt < 60_000) return;
    this.lastErrorLogAt = now;
    this.logger.warn(`${message} (further worker connection errors muted for 60 s)`);
  }
}

/** Workers keep BullMQ's own retrying behaviour (offline queue on); only producers fail fast. */
function workerConnection(config: QueueConfig): QueueConfig['connection'] {
  if (config.backend !== 'redis') return config.connection;
  const { enableOfflineQueue: _o, maxRetriesPerRequest: _m, ...rest } = config.connection as Record<string, unknown>;
  return rest as QueueConfig['connection'];
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
