/**
 * Supervisory areas (issue 12 item 2; domain §H; docs/adr/0012-two-tier-government.md): named sets of communes
 * defined by the Sở, e.g. "Khu vực Thọ Xuân" over the communes of the former district. Membership is versioned
 * by date (a member row is valid from–to), areas may overlap. A SUPERVISOR whose scope is an area monitors the
 * centres of its communes read-only (the area case of the RLS rule, migration 1733004000000).
 */
import { Injectable } from '@nestjs/common';
import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '@gdtx/domain';
import { assertUuid, audit, Ctx, DateScalar, Errors, RequirePermission, SessionBus, TenantContext, TenantDb } from '@gdtx/platform';
import { assertIsoDateArg } from './org.service';
import { AdministrativeUnit } from './org.types';

@ObjectType({ description: 'Khu vực giám sát: tập hợp các xã, phường do Sở xác định (có thể chồng lấn), có hiệu lực theo ngày' })
export class SupervisoryArea {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int) version: number;
  @Field(() => DateScalar, { description: 'Ngày tra cứu (asOf)' }) asOf: string;
  @Field(() => [AdministrativeUnit], { description: 'Các xã, phường của khu vực vào ngày asOf' }) units: AdministrativeUnit[];
}

@InputType()
export class SaveSupervisoryAreaInput {
  @Field(() => ID, { nullable: true, description: 'Bỏ trống để tạo khu vực mới' }) @IsOptional() @IsUUID() id?: string;
  @Field() @Matches(/^[A-Z0-9-]{2,40}$/, { message: 'code: 2–40 ký tự A-Z, 0-9, gạch ngang' }) code: string;
  @Field() @IsString() @Length(2, 200) name: string;
  @Field(() => DateScalar, { description: 'Danh sách xã có hiệu lực từ ngày này' }) @IsString() validFrom: string;
  @Field(() => [ID]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true }) unitIds: string[];
  @Field(() => Int, { nullable: true, description: 'Phiên bản đang sửa (bắt buộc khi sửa)' }) @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

const AREA = { vi: 'khu vực giám sát', en: 'Supervisory area' };
const BASE_LEVELS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'];

@Injectable()
export class SupervisoryAreaService {
  constructor(
    private readonly db: TenantDb,
    private readonly bus: SessionBus,
  ) {}

  /** Areas with at least one member on `asOf` (default today), each with its members on that day. */
  async list(ctx: TenantContext, asOf?: string | null): Promise<SupervisoryArea[]> {
    const on = asOf ? assertIsoDateArg(asOf, 'asOf') : todayInVietnam();
    return this.db.run(ctx, (em) => readAreas(em, on, null));
  }

  async save(ctx: TenantContext, input: SaveSupervisoryAreaInput): Promise<SupervisoryArea> {
    const from = assertIsoDateArg(input.validFrom, 'validFrom');
    const unitIds = [...new Set(input.unitIds.map((id) => assertUuid(id, 'unitIds')))];
    // An area officer's scope is the area's members: the province's cached sessions end after the commit (SessionBus).
    const id = await this.bus.after({ provinceId: ctx.provinceId! }, this.db.run(ctx, async (em) => {
      const units: { id: string; level: string; name: string }[] = await em.query(
        `SELECT id, level, name FROM administrative_unit WHERE id = ANY($1::uuid[]) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)`,
        [unitIds, from],
      );
      const bad = unitIds.filter((u) => !units.some((x) => x.id === u && BASE_LEVELS.includes(x.level)));
      if (bad.length) {
        throw Errors.validation([{
          field: 'unitIds',
          messageVi: `Khu vực chỉ gồm xã, phường, đặc khu có hiệu lực ngày ${from} của tỉnh (không hợp lệ: ${bad.length})`,
          messageEn: `An area holds communes, wards or special zones of the province valid on ${from} (${bad.length} invalid)`,
        }]);
      }
      let areaId = input.id ?? null;
      if (areaId) {
        const [row] = await em.query(
          `UPDATE supervisory_area SET name = $2, version = version + 1, updated_at = now() WHERE id = $1 AND version = $3 RETURNING id`,
          [areaId, input.name.trim(), input.expectedVersion ?? -1],
        );
        if (!row) {
          const [exists] = await em.query(`SELECT version FROM supervisory_area WHERE id = $1`, [areaId]);
          if (!exists) throw Errors.notFound(AREA, areaId);
          throw Errors.conflict('Khu vực đã được người khác sửa, vui lòng tải lại', 'The area was changed by someone else; reload it', { currentVersion: exists.version });
        }
      } else {
        const [dup] = await em.query(`SELECT 1 FROM supervisory_area WHERE province_id = $1 AND code = $2`, [ctx.provinceId, input.code]);
        if (dup) throw Errors.conflict(`Mã khu vực ${input.code} đã tồn tại`, `Area code ${input.code} already exists`);
        const [row] = await em.query(`INSERT INTO supervisory_area (province_id, code, name) VALUES ($1,$2,$3) RETURNING id`, [ctx.provinceId, input.code, input.name.trim()]);
        areaId = row.id as string;
      }
      // Members from validFrom: ones that leave end the day before; ones that join start on validFrom.
      const open: { unit_id: string; valid_from: string }[] = await em.query(
        `SELECT unit_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM supervisory_area_member WHERE area_id = $1 AND valid_to IS NULL`,
        [areaId],
      );
      if (open.some((m) => m.valid_from > from)) {
        throw Errors.badInput('Ngày hiệu lực phải sau lần thay đổi gần nhất của khu vực', 'validFrom must follow the last change of the area', { field: 'validFrom' });
      }
      for (const m of open.filter((m) => !unitIds.includes(m.unit_id))) {
        await em.query(
          `UPDATE supervisory_area_member SET valid_to = $3::date - 1 WHERE area_id = $1 AND unit_id = $2 AND valid_to IS NULL`,
          [areaId, m.unit_id, from],
        );
      }
      // A member whose validity would be empty (it joined on validFrom and leaves on it) is removed outright.
      await em.query(`DELETE FROM supervisory_area_member WHERE area_id = $1 AND valid_to IS NOT NULL AND valid_to < valid_from`, [areaId]);
      for (const u of unitIds.filter((u) => !open.some((m) => m.unit_id === u))) {
        await em.query(
          `INSERT INTO supervisory_area_member (province_id, area_id, unit_id, valid_from) VALUES ($1,$2,$3,$4)`,
          [ctx.provinceId, areaId, u, from],
        );
      }
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: 'SUPERVISORY_AREA_SAVED', entity: 'supervisory_area', entityId: areaId, data: { ...input } });
      return areaId;
    }));
    const [area] = await this.db.run(ctx, (em) => readAreas(em, from, id));
    if (!area) throw Errors.notFound(AREA, id);
    return area;
  }
}

async function readAreas(em: EntityManager, on: string, id: string | null): Promise<SupervisoryArea[]> {
  const rows: (Omit<SupervisoryArea, 'units' | 'asOf'> & { units: AdministrativeUnit[] })[] = await em.query(
    `SELECT a.id, a.code, a.name, a.version,
            json_agg(json_build_object('id', u.id, 'parentId', u.parent_id, 'level', u.level, 'code', u.code, 'name', u.name,
                     'validFrom', to_char(u.valid_from, 'YYYY-MM-DD'), 'validTo', to_char(u.valid_to, 'YYYY-MM-DD'),
                     'successorIds', '[]'::json, 'predecessorIds', '[]'::json) ORDER BY u.name) AS units
     FROM supervisory_area a
     JOIN supervisory_area_member m ON m.area_id = a.id AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1)
     JOIN administrative_unit u ON u.id = m.unit_id
     WHERE ($2::uuid IS NULL OR a.id = $2)
     GROUP BY a.id ORDER BY a.name`,
    [on, id],
  );
  return rows.map((r) => ({ ...r, asOf: on }));
}

@Resolver(() => SupervisoryArea)
export class SupervisoryAreaResolver {
  constructor(private readonly areas: SupervisoryAreaService) {}

  @Query(() => [SupervisoryArea], { description: 'Các khu vực giám sát có hiệu lực vào ngày asOf (mặc định hôm nay)' })
  @RequirePermission('CENTRE_READ')
  supervisoryAreas(@Ctx() ctx: TenantContext, @Args('asOf', { nullable: true, type: () => DateScalar }) asOf?: string): Promise<SupervisoryArea[]> {
    return this.areas.list(ctx, asOf);
  }

  @Mutation(() => SupervisoryArea, { description: 'Sở tạo hoặc sửa khu vực giám sát (danh sách xã có hiệu lực từ validFrom)' })
  @RequirePermission('UNIT_MANAGE')
  saveSupervisoryArea(@Ctx() ctx: TenantContext, @Args('input') input: SaveSupervisoryAreaInput): Promise<SupervisoryArea> {
    if (ctx.scope !== 'province') throw Errors.forbidden('Only the Sở defines supervisory areas', 'Chỉ Sở được xác định khu vực giám sát');
    return this.areas.save(ctx, input);
  }
}

/**
 * For grouping by area (analytics' AREA): each area with its members on `on` and, so that history reported on
 * the units before a reorganisation falls into today's area, the paths of every unit they succeeded.
 * Runs in the caller's transaction (RLS applies).
 */
export async function supervisoryAreaPaths(em: EntityManager, on: string): Promise<{ areaId: string; name: string; paths: string[] }[]> {
  return em.query(
    `WITH RECURSIVE member AS (
       SELECT m.area_id, m.unit_id FROM supervisory_area_member m WHERE m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1)),
     lineage AS (
       SELECT area_id, unit_id FROM member
       UNION
       SELECT l.area_id, s.predecessor_id FROM lineage l JOIN unit_successor s ON s.successor_id = l.unit_id)
     SELECT a.id AS "areaId", a.name, array_agg(DISTINCT u.path) AS paths
     FROM lineage l JOIN supervisory_area a ON a.id = l.area_id JOIN administrative_unit u ON u.id = l.unit_id
     GROUP BY a.id, a.name ORDER BY a.name`,
    [on],
  );
}
