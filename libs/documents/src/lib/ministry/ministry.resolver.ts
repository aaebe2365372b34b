import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequirePermission, TenantContext } from '@gdtx/platform';
import type { MinistryLayout } from './layouts';
import { MinistryExchangeService } from './ministry-exchange.service';

@ObjectType({ description: 'Mẫu Excel của hệ thống của Bộ (PCGD-XMC, CSDL ngành): dữ liệu có phiên bản, không phải mã nguồn' })
export class MinistryLayoutDto {
  @Field() code: string;
  @Field(() => Int) version: number;
  @Field({ description: 'PCGD_XMC | CSDL' }) system: string;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field({ description: 'false: chưa đối chiếu với mẫu chính thức của Bộ' }) official: boolean;
  @Field() noteVi: string;
  @Field() templateCode: string;
  @Field({ description: 'COMMUNE | CENTRE' }) rowsPer: string;
  @Field({ description: 'Toàn bộ mẫu (JSON)' }) definitionJson: string;
}

const toDto = (l: MinistryLayout): MinistryLayoutDto => ({
  code: l.code, version: l.version, system: l.system, nameVi: l.nameVi, nameEn: l.nameEn, official: l.official, noteVi: l.noteVi,
  templateCode: l.templateCode, rowsPer: l.rowsPer, definitionJson: JSON.stringify(l),
});

@Resolver()
export class MinistryResolver {
  constructor(private readonly exchange: MinistryExchangeService) {}

  @Query(() => [MinistryLayoutDto], { description: 'Các mẫu xuất cho hệ thống của Bộ, phiên bản mới nhất (của tỉnh nếu tỉnh đã cấu hình)' })
  @RequirePermission('ANALYTICS_READ')
  async ministryLayouts(@Ctx() ctx: TenantContext): Promise<MinistryLayoutDto[]> {
    return (await this.exchange.layouts(ctx)).map(toDto);
  }

  @Mutation(() => MinistryLayoutDto, { description: 'Lưu phiên bản mẫu của tỉnh (khi có mẫu chính thức, hoặc để chọn cột cho thống kê CSDL)' })
  @RequirePermission('DOCUMENT_SETTINGS_MANAGE')
  async saveMinistryLayout(@Ctx() ctx: TenantContext, @Args('definitionJson') definitionJson: string): Promise<MinistryLayoutDto> {
    return toDto(await this.exchange.saveLayout(ctx, definitionJson));
  }
}
