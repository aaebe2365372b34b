import type { CentreType, PeriodType } from './enums';

/**
 * A report template (data set) is data, not code (architecture §4). A published version is immutable.
 *
 * Value keys — the one addressing scheme used by forms, Excel, validation rules and fact tables:
 *   - a scalar field:       its `code`                      e.g. `exam_candidates`
 *   - a grid cell:          `${grid.code}.${row.code}.${column.code}`  e.g. `learners.g10.female`
 * Codes are snake_case ASCII and unique within a template (fields and grids share one namespace).
 */
export type FieldType = 'integer' | 'decimal' | 'percent' | 'boolean' | 'text' | 'date' | 'choice';

export interface Choice {
  value: string;
  labelVi: string;
  labelEn: string;
}

export interface FieldDef {
  code: string;
  labelVi: string;
  labelEn: string;
  type: FieldType;
  /** e.g. 'người', 'lớp', 'triệu đồng', '%'. */
  unit?: string;
  min?: number;
  max?: number;
  required?: boolean;
  choices?: Choice[];
  /** Max length for text fields (default 2000). */
  maxLength?: number;
  helpVi?: string;
  helpEn?: string;
  /** A target (kế hoạch) rather than an actual: stored apart, achievement > 100% allowed (domain §E.10). */
  isTarget?: boolean;
  /**
   * A computed field (rate, total): derived from the report's other figures on every save, never typed.
   * Belongs to the template version, so reports filed against an older version keep what they stored.
   * Evaluated by `deriveComputedValues` (validation/computed.ts) in the browser and on the server.
   */
  computed?: ComputedDef;
}

/**
 * The formula of a computed field, as data: an expression of the rule language (RuleDef) over the current
 * report's keys, yielding a number, e.g. `100 * exam_certified / exam_candidates`. It may not read prev(),
 * the period or another computed field (so the order of evaluation never matters).
 */
export interface ComputedDef {
  expression: string;
  /** Decimal places kept, rounding half away from zero. Default: 1 for percent, 2 for decimal, 0 for integer. */
  decimals?: number;
}

export interface GridAxisItem {
  code: string;
  labelVi: string;
  labelEn: string;
}

/** A disaggregation grid: rows × columns of numeric cells (e.g. grade × sex, age band × level). */
export interface GridDef {
  code: string;
  labelVi: string;
  labelEn: string;
  type: 'integer' | 'decimal';
  /** Dimension names, e.g. 'grade', 'sex', 'age_band', 'subject', 'literacy_level'. */
  rowDimension: string;
  columnDimension: string;
  rows: GridAxisItem[];
  columns: GridAxisItem[];
  unit?: string;
  required?: boolean;
}

export interface SectionDef {
  code: string;
  titleVi: string;
  titleEn: string;
  fields: FieldDef[];
  grids?: GridDef[];
}

export type Severity = 'error' | 'warning';

/**
 * A validation rule over value keys. Expression language (see libs/domain/src/lib/validation):
 * numbers, value keys, + - * /, comparisons (< <= > >= == !=), && || !, parentheses, `sum(pattern)` where
 * the pattern may use `*` for one key segment (e.g. `sum(staff_dept.*.count)`), `abs(x)`, `if(c, a, b)`,
 * and `prev(key)` — the same key in the previous period's accepted report (null when none).
 * An empty value counts as 0 in arithmetic; a rule whose referenced keys are all empty is skipped.
 * Also available: 'text' literals (compare choices and ISO dates), `present(k)`, `count_nonempty(pattern)`,
 * `min()`, `max()`, `period_start()`, `period_end()`; a result of null (no previous report, division by 0)
 * skips the rule. Full reference: validation/expression.ts.
 */
export interface RuleDef {
  code: string;
  severity: Severity;
  expression: string;
  /**
   * Messages may use {key} placeholders, replaced with the value; also {label:key}, {label_lower:key},
   * {row:key}, {column:key}, {grid:key} for labels and {=expression} for a computed value
   * (validation/messages.ts).
   */
  messageVi: string;
  messageEn: string;
  /** The value keys this rule is about: errors are shown next to these fields. */
  fields: string[];
  /** Warnings that may be accepted with a written explanation (e.g. ±50% change). */
  explainable?: boolean;
}

export type DeadlineRule =
  /** N days after the period's last day (e.g. quarter end + 5). */
  | { kind: 'AFTER_PERIOD_END'; days: number }
  /** A fixed calendar day relative to the period's end year (e.g. literacy: commune before 3 Oct → 2 Oct). */
  | { kind: 'FIXED_DATE'; month: number; day: number; yearOffset: number };

export interface TemplateDefinition {
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  centreTypes: CentreType[];
  periodType: PeriodType;
  deadline: DeadlineRule;
  sections: SectionDef[];
  rules: RuleDef[];
}

export type FieldValue = number | string | boolean | null;
/** Submission values keyed by value key (see above). */
export type ValueMap = Record<string, FieldValue>;

export interface ValidationIssue {
  ruleCode: string;
  severity: Severity;
  /** Value keys the issue is about (first one is where the form shows it). */
  fields: string[];
  messageVi: string;
  messageEn: string;
  explainable?: boolean;
}
