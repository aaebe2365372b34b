import { Controller, Get, Module, Query, Res, StreamableFile } from '@nestjs/common';
import { CentreStatusLabelVi, CentreTypeLabelVi, type Ownership } from '@gdtx/domain';
import { Ctx, RequirePermission, TenantContext } from '@gdtx/platform';
import { buildTableWorkbook, type TableColumn } from '@gdtx/reporting';
import { CentreFilter, OrgModule, OrgService, type Centre, type LicenceStatus } from '@gdtx/org';

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_NAME = 'danh-sach-trung-tam.xlsx';
const TITLE = 'Danh sách trung tâm';
// The largest page OrgService.listCentres accepts; the export walks the pages so it sees exactly what the list sees.
const EXPORT_PAGE_SIZE = 200;

const OwnershipLabelVi: Record<Ownership, string> = { PUBLIC: 'Công lập', PRIVATE: 'Tư thục' };
const LicenceStatusLabelVi: Record<LicenceStatus, string> = {
  VALID: 'Còn hiệu lực',
  EXPIRING: 'Sắp hết hạn',
  EXPIRED: 'Hết hạn',
  MISSING: 'Thiếu quyết định',
};

const COLUMNS: TableColumn[] = [
  { key: 'code', headerVi: 'Mã' },
  { key: 'name', headerVi: 'Tên trung tâm' },
  { key: 'type', headerVi: 'Loại hình' },
  { key: 'ownership', headerVi: 'Công lập/Tư thục' },
  { key: 'status', headerVi: 'Trạng thái' },
  { key: 'licenceStatus', headerVi: 'Tình trạng giấy phép' },
  { key: 'address', headerVi: 'Địa chỉ' },
];

/**
 * The centre list as an Excel file (issue 6). REST because browsers download files more simply than over GraphQL;
 * the query parameters are the GraphQL `centres(filter)` ones, validated by the same CentreFilter DTO (bad values →
 * VALIDATION_FAILED), and the rows come from OrgService.listCentres page by page, so the RLS scope is the list's.
 */
@Controller('api/exports')
export class CentreExportController {
  constructor(private readonly org: OrgService) {}

  @Get('centres.xlsx')
  @RequirePermission('CENTRE_READ')
  async centres(@Ctx() ctx: TenantContext, @Query() filter: CentreFilter, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const centres: Centre[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.org.listCentres(ctx, filter, { first: EXPORT_PAGE_SIZE, after });
      centres.push(...page.nodes);
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }
    const rows = centres.map((c) => ({
      code: c.code,
      name: c.name,
      type: CentreTypeLabelVi[c.type] ?? c.type,
      ownership: OwnershipLabelVi[c.ownership] ?? c.ownership,
      status: CentreStatusLabelVi[c.status] ?? c.status,
      licenceStatus: LicenceStatusLabelVi[c.licenceStatus] ?? c.licenceStatus,
      address: c.address,
    }));
    const buffer = await buildTableWorkbook(TITLE, COLUMNS, rows);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(buffer, {
      type: XLSX_MIME,
      disposition: `attachment; filename="${FILE_NAME}"; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`,
      length: buffer.length,
    });
  }
}

/**
 * The centre list as an Excel file. It composes two contexts (org's centres, reporting's table workbook), so it
 * lives in the app: org is read by every context and must not depend on any of them (reporting reads org).
 */
@Module({ imports: [OrgModule], controllers: [CentreExportController] })
export class CentreExportModule {}
