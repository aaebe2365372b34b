// Public API of the platform library: configuration, database access under a tenant scope, errors,
// logging, health, GraphQL limits and the auth decorators. Feature libraries import only from here.
export * from './lib/config/config';
export * from './lib/config/config.module';
export * from './lib/errors/app-error';
export * from './lib/errors/error-formatter';
export * from './lib/errors/unavailable';
export * from './lib/database/tenant-context';
export * from './lib/database/tenant-db.service';
export * from './lib/database/database.module';
export * from './lib/sessions/session-bus';
export * from './lib/metrics/metrics.service';
export * from './lib/metrics/metrics.module';
export * from './lib/database/migrations';
export * from './lib/database/migration-helpers';
export * from './lib/logging/logging.module';
export * from './lib/health/health.module';
export * from './lib/graphql/graphql-limits';
export * from './lib/graphql/input-guard';
export * from './lib/http/http-envelope';
export * from './lib/http/envelope.filter';
export * from './lib/graphql/http-status.plugin';
export * from './lib/graphql/date.scalar';
export * from './lib/graphql/connection';
export * from './lib/auth/decorators';
import { PlatformScope1732000000000 } from './migrations/1732000000000-platform-scope';
import { Outbox1732000000500 } from './migrations/1732000000500-outbox';
import { InlineCentrePolicies1732000099000 } from './migrations/1732000099000-inline-centre-policies';
import { OutboxJobs1733007000000 } from './migrations/1733007000000-outbox-jobs';
import { SystemScopeForJobs1733009000000 } from './migrations/1733009000000-system-scope-for-jobs';
/** Platform migrations; InlineCentrePolicies runs after every context's (TypeORM orders by timestamp). */
import { OutboxTraceParent1733028000800 } from './migrations/1733028000800-outbox-trace-parent';
export const platformMigrations = [PlatformScope1732000000000, Outbox1732000000500, InlineCentrePolicies1732000099000, OutboxJobs1733007000000, SystemScopeForJobs1733009000000, OutboxTraceParent1733028000800];
export * from './lib/graphql/enums';
export * from './lib/database/audit';
export * from './lib/database/modify';
export * from './lib/graphql/loaders';
export * from './lib/queue';
export * from './lib/tracing/tracing';
