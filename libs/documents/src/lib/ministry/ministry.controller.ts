import { Controller, Get, HttpCode, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Ctx, Errors, RequirePermission, TenantContext } from '@gdtx/platform';
import { MinistryExchangeService, type Reconciliation } from './ministry-exchange.service';

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The ministry's formats over REST (issue 15 item 7): `GET /api/ministry/{layoutCode}/{periodCode}.xlsx` exports
 * in the layout; `POST /api/ministry/{layoutCode}/{periodCode}/reconcile` (multipart, field `file`) takes the
 * workbook the ministry's system exported and answers the differences per commune or centre. The Sở only.
 */
@Controller('api/ministry')
export class MinistryController {
  constructor(private readonly exchange: MinistryExchangeService) {}

  @Get(':layout/:file')
  @RequirePermission('ANALYTICS_READ')
  async export(@Ctx() ctx: TenantContext, @Param('layout') layout: string, @Param('file') file: string, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const m = /^(.+)\.xlsx$/.exec(file);
    if (!m) throw Errors.notFound({ vi: 'tệp xuất (chỉ có .xlsx)', en: 'Export (.xlsx only)' });
    const { buffer, fileName } = await this.exchange.export(ctx, layout, m[1]);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(buffer, { type: XLSX_MIME, disposition: `attachment; filename="${fileName}"`, length: buffer.length });
  }

  @Post(':layout/:period/reconcile')
  @HttpCode(200)
  @RequirePermission('ANALYTICS_READ')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5 } }))
  async reconcile(
    @Ctx() ctx: TenantContext,
    @Param('layout') layout: string,
    @Param('period') period: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
  ): Promise<Reconciliation> {
    if (!file?.buffer?.length) throw Errors.badInput('Chưa chọn tệp Excel của hệ thống Bộ để đối chiếu (trường "file")', 'No file uploaded (field "file")', { field: 'file' });
    return this.exchange.reconcile(ctx, layout, period, file.buffer);
  }
}
