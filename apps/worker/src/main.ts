import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, ConfigModule, DatabaseModule, initTracing, JobsRuntimeModule, loadConfig, MetricsService, QueueModule, serveMetrics, TenantDb } from '@gdtx/platform';
import { AnalyticsModule } from '@gdtx/analytics';
import { ComplianceModule } from '@gdtx/compliance';
import { DocumentsModule } from '@gdtx/documents';
import { NotifyModule } from '@gdtx/notify';
import { identityEvents } from '@gdtx/identity';
import { OrgModule, orgEvents } from '@gdtx/org';
import { ReportingModule, reportingEvents } from '@gdtx/reporting';

/**
 * The worker: a NestJS application context without HTTP. It runs the outbox relay, the BullMQ processors
 * (every @JobHandler and @EventSubscriber of the imported modules) and the job schedulers, plus a heartbeat that
 * proves it can reach the database. Every context with handlers is imported here (its plain module, not its
 * GraphQL *ApiModule); the start-up check refuses to start the worker when an event of `events` (every context
 * that emits) has no subscriber among them.
 */
@Module({
  imports: [
    ConfigModule, DatabaseModule, QueueModule, JobsRuntimeModule.forRoot({ runWorkers: true, events: [orgEvents, reportingEvents, identityEvents] }),
    // OrgModule: org's daily job (a province merger recorded ahead of its date takes effect on it, ADR 0015).
    OrgModule, AnalyticsModule, ComplianceModule, NotifyModule,
    // ReportingModule: the completeness rollup's daily job and its event subscribers (ADR 0021).
    ReportingModule,
    // DocumentsModule: the scheduled reports' daily job (issue 15 item 6).
    DocumentsModule,
  ],
})
class WorkerModule {}

async function main() {
  const config = loadConfig();
  // Traces (issue 14 item 3): each job's span continues the trace of the request that wrote its outbox row.
  initTracing('gdtx-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
  const logger = new Logger('worker');
  // The worker's own Prometheus endpoint (its jobs, pools, the shared queue depth and outbox lag; docs/operations.md).
  // A port already taken (a second worker on one host) costs the metrics, not the worker.
  await serveMetrics(app.get(MetricsService), config.METRICS_TOKEN, config.METRICS_PORT).then(
    (server) => {
      logger.log(`metrics on :${(server.address() as { port: number }).port}/metrics`);
      server.unref();
      process.once('SIGTERM', () => server.close());
    },
    (e: Error) => logger.error(`metrics endpoint not started on port ${config.METRICS_PORT}: ${e.message}`),
  );
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
