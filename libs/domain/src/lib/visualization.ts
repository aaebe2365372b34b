/**
 * The data visualizer (issue 15 item 2; docs/visualizer.md): what a visualisation is, as one plain value that the
 * web keeps in the URL (a shared link reopens it), the API stores as a favourite, and both check with the same
 * rules. The numbers themselves come from analytics' `indicatorValues`; nothing here computes a figure.
 */
import { CentreTypes, type CentreType, type PeriodType } from './enums';
import { addDays, type IsoDate } from './periods/iso-date';
import { periodContaining, previousPeriod, type Period } from './periods/periods';

/**
 * Relative periods, DHIS2-style: the last N *completed* periods of a type before the one containing today (the
 * current period has few accepted reports yet, so it would read as a fall). Labels in Vietnamese and English.
 */
export const RELATIVE_PERIODS = {
  LAST_4_QUARTERS: { type: 'QUARTER', count: 4, labelVi: '4 quý gần nhất', labelEn: 'Last 4 quarters' },
  LAST_8_QUARTERS: { type: 'QUARTER', count: 8, labelVi: '8 quý gần nhất', labelEn: 'Last 8 quarters' },
  LAST_2_SEMESTERS: { type: 'SEMESTER', count: 2, labelVi: '2 học kỳ gần nhất', labelEn: 'Last 2 semesters' },
  LAST_4_SEMESTERS: { type: 'SEMESTER', count: 4, labelVi: '4 học kỳ gần nhất', labelEn: 'Last 4 semesters' },
  LAST_3_SCHOOL_YEARS: { type: 'SCHOOL_YEAR', count: 3, labelVi: '3 năm học gần nhất', labelEn: 'Last 3 school years' },
  LAST_5_SCHOOL_YEARS: { type: 'SCHOOL_YEAR', count: 5, labelVi: '5 năm học gần nhất', labelEn: 'Last 5 school years' },
} as const satisfies Record<string, { type: PeriodType; count: number; labelVi: string; labelEn: string }>;

export type RelativePeriod = keyof typeof RELATIVE_PERIODS;
export const RelativePeriods = Object.keys(RELATIVE_PERIODS) as RelativePeriod[];

export function isRelativePeriod(value: unknown): value is RelativePeriod {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RELATIVE_PERIODS, value);
}

/**
 * @description The periods a relative period stands for on `today`, oldest first.
 * @example resolveRelativePeriods('LAST_4_QUARTERS', '2026-12-03').map((p) => p.code) // ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']
 */
export function resolveRelativePeriods(relative: RelativePeriod, today: IsoDate): Period[] {
  const { type, count } = RELATIVE_PERIODS[relative];
  const current = periodContaining(type, today);
  const periods: Period[] = [];
  let period = periodContaining(type, addDays(current.start, -1));
  for (let i = 0; i < count; i++) {
    periods.unshift(period);
    period = previousPeriod(period);
  }
  return periods;
}

/** What the rows (and the chart's series) are split by, besides the periods (the columns, the x axis). */
export const VisualizationDimensions = ['NONE', 'UNIT_LEVEL', 'AREA', 'CENTRE_TYPE', 'OWNERSHIP'] as const;
export type VisualizationDimension = (typeof VisualizationDimensions)[number];

/** MAP: a choropleth of the communes, so only with the UNIT_LEVEL dimension (see `layoutFitsDimension`). */
export const VisualizationLayouts = ['PIVOT', 'BAR', 'LINE', 'MAP'] as const;
export type VisualizationLayout = (typeof VisualizationLayouts)[number];

/** A map draws units: its rows must be the scope's units (communes), not centre types, areas or ownership. */
export function layoutFitsDimension(layout: VisualizationLayout, dimension: VisualizationDimension): boolean {
  return layout !== 'MAP' || dimension === 'UNIT_LEVEL';
}

export interface VisualizationDefinition {
  /** Indicator codes (analytics' definitions), in the order chosen; 1 to MAX_VISUALIZATION_INDICATORS. */
  indicatorCodes: string[];
  dimension: VisualizationDimension;
  relativePeriod: RelativePeriod;
  /** Filter: one centre type, or all. */
  centreType: CentreType | null;
  layout: VisualizationLayout;
}

export const MAX_VISUALIZATION_INDICATORS = 10;
export const MAX_VISUALIZATION_NAME_LENGTH = 120;
const INDICATOR_CODE = /^[A-Z][A-Z0-9_]{1,59}$/;

export interface VisualizationProblem {
  field: keyof VisualizationDefinition;
  messageVi: string;
  messageEn: string;
}

/** Everything wrong with a definition (empty: valid). Indicator codes are checked for shape; analytics knows which exist. */
export function visualizationProblems(def: VisualizationDefinition): VisualizationProblem[] {
  const problems: VisualizationProblem[] = [];
  const codes = def.indicatorCodes ?? [];
  if (!codes.length || codes.length > MAX_VISUALIZATION_INDICATORS || codes.some((c) => !INDICATOR_CODE.test(c)) || new Set(codes).size !== codes.length) {
    problems.push({
      field: 'indicatorCodes',
      messageVi: `Cần chọn từ 1 đến ${MAX_VISUALIZATION_INDICATORS} chỉ số khác nhau`,
      messageEn: `Choose 1 to ${MAX_VISUALIZATION_INDICATORS} different indicators`,
    });
  }
  if (!(VisualizationDimensions as readonly string[]).includes(def.dimension)) {
    problems.push({ field: 'dimension', messageVi: 'Chiều phân tích không hợp lệ', messageEn: 'Unknown dimension' });
  }
  if (!isRelativePeriod(def.relativePeriod)) {
    problems.push({ field: 'relativePeriod', messageVi: 'Khoảng thời gian không hợp lệ', messageEn: 'Unknown relative period' });
  }
  if (def.centreType !== null && !(CentreTypes as readonly string[]).includes(def.centreType)) {
    problems.push({ field: 'centreType', messageVi: 'Loại trung tâm không hợp lệ', messageEn: 'Unknown centre type' });
  }
  if (!(VisualizationLayouts as readonly string[]).includes(def.layout)) {
    problems.push({ field: 'layout', messageVi: 'Kiểu hiển thị không hợp lệ', messageEn: 'Unknown layout' });
  } else if ((VisualizationDimensions as readonly string[]).includes(def.dimension) && !layoutFitsDimension(def.layout, def.dimension)) {
    problems.push({
      field: 'layout',
      messageVi: 'Bản đồ chỉ hiển thị số liệu theo đơn vị hành chính (chọn chiều phân tích "Đơn vị")',
      messageEn: 'A map shows figures by administrative unit only (choose the "Unit" dimension)',
    });
  }
  return problems;
}

export const DEFAULT_VISUALIZATION: VisualizationDefinition = {
  indicatorCodes: [],
  dimension: 'NONE',
  relativePeriod: 'LAST_5_SCHOOL_YEARS',
  centreType: null,
  layout: 'PIVOT',
};

/**
 * A visualisation as URL query parameters (the shared link): `i` indicator codes (comma-separated), `d` dimension,
 * `p` relative period, `t` centre type, `l` layout. Defaults are left out so links stay short.
 */
export function visualizationToQuery(def: VisualizationDefinition): Record<string, string> {
  const query: Record<string, string> = {};
  if (def.indicatorCodes.length) query['i'] = def.indicatorCodes.join(',');
  if (def.dimension !== DEFAULT_VISUALIZATION.dimension) query['d'] = def.dimension;
  if (def.relativePeriod !== DEFAULT_VISUALIZATION.relativePeriod) query['p'] = def.relativePeriod;
  if (def.centreType) query['t'] = def.centreType;
  if (def.layout !== DEFAULT_VISUALIZATION.layout) query['l'] = def.layout;
  return query;
}

/**
 * The visualisation a link's query holds. A part that is malformed (an edited or outdated link) falls back to its
 * default rather than failing the page; unknown-shaped codes are dropped.
 */
export function visualizationFromQuery(get: (name: string) => string | null): VisualizationDefinition {
  const codes = (get('i') ?? '').split(',').filter((c) => INDICATOR_CODE.test(c));
  const dimension = get('d');
  const relative = get('p');
  const type = get('t');
  const layoutParam = get('l');
  const dim = (VisualizationDimensions as readonly string[]).includes(dimension ?? '') ? (dimension as VisualizationDimension) : DEFAULT_VISUALIZATION.dimension;
  // A map with a dimension it cannot draw (an edited link) opens as the pivot table.
  const layout = (VisualizationLayouts as readonly string[]).includes(layoutParam ?? '') && layoutFitsDimension(layoutParam as VisualizationLayout, dim)
    ? (layoutParam as VisualizationLayout) : DEFAULT_VISUALIZATION.layout;
  return {
    indicatorCodes: [...new Set(codes)].slice(0, MAX_VISUALIZATION_INDICATORS),
    dimension: dim,
    relativePeriod: isRelativePeriod(relative) ? relative : DEFAULT_VISUALIZATION.relativePeriod,
    centreType: (CentreTypes as readonly string[]).includes(type ?? '') ? (type as CentreType) : null,
    layout,
  };
}
