import { Module } from '@nestjs/common';
import { NotifyModule } from '@gdtx/notify';
import { ComplianceService } from './compliance.service';
import { complianceJobHandlers } from './compliance.handlers';
import { ComplianceResolver } from './compliance.resolver';

/** Compliance: the service, its jobs (the nightly one scheduled) and its event subscribers (API and worker). */
@Module({
  imports: [NotifyModule],
  providers: [ComplianceService, ...complianceJobHandlers],
  exports: [ComplianceService],
})
export class ComplianceModule {}

/** The compliance GraphQL API (apps/api only). */
@Module({ imports: [ComplianceModule], providers: [ComplianceResolver] })
export class ComplianceApiModule {}
