/**
 * Pure logic of the Sở's literacy settings screen: a parameter set (definitionJson) to form values and back, the
 * form's checks (mirroring validateParameters of the API, so a wrong value is refused before it is sent), the
 * server's issue texts in Vietnamese, ĐBKK validity and a commune search that ignores Vietnamese diacritics.
 */
import { foldVietnamese } from '@gdtx/domain';

export const AGE_BANDS = ['15_25', '15_35', '15_60'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export type Tier = 'DISTRICT' | 'PROVINCE_DIRECT';

interface BandRule { band: AgeBand; minRatePct: number }
interface Shares { l1MinSharePct: number; l2MinSharePct: number }

/** A literacy parameter set as the API stores it (libs/literacy rules/parameters.ts). */
export interface ParameterDefinition {
  version: string;
  validFrom: string;
  validTo: string | null;
  legalBasis: string[];
  descriptionVi: string;
  descriptionEn: string;
  commune: { l1: { standard: BandRule; dbkkAlternative: BandRule }; l2: { standard: BandRule; dbkkAlternative: BandRule } };
  district: Shares;
  province: Shares;
  aggregationTier: Tier;
  /** Who recognises each tier (not edited on the form: kept from the set adjusted while its tier is unchanged). */
  recognition?: { tier: string; l1: { vi: string; en: string }; l2: { vi: string; en: string } }[];
  excludeDisabledExempt: boolean;
  dbkkMayUseStandardBand: boolean;
  /** A shipped set's assumptions are { vi, en }; an administrator's own are the text they wrote. */
  assumptions: Assumption[];
}

export type Assumption = string | { vi: string; en: string };

/** An assumption in the reader's language (an administrator's own text as written). */
export function assumptionText(a: Assumption, language: 'vi' | 'en'): string {
  return typeof a === 'string' ? a : a[language];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a set's definitionJson; throws when the outer shape is not a parameter set. */
export function parseDefinition(json: string): ParameterDefinition {
  const value: unknown = JSON.parse(json);
  if (!isRecord(value) || typeof value['version'] !== 'string' || !isRecord(value['commune']) || !isRecord(value['province'])) {
    throw new TypeError('definitionJson: expected a literacy parameter set');
  }
  const d = value as unknown as ParameterDefinition;
  return { ...d, legalBasis: [...(d.legalBasis ?? [])], assumptions: [...(d.assumptions ?? [])] };
}

/** The flat form of a set (one field per threshold); dates as 'YYYY-MM-DD' text, lists one item a line. */
export interface ParameterFormValues {
  version: string;
  validFrom: string;
  validTo: string;
  legalBasis: string;
  descriptionVi: string;
  descriptionEn: string;
  l1StandardBand: AgeBand;
  l1StandardPct: number | null;
  l1DbkkBand: AgeBand;
  l1DbkkPct: number | null;
  l2StandardBand: AgeBand;
  l2StandardPct: number | null;
  l2DbkkBand: AgeBand;
  l2DbkkPct: number | null;
  districtL1Pct: number | null;
  districtL2Pct: number | null;
  provinceL1Pct: number | null;
  provinceL2Pct: number | null;
  aggregationTier: Tier;
  excludeDisabledExempt: boolean;
  dbkkMayUseStandardBand: boolean;
  assumptions: string;
}

export const PCT_FIELDS = [
  'l1StandardPct', 'l1DbkkPct', 'l2StandardPct', 'l2DbkkPct', 'districtL1Pct', 'districtL2Pct', 'provinceL1Pct', 'provinceL2Pct',
] as const satisfies readonly (keyof ParameterFormValues)[];

/** The form's values; the assumptions one a line in the editor's language. */
export function toFormValues(d: ParameterDefinition, language: 'vi' | 'en' = 'vi'): ParameterFormValues {
  return {
    version: d.version,
    validFrom: d.validFrom,
    validTo: d.validTo ?? '',
    legalBasis: d.legalBasis.join('\n'),
    descriptionVi: d.descriptionVi ?? '',
    descriptionEn: d.descriptionEn ?? '',
    l1StandardBand: d.commune.l1.standard.band,
    l1StandardPct: d.commune.l1.standard.minRatePct,
    l1DbkkBand: d.commune.l1.dbkkAlternative.band,
    l1DbkkPct: d.commune.l1.dbkkAlternative.minRatePct,
    l2StandardBand: d.commune.l2.standard.band,
    l2StandardPct: d.commune.l2.standard.minRatePct,
    l2DbkkBand: d.commune.l2.dbkkAlternative.band,
    l2DbkkPct: d.commune.l2.dbkkAlternative.minRatePct,
    districtL1Pct: d.district.l1MinSharePct,
    districtL2Pct: d.district.l2MinSharePct,
    provinceL1Pct: d.province.l1MinSharePct,
    provinceL2Pct: d.province.l2MinSharePct,
    aggregationTier: d.aggregationTier,
    excludeDisabledExempt: d.excludeDisabledExempt,
    dbkkMayUseStandardBand: d.dbkkMayUseStandardBand,
    assumptions: d.assumptions.map((a) => assumptionText(a, language)).join('\n'),
  };
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const num = (v: number | null) => Number(v);

/** The set the form describes; a line left as it was keeps its assumption in both languages. */
export function fromFormValues(v: ParameterFormValues, from?: ParameterDefinition, language: 'vi' | 'en' = 'vi'): ParameterDefinition {
  const kept = new Map((from?.assumptions ?? []).map((a) => [assumptionText(a, language), a] as const));
  return {
    ...(from?.recognition && from.aggregationTier === v.aggregationTier ? { recognition: from.recognition } : {}),
    version: v.version.trim(),
    validFrom: v.validFrom.trim(),
    validTo: v.validTo.trim() || null,
    legalBasis: lines(v.legalBasis),
    descriptionVi: v.descriptionVi.trim(),
    descriptionEn: v.descriptionEn.trim(),
    commune: {
      l1: { standard: { band: v.l1StandardBand, minRatePct: num(v.l1StandardPct) }, dbkkAlternative: { band: v.l1DbkkBand, minRatePct: num(v.l1DbkkPct) } },
      l2: { standard: { band: v.l2StandardBand, minRatePct: num(v.l2StandardPct) }, dbkkAlternative: { band: v.l2DbkkBand, minRatePct: num(v.l2DbkkPct) } },
    },
    district: { l1MinSharePct: num(v.districtL1Pct), l2MinSharePct: num(v.districtL2Pct) },
    province: { l1MinSharePct: num(v.provinceL1Pct), l2MinSharePct: num(v.provinceL2Pct) },
    aggregationTier: v.aggregationTier,
    excludeDisabledExempt: v.excludeDisabledExempt,
    dbkkMayUseStandardBand: v.dbkkMayUseStandardBand,
    assumptions: lines(v.assumptions).map((line) => kept.get(line) ?? line),
  };
}

/** Message keys of the checks below (the page translates them). */
export type SettingsProblem = 'pctRange' | 'pctDecimals' | 'dateInvalid' | 'dateOrder' | 'versionInvalid' | 'yearRange' | 'required';

/** A threshold or target: a number in (0, 100] with at most 2 decimals; null when fine. */
export function checkPct(value: number | null | undefined): SettingsProblem | null {
  if (value === null || value === undefined || Number.isNaN(value)) return 'required';
  if (!(value > 0 && value <= 100)) return 'pctRange';
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-9) return 'pctDecimals';
  return null;
}

/** A real calendar date 'YYYY-MM-DD'. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Version: letters, digits, '_' '-' '.', 2–60 characters (an identifier stored with every result). */
export function checkVersion(text: string): SettingsProblem | null {
  if (!text.trim()) return 'required';
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{1,59}$/.test(text.trim()) ? null : 'versionInvalid';
}

/** Validity: a start date, and an end date (optional) not before it. */
export function checkValidity(from: string, to: string | null | undefined): SettingsProblem | null {
  if (!isIsoDate(from)) return 'dateInvalid';
  if (to && !isIsoDate(to)) return 'dateInvalid';
  if (to && to < from) return 'dateOrder';
  return null;
}

/** A target year between 2020 and 2050 (the plans run to 2030; a province may look further). */
export function checkTargetYear(year: number | null | undefined): SettingsProblem | null {
  if (year === null || year === undefined || Number.isNaN(year)) return 'required';
  return Number.isInteger(year) && year >= 2020 && year <= 2050 ? null : 'yearRange';
}

const FIELD_VI: Record<string, string> = {
  'commune.l1.standard.minRatePct': 'Ngưỡng xã mức độ 1 (chuẩn)',
  'commune.l1.dbkkAlternative.minRatePct': 'Ngưỡng xã mức độ 1 (xã ĐBKK)',
  'commune.l2.standard.minRatePct': 'Ngưỡng xã mức độ 2 (chuẩn)',
  'commune.l2.dbkkAlternative.minRatePct': 'Ngưỡng xã mức độ 2 (xã ĐBKK)',
  'district.l1MinSharePct': 'Tỷ lệ xã đạt mức độ 1 để huyện đạt chuẩn',
  'district.l2MinSharePct': 'Tỷ lệ xã đạt mức độ 2 để huyện đạt chuẩn',
  'province.l1MinSharePct': 'Tỷ lệ đơn vị đạt mức độ 1 để tỉnh đạt chuẩn',
  'province.l2MinSharePct': 'Tỷ lệ đơn vị đạt mức độ 2 để tỉnh đạt chuẩn',
};

/**
 * The API reports parameter problems as administrator text ("Tham số không hợp lệ: province.l1MinSharePct must be
 * in (0, 100], got 120"): the known ones become plain Vietnamese, the others are kept as sent.
 */
export function serverIssueVi(message: string): string {
  const body = message.replace(/^Tham số không hợp lệ:\s*/, '');
  const range = /^([\w.]+) must be in \(0, 100\], got (.+)$/.exec(body);
  if (range && FIELD_VI[range[1]]) return `${FIELD_VI[range[1]]} phải lớn hơn 0 và không quá 100% (đã nhập ${range[2]})`;
  if (/^validTo is before validFrom$/.test(body)) return 'Ngày hết hiệu lực phải sau ngày có hiệu lực';
  if (/^version is required$/.test(body)) return 'Cần nhập mã phiên bản';
  const date = /^(validFrom|validTo) is not a date: (.*)$/.exec(body);
  if (date) return `${date[1] === 'validFrom' ? 'Ngày có hiệu lực' : 'Ngày hết hiệu lực'} không phải ngày hợp lệ (${date[2]})`;
  return message;
}

/** Field problems of a VALIDATION_FAILED answer (extensions.fields), in Vietnamese. */
export function serverFieldMessages(extensions: Record<string, unknown>, language: 'vi' | 'en'): string[] {
  const fields = extensions['fields'];
  if (!Array.isArray(fields)) return [];
  return fields
    .filter((f): f is { messageVi: string; messageEn: string } => isRecord(f) && typeof f['messageVi'] === 'string')
    .map((f) => (language === 'vi' ? serverIssueVi(f.messageVi) : String(f.messageEn)));
}

/** Whether a ĐBKK row is in force on `date` (both ends inclusive). */
export function dbkkInForce(row: { validFrom: string; validTo?: string | null }, date: string): boolean {
  return row.validFrom <= date && (!row.validTo || date <= row.validTo);
}

/** "xuan" finds "Xã Xuân Hòa"; every word of the query must appear. */
export function matchesSearch(label: string, query: string): boolean {
  const hay = foldVietnamese(label);
  return foldVietnamese(query).split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

export const COMMUNE_LEVELS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'] as const;

/** The literacy year (1 Oct – 30 Sep) ending in the year of a validity start: where a change first shows. */
export function literacyYearOf(date: string): number {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return m >= 10 ? y + 1 : y;
}
