import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { audit, enqueueOutbox, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { ReportingReader } from '@gdtx/reporting';
import type { IndicatorDefinitionDto, IndicatorDefinitionVersionDto, SaveIndicatorDefinitionInput } from './analytics.types';
import { checkIndicatorFormula, compileFormula, formulaUsesPatterns } from './indicator-formula';
import type { CompiledFormula, FormulaProblem, IndicatorAggregation, IndicatorFormula } from './indicator-formula';

/** The current version of a definition as the caller's province sees it (its own, else the national one). */
export interface CurrentDefinition extends IndicatorFormula {
  id: string;
  code: string;
  provinceId: string | null;
  version: number;
  nameVi: string;
  nameEn: string;
  unit: string;
  descriptionVi: string | null;
  templateCodes: string[];
  sortOrder: number;
}

export interface ReadyDefinition extends CurrentDefinition {
  formula: CompiledFormula;
}

const VERSION_COLUMNS = `v.version, v.province_id AS "provinceId", v.name_vi AS "nameVi", v.name_en AS "nameEn", v.unit, v.description_vi AS "descriptionVi",
  v.template_codes AS "templateCodes", v.numerator, v.denominator, v.factor::float8 AS factor, v.aggregation, v.created_at AS "createdAt", v.created_by AS "createdBy"`;

/** A new province definition sorts after the shipped ones unless it revises one of them. */
const DEFAULT_SORT_ORDER = 500;

/**
 * The current definitions for a province (`provinceId`; null: national ones only): per code, the province's own
 * definition when it has one, else the national one; each at its newest version. RLS restricts the rows to
 * national ones and the caller's province; the explicit filter keeps a system job to one province.
 */
export async function loadCurrentDefinitions(em: EntityManager, provinceId: string | null, codes: readonly string[] | null): Promise<CurrentDefinition[]> {
  return em.query(
    `SELECT * FROM (
       SELECT DISTINCT ON (d.code) d.id, d.code, d.sort_order AS "sortOrder", ${VERSION_COLUMNS}
       FROM indicator_definition d
       JOIN LATERAL (SELECT * FROM indicator_definition_version x WHERE x.definition_id = d.id ORDER BY x.version DESC LIMIT 1) v ON true
       WHERE (d.province_id IS NULL OR d.province_id = $2) AND ($1::text[] IS NULL OR d.code = ANY($1))
       ORDER BY d.code, (d.province_id IS NULL)
     ) cur ORDER BY "sortOrder", code`,
    [codes, provinceId],
  );
}

/** The definitions parsed, with key patterns expanded over the published versions of their templates. */
export async function readyDefinitions(em: EntityManager, defs: CurrentDefinition[]): Promise<ReadyDefinition[]> {
  const needKeys = defs.some((d) => formulaUsesPatterns(d));
  const versions = needKeys ? await ReportingReader.publishedTemplateVersions(em, [...new Set(defs.flatMap((d) => d.templateCodes))]) : [];
  return defs.map((d) => {
    const universe = [...new Set(versions.filter((v) => d.templateCodes.includes(v.templateCode)).flatMap((v) => v.fields.map((f) => f.key)))];
    return { ...d, formula: compileFormula(d, universe) };
  });
}

/** Problems of a formula against the published versions of its templates, plus the rules of indicators. */
export async function formulaProblems(em: EntityManager, f: IndicatorFormula): Promise<FormulaProblem[]> {
  const versions = await ReportingReader.publishedTemplateVersions(em, f.templateCodes);
  const problems = checkIndicatorFormula(f, versions);
  if (!problems.length) {
    const universe = versions.flatMap((v) => v.fields.map((x) => x.key));
    if (!compileFormula(f, universe).currentKeys.length) {
      problems.push({
        field: 'numerator',
        messageVi: 'Chỉ số phải đọc ít nhất một chỉ tiêu của chính báo cáo (ngoài prev())',
        messageEn: 'The indicator must read at least one key of the report itself (outside prev())',
      });
    }
  }
  return problems;
}

export function validationError(problems: FormulaProblem[]) {
  return Errors.validation(
    problems.map((p) => ({ ...p })),
    `Định nghĩa chỉ số chưa hợp lệ: ${problems[0].messageVi}`,
    `Invalid indicator definition: ${problems[0].messageEn}`,
  );
}

export function formulaOf(input: SaveIndicatorDefinitionInput): IndicatorFormula {
  return {
    templateCodes: [...new Set(input.templateCodes)],
    numerator: input.numerator.trim(),
    denominator: input.denominator?.trim() ? input.denominator.trim() : null,
    factor: input.factor,
    aggregation: input.aggregation as IndicatorAggregation,
  };
}

/**
 * Indicator definitions as data (issue 11, Build 4; docs/indicators.md): listed with their versions, saved as a
 * new version by the Sở's administrator. Definitions are per province: the national ones ship with the product
 * and every province reads them; a province's Sở adds its own indicators or revises a national one for its
 * province only (its own definition of that code then replaces the national one for its users). Another
 * province neither sees nor changes them (RLS on both tables, tested in apps/api/test/indicator-definitions).
 */
@Injectable()
export class IndicatorDefinitionService {
  constructor(private readonly db: TenantDb) {}

  list(ctx: TenantContext, codes: string[] | null = null): Promise<IndicatorDefinitionDto[]> {
    return this.db.run(ctx, (em) => this.listIn(em, ctx.provinceId, codes));
  }

  private async listIn(em: EntityManager, provinceId: string | null, codes: string[] | null): Promise<IndicatorDefinitionDto[]> {
    const current = await loadCurrentDefinitions(em, provinceId, codes);
    if (!current.length) return [];
    // Versions of the definition shown, and of the national one it revises (the history reads as one line).
    const versions: (IndicatorDefinitionVersionDto & { code: string })[] = await em.query(
      `SELECT d.code, ${VERSION_COLUMNS} FROM indicator_definition d JOIN indicator_definition_version v ON v.definition_id = d.id
       WHERE d.code = ANY($1) AND (d.province_id IS NULL OR d.province_id = $2)
       ORDER BY d.code, v.version DESC, (v.province_id IS NULL)`,
      [current.map((c) => c.code), provinceId],
    );
    return current.map((c) => ({
      id: c.id, code: c.code, provinceId: c.provinceId, version: c.version, nameVi: c.nameVi, nameEn: c.nameEn, unit: c.unit,
      templateCodes: c.templateCodes, descriptionVi: c.descriptionVi, numerator: c.numerator, denominator: c.denominator,
      factor: c.factor, aggregation: c.aggregation,
      versions: versions
        .filter((v) => v.code === c.code && (c.provinceId !== null || v.provinceId === null))
        .map(({ code: _code, ...v }) => v),
    }));
  }

  /**
   * Saves a new version of the province's definition `input.code` (creating the definition on its first save):
   * checked against every published version of its templates first (VALIDATION_FAILED naming the field and the
   * key), refused with CONFLICT / STALE_VERSION when `expectedVersion` is not the current version.
   */
  save(ctx: TenantContext, input: SaveIndicatorDefinitionInput): Promise<IndicatorDefinitionDto> {
    const provinceId = ctx.provinceId;
    if (ctx.scope !== 'province' || !provinceId) throw Errors.forbidden('Only a Sở manages indicator definitions', 'Chỉ Sở mới quản lý được định nghĩa chỉ số');
    const formula = formulaOf(input);
    const names: FormulaProblem[] = [];
    if (!input.nameVi.trim()) names.push({ field: 'nameVi', messageVi: 'Cần nhập tên tiếng Việt của chỉ số', messageEn: 'The Vietnamese name is required' });
    if (!input.nameEn.trim()) names.push({ field: 'nameEn', messageVi: 'Cần nhập tên tiếng Anh của chỉ số', messageEn: 'The English name is required' });
    return this.db.run(ctx, async (em) => {
      const problems = [...names, ...(await formulaProblems(em, formula))];
      if (problems.length) throw validationError(problems);
      const [national]: { id: string; sortOrder: number; version: number | null }[] = await em.query(
        `SELECT d.id, d.sort_order AS "sortOrder", (SELECT max(version) FROM indicator_definition_version v WHERE v.definition_id = d.id) AS version
         FROM indicator_definition d WHERE d.province_id IS NULL AND d.code = $1`,
        [input.code],
      );
      await em.query(
        `INSERT INTO indicator_definition (province_id, code, sort_order) VALUES ($1, $2, $3)
         ON CONFLICT (coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid), code) DO NOTHING`,
        [provinceId, input.code, national?.sortOrder ?? DEFAULT_SORT_ORDER],
      );
      // Serialises saves of one definition: the version number is read and written under this lock.
      const [own]: { id: string }[] = await em.query(`SELECT id FROM indicator_definition WHERE province_id = $1 AND code = $2 FOR UPDATE`, [provinceId, input.code]);
      const [{ version: ownVersion }]: { version: number | null }[] = await em.query(
        `SELECT max(version) AS version FROM indicator_definition_version WHERE definition_id = $1`,
        [own.id],
      );
      // A province's first revision of a national indicator continues its numbering.
      const current = ownVersion ?? national?.version ?? null;
      if ((input.expectedVersion ?? null) !== current) {
        throw Errors.conflict(
          current === null
            ? `Chỉ số ${input.code} chưa có phiên bản nào; bỏ trống phiên bản khi tạo mới`
            : `Chỉ số ${input.code} đã có phiên bản ${current} (người khác vừa lưu hoặc bạn đang sửa một phiên bản cũ); tải lại rồi sửa tiếp`,
          `Indicator ${input.code} is at version ${current ?? 'none'}, not ${input.expectedVersion ?? 'none'}`,
          { reason: 'STALE_VERSION', currentVersion: current },
        );
      }
      const version = (current ?? 0) + 1;
      await em.query(
        `INSERT INTO indicator_definition_version (definition_id, province_id, version, name_vi, name_en, unit, description_vi, template_codes,
                                                   numerator, denominator, factor, aggregation, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [own.id, provinceId, version, input.nameVi.trim(), input.nameEn.trim(), input.unit.trim(), input.descriptionVi?.trim() || null,
          formula.templateCodes, formula.numerator, formula.denominator, formula.factor, formula.aggregation, ctx.userId],
      );
      await audit(em, ctx, {
        provinceId, action: 'INDICATOR_DEFINITION_SAVED', entity: 'indicator_definition', entityId: own.id,
        data: { code: input.code, version, numerator: formula.numerator, denominator: formula.denominator },
      });
      // The indicator's rollups are rebuilt in the background for the new version (until then it reads the facts).
      await enqueueOutbox(em, ctx, {
        topic: 'analytics.rebuild-indicator-rollups', payload: { code: input.code, version },
        dedupeKey: `indicator-rollups:${provinceId}:${input.code}:v${version}`,
      });
      const [saved] = await this.listIn(em, provinceId, [input.code]);
      return saved;
    });
  }
}
