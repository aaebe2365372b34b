/**
 * Pure helpers of the report-template screens: a template's deadline and rules in words, the edits a Sở
 * specialist makes before publishing a new version, and where a validation problem (client or server) points.
 */
import { interpolateMessage, lowerFirst, type DeadlineRule, type FieldDef, type Language, type PeriodType, type RuleDef, type TemplateDefinition } from '@gdtx/domain';

const PERIOD_END_VI: Record<PeriodType, string> = {
  MONTH: 'tháng', QUARTER: 'quý', SEMESTER: 'học kỳ', SCHOOL_YEAR: 'năm học', LITERACY_YEAR: 'năm xóa mù chữ',
};
const PERIOD_END_EN: Record<PeriodType, string> = {
  MONTH: 'month', QUARTER: 'quarter', SEMESTER: 'semester', SCHOOL_YEAR: 'school year', LITERACY_YEAR: 'literacy year',
};

/**
 * @example deadlineInWords({ kind: 'AFTER_PERIOD_END', days: 5 }, 'QUARTER', 'vi') // '5 ngày sau khi kết thúc quý'
 * @example deadlineInWords({ kind: 'FIXED_DATE', month: 10, day: 2, yearOffset: 0 }, 'LITERACY_YEAR', 'vi')
 *   // 'Ngày 02/10 của năm kết thúc năm xóa mù chữ'
 */
export function deadlineInWords(rule: DeadlineRule | undefined | null, periodType: PeriodType, language: Language): string {
  if (!rule) return language === 'vi' ? 'Chưa quy định' : 'Not set';
  const period = (language === 'vi' ? PERIOD_END_VI : PERIOD_END_EN)[periodType] ?? periodType;
  if (rule.kind === 'AFTER_PERIOD_END') {
    if (rule.days === 0) return language === 'vi' ? `Ngày cuối cùng của ${period}` : `The last day of the ${period}`;
    return language === 'vi' ? `${rule.days} ngày sau khi kết thúc ${period}` : `${rule.days} days after the end of the ${period}`;
  }
  const dd = String(rule.day).padStart(2, '0');
  const mm = String(rule.month).padStart(2, '0');
  if (language === 'vi') {
    const year = rule.yearOffset === 0 ? 'của năm kết thúc' : rule.yearOffset > 0 ? `${rule.yearOffset} năm sau năm kết thúc` : `${-rule.yearOffset} năm trước năm kết thúc`;
    return `Ngày ${dd}/${mm} ${year} ${period}`;
  }
  const year = rule.yearOffset === 0 ? 'of the year the' : rule.yearOffset > 0 ? `${rule.yearOffset} year(s) after the year the` : `${-rule.yearOffset} year(s) before the year the`;
  return `${dd}/${mm} ${year} ${period} ends`;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * A rule's message as a sentence about the template rather than about one report: labels are filled in,
 * the value placeholders (which only a filed report has) become "…".
 * @example ruleInWords(t, { messageVi: '{label:exam_certified} ({exam_certified}) vượt quá {label_lower:exam_candidates}', … }, 'vi')
 *   // 'Số được cấp chứng chỉ (…) vượt quá số dự thi'
 */
export function ruleInWords(template: TemplateDefinition, rule: RuleDef, language: Language): string {
  const message = language === 'vi' ? rule.messageVi : rule.messageEn || rule.messageVi;
  return message.replace(PLACEHOLDER, (whole, inner: string) => {
    const body = inner.trim();
    if (/^(label|grid|row|column)(_lower)?:/.test(body)) return interpolateMessage(whole, language, { template, values: {} });
    return '…';
  });
}

/** Labels of the value keys an expression reads (`sum(a.*.b)` patterns are kept as written). */
export function ruleKeysInWords(template: TemplateDefinition, rule: RuleDef, language: Language): string[] {
  return rule.fields.map((key) => fieldLabelOfKey(template, key, language) ?? key);
}

function fieldLabelOfKey(template: TemplateDefinition, key: string, language: Language): string | null {
  const [head, row, column] = key.split('.');
  for (const section of template.sections) {
    const field = section.fields.find((f) => f.code === head);
    if (field) return language === 'vi' ? field.labelVi : field.labelEn;
    const grid = section.grids?.find((g) => g.code === head);
    if (grid) {
      const name = language === 'vi' ? grid.labelVi : grid.labelEn;
      const r = grid.rows.find((x) => x.code === row);
      const c = grid.columns.find((x) => x.code === column);
      const parts = [r && (language === 'vi' ? r.labelVi : r.labelEn), c && (language === 'vi' ? c.labelVi : c.labelEn)].filter(Boolean);
      return parts.length ? `${name} (${parts.join(', ')})` : name;
    }
  }
  return null;
}

// ------------------------------------------------------------------------------------------------------
// Edits for a new version

export type NewFieldType = 'integer' | 'decimal' | 'percent' | 'text' | 'boolean';

export interface NewField {
  sectionCode: string;
  code: string;
  labelVi: string;
  labelEn: string;
  type: NewFieldType;
  unit?: string;
  helpVi?: string;
}

export interface FieldEdit {
  labelVi: string;
  labelEn: string;
  helpVi: string;
}

/** What the form lets a Sở specialist change; everything else is carried over from the version edited. */
export interface TemplateEdits {
  nameVi: string;
  nameEn: string;
  deadline: DeadlineRule;
  /** By field code. */
  fields: Record<string, FieldEdit>;
  /** Optional fields added at the end of their section (never required: reports already filed stay valid). */
  newFields: NewField[];
}

export function editsOf(template: TemplateDefinition): TemplateEdits {
  const fields: Record<string, FieldEdit> = {};
  for (const section of template.sections) {
    for (const field of section.fields) fields[field.code] = { labelVi: field.labelVi, labelEn: field.labelEn, helpVi: field.helpVi ?? '' };
  }
  return { nameVi: template.nameVi, nameEn: template.nameEn, deadline: { ...template.deadline }, fields, newFields: [] };
}

/** The definition to publish: the base with the edits applied (the server assigns the version number). */
export function applyEdits(base: TemplateDefinition, edits: TemplateEdits): TemplateDefinition {
  const next = JSON.parse(JSON.stringify(base)) as TemplateDefinition;
  next.nameVi = edits.nameVi.trim();
  next.nameEn = edits.nameEn.trim();
  next.deadline =
    edits.deadline.kind === 'AFTER_PERIOD_END'
      ? { kind: 'AFTER_PERIOD_END', days: edits.deadline.days }
      : { kind: 'FIXED_DATE', month: edits.deadline.month, day: edits.deadline.day, yearOffset: edits.deadline.yearOffset };
  for (const section of next.sections) {
    for (const field of section.fields) {
      const edit = edits.fields[field.code];
      if (!edit) continue;
      field.labelVi = edit.labelVi.trim();
      field.labelEn = edit.labelEn.trim();
      const help = edit.helpVi.trim();
      if (help) field.helpVi = help;
      else delete field.helpVi;
    }
  }
  for (const added of edits.newFields) {
    const section = next.sections.find((s) => s.code === added.sectionCode);
    if (!section) continue;
    const field: FieldDef = { code: added.code.trim(), labelVi: added.labelVi.trim(), labelEn: added.labelEn.trim(), type: added.type, required: false };
    if (added.type === 'integer' || added.type === 'decimal') field.min = 0;
    if (added.type === 'percent') Object.assign(field, { min: 0, max: 100 });
    if (added.unit?.trim()) field.unit = added.unit.trim();
    if (added.helpVi?.trim()) field.helpVi = added.helpVi.trim();
    section.fields.push(field);
  }
  return next;
}

/** JSON with object keys sorted (PostgreSQL jsonb does not keep the key order a definition was written in). */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** True when two definitions say the same thing, whatever their key order. */
export function sameDefinition(a: TemplateDefinition, b: TemplateDefinition): boolean {
  return stableJson(a) === stableJson(b);
}

/** The changes between two versions, in words (shown in the confirmation before publishing). */
export function changesInWords(before: TemplateDefinition, after: TemplateDefinition, language: Language): string[] {
  const vi = language === 'vi';
  const out: string[] = [];
  if (before.nameVi !== after.nameVi) out.push(vi ? `Tên biểu mẫu: "${before.nameVi}" → "${after.nameVi}"` : `Name: "${before.nameEn}" → "${after.nameEn}"`);
  if (stableJson(before.deadline) !== stableJson(after.deadline)) {
    out.push(`${vi ? 'Hạn nộp' : 'Deadline'}: ${lowerFirst(deadlineInWords(before.deadline, before.periodType, language))} → ${lowerFirst(deadlineInWords(after.deadline, after.periodType, language))}`);
  }
  const old = new Map(before.sections.flatMap((s) => s.fields.map((f) => [f.code, f] as const)));
  for (const section of after.sections) {
    for (const field of section.fields) {
      const was = old.get(field.code);
      if (!was) {
        out.push(vi ? `Thêm chỉ tiêu "${field.labelVi}" (${field.code}) vào phần "${section.titleVi}"` : `New field "${field.labelEn}" (${field.code}) in "${section.titleEn}"`);
        continue;
      }
      if (was.labelVi !== field.labelVi || was.labelEn !== field.labelEn) {
        out.push(vi ? `Nhãn chỉ tiêu ${field.code}: "${was.labelVi}" → "${field.labelVi}"` : `Label of ${field.code}: "${was.labelEn}" → "${field.labelEn}"`);
      }
      if ((was.helpVi ?? '') !== (field.helpVi ?? '')) out.push(vi ? `Hướng dẫn của chỉ tiêu ${field.code}` : `Help text of ${field.code}`);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------
// Where a problem is

export interface PathProblem {
  path: string;
  messageVi: string;
  messageEn: string;
}

/**
 * The problems of a server error: VALIDATION_FAILED carries `fields: [{ field, messageVi, messageEn }]`;
 * BAD_USER_INPUT names one `field`, its message being the error's own (`message`, `messageEn`).
 */
export function problemsFromExtensions(extensions: Record<string, unknown>, message?: { vi: string; en: string }): PathProblem[] {
  const fields = extensions['fields'];
  const out: PathProblem[] = [];
  if (Array.isArray(fields)) {
    for (const f of fields) {
      if (f && typeof f === 'object' && typeof (f as { messageVi?: unknown }).messageVi === 'string') {
        const p = f as { field?: string; messageVi: string; messageEn?: string };
        out.push({ path: p.field ?? '', messageVi: p.messageVi, messageEn: p.messageEn ?? p.messageVi });
      }
    }
  } else if (typeof extensions['field'] === 'string' && message) {
    out.push({ path: extensions['field'] as string, messageVi: message.vi, messageEn: message.en });
  }
  return out;
}

const SECTION_PATH = /^sections\[(\d+)\](?:\.(fields|grids)\[(\d+)\])?/;
const RULE_PATH = /^rules\[(\d+)\]/;

/** The field (or grid) code a problem path points at, e.g. `sections[0].fields[2].labelVi` → that field's code. */
export function fieldCodeOfPath(template: TemplateDefinition, path: string): string | null {
  const m = SECTION_PATH.exec(path);
  if (!m || !m[2]) return null;
  const section = template.sections[Number(m[1])];
  const item = m[2] === 'fields' ? section?.fields[Number(m[3])] : section?.grids?.[Number(m[3])];
  return item?.code ?? null;
}

/** A problem path in words: "Phần 2 «Thi và cấp chứng chỉ» › chỉ tiêu «Số dự thi»". */
export function pathInWords(template: TemplateDefinition, path: string, language: Language): string {
  const vi = language === 'vi';
  const section = SECTION_PATH.exec(path);
  if (section) {
    const s = template.sections[Number(section[1])];
    const where = [`${vi ? 'Phần' : 'Section'} ${Number(section[1]) + 1}${s ? ` «${vi ? s.titleVi : s.titleEn}»` : ''}`];
    if (section[2]) {
      const item = section[2] === 'fields' ? s?.fields[Number(section[3])] : s?.grids?.[Number(section[3])];
      const kind = section[2] === 'fields' ? (vi ? 'chỉ tiêu' : 'field') : vi ? 'bảng' : 'grid';
      where.push(item ? `${kind} «${(vi ? item.labelVi : item.labelEn) || item.code}»` : `${kind} ${Number(section[3]) + 1}`);
    }
    return where.join(' › ');
  }
  const rule = RULE_PATH.exec(path);
  if (rule) {
    const r = template.rules[Number(rule[1])];
    return `${vi ? 'Quy tắc kiểm tra' : 'Rule'} ${Number(rule[1]) + 1}${r ? ` (${r.code})` : ''}`;
  }
  const top: Record<string, [string, string]> = {
    code: ['Mã biểu mẫu', 'Template code'], name: ['Tên biểu mẫu', 'Template name'], version: ['Phiên bản', 'Version'],
    centreTypes: ['Loại trung tâm', 'Centre types'], periodType: ['Loại kỳ báo cáo', 'Period type'], deadline: ['Hạn nộp', 'Deadline'],
    definition: ['Định nghĩa biểu mẫu', 'Definition'],
  };
  const head = path.split(/[.[]/)[0];
  const label = top[head];
  return label ? label[vi ? 0 : 1] : path || (vi ? 'Biểu mẫu' : 'Template');
}
