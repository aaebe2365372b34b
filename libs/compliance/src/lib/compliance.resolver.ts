import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequirePermission, TenantContext, DateScalar } from '@gdtx/platform';
import { FindingQueryService } from './finding-query.service';
import { InspectionService } from './inspection.service';
import { UnlicensedOperatorService } from './unlicensed-operator.service';
import {
  CentreCompliance, ComplianceGroupingEnum, ComplianceOverview, Finding, FindingConnection, FindingFilter, Inspection, InspectionFindingInput, RecordInspectionInput,
  ReportUnlicensedOperatorInput, UnlicensedCaseStatus, UnlicensedCaseStatusEnum, UnlicensedOperatorCase, UnlicensedOperatorCaseConnection,
  UpdateUnlicensedOperatorCaseInput,
} from './compliance.types';
import type { ComplianceGrouping } from './compliance.types';

/** Findings: a centre's compliance, the roll-up, the list. */
@Resolver()
export class ComplianceResolver {
  constructor(private readonly findingQueries: FindingQueryService) {}

  @Query(() => CentreCompliance, { description: 'Tình trạng tuân thủ của trung tâm và các vấn đề đang mở (asOf mặc định hôm nay)' })
  @RequirePermission('COMPLIANCE_READ')
  centreCompliance(
    @Ctx() ctx: TenantContext,
    @Args('centreId', { type: () => ID }) centreId: string,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<CentreCompliance> {
    return this.findingQueries.centreCompliance(ctx, centreId, asOf);
  }

  @Query(() => ComplianceOverview, { description: 'Tổng hợp tuân thủ theo đơn vị (không có unitId: toàn bộ phạm vi của người dùng)' })
  @RequirePermission('COMPLIANCE_READ')
  complianceOverview(
    @Ctx() ctx: TenantContext,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
    @Args('groupBy', { type: () => ComplianceGroupingEnum, nullable: true, description: 'Nhóm theo xã, khu vực hoặc loại trung tâm (cơ cấu ngày asOf)' })
    groupBy?: ComplianceGrouping,
  ): Promise<ComplianceOverview> {
    return this.findingQueries.overview(ctx, unitId, asOf, groupBy);
  }

  @Query(() => FindingConnection)
  @RequirePermission('COMPLIANCE_READ')
  findings(
    @Ctx() ctx: TenantContext,
    @Args('filter', { type: () => FindingFilter, nullable: true }) filter?: FindingFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.findingQueries.findings(ctx, filter ?? {}, { first, after });
  }
}

/** Inspections, their findings and remediation. */
@Resolver()
export class InspectionResolver {
  constructor(private readonly inspectionService: InspectionService) {}

  @Query(() => Inspection)
  @RequirePermission('COMPLIANCE_READ')
  inspection(@Ctx() ctx: TenantContext, @Args('id', { type: () => ID }) id: string): Promise<Inspection> {
    return this.inspectionService.inspection(ctx, id);
  }

  @Query(() => [Inspection], { description: 'Các cuộc kiểm tra của một trung tâm (mới nhất trước)' })
  @RequirePermission('COMPLIANCE_READ')
  inspections(@Ctx() ctx: TenantContext, @Args('centreId', { type: () => ID }) centreId: string): Promise<Inspection[]> {
    return this.inspectionService.inspections(ctx, centreId);
  }

  @Mutation(() => Inspection)
  @RequirePermission('INSPECTION_RECORD')
  recordInspection(@Ctx() ctx: TenantContext, @Args('input') input: RecordInspectionInput): Promise<Inspection> {
    return this.inspectionService.recordInspection(ctx, input);
  }

  @Mutation(() => Inspection)
  @RequirePermission('INSPECTION_RECORD')
  recordInspectionFinding(
    @Ctx() ctx: TenantContext,
    @Args('inspectionId', { type: () => ID }) inspectionId: string,
    @Args('input') input: InspectionFindingInput,
  ): Promise<Inspection> {
    return this.inspectionService.recordInspectionFinding(ctx, inspectionId, input);
  }

  @Mutation(() => Finding, { description: 'Ghi nhận đã khắc phục một kết luận kiểm tra (kèm nội dung khắc phục)' })
  @RequirePermission('INSPECTION_RECORD')
  resolveFinding(@Ctx() ctx: TenantContext, @Args('id', { type: () => ID }) id: string, @Args('note') note: string): Promise<Finding> {
    return this.inspectionService.resolveFinding(ctx, id, note);
  }
}

/** Unlicensed operators. */
@Resolver()
export class UnlicensedOperatorResolver {
  constructor(private readonly unlicensed: UnlicensedOperatorService) {}

  @Query(() => UnlicensedOperatorCaseConnection, { description: 'Vụ việc cơ sở hoạt động không phép trong phạm vi của người dùng' })
  @RequirePermission('COMPLIANCE_READ')
  unlicensedOperatorCases(
    @Ctx() ctx: TenantContext,
    @Args('status', { type: () => UnlicensedCaseStatusEnum, nullable: true }) status?: UnlicensedCaseStatus,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.unlicensed.unlicensedCases(ctx, { status, unitId }, { first, after });
  }

  @Mutation(() => UnlicensedOperatorCase)
  @RequirePermission('UNLICENSED_CASE_RECORD')
  reportUnlicensedOperator(@Ctx() ctx: TenantContext, @Args('input') input: ReportUnlicensedOperatorInput): Promise<UnlicensedOperatorCase> {
    return this.unlicensed.reportUnlicensedOperator(ctx, input);
  }

  @Mutation(() => UnlicensedOperatorCase)
  @RequirePermission('UNLICENSED_CASE_RECORD')
  updateUnlicensedOperatorCase(@Ctx() ctx: TenantContext, @Args('input') input: UpdateUnlicensedOperatorCaseInput): Promise<UnlicensedOperatorCase> {
    return this.unlicensed.updateUnlicensedOperatorCase(ctx, input);
  }
}
