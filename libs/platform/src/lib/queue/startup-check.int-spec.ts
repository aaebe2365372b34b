// The start-up check of the jobs runtime (issue 11, build item 7): an application that emits a topic no loaded
// module subscribes to, or that has two handlers for one job, refuses to start with a clear error.
import type { Job } from 'bullmq';
import { Module } from '@nestjs/common';
import { declareEvents, EventSubscriber } from './job-handler';
import type { EventData } from './jobs';
import { bootJobs, createTestDatabase, queueTestEnv, REAL_REDIS, TestDatabase } from './queue-test-kit';

declare module './jobs' {
  interface EventPayloads {
    'test.orphan-emitted': { thingId: string };
  }
}

const testEvents = declareEvents('tests', { 'test.orphan-emitted': true });

@EventSubscriber('test.orphan-emitted', 'tests')
class OrphanSubscriber {
  async handle(job: Job<EventData<'test.orphan-emitted'>>): Promise<string> {
    return job.data.thingId;
  }
}

@EventSubscriber('test.orphan-emitted', 'tests')
class SameSubscriberAgain {
  async handle(job: Job<EventData<'test.orphan-emitted'>>): Promise<string> {
    return job.data.thingId;
  }
}

@Module({ providers: [OrphanSubscriber] })
class SubscriberModule {}

@Module({ providers: [OrphanSubscriber, SameSubscriberAgain] })
class DuplicateSubscriberModule {}

describe('jobs runtime start-up check', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    queueTestEnv(db, REAL_REDIS);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('refuses to start when an emitted topic has no subscriber, naming the topic and its owner', async () => {
    await expect(bootJobs({ runWorkers: false, events: [testEvents] })).rejects.toThrow(
      /event 'test\.orphan-emitted' \(emitted by tests\) has no subscriber/,
    );
  });

  it('refuses two handlers for one job (each subscriber has its own job)', async () => {
    await expect(bootJobs({ runWorkers: false, events: [testEvents], extraModules: [DuplicateSubscriberModule] })).rejects.toThrow(
      /job 'test\.orphan-emitted>tests' has 2 handlers/,
    );
  });

  it('starts when every emitted topic has a subscriber', async () => {
    const jobs = await bootJobs({ runWorkers: false, events: [testEvents], extraModules: [SubscriberModule] });
    await jobs.close();
  });
});
