/**
 * Computed fields (issue 16 item 2): rates and totals a template version derives from the report's own
 * figures instead of asking the centre to type them. One function, `deriveComputedValues`, is the rule: the
 * server's write boundary (parseReportValues) applies it on every save, upload and seed; the validation engine
 * applies it before checking; the web form applies it on every keystroke to show the values read-only.
 *
 * Rules (why they are what they are):
 *   - A value sent for a computed field is ignored and replaced by the derived one: the figures it comes from
 *     are what the centre answers for, and a stale rate in an offline draft or an old workbook must not win.
 *   - A computed field is left empty when every key its formula reads is empty (nothing entered yet), when the
 *     formula yields null (a division by zero: 0 candidates has no pass rate) or a non-number.
 *   - The result is rounded half away from zero to the field's decimals (1 for percent, 2 for decimal, 0 for
 *     integer unless `computed.decimals` says otherwise), in decimal, not binary: 88.85 → 88.9.
 *   - A derived value is not bounds-checked: it is not the centre's input, and the inconsistency behind a rate
 *     above 100 % (certified > candidates) is reported by the rule on the figures themselves.
 *   - The formula reads only the current report's non-computed keys (checked at publication), so the order of
 *     evaluation never matters and the result depends on nothing but the values.
 */
import type { ComputedDef, FieldDef, TemplateDefinition, ValueMap } from '../template-types';
import {
  collectReferences,
  evaluateExpression,
  expandKeyPattern,
  ExpressionSyntaxError,
  isEmptyValue,
  parseExpression,
  type ExpressionNode,
} from './expression';
import { indexTemplate } from './template-index';

export interface CompiledComputedField {
  field: FieldDef;
  computed: ComputedDef;
  /** Null when the expression does not parse (validateTemplateDefinition refuses such a template). */
  node: ExpressionNode | null;
  /** Concrete keys the formula reads (patterns expanded). */
  reads: string[];
  decimals: number;
}

const compiledCache = new WeakMap<TemplateDefinition, CompiledComputedField[]>();

/** Default decimal places of a computed field by type. */
export function defaultComputedDecimals(field: Pick<FieldDef, 'type'>): number {
  return field.type === 'percent' ? 1 : field.type === 'decimal' ? 2 : 0;
}

/** @description The computed fields of a template version, compiled once per template object. */
export function computedFields(template: TemplateDefinition): CompiledComputedField[] {
  const cached = compiledCache.get(template);
  if (cached) return cached;
  const index = indexTemplate(template);
  const compiled: CompiledComputedField[] = [];
  for (const section of template.sections) {
    for (const field of section.fields) {
      if (!field.computed) continue;
      let node: ExpressionNode | null = null;
      let reads: string[] = [];
      try {
        node = parseExpression(field.computed.expression);
        reads = [
          ...new Set(collectReferences(node).current.flatMap((key) => (key.includes('*') ? expandKeyPattern(key, index.keys) : [key]))),
        ];
      } catch (error) {
        if (!(error instanceof ExpressionSyntaxError)) throw error;
      }
      compiled.push({ field, computed: field.computed, node, reads, decimals: field.computed.decimals ?? defaultComputedDecimals(field) });
    }
  }
  compiledCache.set(template, compiled);
  return compiled;
}

/** @description Whether a value key is a computed field of this template version. */
export function isComputedKey(template: TemplateDefinition, key: string): boolean {
  return indexTemplate(template).byKey.get(key)?.field?.computed !== undefined;
}

/**
 * @description Rounds half away from zero to `decimals` places, in decimal (1.005 → 1.01, -2.5 → -3), so a rate
 * reads as a person would round it.
 * @example roundHalfAwayFromZero(88.888, 1) // 88.9
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  // Shifting by exponent text avoids 1.005 * 100 = 100.49999… in binary.
  const shifted = Math.round(Number(`${magnitude}e${decimals}`));
  const rounded = Number(`${shifted}e-${decimals}`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/**
 * @description The values with every computed field (re)derived from the others: any value given for a
 * computed key is replaced (or dropped when the formula has nothing to compute from). Other keys are copied as
 * they are. A template without computed fields gets the same object back.
 * @example deriveComputedValues(gdtxV2, { exam_candidates: 2279, exam_certified: 2270, exam_pass_rate: 50 })
 *   // { exam_candidates: 2279, exam_certified: 2270, exam_pass_rate: 99.6 }
 */
export function deriveComputedValues(template: TemplateDefinition, values: ValueMap): ValueMap {
  const fields = computedFields(template);
  if (fields.length === 0) return values;
  const index = indexTemplate(template);
  const derived: ValueMap = { ...values };
  for (const { field } of fields) delete derived[field.code];
  for (const { field, node, reads, decimals } of fields) {
    if (!node || !reads.some((key) => !isEmptyValue(values[key]))) continue;
    const result = evaluateExpression(node, { values: derived, keys: index.keys, kinds: index.kinds });
    if (typeof result !== 'number' || !Number.isFinite(result)) continue;
    derived[field.code] = roundHalfAwayFromZero(result, decimals);
  }
  return derived;
}
