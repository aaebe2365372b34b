import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig, appDatabaseUrl } from '../config/config';
import { TenantDb } from './tenant-db.service';
import { SafeQueryLogger } from './safe-query-logger';
import { SessionBus } from '../sessions/session-bus';
import { MetricsService } from '../metrics/metrics.service';

/**
 * The runtime data source connects as the application role. Schema changes only ever happen through
 * migrations run by the owner (scripts/migrate.ts, or `npm start`), never `synchronize`.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: appDatabaseUrl(config),
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        extra: { max: config.DB_POOL_SIZE, application_name: 'gdtx-monitor' },
        logging: ['error' as const],
        // Failures through the application logger, without parameter values (no hash or token in a log).
        logger: new SafeQueryLogger(),
      }),
    }),
  ],
  // SessionBus lives here because every context that changes what a session is made of (identity, org's areas,
  // literacy's reorganisation) already has this module: it tells the API processes' session caches (ADR 0003).
  // MetricsService too: every process with a database has metrics (pool use, outbox lag, jobs; docs/operations.md).
  providers: [TenantDb, SessionBus, MetricsService],
  exports: [TenantDb, SessionBus, MetricsService],
})
export class DatabaseModule {}
