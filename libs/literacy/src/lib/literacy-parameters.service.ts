import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertUuid, audit, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { unitRefOf } from '@gdtx/org';
import { parametersFor, toVietnamDate, validateParameters, type LiteracyParameters } from './rules/parameters';
import type { LearningSocietyTarget } from './rules/learning-society';
import type {
  CommuneDbkkDto, LearningSocietyTargetDto, LiteracyParameterSetDto, SetCommuneDbkkInput, SetLearningSocietyTargetInput, SetLiteracyParametersInput,
} from './literacy.types';

interface ParameterRow {
  provinceId: string | null;
  version: string;
  definition: LiteracyParameters;
}

interface DbkkRow {
  unitId: string;
  validFrom: string;
  validTo: string | null;
  decisionRef: string | null;
}

/**
 * Versioned parameters as data: literacy parameter sets, the ĐBKK commune registry and learning-society targets.
 * National rows (province_id NULL) ship with the product; a Sở overrides a national row by saving a row of the
 * same key (version; code + year) for its province.
 */
@Injectable()
export class LiteracyParametersService {
  constructor(private readonly db: TenantDb) {}

  /** The parameter sets that apply in `provinceId`: its own rows, plus national rows it has not overridden. */
  async effectiveSets(em: EntityManager, provinceId: string): Promise<LiteracyParameters[]> {
    const rows: ParameterRow[] = await em.query(
      `SELECT province_id AS "provinceId", version, definition FROM literacy_parameter_set
       WHERE province_id IS NULL OR province_id = $1 ORDER BY valid_from`,
      [provinceId],
    );
    const own = new Set(rows.filter((r) => r.provinceId).map((r) => r.version));
    return rows.filter((r) => r.provinceId || !own.has(r.version)).map((r) => r.definition);
  }

  /** The set in force on `date` for the province; an administration error (gap, overlap) is INTERNAL-safe BAD_USER_INPUT. */
  async parametersOn(em: EntityManager, provinceId: string, date: string): Promise<LiteracyParameters> {
    const sets = await this.effectiveSets(em, provinceId);
    try {
      return parametersFor(date, sets);
    } catch (e) {
      throw Errors.badInput(
        `Không xác định được bộ tham số xóa mù chữ áp dụng ngày ${date}: ${(e as Error).message}`,
        `No literacy parameter set applies on ${date}: ${(e as Error).message}`,
      );
    }
  }

  async dbkkRows(em: EntityManager, provinceId: string): Promise<Map<string, DbkkRow[]>> {
    const rows: DbkkRow[] = await em.query(
      `SELECT unit_id AS "unitId", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo",
              decision_ref AS "decisionRef"
       FROM commune_dbkk WHERE province_id = $1`,
      [provinceId],
    );
    const map = new Map<string, DbkkRow[]>();
    for (const r of rows) map.set(r.unitId, [...(map.get(r.unitId) ?? []), r]);
    return map;
  }

  async effectiveTargets(em: EntityManager, provinceId: string): Promise<LearningSocietyTarget[]> {
    const rows: (LearningSocietyTarget & { provinceId: string | null })[] = await em.query(
      `SELECT province_id AS "provinceId", code, year, target_pct::float8 AS "targetPct", name_vi AS "nameVi", name_en AS "nameEn",
              legal_basis AS "legalBasis"
       FROM learning_society_target WHERE province_id IS NULL OR province_id = $1 ORDER BY code, year`,
      [provinceId],
    );
    const own = new Set(rows.filter((r) => r.provinceId).map((r) => `${r.code}/${r.year}`));
    return rows.filter((r) => r.provinceId || !own.has(`${r.code}/${r.year}`));
  }

  // ----------------------------------------------------------------------------------------------------------
  // Read and edit (GraphQL)
  // ----------------------------------------------------------------------------------------------------------

  async listParameterSets(ctx: TenantContext): Promise<LiteracyParameterSetDto[]> {
    const provinceId = requireProvince(ctx);
    return this.db.run(ctx, async (em) => {
      const rows: { provinceId: string | null; version: string; validFrom: string; validTo: string | null; legalBasis: string[]; definition: unknown }[] =
        await em.query(
          `SELECT province_id AS "provinceId", version, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo",
                  legal_basis AS "legalBasis", definition
           FROM literacy_parameter_set WHERE province_id IS NULL OR province_id = $1 ORDER BY valid_from, province_id NULLS FIRST`,
          [provinceId],
        );
      const own = new Set(rows.filter((r) => r.provinceId).map((r) => r.version));
      return rows
        .filter((r) => r.provinceId || !own.has(r.version))
        .map((r) => ({
          version: r.version, validFrom: r.validFrom, validTo: r.validTo, legalBasis: r.legalBasis,
          source: r.provinceId ? 'PROVINCE' : 'NATIONAL', definitionJson: JSON.stringify(r.definition),
        }));
    });
  }

  /**
   * Saves a province parameter set (new version, or an override of a national one). The whole effective list
   * must stay without gaps between the first and last set and without overlaps: checked before committing.
   */
  async setParameters(ctx: TenantContext, input: SetLiteracyParametersInput): Promise<LiteracyParameterSetDto> {
    const provinceId = requireProvince(ctx);
    let definition: LiteracyParameters;
    try {
      definition = JSON.parse(input.definitionJson);
    } catch {
      throw Errors.validation([{ field: 'definitionJson', messageVi: 'Tham số không phải JSON hợp lệ', messageEn: 'definitionJson is not valid JSON' }]);
    }
    const issues = typeof definition === 'object' && definition ? validateParameters(definition) : ['not an object'];
    if (issues.length) {
      throw Errors.validation(issues.map((i) => ({ field: 'definitionJson', messageVi: `Tham số không hợp lệ: ${i}`, messageEn: i })));
    }
    await this.db.run(ctx, async (em) => {
      await em.query(
        `INSERT INTO literacy_parameter_set (province_id, version, valid_from, valid_to, definition, legal_basis, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT ((coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid)), version)
         DO UPDATE SET valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, definition = EXCLUDED.definition,
                       legal_basis = EXCLUDED.legal_basis, updated_at = now()`,
        [provinceId, definition.version, definition.validFrom, definition.validTo, JSON.stringify(definition), [...(definition.legalBasis ?? [])], ctx.userId],
      );
      const sets = await this.effectiveSets(em, provinceId);
      const overlap = findOverlap(sets);
      if (overlap) {
        throw Errors.conflict(
          `Bộ tham số ${overlap[0]} và ${overlap[1]} có thời gian hiệu lực chồng lên nhau; hãy điều chỉnh ngày hiệu lực của bộ trước`,
          `Parameter sets ${overlap[0]} and ${overlap[1]} overlap; adjust the validity of the earlier one first`,
          { reason: 'OVERLAPPING_VALIDITY' },
        );
      }
      await audit(em, ctx, { provinceId, action: 'LITERACY_PARAMETERS_SET', entity: 'literacy_parameter_set', entityId: definition.version, data: { ...definition } });
    });
    return (await this.listParameterSets(ctx)).find((s) => s.version === definition.version && s.source === 'PROVINCE')!;
  }

  async listDbkk(ctx: TenantContext): Promise<CommuneDbkkDto[]> {
    const provinceId = requireProvince(ctx);
    return this.db.run(ctx, async (em) => [...(await this.dbkkRows(em, provinceId)).values()].flat());
  }

  /** Records that a commune is ĐBKK from `validFrom` (to `validTo`), e.g. from a QĐ of the Prime Minister. */
  async setDbkk(ctx: TenantContext, input: SetCommuneDbkkInput): Promise<CommuneDbkkDto> {
    const provinceId = requireProvince(ctx);
    assertUuid(input.unitId, 'unitId');
    if (input.validTo && input.validTo < input.validFrom) {
      throw Errors.validation([{ field: 'validTo', messageVi: 'Ngày hết hiệu lực phải sau ngày có hiệu lực', messageEn: 'validTo must not be before validFrom' }]);
    }
    return this.db.run(ctx, async (em) => {
      const found = await unitRefOf(em, input.unitId);
      const unit = found && found.provinceId === provinceId ? found : null;
      if (!unit) throw Errors.notFound({ vi: 'đơn vị hành chính', en: 'Administrative unit' }, input.unitId);
      if (!['COMMUNE', 'WARD', 'SPECIAL_ZONE'].includes(unit.level)) {
        throw Errors.validation([{ field: 'unitId', messageVi: 'Chỉ xã, phường, đặc khu mới được xác định là xã ĐBKK', messageEn: 'Only commune-level units can be ĐBKK' }]);
      }
      const [row] = await em.query(
        `INSERT INTO commune_dbkk (province_id, unit_id, valid_from, valid_to, decision_ref, created_by) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (province_id, unit_id, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to, decision_ref = EXCLUDED.decision_ref
         RETURNING unit_id AS "unitId", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo", decision_ref AS "decisionRef"`,
        [provinceId, input.unitId, input.validFrom, input.validTo ?? null, input.decisionRef ?? null, ctx.userId],
      );
      await audit(em, ctx, { provinceId, action: 'COMMUNE_DBKK_SET', entity: 'commune_dbkk', entityId: input.unitId, data: { ...input } });
      return row;
    });
  }

  async listTargets(ctx: TenantContext): Promise<LearningSocietyTargetDto[]> {
    const provinceId = requireProvince(ctx);
    return this.db.run(ctx, async (em) => {
      const rows: (LearningSocietyTargetDto & { provinceId: string | null })[] = await em.query(
        `SELECT province_id AS "provinceId", code, year, target_pct::float8 AS "targetPct", name_vi AS "nameVi", name_en AS "nameEn", legal_basis AS "legalBasis"
         FROM learning_society_target WHERE province_id IS NULL OR province_id = $1 ORDER BY code, year`,
        [provinceId],
      );
      const own = new Set(rows.filter((r) => r.provinceId).map((r) => `${r.code}/${r.year}`));
      return rows
        .filter((r) => r.provinceId || !own.has(`${r.code}/${r.year}`))
        .map(({ provinceId: p, ...r }) => ({ ...r, source: p ? 'PROVINCE' : 'NATIONAL' }));
    });
  }

  /** Sets the province's target for (code, year); names and legal basis default to the national row's. */
  async setTarget(ctx: TenantContext, input: SetLearningSocietyTargetInput): Promise<LearningSocietyTargetDto> {
    const provinceId = requireProvince(ctx);
    await this.db.run(ctx, async (em) => {
      const [national] = await em.query(
        `SELECT name_vi, name_en, legal_basis FROM learning_society_target WHERE province_id IS NULL AND code = $1 ORDER BY abs(year - $2) LIMIT 1`,
        [input.code, input.year],
      );
      const nameVi = input.nameVi ?? national?.name_vi;
      const nameEn = input.nameEn ?? national?.name_en;
      if (!nameVi || !nameEn) {
        throw Errors.validation([{ field: 'nameVi', messageVi: 'Chỉ tiêu mới cần có tên tiếng Việt và tiếng Anh', messageEn: 'A new target needs nameVi and nameEn' }]);
      }
      await em.query(
        `INSERT INTO learning_society_target (province_id, code, year, target_pct, name_vi, name_en, legal_basis, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
         ON CONFLICT ((coalesce(province_id, '00000000-0000-0000-0000-000000000000'::uuid)), code, year)
         DO UPDATE SET target_pct = EXCLUDED.target_pct, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, legal_basis = EXCLUDED.legal_basis`,
        [provinceId, input.code, input.year, input.targetPct, nameVi, nameEn, input.legalBasis ?? national?.legal_basis ?? 'Kế hoạch của tỉnh', ctx.userId],
      );
      await audit(em, ctx, { provinceId, action: 'LEARNING_SOCIETY_TARGET_SET', entity: 'learning_society_target', entityId: `${input.code}/${input.year}`, data: { ...input } });
    });
    return (await this.listTargets(ctx)).find((t) => t.code === input.code && t.year === input.year)!;
  }
}

/** Whether `unitId` is ĐBKK on `date` by the registry: undefined when the registry says nothing about the unit. */
export function dbkkOn(rows: Map<string, DbkkRow[]>, unitId: string, date: string): boolean | undefined {
  const list = rows.get(unitId);
  if (!list?.length) return undefined;
  return list.some((r) => r.validFrom <= date && (r.validTo === null || date <= r.validTo));
}

function findOverlap(sets: readonly LiteracyParameters[]): [string, string] | null {
  const sorted = [...sets].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev.validTo === null || prev.validTo >= sorted[i].validFrom) return [prev.version, sorted[i].version];
  }
  return null;
}

export function requireProvince(ctx: TenantContext): string {
  if (!ctx.provinceId) throw Errors.forbidden('A province is required', 'Cần xác định tỉnh');
  return ctx.provinceId;
}

export { toVietnamDate };
