import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, ConfigModule, DatabaseModule, loadConfig, TenantDb } from '@gdtx/platform';

/**
 * The worker: a NestJS application context without HTTP. It runs BullMQ processors and schedulers (added by
 * the jobs context); until then it holds a heartbeat that proves it can reach the database.
 */
@Module({ imports: [ConfigModule, DatabaseModule] })
class WorkerModule {}

async function main() {
  loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
  const logger = new Logger('worker');
  const db = app.get(TenantDb);
  const beat = async () => {
    const [{ now }] = await db.raw.query('SELECT now()');
    logger.log(`heartbeat ${new Date(now).toISOString()}`);
  };
  await beat();
  setInterval(() => beat().catch((e) => logger.error(e)), 60_000).unref();
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
