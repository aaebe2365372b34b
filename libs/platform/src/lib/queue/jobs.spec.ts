import { defaultJobOptions, jobIdFor, queueOf, subscriberJobName } from './jobs';
import { loadQueueConfig } from './queue-config';

describe('job registry', () => {
  it('routes a job to its owner\'s queue: the subscriber of an event job, else the context prefix; system when the owner has none', () => {
    expect(queueOf('system.ping')).toBe('system');
    expect(queueOf('analytics.rebuild-facts')).toBe('analytics');
    expect(queueOf('compliance.evaluate-all')).toBe('system');
    expect(queueOf('submission.accepted>analytics')).toBe('analytics');
    expect(queueOf('submission.accepted>compliance')).toBe('system');
    expect(queueOf('toString.x')).toBe('system');
    expect(subscriberJobName('test.redis-event' as never, 'notify')).toBe('test.redis-event>notify');
  });

  it('builds deterministic job ids BullMQ accepts (no ":", never numeric)', () => {
    const id = jobIdFor('submission.accepted', 'submission:5f0c:accepted:3');
    expect(id).toBe(jobIdFor('submission.accepted', 'submission:5f0c:accepted:3'));
    expect(id).not.toContain(':');
    expect(jobIdFor('system.ping', '42')).toBe('system.ping~42');
    expect(() => jobIdFor('system.ping', '')).toThrow();
  });

  it('sets retries with exponential backoff and bounded retention centrally', () => {
    expect(defaultJobOptions({ attempts: 5, backoffMs: 5000 })).toMatchObject({
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { count: 5000 },
      removeOnFail: { count: 10000 },
    });
  });
});

describe('queue configuration', () => {
  const db = 'postgres://postgres@127.0.0.1:5432/gdtx';

  it('uses Redis when REDIS_URL is set, with workers in a separate process by default', () => {
    const c = loadQueueConfig({ REDIS_URL: 'redis://:s3cret@10.0.0.5:6380/2', DATABASE_URL: db });
    expect(c.backend).toBe('redis');
    expect(c.connection).toMatchObject({ host: '10.0.0.5', port: 6380, password: 's3cret', db: 2, enableOfflineQueue: false });
    expect(c.runWorkersInProcess).toBe(false);
    expect(c.prefix).toBe('gdtx-gdtx');
  });

  it('falls back to the PostgreSQL backend, as the queue role (never the owner), with workers in-process', () => {
    const c = loadQueueConfig({ DATABASE_URL: db, REDIS_URL: '', JOBS_DB_PASSWORD: 'jobs-pw' });
    expect(c.backend).toBe('postgres');
    // The schema is migrated by `npm run migrate`, so the connection needs no right to create it.
    expect(c.connection).toMatchObject({ connectionString: 'postgres://gdtx_queue:jobs-pw@127.0.0.1:5432/gdtx', migrate: false });
    expect(loadQueueConfig({ DATABASE_URL: db, QUEUE_DB_ROLE: 'q', QUEUE_DB_PASSWORD: 'q-pw' }).connection).toMatchObject({ connectionString: 'postgres://q:q-pw@127.0.0.1:5432/gdtx' });
    expect(loadQueueConfig({ QUEUE_DATABASE_URL: 'postgres://mine:pw@db:5432/x' }).connection).toMatchObject({ connectionString: 'postgres://mine:pw@db:5432/x' });
    // Production without a password of its own: refused, naming the variable, rather than borrowing another role's.
    expect(() => loadQueueConfig({ DATABASE_URL: db, NODE_ENV: 'production', JOBS_DB_PASSWORD: 'jobs-pw' })).toThrow(/QUEUE_DB_PASSWORD/);
    expect(c.runWorkersInProcess).toBe(true);
    expect(loadQueueConfig({ DATABASE_URL: db, RUN_WORKERS_IN_PROCESS: 'false' }).runWorkersInProcess).toBe(false);
  });

  it('rejects a configuration with neither Redis nor a database, and bad values', () => {
    expect(() => loadQueueConfig({})).toThrow(/REDIS_URL or DATABASE_URL/);
    expect(() => loadQueueConfig({ DATABASE_URL: db, JOB_ATTEMPTS: '0' })).toThrow();
  });
});
