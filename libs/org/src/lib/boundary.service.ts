import { Controller, HttpCode, Injectable, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { foldVietnamese, todayInVietnam } from '@gdtx/domain';
import { Ctx, Errors, RequirePermission, TenantContext, TenantDb } from '@gdtx/platform';
import { geometryProblems, positionCount, SCHEMATIC_NOTE_VI, schematicSquares, simplifyGeometry, type BoundaryGeometry } from './boundaries';

@ObjectType({ description: 'Kết quả nhập ranh giới: số đơn vị đã nhập, các đối tượng không khớp đơn vị nào' })
export class BoundaryImportResult {
  @Field(() => Int) imported: number;
  @Field(() => Int, { description: 'Tổng số điểm trước khi đơn giản hóa' }) positionsBefore: number;
  @Field(() => Int, { description: 'Tổng số điểm sau khi đơn giản hóa' }) positionsAfter: number;
  @Field(() => [String], { description: 'Tên hoặc mã của các đối tượng không khớp xã, phường nào đang có hiệu lực' }) unmatched: string[];
}

@ObjectType({ description: 'Ranh giới các xã, phường đang có hiệu lực (GeoJSON FeatureCollection)' })
export class UnitBoundaries {
  @Field({ description: 'FeatureCollection; properties: unitId, name, source (IMPORTED | SCHEMATIC)' }) geojson: string;
  @Field({ description: 'Có ranh giới minh họa (không chính thức) trong bản đồ' }) schematic: boolean;
  @Field(() => String, { nullable: true, description: 'Ghi chú hiển thị trên bản đồ khi có ranh giới minh họa' }) noteVi: string | null;
  @Field(() => Int) units: number;
  @Field(() => Int, { description: 'Số xã, phường chưa có ranh giới' }) missing: number;
}

interface Feature {
  type?: string;
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}

/**
 * Org's unit boundaries (issue 15 item 3). Import: a GeoJSON FeatureCollection whose features name their unit by
 * `properties.code` (our unit code), `ministryCode` or `name`; all valid or nothing is written, every problem named
 * in Vietnamese. The map reads the communes and wards in force today.
 */
@Injectable()
export class BoundaryService {
  constructor(private readonly db: TenantDb) {}

  async boundaries(ctx: TenantContext): Promise<UnitBoundaries> {
    return this.db.run(ctx, async (em) => {
      const rows: { unitId: string; name: string; geometry: BoundaryGeometry | null; source: string | null }[] = await em.query(
        `SELECT u.id AS "unitId", u.name, b.geometry, b.source FROM administrative_unit u LEFT JOIN unit_boundary b ON b.unit_id = u.id
         WHERE u.level IN ('COMMUNE', 'WARD', 'SPECIAL_ZONE') AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1) ORDER BY u.name`,
        [todayInVietnam()],
      );
      const withShape = rows.filter((r) => r.geometry);
      const schematic = withShape.some((r) => r.source === 'SCHEMATIC');
      return {
        geojson: JSON.stringify({
          type: 'FeatureCollection',
          features: withShape.map((r) => ({ type: 'Feature', properties: { unitId: r.unitId, name: r.name, source: r.source }, geometry: r.geometry })),
        }),
        schematic, noteVi: schematic ? SCHEMATIC_NOTE_VI : null, units: rows.length, missing: rows.length - withShape.length,
      };
    });
  }

  async importBoundaries(ctx: TenantContext, geojson: string, fileName: string | null): Promise<BoundaryImportResult> {
    if (ctx.scope !== 'province' || !ctx.provinceId) throw Errors.forbidden('Boundaries are imported by the Sở', 'Ranh giới do Sở nhập');
    if (geojson.length > 20 * 1024 * 1024) throw Errors.badInput('Tệp GeoJSON quá lớn (tối đa 20 MB)', 'GeoJSON too large (20 MB at most)', { field: 'geojson' });
    let parsed: { type?: string; features?: Feature[] };
    try {
      parsed = JSON.parse(geojson);
    } catch {
      throw Errors.badInput('Tệp không phải GeoJSON (JSON) hợp lệ', 'Not valid GeoJSON (JSON)', { field: 'geojson' });
    }
    if (parsed?.type !== 'FeatureCollection' || !Array.isArray(parsed.features) || !parsed.features.length) {
      throw Errors.badInput('Tệp phải là một FeatureCollection có ít nhất một đối tượng', 'Expected a FeatureCollection with features', { field: 'geojson' });
    }
    return this.db.run(ctx, async (em) => {
      const units: { id: string; code: string; name: string; ministryCode: string | null }[] = await em.query(
        `SELECT id, code, name, ministry_code AS "ministryCode" FROM administrative_unit
         WHERE province_id = $1 AND level IN ('COMMUNE', 'WARD', 'SPECIAL_ZONE') AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)`,
        [ctx.provinceId, todayInVietnam()],
      );
      const byCode = new Map(units.map((u) => [u.code, u]));
      const byMinistry = new Map(units.filter((u) => u.ministryCode).map((u) => [u.ministryCode!, u]));
      const byName = new Map(units.map((u) => [foldVietnamese(u.name), u]));
      const problems: { field: string; messageVi: string; messageEn: string }[] = [];
      const unmatched: string[] = [];
      const matched: { unitId: string; geometry: BoundaryGeometry; before: number; after: number }[] = [];
      parsed.features!.forEach((f, i) => {
        const p = f?.properties ?? {};
        const label = String(p['name'] ?? p['code'] ?? p['ministryCode'] ?? `#${i + 1}`);
        const unit = byCode.get(String(p['code'] ?? '')) ?? byMinistry.get(String(p['ministryCode'] ?? '')) ?? byName.get(foldVietnamese(String(p['name'] ?? '')));
        if (!unit) { unmatched.push(label); return; }
        const issues = geometryProblems(f.geometry);
        if (issues.length) {
          problems.push({ field: `features[${i}]`, messageVi: `${label}: ranh giới không hợp lệ (${issues.join('; ')})`, messageEn: `${label}: ${issues.join('; ')}` });
          return;
        }
        const geometry = f.geometry as BoundaryGeometry;
        const simple = simplifyGeometry(geometry);
        matched.push({ unitId: unit.id, geometry: simple, before: positionCount(geometry), after: positionCount(simple) });
      });
      // All or nothing: a file with any invalid geometry writes nothing.
      if (problems.length) throw Errors.validation(problems.slice(0, 50), 'Tệp ranh giới có lỗi, chưa nhập gì: vui lòng sửa các đối tượng được liệt kê', 'The boundary file has problems; nothing was imported');
      if (!matched.length) throw Errors.badInput('Không đối tượng nào khớp với xã, phường đang có hiệu lực của tỉnh (theo code, ministryCode hoặc name)', 'No feature matches a unit of the province', { field: 'geojson', unmatched: unmatched.slice(0, 50) });
      for (const m of matched) {
        await em.query(
          `INSERT INTO unit_boundary (unit_id, province_id, geometry, source, file_name, positions, imported_by) VALUES ($1, $2, $3, 'IMPORTED', $4, $5, $6)
           ON CONFLICT (unit_id) DO UPDATE SET geometry = EXCLUDED.geometry, source = 'IMPORTED', file_name = EXCLUDED.file_name, positions = EXCLUDED.positions,
             imported_by = EXCLUDED.imported_by, imported_at = now()`,
          [m.unitId, ctx.provinceId, JSON.stringify(m.geometry), fileName, m.after, ctx.userId],
        );
      }
      return { imported: matched.length, positionsBefore: matched.reduce((n, m) => n + m.before, 0), positionsAfter: matched.reduce((n, m) => n + m.after, 0), unmatched };
    });
  }
}

@Resolver()
export class BoundaryResolver {
  constructor(private readonly boundaries: BoundaryService) {}

  @Query(() => UnitBoundaries, { description: 'Ranh giới các xã, phường đang có hiệu lực trong phạm vi của người dùng (cho bản đồ)' })
  @RequirePermission('ANALYTICS_READ')
  unitBoundaries(@Ctx() ctx: TenantContext): Promise<UnitBoundaries> {
    return this.boundaries.boundaries(ctx);
  }
}

/**
 * `POST /api/boundaries` (multipart, field `file`: a .geojson FeatureCollection, WGS 84, at most 20 MB): the Sở's
 * official boundaries of its communes. REST, like every file upload (GraphQL variables hold short texts only).
 */
@Controller('api/boundaries')
export class BoundaryController {
  constructor(private readonly boundaries: BoundaryService) {}

  @Post()
  @HttpCode(200)
  @RequirePermission('CENTRE_MANAGE')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5 } }))
  importBoundaries(@Ctx() ctx: TenantContext, @UploadedFile() file: { buffer: Buffer; originalname?: string } | undefined): Promise<BoundaryImportResult> {
    if (!file?.buffer?.length) throw Errors.badInput('Chưa chọn tệp GeoJSON (trường "file")', 'No file uploaded (field "file")', { field: 'file' });
    return this.boundaries.importBoundaries(ctx, file.buffer.toString('utf8'), file.originalname ?? null);
  }
}

/** The demo's schematic boundaries (seed only, system scope): squares for every commune in force today. */
export async function seedSchematicBoundaries(sql: (q: string, p?: unknown[]) => Promise<{ rows: { id: string; name: string; province_id: string }[] }>, origins: ReadonlyMap<string, [number, number]>): Promise<number> {
  const units = (await sql(
    `SELECT id, name, province_id FROM administrative_unit WHERE level IN ('COMMUNE', 'WARD', 'SPECIAL_ZONE') AND valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1) ORDER BY province_id, name`,
    [todayInVietnam()],
  )).rows;
  let n = 0;
  for (const [provinceId, origin] of origins) {
    const mine = units.filter((u) => u.province_id === provinceId);
    for (const [unitId, geometry] of schematicSquares(mine.map((u) => u.id), origin)) {
      await sql(`INSERT INTO unit_boundary (unit_id, province_id, geometry, source, positions) VALUES ($1, $2, $3, 'SCHEMATIC', 5) ON CONFLICT (unit_id) DO NOTHING`, [unitId, provinceId, JSON.stringify(geometry)]);
      n++;
    }
  }
  return n;
}
