/**
 * Validation of report values against a template: one engine for the browser (live form checks) and the
 * server (submission, Excel upload). Pure and synchronous.
 *
 * Two layers run in order:
 *   1. field checks derived from FieldDef / GridDef: required, type, choices and text length (the write
 *      boundary's parser, value-parser.ts, so the form and the server agree on what is storable), bounds;
 *   2. the template's RuleDefs (expressions over value keys, domain §E).
 * Issue codes of the first layer start with `field.`; template rules may not use that prefix.
 */
import type {
  FieldValue,
  RuleDef,
  TemplateDefinition,
  ValidationIssue,
  ValueMap,
} from '../template-types';
import { periodFromCode } from '../periods/periods';
import {
  collectReferences,
  evaluateExpression,
  expandKeyPattern,
  ExpressionSyntaxError,
  isEmptyValue,
  parseExpression,
  type ExpressionNode,
} from './expression';
import { formatNumber, interpolateMessage } from './messages';
import { FieldIssueCodes, parseFieldValue, unknownKeyIssue, valueSpecs, type ValueSpec } from './value-parser';
import { indexTemplate, type TemplateIndex } from './template-index';
import { deriveComputedValues } from './computed';

export { validateTemplateDefinition, type TemplateProblem } from './template-definition';

export { FieldIssueCodes, DEFAULT_TEXT_MAX_LENGTH } from './value-parser';

export interface ValidateValuesOptions {
  /** The previous period's accepted values, for prev() in rules. Without it, year-on-year rules are skipped. */
  previous?: ValueMap | null;
  /** Written explanations keyed by rule code: they silence that rule's explainable warnings. */
  explanations?: Record<string, string>;
  /** The reporting period (a code or dates), for period_start() / period_end() in rules. */
  period?: string | { start: string; end: string } | null;
  /** Report non-empty values under keys the template does not define, as errors (default true). */
  reportUnknownKeys?: boolean;
}

type IssueText = { vi: string; en: string };

function fieldIssue(spec: ValueSpec, ruleCode: string, text: IssueText): ValidationIssue {
  return { ruleCode, severity: 'error', fields: [spec.key], messageVi: text.vi, messageEn: text.en };
}

/**
 * Returns the first problem with one value (one issue per field keeps forms readable): its type, as the
 * write boundary's parser judges it (value-parser.ts), then required and bounds.
 */
function checkValue(spec: ValueSpec, value: FieldValue | undefined): ValidationIssue | null {
  const { labelVi: vi, labelEn: en } = spec;
  if (isEmptyValue(value ?? null)) {
    return spec.required
      ? fieldIssue(spec, FieldIssueCodes.required, { vi: `${vi} là bắt buộc.`, en: `${en} is required.` })
      : null;
  }
  const parsed = parseFieldValue(spec, value);
  if (!parsed.ok) return parsed.issue;
  if (typeof parsed.value !== 'number') return null;
  const number = parsed.value;
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
  input: ValueMap,
  options: ValidateValuesOptions = {},
): ValidationIssue[] {
  const index = indexTemplate(template);
  const issues: ValidationIssue[] = [];
  // Rules see computed fields as they would be stored (computed.ts); a derived value is not the centre's input,
  // so it gets no field check (a rate above 100 % is reported by the rule on its counts).
  const values = deriveComputedValues(template, input);

  for (const spec of valueSpecs(template).values()) {
    if (spec.computed) continue;
    const issue = checkValue(spec, values[spec.key]);
    if (issue) issues.push(issue);
  }

  if (options.reportUnknownKeys ?? true) {
    // Refused, never ignored (issue 11, defect 14): the write boundary stores no key the template lacks.
    for (const [key, value] of Object.entries(input)) {
      if (index.byKey.has(key) || isEmptyValue(value)) continue;
      issues.push(unknownKeyIssue(template, key));
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
