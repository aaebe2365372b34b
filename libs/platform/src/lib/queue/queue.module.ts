import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { allQueueNames, defaultJobOptions } from './jobs';
import { loadQueueConfig, QueueConfig } from './queue-config';
import { QUEUE_CONFIG } from './queue.tokens';
import { JobQueues } from './job-queues.service';

@Global()
@Module({ providers: [{ provide: QUEUE_CONFIG, useFactory: (): QueueConfig => loadQueueConfig() }], exports: [QUEUE_CONFIG] })
export class QueueConfigModule {}

/**
 * BullMQ for every context. With REDIS_URL: Redis. Without it (the embedded `npm start`): BullMQ 6's
 * PostgreSQL backend in the application database's `bullmq` schema (docs/adr/0004-queue-backend.md).
 * The backend factory is process-wide in BullMQ, so it is chosen here, once, before any queue exists.
 */
@Global()
@Module({
  imports: [
    QueueConfigModule,
    BullModule.forRootAsync({
      imports: [QueueConfigModule],
      inject: [QUEUE_CONFIG],
      useFactory: (config: QueueConfig) => {
        setDefaultBackendFactory(config.backend === 'postgres' ? createPostgresBackend : undefined);
        return {
          connection: config.connection as never,
          prefix: config.prefix,
          defaultJobOptions: defaultJobOptions(config),
        };
      },
    }),
    BullModule.registerQueue(...allQueueNames.map((name) => ({ name }))),
  ],
  providers: [JobQueues],
  exports: [JobQueues, QueueConfigModule],
})
export class QueueModule {}
