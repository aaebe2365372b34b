import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { AppError, Ctx, Errors, RequirePermission, TenantContext } from '@gdtx/platform';
import { DEFAULT_MAX_BYTES } from './excel';
import { WorkbookService, type UploadOutcome } from './workbook.service';

export class WorkbookTarget {
  @IsUUID() centreId: string;
  @Matches(/^[A-Z][A-Z0-9_]*$/) @MaxLength(64) templateCode: string;
  @IsString() @MaxLength(20) periodCode: string;
}

interface UploadedWorkbook {
  buffer: Buffer;
  size: number;
  originalname: string;
}

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Excel round-trip over REST (multipart is simpler for browsers and curl than a GraphQL upload). The global
 * AuthGuard protects these routes like any resolver; @RequirePermission declares what each needs.
 */
@Controller('api/reports/workbook')
export class WorkbookController {
  constructor(private readonly workbooks: WorkbookService) {}

  @Get()
  @RequirePermission('REPORT_READ')
  async download(@Ctx() ctx: TenantContext, @Query() q: WorkbookTarget, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const { buffer, fileName } = await this.workbooks.workbook(ctx, q.centreId, q.templateCode, q.periodCode);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(buffer, { type: XLSX_MIME, disposition: `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`, length: buffer.length });
  }

  /**
   * Upload as a draft. 200 with `{ ok: true, submission, changed, issues }`; a file with problems writes
   * nothing and answers 422 in the one error envelope (issue 13): `{ errors: [{ message, extensions: { code:
   * VALIDATION_FAILED, reason: WORKBOOK_REJECTED, messageEn, problems: [{ sheet, cell, key, code, messageVi,
   * messageEn }] } }] }`.
   */
  @Post()
  @HttpCode(200)
  @RequirePermission('REPORT_DRAFT')
  // Multer stops at twice the parser's limit (memory guard); files in between reach parseWorkbook, which
  // reports FILE_TOO_LARGE as a problem with its Vietnamese message.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2 * DEFAULT_MAX_BYTES, files: 1, fields: 10 } }))
  async upload(
    @Ctx() ctx: TenantContext,
    @Body() body: WorkbookTarget,
    @UploadedFile() file: UploadedWorkbook | undefined,
  ): Promise<UploadOutcome> {
    if (!file?.buffer?.length) {
      throw Errors.badInput('Chưa chọn tệp Excel để tải lên (trường "file")', 'No file uploaded (field "file")', { field: 'file' });
    }
    const outcome = await this.workbooks.uploadWorkbook(ctx, { ...body, buffer: file.buffer });
    if (!outcome.ok) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Tệp Excel có lỗi, chưa lưu dữ liệu nào: vui lòng sửa các ô được liệt kê rồi tải lên lại',
        'The workbook has problems; nothing was saved',
        { reason: 'WORKBOOK_REJECTED', problems: outcome.problems },
      );
    }
    return outcome;
  }
}
