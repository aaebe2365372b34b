import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequirePermission, TenantContext } from '@gdtx/platform';
import { DocumentSettingsService } from './document-settings.service';
import { DocumentSettings, DocumentSettingsInput } from './documents.types';

@Resolver()
export class DocumentsResolver {
  constructor(private readonly settings: DocumentSettingsService) {}

  @Query(() => DocumentSettings, { description: 'Thông tin ghi trên văn bản của Sở (mặc định theo tên tỉnh khi Sở chưa lưu)' })
  @RequirePermission('ANALYTICS_READ')
  documentSettings(@Ctx() ctx: TenantContext): Promise<DocumentSettings> {
    return this.settings.get(ctx);
  }

  @Mutation(() => DocumentSettings, { description: 'Lưu thông tin văn bản của Sở: cơ quan, địa danh, người ký, nơi nhận (Quản trị Sở)' })
  @RequirePermission('DOCUMENT_SETTINGS_MANAGE')
  saveDocumentSettings(@Ctx() ctx: TenantContext, @Args('input') input: DocumentSettingsInput): Promise<DocumentSettings> {
    return this.settings.save(ctx, input);
  }
}
