/**
 * Submission values as stored: a flat map of value keys (libs/domain template-types.ts) to primitives, with
 * empty values left out, so "the same numbers" always means the same stored document (upload idempotency,
 * version diffs). Pure functions.
 */
import { indexTemplate, isEmptyValue, parseReportValues, valueKeyLabel } from '@gdtx/domain';
import type { FieldValue, TemplateDefinition, ValidationIssue, ValueMap } from '@gdtx/domain';
import { Errors, FieldProblem } from '@gdtx/platform';

export const MAX_EXPLANATION_LENGTH = 2000;

export class ValuesShapeError extends Error {
  constructor(readonly field: string, readonly messageVi: string, messageEn: string) {
    super(messageEn);
    this.name = 'ValuesShapeError';
  }
}

/** Explanations of warnings, keyed by rule code (see ValidateValuesOptions.explanations). */
export function normalizeExplanations(input: unknown): Record<string, string> {
  if (input === null || input === undefined) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ValuesShapeError('explanations', 'Giải trình phải là một đối tượng {mã quy tắc: nội dung}', 'explanations must be an object of rule code: text');
  }
  const out: Record<string, string> = {};
  for (const [rule, text] of Object.entries(input as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (text === null || text === undefined || text === '') continue;
    if (typeof text !== 'string') throw new ValuesShapeError(`explanations.${rule}`, 'Nội dung giải trình phải là văn bản', 'An explanation must be text');
    if (text.length > MAX_EXPLANATION_LENGTH) {
      throw new ValuesShapeError(`explanations.${rule}`, `Giải trình dài quá ${MAX_EXPLANATION_LENGTH} ký tự`, `Explanation longer than ${MAX_EXPLANATION_LENGTH} characters`);
    }
    if (text.trim()) out[rule] = text.trim().normalize('NFC');
  }
  return out;
}

/**
 * @description The typed values of a save, or VALIDATION_FAILED naming every bad key (wrong type, unknown
 * key, a choice or text the template does not allow): nothing is saved. Rule errors, bounds and required
 * fields do not stop a draft; they come back as issues. The parser is the shared kernel's, driven by the
 * template version the report is filed against (issue 11, build item 1).
 */
export function parseDraftValues(template: TemplateDefinition, input: unknown): ValueMap {
  const parsed = parseReportValues(template, input);
  if (parsed.ok) return parsed.values;
  throw Errors.validation(
    issuesToFieldProblems(parsed.issues),
    'Số liệu sai kiểu dữ liệu hoặc có mã chỉ tiêu không thuộc biểu mẫu, chưa thể lưu. Vui lòng sửa các chỉ tiêu được đánh dấu.',
    'Some values have the wrong type or keys the template does not define; nothing was saved.',
  );
}

/** One FieldProblem per (issue, field), so a client can mark every field a rule is about. */
export function issuesToFieldProblems(issues: readonly ValidationIssue[]): FieldProblem[] {
  return issues.flatMap((issue) =>
    (issue.fields.length ? issue.fields : ['_form']).map((field) => ({
      field, ruleCode: issue.ruleCode, severity: issue.severity, messageVi: issue.messageVi, messageEn: issue.messageEn,
    })),
  );
}

export function sameDocument(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a).filter((k) => !isEmptyValue(a[k] as FieldValue));
  const kb = Object.keys(b).filter((k) => !isEmptyValue(b[k] as FieldValue));
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
}

export interface ValueChange {
  key: string;
  labelVi: string;
  labelEn: string;
  from: FieldValue;
  to: FieldValue;
}

/** @description Keys whose value differs between two versions, in template order (unknown keys last). */
export function diffValues(template: TemplateDefinition, from: ValueMap, to: ValueMap): ValueChange[] {
  const order = indexTemplate(template).keys;
  const all = new Set([...order, ...Object.keys(from), ...Object.keys(to)]);
  const changes: ValueChange[] = [];
  for (const key of all) {
    const a = from[key] ?? null;
    const b = to[key] ?? null;
    if (Object.is(a, b)) continue;
    changes.push({ key, labelVi: safeLabel(template, key, 'vi'), labelEn: safeLabel(template, key, 'en'), from: a, to: b });
  }
  return changes;
}

function safeLabel(template: TemplateDefinition, key: string, lang: 'vi' | 'en'): string {
  return indexTemplate(template).byKey.has(key) ? valueKeyLabel(template, key, lang) : key;
}
