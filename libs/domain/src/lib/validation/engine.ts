/**
 * Validation of report values against a template: one engine for the browser (live form checks) and the
 * server (submission, Excel upload). Pure and synchronous.
 *
 * Two layers run in order:
 *   1. field checks derived from FieldDef / GridDef: required, type, bounds, choices, text length;
 *   2. the template's RuleDefs (expressions over value keys, domain §E).
 * Issue codes of the first layer start with `field.`; template rules may not use that prefix.
 */
import type {
  FieldDef,
  FieldType,
  FieldValue,
  RuleDef,
  TemplateDefinition,
  ValidationIssue,
  ValueMap,
} from '../template-types';
import { periodFromCode } from '../periods/periods';
import { isIsoDate } from '../periods/iso-date';
import {
  collectReferences,
  evaluateExpression,
  expandKeyPattern,
  ExpressionSyntaxError,
  isEmptyValue,
  parseExpression,
  type ExpressionNode,
} from './expression';
import { formatNumber, formatValue, interpolateMessage } from './messages';
import { indexTemplate, valueKeyLabel, type TemplateIndex } from './template-index';

export { validateTemplateDefinition, type TemplateProblem } from './template-definition';

export const FieldIssueCodes = {
  required: 'field.required',
  type: 'field.type',
  min: 'field.min',
  max: 'field.max',
  choice: 'field.choice',
  maxLength: 'field.max_length',
  unknownKey: 'field.unknown_key',
} as const;

/** Default maximum length of a text field (FieldDef.maxLength overrides it). */
export const DEFAULT_TEXT_MAX_LENGTH = 2000;

export interface ValidateValuesOptions {
  /** The previous period's accepted values, for prev() in rules. Without it, year-on-year rules are skipped. */
  previous?: ValueMap | null;
  /** Written explanations keyed by rule code: they silence that rule's explainable warnings. */
  explanations?: Record<string, string>;
  /** The reporting period (a code or dates), for period_start() / period_end() in rules. */
  period?: string | { start: string; end: string } | null;
  /** Report non-empty values under keys the template does not define, as warnings (default true). */
  reportUnknownKeys?: boolean;
}

/** What the field layer needs to know about one value key, whether it is a field or a grid cell. */
interface ValueSpec {
  key: string;
  type: FieldType;
  required: boolean;
  min?: number;
  max?: number;
  choices?: FieldDef['choices'];
  maxLength?: number;
  labelVi: string;
  labelEn: string;
}

const valueSpecsCache = new WeakMap<TemplateDefinition, ValueSpec[]>();

/** Cached per template: forms validate on every keystroke. */
function valueSpecs(template: TemplateDefinition): ValueSpec[] {
  const cached = valueSpecsCache.get(template);
  if (cached) return cached;
  const index = indexTemplate(template);
  const specs = index.keys.map((key): ValueSpec => {
    const info = index.byKey.get(key)!;
    const labelVi = valueKeyLabel(template, key, 'vi');
    const labelEn = valueKeyLabel(template, key, 'en');
    if (info.field) {
      const field = info.field;
      return {
        key,
        type: field.type,
        required: field.required ?? false,
        // Counts are never negative (domain §E.1) unless a template says otherwise.
        min: field.min ?? (field.type === 'integer' ? 0 : undefined),
        max: field.max,
        choices: field.choices,
        maxLength: field.maxLength,
        labelVi,
        labelEn,
      };
    }
    // Grid cells are counts or amounts broken down by a dimension: never negative.
    return { key, type: info.grid!.type, required: info.grid!.required ?? false, min: 0, labelVi, labelEn };
  });
  valueSpecsCache.set(template, specs);
  return specs;
}

const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

function asNumber(value: FieldValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value);
  return null;
}

type IssueText = { vi: string; en: string };

function fieldIssue(spec: ValueSpec, ruleCode: string, text: IssueText): ValidationIssue {
  return { ruleCode, severity: 'error', fields: [spec.key], messageVi: text.vi, messageEn: text.en };
}

/** Returns the first problem with one value (one issue per field keeps forms readable). */
function checkValue(spec: ValueSpec, value: FieldValue | undefined): ValidationIssue | null {
  const { labelVi: vi, labelEn: en } = spec;
  if (isEmptyValue(value ?? null)) {
    return spec.required
      ? fieldIssue(spec, FieldIssueCodes.required, { vi: `${vi} là bắt buộc.`, en: `${en} is required.` })
      : null;
  }
  const present = value as FieldValue;
  const typeIssue = (text: IssueText) => fieldIssue(spec, FieldIssueCodes.type, text);
  switch (spec.type) {
    case 'integer':
    case 'decimal':
    case 'percent': {
      const number = asNumber(present);
      if (number === null) return typeIssue({ vi: `${vi} phải là một số.`, en: `${en} must be a number.` });
      if (spec.type === 'integer' && !Number.isInteger(number)) {
        return typeIssue({ vi: `${vi} phải là số nguyên.`, en: `${en} must be a whole number.` });
      }
      if (spec.type === 'percent' && (number < 0 || number > 100)) {
        return typeIssue({
          vi: `${vi} là tỷ lệ phần trăm, phải từ 0 đến 100 (đang là ${formatNumber(number, 'vi')}).`,
          en: `${en} is a percentage and must be between 0 and 100 (got ${formatNumber(number, 'en')}).`,
        });
      }
      if (spec.min !== undefined && number < spec.min) {
        const [numberVi, numberEn] = [formatNumber(number, 'vi'), formatNumber(number, 'en')];
        return fieldIssue(
          spec,
          FieldIssueCodes.min,
          spec.min === 0
            ? { vi: `${vi} không được là số âm (đang là ${numberVi}).`, en: `${en} must not be negative (got ${numberEn}).` }
            : {
                vi: `${vi} (${numberVi}) không được nhỏ hơn ${formatNumber(spec.min, 'vi')}.`,
                en: `${en} (${numberEn}) must not be less than ${formatNumber(spec.min, 'en')}.`,
              },
        );
      }
      if (spec.max !== undefined && number > spec.max) {
        return fieldIssue(spec, FieldIssueCodes.max, {
          vi: `${vi} (${formatNumber(number, 'vi')}) không được lớn hơn ${formatNumber(spec.max, 'vi')}.`,
          en: `${en} (${formatNumber(number, 'en')}) must not exceed ${formatNumber(spec.max, 'en')}.`,
        });
      }
      return null;
    }
    case 'boolean':
      return typeof present === 'boolean'
        ? null
        : typeIssue({ vi: `${vi} phải là Có hoặc Không.`, en: `${en} must be yes or no.` });
    case 'date':
      return isIsoDate(present)
        ? null
        : typeIssue({
            vi: `${vi} phải là một ngày hợp lệ theo định dạng năm-tháng-ngày (yyyy-mm-dd).`,
            en: `${en} must be a valid date written yyyy-mm-dd.`,
          });
    case 'choice': {
      const allowed = spec.choices ?? [];
      if (typeof present === 'string' && allowed.some((choice) => choice.value === present)) return null;
      const listVi = allowed.map((choice) => choice.labelVi).join('; ');
      const listEn = allowed.map((choice) => choice.labelEn).join('; ');
      return fieldIssue(spec, FieldIssueCodes.choice, {
        vi: `${vi}: giá trị "${String(present)}" không thuộc danh sách (${listVi}).`,
        en: `${en}: "${String(present)}" is not one of the allowed values (${listEn}).`,
      });
    }
    case 'text': {
      if (typeof present !== 'string' && typeof present !== 'number') {
        return typeIssue({ vi: `${vi} phải là văn bản.`, en: `${en} must be text.` });
      }
      const maxLength = spec.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      const length = [...String(present)].length;
      return length <= maxLength
        ? null
        : fieldIssue(spec, FieldIssueCodes.maxLength, {
            vi: `${vi} dài ${length} ký tự, vượt quá giới hạn ${maxLength} ký tự.`,
            en: `${en} is ${length} characters long, over the limit of ${maxLength}.`,
          });
    }
  }
}

interface CompiledRule {
  rule: RuleDef;
  node: ExpressionNode | null;
  syntaxError: ExpressionSyntaxError | null;
  /** Concrete keys of the current report the rule reads (patterns expanded). */
  currentKeys: string[];
}

const compiledRulesCache = new WeakMap<TemplateDefinition, CompiledRule[]>();

function compileRules(template: TemplateDefinition, index: TemplateIndex): CompiledRule[] {
  const cached = compiledRulesCache.get(template);
  if (cached) return cached;
  const compiled = template.rules.map((rule): CompiledRule => {
    try {
      const node = parseExpression(rule.expression);
      const currentKeys = collectReferences(node).current.flatMap((key) =>
        key.includes('*') ? expandKeyPattern(key, index.keys) : [key],
      );
      return { rule, node, syntaxError: null, currentKeys: [...new Set(currentKeys)] };
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) return { rule, node: null, syntaxError: error, currentKeys: [] };
      throw error;
    }
  });
  compiledRulesCache.set(template, compiled);
  return compiled;
}

function resolvePeriod(period: ValidateValuesOptions['period']): { start: string; end: string } | null {
  if (!period) return null;
  return typeof period === 'string' ? periodFromCode(period) : period;
}

/**
 * @description Validates report values against a template: field checks, then every rule. Rules whose keys
 * are all empty are skipped; explainable warnings with an explanation in `options.explanations[ruleCode]` are
 * dropped. Messages name fields by their template labels, in Vietnamese and English.
 * @example validateValues(template, { exam_candidates: 2279, exam_certified: 2280 })
 *   // [{ ruleCode: 'exam.certified_le_candidates', severity: 'error',
 *   //    messageVi: 'Số cấp chứng chỉ (2.280) không được lớn hơn số dự thi (2.279).', … }]
 */
export function validateValues(
  template: TemplateDefinition,
  values: ValueMap,
  options: ValidateValuesOptions = {},
): ValidationIssue[] {
  const index = indexTemplate(template);
  const issues: ValidationIssue[] = [];

  for (const spec of valueSpecs(template)) {
    const issue = checkValue(spec, values[spec.key]);
    if (issue) issues.push(issue);
  }

  if (options.reportUnknownKeys ?? true) {
    for (const [key, value] of Object.entries(values)) {
      if (index.byKey.has(key) || isEmptyValue(value)) continue;
      const templateName = `${template.code} v${template.version}`;
      issues.push({
        ruleCode: FieldIssueCodes.unknownKey,
        severity: 'warning',
        fields: [key],
        messageVi: `Mã "${key}" không có trong biểu mẫu ${templateName}; giá trị ${formatValue(value, 'vi')} sẽ bị bỏ qua.`,
        messageEn: `Key "${key}" is not part of template ${templateName}; the value ${formatValue(value, 'en')} will be ignored.`,
      });
    }
  }

  const period = resolvePeriod(options.period);
  const messageContext = { template, values, previous: options.previous, period };
  for (const { rule, node, syntaxError, currentKeys } of compileRules(template, index)) {
    if (!node) {
      // A broken rule must not block a centre's report: surface it as a warning for the Sở to fix.
      issues.push({
        ruleCode: rule.code,
        severity: 'warning',
        fields: rule.fields,
        messageVi: `Quy tắc ${rule.code} của biểu mẫu không hợp lệ và đã bị bỏ qua: ${syntaxError?.messageVi}.`,
        messageEn: `Template rule ${rule.code} is invalid and was skipped: ${syntaxError?.message}.`,
      });
      continue;
    }
    if (!currentKeys.some((key) => !isEmptyValue(values[key]))) continue;
    const explanation = options.explanations?.[rule.code];
    if (rule.explainable && rule.severity === 'warning' && explanation && explanation.trim() !== '') continue;

    const result = evaluateExpression(node, {
      values,
      previous: options.previous,
      keys: index.keys,
      kinds: index.kinds,
      period,
    });
    // null: cannot be judged (no previous report, zero denominator) — skipped, not reported.
    if (result === null || result === true) continue;
    if (typeof result === 'number' && result !== 0) continue;
    if (typeof result === 'string' && result !== '') continue;

    issues.push({
      ruleCode: rule.code,
      severity: rule.severity,
      fields: rule.fields.length > 0 ? rule.fields : currentKeys,
      messageVi: interpolateMessage(rule.messageVi, 'vi', messageContext),
      messageEn: interpolateMessage(rule.messageEn, 'en', messageContext),
      ...(rule.explainable ? { explainable: true } : {}),
    });
  }
  return issues;
}

/** Key under which issuesToFieldMap files issues that name no field (shown at the top of the form). */
export const FORM_LEVEL_ISSUE_KEY = '_form';

/**
 * @description Groups issues by the field a form shows them next to: the first of `issue.fields`
 * (RuleDef doc). With `allFields`, an issue is filed under every field it names, so each involved input
 * can be highlighted.
 * @example issuesToFieldMap(issues)['exam_certified'] // [the certified > candidates issue]
 */
export function issuesToFieldMap(
  issues: readonly ValidationIssue[],
  options: { allFields?: boolean } = {},
): Record<string, ValidationIssue[]> {
  const map: Record<string, ValidationIssue[]> = {};
  for (const issue of issues) {
    let keys = options.allFields ? [...new Set(issue.fields)] : issue.fields.slice(0, 1);
    if (keys.length === 0) keys = [FORM_LEVEL_ISSUE_KEY];
    for (const key of keys) (map[key] ??= []).push(issue);
  }
  return map;
}

/** True when any issue is an error (errors block submission; warnings do not). */
export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** Explainable warnings still lacking an explanation: what the submit dialog asks the centre to explain. */
export function unexplainedWarnings(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((issue) => issue.severity === 'warning' && issue.explainable);
}
