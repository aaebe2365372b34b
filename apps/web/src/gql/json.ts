/**
 * The schema's JSON scalar arrives as `unknown` (apps/web/codegen.ts): these give it the shapes @gdtx/domain
 * defines, after a check of the outer shape, so a page never works on an untyped value by accident.
 */
import type { TemplateDefinition, ValueMap } from '@gdtx/domain';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A submission's values ({ valueKey: number | string | boolean | null }); a missing map is empty. */
export function asValueMap(value: unknown): ValueMap {
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) throw new TypeError('values: expected a JSON object');
  return value as ValueMap;
}

/** Explanations per rule code; non-text entries are dropped. */
export function asTextMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** A template definition (the server validated it when it was published). */
export function asTemplateDefinition(value: unknown): TemplateDefinition {
  if (!isRecord(value) || typeof value['code'] !== 'string' || !Array.isArray(value['sections'])) {
    throw new TypeError('definition: expected a template definition with code and sections');
  }
  return value as unknown as TemplateDefinition;
}
