import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CentreTypes, validateTemplateDefinition } from '@gdtx/domain';
import type { CentreType, TemplateDefinition } from '@gdtx/domain';
import { audit, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { iso, TEMPLATE } from './submission.store';
import type { ReportTemplate, ReportTemplateVersion } from './reporting.types';
import { invalidateProvinceRollup } from './status-rollup';

interface TemplateRow {
  definition: TemplateDefinition;
  national: boolean;
  publishedAt: string | null;
}

/**
 * Report templates: the published versions a caller can see (national ones and the province's own, which
 * shadows a national one of the same code) and publishing a new version. The other services of the context
 * read definitions through `definition()`, inside their own transaction.
 */
@Injectable()
export class TemplateService {
  /** Published template versions are immutable, so a parsed definition is cached per (province, code, version). */
  private readonly cache = new Map<string, TemplateRow>();

  constructor(private readonly db: TenantDb) {}

  async listTemplates(ctx: TenantContext, centreType?: CentreType | null): Promise<ReportTemplate[]> {
    return this.db.run(ctx, async (em) => {
      const out: ReportTemplate[] = [];
      for (const r of await this.latestVersions(em, centreType ?? null)) out.push(toTemplateDto(await this.row(em, ctx, r.code, r.version)));
      return out;
    });
  }

  async getTemplate(ctx: TenantContext, code: string, version?: number | null): Promise<ReportTemplate> {
    return this.db.run(ctx, async (em) => toTemplateDto(await this.row(em, ctx, code, version ?? null)));
  }

  /** Every published version of a template the user can see (national ones and the province's own), newest first. */
  async templateVersions(ctx: TenantContext, code: string): Promise<ReportTemplateVersion[]> {
    return this.db.run(ctx, async (em) => {
      const rows: { version: number; nameVi: string; national: boolean; publishedAt: Date | string | null }[] = await em.query(
        `SELECT v.version, v.definition->>'nameVi' AS "nameVi", v.province_id IS NULL AS national, v.published_at AS "publishedAt"
         FROM report_template_version v
         WHERE v.code = $1 AND v.published_at IS NOT NULL
         ORDER BY v.version DESC`,
        [code],
      );
      if (!rows.length) throw Errors.notFound(TEMPLATE, code);
      return rows.map((r) => ({ code, version: r.version, nameVi: r.nameVi, national: r.national, publishedAt: iso(r.publishedAt) }));
    });
  }

  /**
   * The Sở publishes a new version of a template for its province (numbered after every version it can see,
   * national ones included). Published versions are immutable, so this is the only way to change a template;
   * submissions already created keep the version they started with.
   */
  async publishTemplate(ctx: TenantContext, input: unknown): Promise<ReportTemplate> {
    if (ctx.scope !== 'province' || !ctx.provinceId) throw Errors.forbidden('Only the Sở publishes templates', 'Chỉ Sở được ban hành biểu mẫu');
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      throw Errors.badInput('Định nghĩa biểu mẫu phải là một đối tượng JSON', 'The template definition must be a JSON object', { field: 'definition' });
    }
    const draft = JSON.parse(JSON.stringify(input)) as TemplateDefinition;
    return this.db.run(ctx, async (em) => {
      const [latest] = await em.query(
        `SELECT max(version)::int AS version, (array_agg(definition->>'periodType' ORDER BY version DESC))[1] AS "periodType"
         FROM report_template_version WHERE code = $1`,
        [draft.code],
      );
      const definition: TemplateDefinition = { ...draft, version: (latest?.version ?? 0) + 1 };
      let problems: { path: string; messageVi: string; messageEn: string }[];
      try {
        problems = validateTemplateDefinition(definition);
      } catch {
        problems = [{ path: 'definition', messageVi: 'Định nghĩa biểu mẫu sai cấu trúc', messageEn: 'Malformed template definition' }];
      }
      if (!problems.length && !definition.centreTypes?.every((t) => (CentreTypes as readonly string[]).includes(t))) {
        problems.push({ path: 'centreTypes', messageVi: 'Loại trung tâm không hợp lệ', messageEn: 'Unknown centre type' });
      }
      if (!problems.length && latest?.periodType && latest.periodType !== definition.periodType) {
        problems.push({
          path: 'periodType',
          messageVi: 'Không được đổi loại kỳ báo cáo giữa các phiên bản; hãy tạo biểu mẫu mới với mã khác',
          messageEn: 'The period type cannot change between versions; create a template with a new code',
        });
      }
      if (problems.length) {
        throw Errors.validation(
          problems.map((p) => ({ field: p.path, messageVi: p.messageVi, messageEn: p.messageEn })),
          'Định nghĩa biểu mẫu chưa hợp lệ',
          'Invalid template definition',
        );
      }
      const [template] = await em.query(
        `INSERT INTO report_template (province_id, code, name_vi, name_en, period_type, centre_types) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT ((coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid)), code)
         DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, centre_types = EXCLUDED.centre_types RETURNING id`,
        [ctx.provinceId, definition.code, definition.nameVi, definition.nameEn, definition.periodType, definition.centreTypes],
      );
      const [version] = await em.query(
        `INSERT INTO report_template_version (province_id, template_id, code, version, definition, published_at, created_by)
         VALUES ($1,$2,$3,$4,$5,now(),$6) RETURNING id`,
        [ctx.provinceId, template.id, definition.code, definition.version, JSON.stringify(definition), ctx.userId],
      );
      await audit(em, ctx, {
        provinceId: ctx.provinceId!, action: 'TEMPLATE_PUBLISHED', entity: 'report_template_version', entityId: version.id,
        data: { code: definition.code, version: definition.version },
      });
      // What every centre of its types owes may have changed: the province's completeness rollup is recomputed by
      // the next read (or the daily job) instead of serving the old picture.
      await invalidateProvinceRollup(em, ctx.provinceId!);
      // No event: a new version changes no figure already computed (a report keeps the version it was filed
      // on, and facts are per report), so no context has anything to do; before, every publish left a failed job.
      return toTemplateDto(await this.row(em, ctx, definition.code, definition.version));
    });
  }

  /** The published definition of (code, version), or the newest published one; the province's own first. */
  async definition(em: EntityManager, ctx: TenantContext, code: string, version: number | null): Promise<TemplateDefinition> {
    return (await this.row(em, ctx, code, version)).definition;
  }

  /** The newest published definition of every template (of a centre type, when given) the caller can see. */
  async latestDefinitions(em: EntityManager, ctx: TenantContext, centreType: CentreType | null): Promise<TemplateDefinition[]> {
    const out: TemplateDefinition[] = [];
    for (const r of await this.latestVersions(em, centreType)) out.push(await this.definition(em, ctx, r.code, r.version));
    return out;
  }

  private latestVersions(em: EntityManager, centreType: CentreType | null): Promise<{ code: string; version: number }[]> {
    return em.query(
      `SELECT DISTINCT ON (v.code) v.code, v.version FROM report_template_version v
       WHERE v.published_at IS NOT NULL AND ($1::text IS NULL OR v.definition->'centreTypes' ? $1::text)
       ORDER BY v.code, (v.province_id IS NULL), v.version DESC`,
      [centreType],
    );
  }

  private async row(em: EntityManager, ctx: TenantContext, code: string, version: number | null): Promise<TemplateRow> {
    const cacheKey = `${ctx.provinceId ?? '-'}:${code}:${version ?? 'latest'}`;
    const cached = version !== null ? this.cache.get(cacheKey) : undefined;
    if (cached) return cached;
    const [row] = await em.query(
      `SELECT v.version, v.definition, v.province_id IS NULL AS national, v.published_at AS "publishedAt"
       FROM report_template_version v
       WHERE v.code = $1 AND v.published_at IS NOT NULL AND ($2::int IS NULL OR v.version = $2)
       ORDER BY (v.province_id IS NULL), v.version DESC LIMIT 1`,
      [code, version],
    );
    if (!row) throw Errors.notFound(TEMPLATE, version ? `${code} v${version}` : code);
    const exactKey = `${ctx.provinceId ?? '-'}:${code}:${row.version}`;
    const known = this.cache.get(exactKey);
    if (known) return known;
    const parsed: TemplateRow = { definition: deepFreeze(row.definition as TemplateDefinition), national: row.national, publishedAt: iso(row.publishedAt) };
    this.cache.set(exactKey, parsed);
    return parsed;
  }
}

function toTemplateDto(row: TemplateRow): ReportTemplate {
  const t = row.definition;
  return {
    code: t.code, version: t.version, nameVi: t.nameVi, nameEn: t.nameEn, periodType: t.periodType, centreTypes: [...t.centreTypes],
    national: row.national, publishedAt: row.publishedAt, definition: t,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
