import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { QUEUE_CONFIG } from './queue.tokens';
import type { QueueConfig } from './queue-config';
import { MetricsService } from '../metrics/metrics.service';
import { allQueueNames, EventData, JobData, jobIdFor, JobName, QueueName, QueueNames, queueOf, SubscriberJobName } from './jobs';

/** A job with its data, or an event subscriber's job (`<topic>><subscriber>`) with the event's. */
export type JobToAdd = ({ [N in JobName]: { name: N; data: JobData<N> } }[JobName] | { name: SubscriberJobName; data: EventData }) & {
  /** The business key the deterministic job id is built from. */
  businessKey: string;
  opts?: JobsOptions;
};

/**
 * The producer side: one BullMQ Queue per queue name (created by @nestjs/bullmq with the central options).
 * Queue connection errors are logged here, rate-limited: an EventEmitter 'error' without a listener would
 * crash the process, and a reconnect loop against a stopped Redis must not flood the log.
 */
@Injectable()
export class JobQueues {
  private readonly logger = new Logger('JobQueues');
  private readonly queues: Record<QueueName, Queue>;
  private lastErrorLogAt = 0;

  constructor(
    @Inject(QUEUE_CONFIG) readonly config: QueueConfig,
    @InjectQueue(QueueNames.system) system: Queue,
    @InjectQueue(QueueNames.analytics) analytics: Queue,
    @Optional() metrics?: MetricsService,
  ) {
    this.queues = { system, analytics };
    for (const q of Object.values(this.queues)) q.on('error', (err) => this.logConnectionError(q.name, err));
    // Queue depth for /metrics (gdtx_queue_jobs), read from the backend at each scrape.
    metrics?.setQueueDepthSource(() =>
      Promise.all(this.all().map(async (q) => ({ queue: q.name, counts: await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed') }))),
    );
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  all(): Queue[] {
    return allQueueNames.map((n) => this.queues[n]);
  }

  /** Adds jobs to their queues (one round trip per queue); a job id that already exists is not added again. */
  async addAll(jobs: JobToAdd[]): Promise<void> {
    const byQueue = new Map<QueueName, JobToAdd[]>();
    for (const j of jobs) {
      const q = queueOf(j.name);
      byQueue.set(q, [...(byQueue.get(q) ?? []), j]);
    }
    for (const [queueName, group] of byQueue) {
      await this.queues[queueName].addBulk(
        group.map((j) => ({ name: j.name, data: j.data, opts: { ...j.opts, jobId: jobIdFor(j.name, j.businessKey) } })),
      );
    }
  }

  /** Finds a job by id in whichever queue holds it. */
  async findJob(jobId: string): Promise<Job | undefined> {
    for (const q of this.all()) {
      const job = await q.getJob(jobId);
      if (job) return job;
    }
    return undefined;
  }

  private logConnectionError(queue: string, err: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLogAt < 60_000) return;
    this.lastErrorLogAt = now;
    this.logger.warn(`queue ${queue}: ${err.message} (further connection errors muted for 60 s)`);
  }
}
