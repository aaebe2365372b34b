import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig, appDatabaseUrl } from '../config/config';
import { TenantDb } from './tenant-db.service';
import { SafeQueryLogger } from './safe-query-logger';

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
  providers: [TenantDb],
  exports: [TenantDb],
})
export class DatabaseModule {}
