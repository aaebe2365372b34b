/**
 * Formatting of values and rule messages.
 *
 * Rule messages (RuleDef.messageVi / messageEn) may contain placeholders:
 *   {key}               the current value of `key`, formatted for the language ("2.279", "17/01/2025" in
 *                       Vietnamese); a choice shows its label
 *   {label:key}         the label of `key` (a field label, or "grid – row – column" for a grid cell)
 *   {grid:key} {row:key} {column:key}   one part of a grid cell's label
 *   {=expression}       the value of an expression, e.g. {=staff_tenured + staff_contract} or {=prev(total)}
 * Any label placeholder takes a `_lower` suffix ({label_lower:key}) for use mid-sentence: the first letter is
 * lower-cased unless the first word is an acronym (DTTS, GDTX stay as they are).
 */
import type { FieldValue, TemplateDefinition, ValueMap } from '../template-types';
import { isIsoDate } from '../periods/iso-date';
import { evaluateExpression, isEmptyValue, parseExpression, type ExpressionValue } from './expression';
import { gridCellLabels, indexTemplate, valueKeyLabel, type Language } from './template-index';

const EMPTY_VALUE_TEXT = '—';

/** Formats a number the way a reader of the language expects: vi 2.279 / 88,89; en 2,279 / 88.89. */
export function formatNumber(value: number, language: Language): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  const [integerPart, fractionPart] = Math.abs(rounded).toFixed(2).replace(/0+$/, '').replace(/\.$/, '').split('.');
  const thousands = language === 'vi' ? '.' : ',';
  const decimal = language === 'vi' ? ',' : '.';
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  const sign = rounded < 0 ? '-' : '';
  return fractionPart ? `${sign}${grouped}${decimal}${fractionPart}` : `${sign}${grouped}`;
}

export function formatValue(value: FieldValue | ExpressionValue | undefined, language: Language): string {
  if (isEmptyValue(value ?? null)) return EMPTY_VALUE_TEXT;
  if (typeof value === 'number') return formatNumber(value, language);
  if (typeof value === 'boolean') return language === 'vi' ? (value ? 'có' : 'không') : value ? 'yes' : 'no';
  // Vietnamese readers write dates day first (17/01/2025); English messages keep the unambiguous ISO form.
  if (language === 'vi' && isIsoDate(value)) return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  return String(value);
}

/** Lower-cases the first letter for use mid-sentence, leaving acronyms (two leading capitals) alone. */
export function lowerFirst(text: string): string {
  const [first, second] = [...text];
  if (first === undefined) return text;
  if (second !== undefined && second !== second.toLowerCase() && second === second.toUpperCase()) return text;
  return first.toLowerCase() + text.slice(first.length);
}

export interface MessageContext {
  template: TemplateDefinition;
  values: ValueMap;
  previous?: ValueMap | null;
  period?: { start: string; end: string } | null;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;
const LABEL_PLACEHOLDER = /^(label|grid|row|column)(_lower)?:(.+)$/;

function labelPart(template: TemplateDefinition, part: string, key: string, language: Language): string {
  if (part === 'label') return valueKeyLabel(template, key, language);
  const cell = gridCellLabels(template, key, language);
  if (!cell) return valueKeyLabel(template, key, language);
  return part === 'grid' ? cell.grid : part === 'row' ? cell.row : cell.column;
}

/**
 * @description Replaces the placeholders of a rule message (see module doc). A placeholder that cannot be
 * resolved is left visible rather than failing validation: a message is never worth losing an issue for.
 * @example interpolateMessage('{label:a} ({a})', 'vi', { template, values: { a: 2279 } }) // 'Số dự thi (2.279)'
 */
export function interpolateMessage(message: string, language: Language, context: MessageContext): string {
  const index = indexTemplate(context.template);
  return message.replace(PLACEHOLDER, (whole, inner: string) => {
    const body = inner.trim();
    if (body.startsWith('=')) {
      try {
        const value = evaluateExpression(parseExpression(body.slice(1)), {
          values: context.values,
          previous: context.previous,
          keys: index.keys,
          kinds: index.kinds,
          period: context.period,
        });
        return formatValue(value, language);
      } catch {
        return whole;
      }
    }
    const labelMatch = LABEL_PLACEHOLDER.exec(body);
    if (labelMatch) {
      const [, part, lower, key] = labelMatch;
      const label = labelPart(context.template, part, key.trim(), language);
      return lower ? lowerFirst(label) : label;
    }
    const value = context.values[body];
    const choice = index.byKey.get(body)?.field?.choices?.find((option) => option.value === value);
    if (choice) return language === 'vi' ? choice.labelVi : choice.labelEn;
    return formatValue(value, language);
  });
}

/** Keys and expressions used by a message's placeholders (for template validation). */
export function messagePlaceholders(message: string): { keys: string[]; expressions: string[] } {
  const keys: string[] = [];
  const expressions: string[] = [];
  for (const match of message.matchAll(PLACEHOLDER)) {
    const body = match[1].trim();
    if (body.startsWith('=')) expressions.push(body.slice(1));
    else keys.push(LABEL_PLACEHOLDER.exec(body)?.[3].trim() ?? body);
  }
  return { keys, expressions };
}
