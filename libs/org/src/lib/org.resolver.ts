import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Errors, RequirePermission, requestLoader, TenantContext, DateScalar } from '@gdtx/platform';
import { assertIsoDateArg } from './org.service';
import { OrgService } from './org.service';
import {
  AdministrativeUnit, Centre, CentreConnection, CentreCounts, CentreFilter, CentreStatusChange, ChangeCentreStatusInput,
  CreateCentreInput, LicenceRecord, MinistryCodeEntry, RecordLicenceInput, SetMinistryCodeInput, UpdateCentreInput,
} from './org.types';

@Resolver(() => AdministrativeUnit)
export class AdministrativeUnitResolver {
  constructor(private readonly org: OrgService) {}

  @Query(() => [AdministrativeUnit], { description: 'Đơn vị hành chính có hiệu lực vào ngày asOf (mặc định hôm nay)' })
  @RequirePermission('CENTRE_READ')
  administrativeUnits(
    @Ctx() ctx: TenantContext,
    @Args('asOf', { nullable: true, type: () => DateScalar }) asOf?: string,
    @Args('parentId', { nullable: true, type: () => ID }) parentId?: string,
  ): Promise<AdministrativeUnit[]> {
    return this.org.listUnits(ctx, { asOf, parentId });
  }

  @ResolveField(() => Int, { description: 'Số trung tâm đặt tại hoặc do đơn vị (cả cây đơn vị) quản lý, như bộ lọc unitId của danh sách trung tâm' })
  centreCount(@Parent() unit: AdministrativeUnit, @Ctx() ctx: TenantContext, @Context('req') req: object): Promise<number> {
    return requestLoader<string, number>(req, 'unit.centreCount', async (ids) => {
      const map = await this.org.centreCountsOfUnits(ctx, ids);
      return ids.map((id) => map.get(id) ?? 0);
    }).load(unit.id);
  }
}

@Resolver(() => Centre)
export class CentreResolver {
  constructor(private readonly org: OrgService) {}

  @Query(() => CentreCounts, { description: 'Số trung tâm theo loại hình, trạng thái và tình trạng giấy phép vào ngày asOf (mặc định hôm nay), trong phạm vi người dùng' })
  @RequirePermission('CENTRE_READ')
  centreCounts(@Ctx() ctx: TenantContext, @Args('asOf', { nullable: true, type: () => DateScalar }) asOf?: string): Promise<CentreCounts> {
    return this.org.centreCounts(ctx, asOf);
  }

  @Query(() => CentreConnection)
  @RequirePermission('CENTRE_READ')
  centres(
    @Ctx() ctx: TenantContext,
    @Args('filter', { nullable: true, type: () => CentreFilter }) filter?: CentreFilter,
    @Args('first', { nullable: true, type: () => Int }) first?: number,
    @Args('after', { nullable: true, type: () => String }) after?: string,
  ) {
    return this.org.listCentres(ctx, filter ?? {}, { first, after });
  }

  @Query(() => Centre)
  @RequirePermission('CENTRE_READ')
  centre(
    @Ctx() ctx: TenantContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { nullable: true, type: () => DateScalar, description: 'Trạng thái vào ngày này (mặc định hôm nay)' }) asOf?: string,
  ): Promise<Centre> {
    return this.org.getCentre(ctx, id, asOf ? assertIsoDateArg(asOf, 'asOf') : undefined);
  }

  @Mutation(() => Centre)
  @RequirePermission('CENTRE_MANAGE')
  createCentre(@Ctx() ctx: TenantContext, @Args('input') input: CreateCentreInput): Promise<Centre> {
    return this.org.createCentre(ctx, input);
  }

  @Mutation(() => Centre)
  @RequirePermission('CENTRE_MANAGE')
  updateCentre(@Ctx() ctx: TenantContext, @Args('input') input: UpdateCentreInput): Promise<Centre> {
    return this.org.updateCentre(ctx, input);
  }

  @Query(() => [MinistryCodeEntry], { description: 'Mã của Bộ của các trung tâm (CENTRE) hoặc các xã, phường đang có hiệu lực (UNIT), để Sở nhập và đối chiếu' })
  @RequirePermission('CENTRE_READ')
  ministryCodes(@Ctx() ctx: TenantContext, @Args('kind') kind: string): Promise<MinistryCodeEntry[]> {
    if (kind !== 'CENTRE' && kind !== 'UNIT') throw Errors.badInput('Loại phải là CENTRE hoặc UNIT', 'kind must be CENTRE or UNIT', { field: 'kind' });
    return this.org.ministryCodes(ctx, kind);
  }

  @Mutation(() => MinistryCodeEntry, { description: 'Nhập (hoặc xóa) mã của Bộ cho một trung tâm hoặc một xã (Sở)' })
  @RequirePermission('CENTRE_MANAGE')
  setMinistryCode(@Ctx() ctx: TenantContext, @Args('input') input: SetMinistryCodeInput): Promise<MinistryCodeEntry> {
    return this.org.setMinistryCode(ctx, input);
  }

  @Mutation(() => LicenceRecord)
  @RequirePermission('LICENCE_MANAGE')
  recordLicence(@Ctx() ctx: TenantContext, @Args('input') input: RecordLicenceInput): Promise<LicenceRecord> {
    return this.org.recordLicence(ctx, input);
  }

  @Mutation(() => Centre)
  @RequirePermission('CENTRE_MANAGE')
  changeCentreStatus(@Ctx() ctx: TenantContext, @Args('input') input: ChangeCentreStatusInput): Promise<Centre> {
    return this.org.changeStatus(ctx, input);
  }

  @ResolveField(() => [LicenceRecord], { description: 'Lịch sử quyết định' })
  licences(@Parent() centre: Centre, @Ctx() ctx: TenantContext, @Context('req') req: object): Promise<LicenceRecord[]> {
    return requestLoader<string, LicenceRecord[]>(req, 'centre.licences', async (ids) => {
      const map = await this.org.licencesOf(ctx, ids);
      return ids.map((id) => map.get(id) ?? []);
    }).load(centre.id);
  }

  @ResolveField(() => [CentreStatusChange], { description: 'Lịch sử trạng thái' })
  statusHistory(@Parent() centre: Centre, @Ctx() ctx: TenantContext, @Context('req') req: object): Promise<CentreStatusChange[]> {
    return requestLoader<string, CentreStatusChange[]>(req, 'centre.statusHistory', async (ids) => {
      const map = await this.org.statusHistoryOf(ctx, ids);
      return ids.map((id) => map.get(id) ?? []);
    }).load(centre.id);
  }

  @ResolveField(() => AdministrativeUnit, { nullable: true })
  adminUnit(@Parent() centre: Centre, @Ctx() ctx: TenantContext, @Context('req') req: object): Promise<AdministrativeUnit | null> {
    return requestLoader<string, AdministrativeUnit | null>(req, 'unit.byId', async (ids) => {
      const map = await this.org.unitsByIds(ctx, ids);
      return ids.map((id) => map.get(id) ?? null);
    }).load(centre.adminUnitId);
  }
}
