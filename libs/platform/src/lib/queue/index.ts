// Jobs infrastructure: the typed registry (each context merges its jobs and events into it), BullMQ module (Redis or PostgreSQL backend), transactional outbox,
// relay, workers, schedulers, dashboard and the jobStatus API.
export * from './jobs';
export * from './queue-config';
export * from './queue.tokens';
export * from './queue.module';
export * from './job-queues.service';
export * from './job-handler';
export * from './job-registry.service';
export * from './outbox';
export * from './outbox-relay.service';
export * from './job-workers.service';
export * from './jobs-runtime.module';
export * from './system-jobs.handlers';
export * from './queue-api';
export * from './background-jobs';
export * from './queue-dashboard';
