import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { foldVietnamese } from '@gdtx/domain';
import { Ctx, Errors, RequirePermission, TenantContext } from '@gdtx/platform';
import { OfficialDocumentsService, type BuiltDocument } from './official-documents.service';
import { renderDocx } from './render/docx';
import { renderPdf } from './render/pdf';

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

export const DOCUMENT_CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
type Format = keyof typeof DOCUMENT_CONTENT_TYPES;

/** "2024-2025.docx" → ['2024-2025', 'docx']; another extension is a route that does not exist (NOT_FOUND). */
function splitFile(file: string): [string, Format] {
  const m = /^(.+)\.(docx|pdf)$/.exec(file);
  if (!m) throw Errors.notFound({ vi: 'văn bản (chỉ có .docx và .pdf)', en: 'Document (.docx or .pdf only)' });
  return [m[1], m[2] as Format];
}

/** An ASCII name for old clients and the exact Vietnamese one (RFC 6266 filename*), both with the extension. */
export function contentDisposition(name: string, format: Format): string {
  const exact = `${name.normalize('NFC')}.${format}`;
  const ascii = `${foldVietnamese(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'van-ban'}.${format}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(exact)}`;
}

/**
 * Official documents (issue 15 item 5) as files: the province summary of a period and one report, each as DOCX
 * (editable before signing) and PDF. REST, like the other downloads; auth and errors as everywhere (the global
 * guard, the error envelope), and the data is what the caller's tenant context sees (RLS): a report of another
 * scope is NOT_FOUND.
 */
@Controller('api/documents')
export class DocumentsController {
  constructor(private readonly documents: OfficialDocumentsService) {}

  @Get('province-summary/:file')
  @RequirePermission('ANALYTICS_READ')
  async provinceSummary(@Ctx() ctx: TenantContext, @Param('file') file: string, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const [periodCode, format] = splitFile(file);
    return send(res, await this.documents.provinceSummary(ctx, periodCode), format);
  }

  @Get('submissions/:file')
  @RequirePermission('REPORT_READ')
  async submission(@Ctx() ctx: TenantContext, @Param('file') file: string, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const [id, format] = splitFile(file);
    return send(res, await this.documents.submission(ctx, id), format);
  }
}

async function send(res: HttpResponse, built: BuiltDocument, format: Format): Promise<StreamableFile> {
  const buffer = format === 'docx' ? await renderDocx(built.document) : await renderPdf(built.document);
  res.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(buffer, { type: DOCUMENT_CONTENT_TYPES[format], disposition: contentDisposition(built.fileName, format), length: buffer.length });
}
