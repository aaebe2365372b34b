import { Module } from '@nestjs/common';
import { NotifyModule } from '@gdtx/notify';
import { ComplianceService } from './compliance.service';
import { complianceJobHandlers } from './compliance.handlers';
import { ComplianceResolver } from './compliance.resolver';
import { ComplianceSchedules } from './compliance-schedules';

/** Compliance: the service, its job handlers and the nightly scheduler (API and worker). */
@Module({
  imports: [NotifyModule],
  providers: [ComplianceService, ComplianceSchedules, ...complianceJobHandlers],
  exports: [ComplianceService],
})
export class ComplianceModule {}

/** The compliance GraphQL API (apps/api only). */
@Module({ imports: [ComplianceModule], providers: [ComplianceResolver] })
export class ComplianceApiModule {}
