import { Module } from '@nestjs/common';
import { NotifyModule } from '@gdtx/notify';
import { ComplianceEvaluationService } from './compliance-evaluation.service';
import { complianceJobHandlers } from './compliance.handlers';
import { ComplianceResolver, InspectionResolver, UnlicensedOperatorResolver } from './compliance.resolver';
import { FindingQueryService } from './finding-query.service';
import { InspectionService } from './inspection.service';
import { UnlicensedOperatorService } from './unlicensed-operator.service';

/** One service per aggregate of the compliance context. */
const complianceServices = [ComplianceEvaluationService, FindingQueryService, InspectionService, UnlicensedOperatorService];

/** Compliance: the services, its jobs (the nightly one scheduled) and its event subscribers (API and worker). */
@Module({
  imports: [NotifyModule],
  providers: [...complianceServices, ...complianceJobHandlers],
  exports: complianceServices,
})
export class ComplianceModule {}

/** The compliance GraphQL API (apps/api only). */
@Module({ imports: [ComplianceModule], providers: [ComplianceResolver, InspectionResolver, UnlicensedOperatorResolver] })
export class ComplianceApiModule {}
