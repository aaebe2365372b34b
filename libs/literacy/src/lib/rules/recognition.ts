/**
 * Literacy (XMC) recognition rules — NĐ 20/2014/NĐ-CP Art. 20–21, domain.md §D1, §E.5, §H.
 *
 * Pure functions: counts in, verdicts and bilingual reasons out. The data layer loads commune aggregates
 * (per age band) and the parameter set in force (parametersFor) and stores what these functions return.
 * Every threshold check is exact integer arithmetic (exact.ts): 90.0% passes, 89.9% fails.
 */
import type { UnitLevel } from '@gdtx/domain';
import { assertCount, formatPct, formatThreshold, isCount, ratio, ratioAtLeastPct } from './exact';
import {
  bandLabel,
  LiteracyAgeBands,
  type BandRule,
  type LiteracyAgeBand,
  type LiteracyParameters,
  type ShareThresholds,
} from './parameters';

/** 0 = not recognised, 1 = XMC level 1, 2 = XMC level 2. */
export type LiteracyLevel = 0 | 1 | 2;

/** Counts for one age band of one commune (people resident in the commune, from the PCGD-XMC survey). */
export interface BandCounts {
  population: number;
  /** People recognised literate at level 1 (includes those at level 2). */
  literateL1: number;
  /** People recognised literate at level 2. */
  literateL2: number;
  /** Disabled people exempt from literacy; removed from the denominator only if the parameter says so. */
  disabledExempt?: number;
}

export interface CommuneLiteracyData {
  unitId: string;
  name: string;
  /** Especially disadvantaged commune (xã ĐBKK): enables the alternative bands (§E.5). */
  dbkk: boolean;
  bands: Partial<Record<LiteracyAgeBand, BandCounts>>;
}

export interface LiteracyDataIssue {
  /** e.g. 'bands.15_35.literateL1' */
  path: string;
  messageVi: string;
  messageEn: string;
}

/** Thrown when counts are impossible (negative, fractional, literate > population, …). */
export class LiteracyDataError extends Error {
  constructor(
    readonly unitId: string,
    readonly issues: readonly LiteracyDataIssue[],
  ) {
    super(`invalid literacy data for ${unitId}: ${issues.map((i) => `${i.path}: ${i.messageEn}`).join('; ')}`);
    this.name = 'LiteracyDataError';
  }
}

/** One commune criterion as evaluated (level 1 or level 2 on one age band). */
export interface CommuneCriterion {
  level: 1 | 2;
  met: boolean;
  /** literate / denominator as a ratio (0.9 = 90%), or null when the band has no data or no population. */
  rate: number | null;
  band: LiteracyAgeBand;
  /** Threshold in percent (90 = 90%). */
  threshold: number;
  basis: 'STANDARD' | 'DBKK_ALTERNATIVE';
  literate: number | null;
  /** population, minus disabled exempt persons when the parameter set excludes them. */
  denominator: number | null;
  missingData: boolean;
}

export interface CommuneResult {
  kind: 'COMMUNE';
  unitId: string;
  name: string;
  dbkk: boolean;
  level: LiteracyLevel;
  /** The decisive level-1 criterion (the one met, else the primary one for this commune). */
  l1: CommuneCriterion;
  l2: CommuneCriterion;
  /** True when a band needed for the verdict was not supplied. */
  missingData: boolean;
  reasons: string[];
  reasonsEn: string[];
  paramsVersion: string;
}

/** The minimal shape an aggregate needs from a child unit; stored recognitions can be passed as well. */
export interface RecognisedUnit {
  unitId: string;
  /** Must match the tier being aggregated ('PROVINCE' is accepted by the type only so results can be passed). */
  kind: 'COMMUNE' | 'DISTRICT' | 'PROVINCE';
  level: LiteracyLevel;
}

export interface ShareCriterion {
  level: 1 | 2;
  met: boolean;
  /** Child units at this level or higher. */
  count: number;
  total: number;
  /** count / total as a ratio, or null when there are no child units. */
  share: number | null;
  /** Threshold in percent. */
  threshold: number;
}

export interface AggregateResult {
  kind: 'DISTRICT' | 'PROVINCE';
  unitId: string;
  childKind: 'COMMUNE' | 'DISTRICT';
  level: LiteracyLevel;
  l1: ShareCriterion;
  l2: ShareCriterion;
  reasons: string[];
  reasonsEn: string[];
  paramsVersion: string;
}

// ---------------------------------------------------------------------------------------------------------
// Rates
// ---------------------------------------------------------------------------------------------------------

/** The denominator of a rate: population, minus disabled exempt persons when the parameters exclude them. */
export function rateDenominator(
  population: number,
  disabledExempt: number | null | undefined,
  params: Pick<LiteracyParameters, 'excludeDisabledExempt'>,
): number {
  assertCount(population, 'population');
  const exempt = disabledExempt ?? 0;
  assertCount(exempt, 'disabledExempt');
  if (exempt > population) throw new RangeError('disabledExempt cannot exceed population');
  return params.excludeDisabledExempt ? population - exempt : population;
}

/**
 * Literacy rate `literate / denominator` as a ratio (0.9 = 90%); null when the denominator is 0.
 * Use {@link meetsRate} (exact) rather than comparing this number with a threshold.
 */
export function literacyRate(
  literate: number,
  population: number,
  disabledExempt: number | null | undefined,
  params: Pick<LiteracyParameters, 'excludeDisabledExempt'>,
): number | null {
  assertCount(literate, 'literate');
  const den = rateDenominator(population, disabledExempt, params);
  if (literate > den) throw new RangeError(`literate (${literate}) exceeds the denominator (${den})`);
  return ratio(literate, den);
}

/** Exact test `literate / denominator ≥ thresholdPct %`; false when the denominator is 0. */
export function meetsRate(
  literate: number,
  population: number,
  disabledExempt: number | null | undefined,
  thresholdPct: number,
  params: Pick<LiteracyParameters, 'excludeDisabledExempt'>,
): boolean {
  assertCount(literate, 'literate');
  const den = rateDenominator(population, disabledExempt, params);
  return den > 0 && ratioAtLeastPct(literate, den, thresholdPct);
}

// ---------------------------------------------------------------------------------------------------------
// Validation (§E.5)
// ---------------------------------------------------------------------------------------------------------

/**
 * Impossible or inconsistent commune counts (§E.1, §E.5). `evaluateCommune` throws a LiteracyDataError when
 * this returns anything; the data layer can call it first to show the messages on the form.
 */
export function validateCommuneData(
  data: CommuneLiteracyData,
  params?: Pick<LiteracyParameters, 'excludeDisabledExempt'>,
): LiteracyDataIssue[] {
  const issues: LiteracyDataIssue[] = [];
  const add = (path: string, messageVi: string, messageEn: string) => issues.push({ path, messageVi, messageEn });
  if (!data.unitId) add('unitId', 'Thiếu mã đơn vị', 'unitId is required');
  if (typeof data.dbkk !== 'boolean') add('dbkk', 'Thiếu thông tin xã ĐBKK', 'the ĐBKK flag is required');
  const bands = data.bands ?? {};
  for (const key of Object.keys(bands)) {
    if (!(LiteracyAgeBands as readonly string[]).includes(key)) {
      add(`bands.${key}`, `Độ tuổi không hợp lệ: ${key}`, `unknown age band: ${key}`);
    }
  }
  for (const band of LiteracyAgeBands) {
    const c = bands[band];
    if (!c) continue;
    const label = bandLabel(band);
    const fields = ['population', 'literateL1', 'literateL2', 'disabledExempt'] as const;
    let countsOk = true;
    for (const f of fields) {
      const v = c[f];
      if (f === 'disabledExempt' && v === undefined) continue;
      if (!isCount(v)) {
        countsOk = false;
        add(
          `bands.${band}.${f}`,
          `Số liệu độ tuổi ${label} (${f}) phải là số nguyên không âm`,
          `${f} for ages ${label} must be a non-negative integer`,
        );
      }
    }
    if (!countsOk) continue;
    if (c.literateL1 > c.population) {
      add(
        `bands.${band}.literateL1`,
        `Số người biết chữ mức độ 1 độ tuổi ${label} vượt quá dân số`,
        `level 1 literate aged ${label} exceed the population`,
      );
    }
    if (c.literateL2 > c.literateL1) {
      add(
        `bands.${band}.literateL2`,
        `Số người biết chữ mức độ 2 độ tuổi ${label} vượt quá số người biết chữ mức độ 1`,
        `level 2 literate aged ${label} exceed level 1 literate`,
      );
    }
    const exempt = c.disabledExempt ?? 0;
    if (exempt > c.population) {
      add(
        `bands.${band}.disabledExempt`,
        `Số người khuyết tật được miễn độ tuổi ${label} vượt quá dân số`,
        `disabled exempt aged ${label} exceed the population`,
      );
    } else if (params?.excludeDisabledExempt && c.literateL1 > c.population - exempt) {
      add(
        `bands.${band}.literateL1`,
        `Số người biết chữ mức độ 1 độ tuổi ${label} vượt quá dân số sau khi trừ người khuyết tật được miễn`,
        `level 1 literate aged ${label} exceed the population minus disabled exempt persons`,
      );
    }
  }
  // Nested bands: pop(15–25) ≤ pop(15–35) ≤ pop(15–60).
  for (let i = 0; i + 1 < LiteracyAgeBands.length; i++) {
    for (let j = i + 1; j < LiteracyAgeBands.length; j++) {
      const narrow = bands[LiteracyAgeBands[i]];
      const wide = bands[LiteracyAgeBands[j]];
      if (narrow && wide && isCount(narrow.population) && isCount(wide.population) && narrow.population > wide.population) {
        const a = bandLabel(LiteracyAgeBands[i]);
        const b = bandLabel(LiteracyAgeBands[j]);
        add(
          `bands.${LiteracyAgeBands[i]}.population`,
          `Dân số độ tuổi ${a} lớn hơn dân số độ tuổi ${b}`,
          `population aged ${a} exceeds population aged ${b}`,
        );
      }
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// Commune
// ---------------------------------------------------------------------------------------------------------

interface Explained {
  criterion: CommuneCriterion;
  vi: string[];
  en: string[];
}

function evaluateBand(
  data: CommuneLiteracyData,
  level: 1 | 2,
  rule: BandRule,
  basis: CommuneCriterion['basis'],
  params: LiteracyParameters,
): Explained {
  const label = bandLabel(rule.band);
  const dbkkVi = basis === 'DBKK_ALTERNATIVE' ? ' (xã đặc biệt khó khăn)' : '';
  const dbkkEn = basis === 'DBKK_ALTERNATIVE' ? ' (ĐBKK commune)' : '';
  const thVi = formatThreshold(rule.minRatePct, 'vi');
  const thEn = formatThreshold(rule.minRatePct, 'en');
  const counts = data.bands[rule.band];
  const base = { level, band: rule.band, threshold: rule.minRatePct, basis } as const;
  if (!counts) {
    return {
      criterion: { ...base, met: false, rate: null, literate: null, denominator: null, missingData: true },
      vi: [`Thiếu số liệu độ tuổi ${label}${dbkkVi} để đánh giá mức độ ${level}`],
      en: [`No data for ages ${label}${dbkkEn} to assess level ${level}`],
    };
  }
  const literate = level === 1 ? counts.literateL1 : counts.literateL2;
  const exempt = counts.disabledExempt ?? 0;
  const den = rateDenominator(counts.population, exempt, params);
  const criterion: CommuneCriterion = {
    ...base,
    met: den > 0 && ratioAtLeastPct(literate, den, rule.minRatePct),
    rate: ratio(literate, den),
    literate,
    denominator: den,
    missingData: false,
  };
  const vi: string[] = [];
  const en: string[] = [];
  if (den === 0) {
    vi.push(`Dân số độ tuổi ${label}${dbkkVi} bằng 0, không tính được tỷ lệ biết chữ mức độ ${level}`);
    en.push(`Population aged ${label}${dbkkEn} is 0; the level ${level} literacy rate cannot be computed`);
  } else {
    const pctVi = formatPct(literate, den, 'vi', rule.minRatePct);
    const pctEn = formatPct(literate, den, 'en', rule.minRatePct);
    vi.push(
      criterion.met
        ? `Tỷ lệ biết chữ mức độ ${level} độ tuổi ${label}${dbkkVi} đạt ${pctVi}, đạt ngưỡng ${thVi}`
        : `Tỷ lệ biết chữ mức độ ${level} độ tuổi ${label}${dbkkVi} đạt ${pctVi}, chưa đạt ${thVi}`,
    );
    en.push(
      criterion.met
        ? `Level ${level} literacy rate, ages ${label}${dbkkEn}: ${pctEn}, meets the ${thEn} threshold`
        : `Level ${level} literacy rate, ages ${label}${dbkkEn}: ${pctEn}, below the ${thEn} threshold`,
    );
  }
  if (params.excludeDisabledExempt && exempt > 0) {
    vi.push(`Mẫu số độ tuổi ${label} không tính ${exempt} người khuyết tật thuộc diện miễn`);
    en.push(`The denominator for ages ${label} leaves out ${exempt} disabled exempt people`);
  }
  return { criterion, vi, en };
}

function evaluateCommuneLevel(data: CommuneLiteracyData, level: 1 | 2, params: LiteracyParameters): Explained {
  const rules = level === 1 ? params.commune.l1 : params.commune.l2;
  const candidates: Array<[BandRule, CommuneCriterion['basis']]> = data.dbkk
    ? [[rules.dbkkAlternative, 'DBKK_ALTERNATIVE']]
    : [[rules.standard, 'STANDARD']];
  if (data.dbkk && params.dbkkMayUseStandardBand) candidates.push([rules.standard, 'STANDARD']);
  const vi: string[] = [];
  const en: string[] = [];
  let decisive: CommuneCriterion | undefined;
  for (const [rule, basis] of candidates) {
    const r = evaluateBand(data, level, rule, basis, params);
    vi.push(...r.vi);
    en.push(...r.en);
    decisive ??= r.criterion; // the primary criterion, unless a later one is met
    if (r.criterion.met) {
      decisive = r.criterion;
      break;
    }
  }
  return { criterion: decisive as CommuneCriterion, vi, en };
}

/**
 * Recognition level of one commune (NĐ 20/2014 Art. 20(1), 21(1)).
 *
 * - Level 1: rate_L1(15–35) ≥ 90%; ĐBKK commune: rate_L1(15–25) ≥ 90%.
 * - Level 2: rate_L2(15–60) ≥ 90%; ĐBKK commune: rate_L2(15–35) ≥ 90%; and level 1 must be met (§E.5).
 *
 * Bands and thresholds come from `params`. A missing band, or a band with no population, fails its criterion.
 * Throws LiteracyDataError on impossible counts (see validateCommuneData).
 */
export function evaluateCommune(data: CommuneLiteracyData, params: LiteracyParameters): CommuneResult {
  const issues = validateCommuneData(data, params);
  if (issues.length > 0) throw new LiteracyDataError(data.unitId, issues);

  const l1 = evaluateCommuneLevel(data, 1, params);
  const l2 = evaluateCommuneLevel(data, 2, params);
  const level: LiteracyLevel = l1.criterion.met ? (l2.criterion.met ? 2 : 1) : 0;

  const reasons = [communeVerdictVi(level), ...l1.vi, ...l2.vi];
  const reasonsEn = [communeVerdictEn(level), ...l1.en, ...l2.en];
  if (l2.criterion.met && !l1.criterion.met) {
    reasons.push('Đạt tiêu chí mức độ 2 nhưng chưa đạt mức độ 1 nên chưa được công nhận mức độ 2');
    reasonsEn.push('Meets the level 2 criterion but not level 1, so level 2 cannot be recognised');
  }
  return {
    kind: 'COMMUNE',
    unitId: data.unitId,
    name: data.name,
    dbkk: data.dbkk,
    level,
    l1: l1.criterion,
    l2: l2.criterion,
    missingData: l1.criterion.missingData || l2.criterion.missingData,
    reasons,
    reasonsEn,
    paramsVersion: params.version,
  };
}

function communeVerdictVi(level: LiteracyLevel): string {
  return level === 0 ? 'Xã chưa đạt chuẩn xóa mù chữ' : `Xã đạt chuẩn xóa mù chữ mức độ ${level}`;
}
function communeVerdictEn(level: LiteracyLevel): string {
  return level === 0 ? 'The commune does not meet the literacy standard' : `The commune meets literacy level ${level}`;
}

// ---------------------------------------------------------------------------------------------------------
// District and province
// ---------------------------------------------------------------------------------------------------------

const CHILD_NOUN = {
  COMMUNE: { vi: 'xã', en: 'communes' },
  DISTRICT: { vi: 'huyện', en: 'districts' },
} as const;

function shareCriterion(children: readonly RecognisedUnit[], level: 1 | 2, thresholdPct: number): ShareCriterion {
  const total = children.length;
  const count = children.filter((c) => c.level >= level).length;
  return {
    level,
    met: total > 0 && ratioAtLeastPct(count, total, thresholdPct),
    count,
    total,
    share: ratio(count, total),
    threshold: thresholdPct,
  };
}

function shareReason(c: ShareCriterion, childKind: 'COMMUNE' | 'DISTRICT'): { vi: string; en: string } {
  const noun = CHILD_NOUN[childKind];
  const thVi = formatThreshold(c.threshold, 'vi');
  const thEn = formatThreshold(c.threshold, 'en');
  if (c.total === 0) {
    return {
      vi: `Không có ${noun.vi} nào để đánh giá mức độ ${c.level}`,
      en: `No ${noun.en} to assess level ${c.level}`,
    };
  }
  const pctVi = formatPct(c.count, c.total, 'vi', c.threshold);
  const pctEn = formatPct(c.count, c.total, 'en', c.threshold);
  return c.met
    ? {
        vi: `Có ${c.count}/${c.total} ${noun.vi} đạt chuẩn xóa mù chữ mức độ ${c.level} (${pctVi}), đạt ngưỡng ${thVi}`,
        en: `${c.count} of ${c.total} ${noun.en} at literacy level ${c.level} (${pctEn}), meets the ${thEn} threshold`,
      }
    : {
        vi: `Có ${c.count}/${c.total} ${noun.vi} đạt chuẩn xóa mù chữ mức độ ${c.level} (${pctVi}), chưa đạt ${thVi}`,
        en: `${c.count} of ${c.total} ${noun.en} at literacy level ${c.level} (${pctEn}), below the ${thEn} threshold`,
      };
}

function aggregate(
  kind: AggregateResult['kind'],
  unitId: string,
  childKind: 'COMMUNE' | 'DISTRICT',
  children: readonly RecognisedUnit[],
  thresholds: ShareThresholds,
  params: LiteracyParameters,
): AggregateResult {
  const seen = new Set<string>();
  for (const c of children) {
    if (c.kind !== childKind) {
      throw new RangeError(`${kind} ${unitId} (${params.version}) aggregates ${childKind} units, got ${c.kind} ${c.unitId}`);
    }
    if (c.level !== 0 && c.level !== 1 && c.level !== 2) {
      throw new RangeError(`unit ${c.unitId} has an invalid literacy level: ${String(c.level)}`);
    }
    if (seen.has(c.unitId)) throw new RangeError(`unit ${c.unitId} is counted twice in ${kind} ${unitId}`);
    seen.add(c.unitId);
  }
  const l1 = shareCriterion(children, 1, thresholds.l1MinSharePct);
  const l2 = shareCriterion(children, 2, thresholds.l2MinSharePct);
  const level: LiteracyLevel = l1.met ? (l2.met ? 2 : 1) : 0;
  const unitVi = kind === 'DISTRICT' ? 'Huyện' : 'Tỉnh';
  const unitEn = kind === 'DISTRICT' ? 'The district' : 'The province';
  const r1 = shareReason(l1, childKind);
  const r2 = shareReason(l2, childKind);
  const reasons = [
    level === 0 ? `${unitVi} chưa đạt chuẩn xóa mù chữ` : `${unitVi} đạt chuẩn xóa mù chữ mức độ ${level}`,
    r1.vi,
    r2.vi,
  ];
  const reasonsEn = [
    level === 0 ? `${unitEn} does not meet the literacy standard` : `${unitEn} meets literacy level ${level}`,
    r1.en,
    r2.en,
  ];
  if (l2.met && !l1.met) {
    reasons.push('Đạt tiêu chí mức độ 2 nhưng chưa đạt mức độ 1 nên chưa được công nhận mức độ 2');
    reasonsEn.push('Meets the level 2 criterion but not level 1, so level 2 cannot be recognised');
  }
  return { kind, unitId, childKind, level, l1, l2, reasons, reasonsEn, paramsVersion: params.version };
}

/**
 * District recognition (Art. 20(2), 21(2)): ≥ 90% of its communes at level 1 (resp. level 2; a commune at
 * level 2 counts for level 1 too). Only for parameter sets with the district tier.
 */
export function evaluateDistrict(
  districtId: string,
  communeResults: readonly RecognisedUnit[],
  params: LiteracyParameters,
): AggregateResult {
  if (params.aggregationTier !== 'DISTRICT') {
    throw new RangeError(`parameter set ${params.version} has no district tier (${params.aggregationTier})`);
  }
  return aggregate('DISTRICT', districtId, 'COMMUNE', communeResults, params.district, params);
}

/**
 * Province recognition.
 * - Tier 'DISTRICT' (Art. 20(3), 21(3)): `childResults` are districts; ≥ 90% at level 1, 100% at level 2.
 * - Tier 'PROVINCE_DIRECT' (after 1 Jul 2025, [U]): `childResults` are communes; the thresholds of
 *   `params.province` (the former district rule: 90% / 90%) apply to them.
 */
export function evaluateProvince(
  provinceId: string,
  childResults: readonly RecognisedUnit[],
  params: LiteracyParameters,
): AggregateResult {
  const childKind = params.aggregationTier === 'DISTRICT' ? 'DISTRICT' : 'COMMUNE';
  return aggregate('PROVINCE', provinceId, childKind, childResults, params.province, params);
}

// ---------------------------------------------------------------------------------------------------------
// Roll-up over an administrative tree
// ---------------------------------------------------------------------------------------------------------

export interface AdminUnitNode {
  id: string;
  parentId: string | null;
  level: UnitLevel;
  name?: string;
}

export interface RollUpResult {
  paramsVersion: string;
  tier: LiteracyParameters['aggregationTier'];
  province: AggregateResult;
  /** Empty with tier 'PROVINCE_DIRECT'. */
  districts: AggregateResult[];
  communes: CommuneResult[];
  /** Commune-level units of the tree with no data: counted as not recognised (level 0). */
  communesWithoutData: string[];
  /** Data whose unitId is not a commune-level unit under the province: ignored. */
  unmatchedData: string[];
}

/** Commune-level units: communes, wards and special zones (domain §G, §H). */
const BASE_LEVELS: ReadonlySet<UnitLevel> = new Set<UnitLevel>(['COMMUNE', 'WARD', 'SPECIAL_ZONE']);

/**
 * Evaluates every commune-level unit under the province, then (tier 'DISTRICT') each district, then the
 * province. A commune without data counts as not recognised, so missing reports lower the shares instead
 * of silently shrinking the denominator. The tree must contain exactly one PROVINCE node; units not under
 * it are ignored.
 */
export function rollUp(
  tree: readonly AdminUnitNode[],
  communeData: readonly CommuneLiteracyData[],
  params: LiteracyParameters,
): RollUpResult {
  const byId = new Map<string, AdminUnitNode>();
  for (const node of tree) {
    if (byId.has(node.id)) throw new RangeError(`unit ${node.id} appears twice in the tree`);
    byId.set(node.id, node);
  }
  const provinces = tree.filter((n) => n.level === 'PROVINCE');
  if (provinces.length !== 1) {
    throw new RangeError(`rollUp needs exactly one PROVINCE unit in the tree, found ${provinces.length}`);
  }
  const province = provinces[0];
  const children = new Map<string, AdminUnitNode[]>();
  for (const node of tree) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  /** Commune-level descendants of `rootId`, in tree order, with the district each one lies under (if any). */
  const baseUnits: Array<{ node: AdminUnitNode; districtId: string | null }> = [];
  const visited = new Set<string>([province.id]);
  const walk = (id: string, districtId: string | null) => {
    for (const child of children.get(id) ?? []) {
      if (visited.has(child.id)) continue; // a cycle or a second path: visit once
      visited.add(child.id);
      if (child.level === 'PROVINCE') throw new RangeError(`province ${child.id} lies under province ${province.id}`);
      const nextDistrict = child.level === 'DISTRICT' ? child.id : districtId;
      if (BASE_LEVELS.has(child.level)) baseUnits.push({ node: child, districtId: nextDistrict });
      walk(child.id, nextDistrict);
    }
  };
  walk(province.id, null);

  const dataById = new Map<string, CommuneLiteracyData>();
  for (const d of communeData) {
    if (dataById.has(d.unitId)) throw new RangeError(`two data rows for unit ${d.unitId}`);
    dataById.set(d.unitId, d);
  }
  const baseIds = new Set(baseUnits.map((b) => b.node.id));
  const unmatchedData = communeData.filter((d) => !baseIds.has(d.unitId)).map((d) => d.unitId);

  const communesWithoutData: string[] = [];
  const communes: CommuneResult[] = baseUnits.map(({ node }) => {
    const data = dataById.get(node.id);
    if (data) return evaluateCommune(data, params);
    communesWithoutData.push(node.id);
    const empty = evaluateCommune({ unitId: node.id, name: node.name ?? node.id, dbkk: false, bands: {} }, params);
    empty.reasons.splice(1, 0, 'Chưa có số liệu xóa mù chữ của xã');
    empty.reasonsEn.splice(1, 0, 'No literacy data reported for the commune');
    return empty;
  });

  if (params.aggregationTier === 'PROVINCE_DIRECT') {
    return {
      paramsVersion: params.version,
      tier: params.aggregationTier,
      province: evaluateProvince(province.id, communes, params),
      districts: [],
      communes,
      communesWithoutData,
      unmatchedData,
    };
  }

  const orphans = baseUnits.filter((b) => b.districtId === null).map((b) => b.node.id);
  if (orphans.length > 0) {
    throw new RangeError(
      `parameter set ${params.version} aggregates through districts, but these units are not under a district: ${orphans.join(', ')}`,
    );
  }
  const districtNodes = tree.filter((n) => n.level === 'DISTRICT' && visited.has(n.id));
  const resultById = new Map(communes.map((c) => [c.unitId, c]));
  const districts = districtNodes.map((d) =>
    evaluateDistrict(
      d.id,
      baseUnits.filter((b) => b.districtId === d.id).map((b) => resultById.get(b.node.id) as CommuneResult),
      params,
    ),
  );
  return {
    paramsVersion: params.version,
    tier: params.aggregationTier,
    province: evaluateProvince(province.id, districts, params),
    districts,
    communes,
    communesWithoutData,
    unmatchedData,
  };
}
