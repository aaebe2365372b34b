/**
 * Versioned literacy (XMC) recognition parameters — domain.md §D1 and §H.
 *
 * The standards come from NĐ 20/2014/NĐ-CP Art. 20–21 (commune, district, province) and are applied through
 * TT 07/2016/TT-BGDĐT. Thresholds, age bands and the tier that aggregates communes are data, not code: a new
 * decree (e.g. the 2023 draft widening the band to 15–62) becomes a new parameter set, not a code change.
 *
 * All percentages are stored as decimal percentages (90 = 90%) and compared exactly (see exact.ts).
 * Dates are calendar dates 'YYYY-MM-DD' in Vietnam (UTC+7); `validFrom` and `validTo` are both inclusive.
 */
import { vietnamDateOf } from '@gdtx/domain';
import { pctFraction } from './exact';

export const LiteracyAgeBands = ['15_25', '15_35', '15_60'] as const;
/** Age band of a population count: 15–25, 15–35 or 15–60 years. */
export type LiteracyAgeBand = (typeof LiteracyAgeBands)[number];

/** "15_35" → "15-35", as written in reports. */
export function bandLabel(band: LiteracyAgeBand): string {
  return band.replace('_', '-');
}

/**
 * Which tier aggregates communes.
 * - `DISTRICT`: commune → district (share of communes) → province (share of districts). NĐ 20/2014 Art. 20–21.
 * - `PROVINCE_DIRECT`: after the district tier was abolished (1 Jul 2025) communes roll up directly to the
 *   province, whose rule becomes a share of communes. [U] (domain §D1: "not found"; the most likely reading).
 */
export type AggregationTier = 'DISTRICT' | 'PROVINCE_DIRECT';

/** "At least `minRatePct` % of the people in `band` are literate at the level". */
export interface BandRule {
  band: LiteracyAgeBand;
  minRatePct: number;
}

/** A commune-level criterion: the general rule and the alternative for ĐBKK (especially disadvantaged) communes. */
export interface CommuneLevelRule {
  standard: BandRule;
  dbkkAlternative: BandRule;
}

/** "At least `l1MinSharePct` % of the child units are at level 1; at least `l2MinSharePct` % at level 2". */
export interface ShareThresholds {
  l1MinSharePct: number;
  l2MinSharePct: number;
}

/** An authority, in Vietnamese and English (e.g. "Chủ tịch UBND cấp tỉnh"). */
export interface Recogniser {
  vi: string;
  en: string;
}

/** A tier of the recognition chain: which unit is recognised, and by whom at level 1 and at level 2. */
export interface RecognitionStep {
  tier: 'COMMUNE' | 'DISTRICT' | 'PROVINCE';
  l1: Recogniser;
  l2: Recogniser;
}

export interface LiteracyParameters {
  /** Stable identifier, stored with every evaluation result. */
  version: string;
  /** First day (inclusive), 'YYYY-MM-DD'. */
  validFrom: string;
  /** Last day (inclusive), 'YYYY-MM-DD', or null when open-ended. */
  validTo: string | null;
  legalBasis: readonly string[];
  descriptionVi: string;
  descriptionEn: string;
  commune: { l1: CommuneLevelRule; l2: CommuneLevelRule };
  /** District rule (share of its communes). Only used when `aggregationTier` is 'DISTRICT'. */
  district: ShareThresholds;
  /**
   * Province rule. With tier 'DISTRICT' the shares are of districts; with 'PROVINCE_DIRECT' they are of
   * communes (the province takes over the district's rule — [U]).
   */
  province: ShareThresholds;
  aggregationTier: AggregationTier;
  /**
   * The recognition chain, bottom up (commune first): who recognises each tier at each level. Configuration,
   * not code: NĐ 20/2014 Art. 30 before the reform, NĐ 143/2025 after it (commune: [U]). Its tiers must match
   * `aggregationTier` (with 'DISTRICT': commune, district, province; with 'PROVINCE_DIRECT': commune, province).
   * Optional for sets saved before issue 12 (their chain is then unknown and the API says so).
   */
  recognition?: readonly RecognitionStep[];
  /**
   * When true, disabled persons exempt from literacy ("khuyết tật thuộc diện miễn") are removed from the
   * denominator of every rate. Whether the law does so is not confirmed [U]; default false.
   */
  excludeDisabledExempt: boolean;
  /**
   * When true, a ĐBKK commune that fails its alternative band still passes if it meets the standard band.
   * NĐ 20/2014 states only the alternative for ĐBKK communes, so the shipped sets say false [U].
   */
  dbkkMayUseStandardBand: boolean;
  /**
   * What no legal text settles and this set assumes ([U] in domain.md), shown to the Sở's administrators in
   * their language and in plain words (issue 16 item 7: no field names or tags). A set an administrator wrote
   * may hold plain strings, in the words they chose.
   */
  assumptions: readonly (string | Assumption)[];
}

/** One assumption of a parameter set, in both languages of the web. */
export interface Assumption {
  vi: string;
  en: string;
}

const COMMUNE_RULES_ND20: LiteracyParameters['commune'] = {
  // Art. 20(1): ≥ 90% of people aged 15–35 at literacy level 1; ĐBKK commune: aged 15–25.
  l1: { standard: { band: '15_35', minRatePct: 90 }, dbkkAlternative: { band: '15_25', minRatePct: 90 } },
  // Art. 21(1): ≥ 90% of people aged 15–60 at literacy level 2; ĐBKK commune: aged 15–35.
  l2: { standard: { band: '15_60', minRatePct: 90 }, dbkkAlternative: { band: '15_35', minRatePct: 90 } },
};

// Each names the setting it explains (excludeDisabledExempt, dbkkMayUseStandardBand, the 0-denominator rule) in
// words a Sở specialist uses; the [U] sources are in domain.md §D1.
const COMMON_ASSUMPTIONS: readonly Assumption[] = [
  {
    vi: 'Người khuyết tật được miễn vẫn được tính vào số người trong độ tuổi khi tính tỷ lệ; chưa có văn bản quy định rõ.',
    en: 'Exempt persons with disabilities stay in the population of the age band when rates are computed; no legal text settles this.',
  },
  {
    vi: 'Xã đặc biệt khó khăn chỉ được xét theo độ tuổi dành riêng cho xã đặc biệt khó khăn, đúng như Điều 20–21 Nghị định 20/2014/NĐ-CP.',
    en: 'An especially disadvantaged commune is judged on its own age band only, as Articles 20–21 of Decree 20/2014 are worded.',
  },
  {
    vi: 'Xã không có người nào trong độ tuổi xét chuẩn thì không được công nhận đạt chuẩn ở mức đó.',
    en: 'A commune with nobody in the age band is not recognised at that level.',
  },
];

const DISTRICT_CHAIRMAN: Recogniser = { vi: 'Chủ tịch UBND cấp huyện', en: "Chairman of the district People's Committee" };
const PROVINCE_CHAIRMAN: Recogniser = { vi: 'Chủ tịch UBND cấp tỉnh', en: "Chairman of the provincial People's Committee" };
const MINISTER: Recogniser = { vi: 'Bộ trưởng Bộ Giáo dục và Đào tạo', en: 'Minister of Education and Training' };

/** NĐ 20/2014 Art. 30: the district recognises communes, the province districts, the Ministry the province. */
export const RECOGNITION_ND20_2014: readonly RecognitionStep[] = [
  { tier: 'COMMUNE', l1: DISTRICT_CHAIRMAN, l2: DISTRICT_CHAIRMAN },
  { tier: 'DISTRICT', l1: PROVINCE_CHAIRMAN, l2: PROVINCE_CHAIRMAN },
  { tier: 'PROVINCE', l1: MINISTER, l2: MINISTER },
];

/**
 * NĐ 143/2025: the provincial chairman recognises the province at XMC level 1, the Minister keeps level 2.
 * Communes: the province [U] (domain §D1, "most likely the province recognises communes directly").
 */
export const RECOGNITION_ND143_2025: readonly RecognitionStep[] = [
  { tier: 'COMMUNE', l1: PROVINCE_CHAIRMAN, l2: PROVINCE_CHAIRMAN },
  { tier: 'PROVINCE', l1: PROVINCE_CHAIRMAN, l2: MINISTER },
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value as object)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** NĐ 20/2014/NĐ-CP as applied with the district tier (commune → district → province), until 30 Jun 2025. */
export const ND20_2014: LiteracyParameters = deepFreeze({
  version: 'ND20_2014',
  validFrom: '2014-05-15', // effective date of NĐ 20/2014/NĐ-CP (signed 24/03/2014)
  validTo: '2025-06-30',
  legalBasis: [
    'Nghị định 20/2014/NĐ-CP về phổ cập giáo dục, xóa mù chữ (Điều 20, 21, 30)',
    'Thông tư 07/2016/TT-BGDĐT quy định điều kiện bảo đảm và nội dung, quy trình, thủ tục kiểm tra công nhận đạt chuẩn phổ cập giáo dục, xóa mù chữ',
  ],
  descriptionVi: 'Chuẩn XMC theo NĐ 20/2014: xã → huyện → tỉnh',
  descriptionEn: 'Literacy standards of Decree 20/2014: commune → district → province',
  commune: COMMUNE_RULES_ND20,
  district: { l1MinSharePct: 90, l2MinSharePct: 90 }, // Art. 20(2), 21(2)
  province: { l1MinSharePct: 90, l2MinSharePct: 100 }, // Art. 20(3), 21(3): 100% of districts at level 2
  aggregationTier: 'DISTRICT',
  recognition: RECOGNITION_ND20_2014,
  excludeDisabledExempt: false,
  dbkkMayUseStandardBand: false,
  assumptions: COMMON_ASSUMPTIONS,
} satisfies LiteracyParameters);

/**
 * NĐ 20/2014 standards after the 2025 reform (district tier abolished 1 Jul 2025; NĐ 143/2025 moves the
 * recognition of provinces to the provincial UBND chairman for XMC level 1, the Minister keeping level 2).
 * Communes roll up directly to the province, which applies the former district rule to its communes:
 * ≥ 90% of communes at level 1 and ≥ 90% at level 2. [U]
 */
export const ND20_2014_POST_2025_REFORM: LiteracyParameters = deepFreeze({
  version: 'ND20_2014_POST_2025_REFORM',
  validFrom: '2025-07-01',
  validTo: null,
  legalBasis: [
    'Nghị định 20/2014/NĐ-CP về phổ cập giáo dục, xóa mù chữ (Điều 20, 21)',
    'Thông tư 07/2016/TT-BGDĐT',
    'Nghị định 143/2025/NĐ-CP (thẩm quyền công nhận sau khi bỏ cấp huyện)',
  ],
  descriptionVi: 'Chuẩn XMC theo NĐ 20/2014 sau khi bỏ cấp huyện (từ 01/7/2025): xã → tỉnh',
  descriptionEn: 'Decree 20/2014 literacy standards without the district tier (from 1 Jul 2025): commune → province',
  commune: COMMUNE_RULES_ND20,
  district: { l1MinSharePct: 90, l2MinSharePct: 90 }, // kept for reference; no districts after 1 Jul 2025
  province: { l1MinSharePct: 90, l2MinSharePct: 90 }, // [U] the former district rule, applied to communes
  aggregationTier: 'PROVINCE_DIRECT',
  recognition: RECOGNITION_ND143_2025,
  excludeDisabledExempt: false,
  dbkkMayUseStandardBand: false,
  assumptions: [
    ...COMMON_ASSUMPTIONS,
    {
      vi: 'Từ 01/7/2025 kết quả của các xã được tổng hợp thẳng lên tỉnh (không còn cấp huyện).',
      en: 'From 1 July 2025 the communes\' results roll up directly to the province (there is no district tier).',
    },
    {
      vi: 'Tỉnh đạt chuẩn khi ít nhất 90% số xã đạt mức 1 và ít nhất 90% số xã đạt mức 2 (áp dụng ngưỡng trước đây dành cho cấp huyện).',
      en: 'The province meets the standard when at least 90% of its communes reach level 1 and at least 90% reach level 2 (the former district thresholds).',
    },
    {
      vi: 'Chủ tịch UBND tỉnh công nhận xã đạt chuẩn (Nghị định 143/2025/NĐ-CP giao tỉnh công nhận mức 1, Bộ trưởng công nhận mức 2; chưa tìm thấy quy định về bước công nhận xã).',
      en: "The chairman of the provincial People's Committee recognises communes (Decree 143/2025 gives level 1 to the province and level 2 to the Minister; the commune step was not found).",
    },
  ],
} satisfies LiteracyParameters);

/** The parameter sets shipped with the product, oldest first. Administrators may supply their own list. */
export const SHIPPED_LITERACY_PARAMETERS: readonly LiteracyParameters[] = Object.freeze([
  ND20_2014,
  ND20_2014_POST_2025_REFORM,
]);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/**
 * The Vietnamese calendar date of `date` as 'YYYY-MM-DD'. A 'YYYY-MM-DD' string is taken as is; a Date (or a
 * full ISO timestamp) is converted to Vietnam time first, so 2025-06-30T18:00Z is already 2025-07-01.
 */
export function toVietnamDate(date: Date | string): string {
  if (typeof date === 'string') {
    if (ISO_DATE.test(date)) {
      if (!isRealIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
      return date;
    }
    return toVietnamDate(new Date(date));
  }
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return vietnamDateOf(date);
}

/** Problems with a parameter set (empty when valid). English messages: this is administrator data. */
export function validateParameters(p: LiteracyParameters): string[] {
  const issues: string[] = [];
  if (!p.version || typeof p.version !== 'string') issues.push('version is required');
  if (!isRealIsoDate(p.validFrom)) issues.push(`validFrom is not a date: ${String(p.validFrom)}`);
  if (p.validTo !== null && !isRealIsoDate(p.validTo)) issues.push(`validTo is not a date: ${String(p.validTo)}`);
  if (p.validTo !== null && isRealIsoDate(p.validFrom) && isRealIsoDate(p.validTo) && p.validTo < p.validFrom) {
    issues.push('validTo is before validFrom');
  }
  const checkPct = (pct: number, where: string) => {
    try {
      pctFraction(pct);
      if (pct <= 0 || pct > 100) issues.push(`${where} must be in (0, 100], got ${pct}`);
    } catch (e) {
      issues.push(`${where}: ${(e as Error).message}`);
    }
  };
  for (const level of ['l1', 'l2'] as const) {
    for (const kind of ['standard', 'dbkkAlternative'] as const) {
      const rule = p.commune?.[level]?.[kind];
      if (!rule) {
        issues.push(`commune.${level}.${kind} is missing`);
        continue;
      }
      if (!(LiteracyAgeBands as readonly string[]).includes(rule.band)) {
        issues.push(`commune.${level}.${kind}.band is unknown: ${String(rule.band)}`);
      }
      checkPct(rule.minRatePct, `commune.${level}.${kind}.minRatePct`);
    }
  }
  for (const tier of ['district', 'province'] as const) {
    checkPct(p[tier]?.l1MinSharePct, `${tier}.l1MinSharePct`);
    checkPct(p[tier]?.l2MinSharePct, `${tier}.l2MinSharePct`);
  }
  if (p.aggregationTier !== 'DISTRICT' && p.aggregationTier !== 'PROVINCE_DIRECT') {
    issues.push(`aggregationTier is unknown: ${String(p.aggregationTier)}`);
  }
  if (p.recognition !== undefined) {
    const expected = p.aggregationTier === 'DISTRICT' ? ['COMMUNE', 'DISTRICT', 'PROVINCE'] : ['COMMUNE', 'PROVINCE'];
    if (!Array.isArray(p.recognition)) issues.push('recognition must be a list');
    else {
      const tiers = p.recognition.map((r) => r?.tier);
      if (tiers.join(',') !== expected.join(',')) {
        issues.push(`recognition tiers must be ${expected.join(', ')} for aggregationTier ${String(p.aggregationTier)}, got ${tiers.join(', ')}`);
      }
      p.recognition.forEach((r, i) => {
        for (const level of ['l1', 'l2'] as const) {
          const who = r?.[level];
          if (!who || typeof who.vi !== 'string' || !who.vi.trim() || typeof who.en !== 'string' || !who.en.trim()) {
            issues.push(`recognition[${i}].${level} needs vi and en`);
          }
        }
      });
    }
  }
  if (typeof p.excludeDisabledExempt !== 'boolean') issues.push('excludeDisabledExempt must be a boolean');
  if (typeof p.dbkkMayUseStandardBand !== 'boolean') issues.push('dbkkMayUseStandardBand must be a boolean');
  if (p.assumptions !== undefined) {
    if (!Array.isArray(p.assumptions)) issues.push('assumptions must be a list');
    else {
      p.assumptions.forEach((a: unknown, i) => {
        const ok = typeof a === 'string' || (typeof a === 'object' && a !== null && typeof (a as Assumption).vi === 'string' && typeof (a as Assumption).en === 'string');
        if (!ok) issues.push(`assumptions[${i}] must be a text or { vi, en }`);
      });
    }
  }
  return issues;
}

/**
 * The parameter set in force on `date` (Vietnam calendar date). Throws when no set, or more than one set,
 * covers the date — overlapping or missing validity is an administration error, never guessed around.
 */
export function parametersFor(
  date: Date | string,
  sets: readonly LiteracyParameters[] = SHIPPED_LITERACY_PARAMETERS,
): LiteracyParameters {
  const day = toVietnamDate(date);
  const matches = sets.filter((p) => p.validFrom <= day && (p.validTo === null || day <= p.validTo));
  if (matches.length === 0) {
    throw new RangeError(`no literacy parameter set is valid on ${day}`);
  }
  if (matches.length > 1) {
    throw new RangeError(
      `literacy parameter sets overlap on ${day}: ${matches.map((p) => p.version).join(', ')}`,
    );
  }
  const chosen = matches[0];
  const issues = validateParameters(chosen);
  if (issues.length > 0) {
    throw new RangeError(`literacy parameter set ${chosen.version} is invalid: ${issues.join('; ')}`);
  }
  return chosen;
}
