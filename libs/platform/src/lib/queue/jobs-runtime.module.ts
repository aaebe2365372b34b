import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QUEUE_CONFIG } from './queue.tokens';
import type { QueueConfig } from './queue-config';
import { OutboxRelay } from './outbox-relay.service';
import { JobWorkers } from './job-workers.service';
import { PingJobHandler } from './system-jobs.handlers';
import { EMITTED_EVENTS, JobRegistry } from './job-registry.service';
import type { EventDeclaration } from './job-handler';

const RUN_WORKERS = Symbol('RUN_WORKERS');

/** Starts the relay, the workers and the schedulers after boot, and stops them before the database closes. */
@Injectable()
export class JobsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobsRuntime');
  private started = false;
  private schedulerRetry: NodeJS.Timeout | null = null;

  constructor(
    @Inject(RUN_WORKERS) private readonly runWorkers: boolean | 'auto',
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
    private readonly relay: OutboxRelay,
    private readonly workers: JobWorkers,
  ) {}

  get enabled(): boolean {
    return this.runWorkers === 'auto' ? this.config.runWorkersInProcess : this.runWorkers;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.started = true;
    this.relay.start();
    this.workers.start();
    // Nothing here waits for the queue backend: with it away at boot the process still starts, the relay
    // keeps the outbox rows, and workers and the scheduler catch up when it answers.
    void this.registerSchedulers(0);
    this.logger.log(`jobs running in this process (${this.config.backend} backend)`);
  }

  /** Retried with backoff in the background, so an unreachable queue backend never blocks the boot. */
  private async registerSchedulers(attempt: number): Promise<void> {
    if (!this.started) return;
    try {
      await this.workers.registerSchedulers();
    } catch (e) {
      if (attempt === 0) this.logger.warn(`job schedulers not registered yet, retrying: ${e instanceof Error ? e.message : e}`);
      this.schedulerRetry = setTimeout(() => void this.registerSchedulers(attempt + 1), Math.min(1000 * 2 ** attempt, 60_000));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.schedulerRetry) clearTimeout(this.schedulerRetry);
    if (!this.started) return;
    this.started = false;
    await this.relay.stop();
    await this.workers.stop();
  }
}

/**
 * The worker side: outbox relay, queue workers, schedulers and the platform's own job handler. The worker
 * app imports it with `runWorkers: true`; the API imports it with 'auto' (RUN_WORKERS_IN_PROCESS, default
 * true when REDIS_URL is unset, i.e. the embedded `npm start`). Requires QueueModule and DatabaseModule.
 *
 * `events` lists what the contexts emit (each context's declareEvents): at boot, whether workers run here or
 * not, the JobRegistry refuses to start the application when one of them has no subscriber.
 */
@Module({})
export class JobsRuntimeModule {
  static forRoot(opts: { runWorkers: boolean | 'auto'; events?: readonly EventDeclaration[] }): DynamicModule {
    return {
      module: JobsRuntimeModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: RUN_WORKERS, useValue: opts.runWorkers },
        { provide: EMITTED_EVENTS, useValue: opts.events ?? [] },
        JobRegistry,
        OutboxRelay,
        JobWorkers,
        JobsRuntime,
        PingJobHandler,
      ],
      exports: [OutboxRelay, JobWorkers, JobsRuntime, JobRegistry],
    };
  }
}
