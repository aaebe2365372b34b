import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { visualizationProblems } from '@gdtx/domain';
import type { VisualizationDefinition } from '@gdtx/domain';
import { assertUuid, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { loadCurrentDefinitions } from './indicator-definition.service';
import type { SaveVisualizationInput, VisualizationFavouriteDto } from './visualization.types';

const COLUMNS = `id, name, definition, created_at AS "createdAt", updated_at AS "updatedAt"`;
const NOT_FOUND = { vi: 'biểu đồ yêu thích', en: 'Favourite visualisation' };

/**
 * A user's favourite visualisations (issue 15 item 2; docs/visualizer.md). RLS (seesOwnUserRow) keeps each user
 * to their own rows, so another user's id reads as not found; the definition is checked with the domain's rules
 * (the same the web applies to a shared link) and its indicators against the province's definitions.
 */
@Injectable()
export class VisualizationService {
  constructor(private readonly db: TenantDb) {}

  mine(ctx: TenantContext): Promise<VisualizationFavouriteDto[]> {
    return this.db.read(ctx, (em) => em.query(`SELECT ${COLUMNS} FROM visualization_favourite WHERE user_id = $1 ORDER BY name, created_at`, [ctx.userId]));
  }

  save(ctx: TenantContext, input: SaveVisualizationInput): Promise<VisualizationFavouriteDto> {
    const { provinceId, userId } = ctx;
    if (!provinceId || !userId) throw Errors.forbidden('Favourites belong to a signed-in user of a province', 'Biểu đồ yêu thích thuộc về một người dùng của tỉnh');
    const name = input.name.trim();
    if (!name) throw Errors.validation([{ field: 'name', messageVi: 'Cần đặt tên cho biểu đồ', messageEn: 'The name is required' }]);
    const definition: VisualizationDefinition = {
      indicatorCodes: input.definition.indicatorCodes,
      dimension: input.definition.dimension,
      relativePeriod: input.definition.relativePeriod,
      centreType: input.definition.centreType ?? null,
      layout: input.definition.layout,
    };
    const problems = visualizationProblems(definition);
    if (problems.length) throw Errors.validation(problems.map((p) => ({ ...p, field: `definition.${p.field}` })), `Biểu đồ chưa hợp lệ: ${problems[0].messageVi}`);
    return this.db.run(ctx, async (em) => {
      await this.assertIndicatorsExist(em, provinceId, definition.indicatorCodes);
      const rows: VisualizationFavouriteDto[] = input.id
        ? await em.query(
          `UPDATE visualization_favourite SET name = $2, definition = $3, updated_at = now() WHERE id = $1 AND user_id = $4 RETURNING ${COLUMNS}`,
          [input.id, name, definition, userId],
        ).then(([updated]: [VisualizationFavouriteDto[]]) => updated)
        : await em.query(
          `INSERT INTO visualization_favourite (province_id, user_id, name, definition) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
          [provinceId, userId, name, definition],
        );
      if (!rows.length) throw Errors.notFound(NOT_FOUND, input.id ?? undefined);
      return rows[0];
    });
  }

  remove(ctx: TenantContext, id: string): Promise<string> {
    assertUuid(id);
    return this.db.run(ctx, async (em) => {
      const [deleted]: [{ id: string }[]] = await em.query(`DELETE FROM visualization_favourite WHERE id = $1 RETURNING id`, [id]);
      if (!deleted.length) throw Errors.notFound(NOT_FOUND, id);
      return id;
    });
  }

  private async assertIndicatorsExist(em: EntityManager, provinceId: string, codes: string[]): Promise<void> {
    const known = new Set((await loadCurrentDefinitions(em, provinceId, codes)).map((d) => d.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) {
      throw Errors.validation(
        [{ field: 'definition.indicatorCodes', messageVi: `Không có chỉ số: ${unknown.join(', ')}`, messageEn: `Unknown indicator: ${unknown.join(', ')}` }],
        `Không có chỉ số: ${unknown.join(', ')}`,
      );
    }
  }
}
