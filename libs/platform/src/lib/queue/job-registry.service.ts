import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_HANDLER, EventDeclaration, JobHandlerMetadata } from './job-handler';
import type { JobMeta } from './jobs';
import type { JobToAdd } from './job-queues.service';

export const EMITTED_EVENTS = Symbol('EMITTED_EVENTS');

interface Processor {
  handle(job: unknown): Promise<unknown>;
}

interface Registered {
  metadata: JobHandlerMetadata;
  processor: Processor;
  className: string;
}

/** One scheduled job: registered by the jobs runtime where workers run. */
export interface JobSchedule {
  name: string;
  cron: string;
}

/**
 * What this application can run: the @JobHandler and @EventSubscriber providers of every loaded module, found
 * at boot. It is also the start-up check: the application refuses to start when an event declared as emitted
 * (declareEvents, passed to JobsRuntimeModule.forRoot) has no subscriber here or when a job has two handlers.
 * An outbox row is then never relayed into a job nobody
 * runs, and a publish never leaves a failed job behind.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly byJobName = new Map<string, Registered>();
  private readonly subscribersByTopic = new Map<string, string[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(EMITTED_EVENTS) private readonly emitted: readonly EventDeclaration[],
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const found = new Map<string, Registered[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const target = wrapper.metatype;
      if (!target || typeof target !== 'function' || !wrapper.instance) continue;
      const metadata = this.reflector.get<JobHandlerMetadata | undefined>(JOB_HANDLER, target);
      if (!metadata) continue;
      const list = found.get(metadata.jobName) ?? [];
      // The same provider exported through several modules is one instance: count it once.
      if (!list.some((r) => r.processor === wrapper.instance)) list.push({ metadata, processor: wrapper.instance as Processor, className: target.name });
      found.set(metadata.jobName, list);
    }
    for (const [jobName, list] of found) {
      if (list.length > 1) {
        problems.push(`job '${jobName}' has ${list.length} handlers (${list.map((r) => r.className).join(', ')}): a job has one handler, and each subscriber of an event its own job`);
        continue;
      }
      const [registered] = list;
      this.byJobName.set(jobName, registered);
      if (registered.metadata.kind === 'event') {
        const { topic } = registered.metadata;
        this.subscribersByTopic.set(topic, [...(this.subscribersByTopic.get(topic) ?? []), jobName]);
      }
    }
    for (const declaration of this.emitted) {
      for (const topic of declaration.topics) {
        if (!this.subscribersByTopic.has(topic)) {
          problems.push(
            `event '${topic}' (emitted by ${declaration.owner}) has no subscriber in this application: ` +
              `add an @EventSubscriber('${topic}', '<context>') to a module the application loads, or stop emitting it`,
          );
        }
      }
    }
    if (problems.length) throw new Error(`Jobs start-up check failed:\n - ${problems.join('\n - ')}`);
  }

  /** The processor of a job (a job name, or an event subscriber's `<topic>><subscriber>`). */
  processorOf(jobName: string): Processor | undefined {
    return this.byJobName.get(jobName)?.processor;
  }

  /** Outbox topics this application can turn into jobs: jobs it handles and events it has subscribers for. */
  relayableTopics(): string[] {
    return [...[...this.byJobName.values()].filter((r) => r.metadata.kind === 'job').map((r) => r.metadata.jobName), ...this.subscribersByTopic.keys()];
  }

  /** The jobs of one outbox row: the job itself, or one job per subscriber of the event. */
  jobsFor(topic: string, data: JobMeta & Record<string, unknown>, businessKey: string): JobToAdd[] {
    const own = this.byJobName.get(topic);
    // The row's topic was checked against this registry (relayableTopics), its payload typed where it was written.
    if (own?.metadata.kind === 'job') return [{ name: topic, data, businessKey } as unknown as JobToAdd];
    return (this.subscribersByTopic.get(topic) ?? []).map((name) => ({ name, data: { ...data, topic }, businessKey }) as unknown as JobToAdd);
  }

  schedules(): JobSchedule[] {
    const out: JobSchedule[] = [];
    for (const { metadata } of this.byJobName.values()) if (metadata.kind === 'job' && metadata.cron) out.push({ name: metadata.jobName, cron: metadata.cron });
    return out;
  }

  /** Subscriber jobs by topic, for the documentation and the dashboard. */
  subscribers(topic: string): string[] {
    return this.subscribersByTopic.get(topic) ?? [];
  }
}
