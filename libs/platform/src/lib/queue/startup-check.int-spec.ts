// The start-up check of the jobs runtime (issue 11, build item 7): an application that emits a topic no loaded
// module subscribes to, or that has two handlers for one job, refuses to start with a clear error.
import type { Job } from 'bullmq';
import { Module } from '@nestjs/common';
import { declareEvents, EventSubscriber, JobHandler } from './job-handler';
import type { EventData, JobData } from './jobs';
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

// The decorators are typed against the payload (checked by `tsc -p libs/platform`, never provided to a module):
// a handler of another job's or event's data does not compile.
// @ts-expect-error: a subscriber of 'test.orphan-emitted' is no handler of 'system.ping'
@JobHandler('system.ping')
export class WrongPayloadHandler {
  async handle(job: Job<EventData<'test.orphan-emitted'>>): Promise<string> {
    return job.data.thingId;
  }
}
// @ts-expect-error: a handler of the ping job is no subscriber of 'test.orphan-emitted'
@EventSubscriber('test.orphan-emitted', 'tests')
export class WrongPayloadSubscriber {
  async handle(job: Job<JobData<'system.ping'>>): Promise<string> {
    return job.data.pingId;
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
