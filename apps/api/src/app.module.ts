import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from 'nestjs-pino';
import {
  APP_CONFIG, AppConfig, ConfigModule, DatabaseModule, EnvelopeExceptionFilter, formatGraphqlError, graphqlArmor, graphqlParseOptions, HealthModule,
  httpStatusPlugin, inputGuardPlugin, loggingModule, MetricsModule, MetricsService,
} from '@gdtx/platform';
import { JobsRuntimeModule, QueueApiModule, QueueModule } from '@gdtx/platform';
import { IdentityApiModule, identityEvents } from '@gdtx/identity';
import { OrgApiModule, orgEvents } from '@gdtx/org';
import { ReportingApiModule, reportingEvents } from '@gdtx/reporting';
import { AnalyticsApiModule } from '@gdtx/analytics';
import { LiteracyApiModule } from '@gdtx/literacy';
import { ComplianceApiModule } from '@gdtx/compliance';
import { NotifyApiModule } from '@gdtx/notify';
import { DocumentsApiModule } from '@gdtx/documents';
import { CentreExportModule } from './centre-export.controller';

/** Composition root of the API: platform modules, then each context's *ApiModule. */
@Module({
  imports: [
    ConfigModule,
    loggingModule(),
    DatabaseModule,
    HealthModule,
    MetricsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG, Logger, MetricsService],
      useFactory: (config: AppConfig, logger: Logger, metrics: MetricsService) => {
        const armor = graphqlArmor(config);
        return {
          autoSchemaFile: config.NODE_ENV === 'production' ? true : 'apps/api/schema.gql',
          sortSchema: true,
          path: '/graphql',
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          introspection: config.graphqlIntrospection,
          playground: false,
          parseOptions: graphqlParseOptions,
          plugins: [metrics.graphqlPlugin(), ...armor.plugins, inputGuardPlugin(), httpStatusPlugin()],
          // Nest's own plugin would reset every execution result to HTTP 200; httpStatusPlugin decides instead
          // (200, except RATE_LIMITED → 429 and UNAVAILABLE → 503: ADR 0010).
          preserveHttpStatusForExecutionErrors: false,
          validationRules: armor.validationRules,
          formatError: (formatted, error) =>
            formatGraphqlError(formatted, error, (err) => logger.error({ err }, 'GraphQL internal error')),
        };
      },
    }),
    IdentityApiModule,
    OrgApiModule,
    CentreExportModule,
    ReportingApiModule,
    AnalyticsApiModule,
    LiteracyApiModule,
    ComplianceApiModule,
    NotifyApiModule,
    DocumentsApiModule,
    // Jobs: queues for every context, jobStatus/dashboard API; relay + processors run here when
    // RUN_WORKERS_IN_PROCESS (default: no REDIS_URL, the embedded `npm start`), else in apps/worker. The API
    // refuses to start when an event a context emits has no subscriber among the modules above.
    QueueModule,
    QueueApiModule,
    JobsRuntimeModule.forRoot({ runWorkers: 'auto', events: [orgEvents, reportingEvents, identityEvents] }),
  ],
  // REST routes and the HTTP layer answer in the GraphQL error envelope (issue 13); GraphQL errors pass through.
  providers: [{ provide: APP_FILTER, useClass: EnvelopeExceptionFilter }],
})
export class AppModule {}
