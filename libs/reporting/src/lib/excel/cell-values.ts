import type { Choice, FieldType, FieldValue } from '@gdtx/domain';

/**
 * Conversion between stored values and Excel cell values, in both directions. Pure functions, no exceljs import:
 * a cell value here is what exceljs gives (`null | number | string | boolean | Date | { formula } | { richText } | …`).
 *
 * Accepted input (upload):
 *   integer  – a whole number; or text with digits only ('2279'), Vietnamese thousands dots ('2.279', '1.234.567')
 *              or spaces ('2 279'). '2,279' is rejected (in Vietnamese it reads 2,279 = 2.279, not a whole number).
 *              min defaults to 0 (counts), the field's max applies.
 *   decimal  – a number; or text '12,5' / '1.234,5' (Vietnamese), '12.5' (one dot, not exactly three decimals),
 *              '1.234.567'. A lone dot followed by exactly three digits ('2.279') is ambiguous and rejected.
 *   percent  – as decimal, in percentage points (99.6 means 99,6 %); a trailing '%' in text is allowed; a number in
 *              a cell formatted as a percentage (Excel stores 0.996 for '99,6%') is multiplied by 100.
 *   boolean  – TRUE/FALSE cells, or text 'Có'/'Không'/'TRUE'/'FALSE' (case-insensitive).
 *   choice   – the Vietnamese label shown in the drop-down, or the choice code.
 *   date     – an Excel date cell, or text 'YYYY-MM-DD' or 'DD/MM/YYYY' (also '-' or '.' as separator).
 *   text     – trimmed, NFC-normalised, CRLF → LF; at most maxLength characters (default 2000).
 * Everywhere: an empty or blank cell → null; a formula → rejected; text starting with = + - @ (formula injection)
 * → rejected, except a plain number literal such as '-5', which is then judged as a number.
 */

export interface ValueSpec {
  type: FieldType;
  min?: number;
  max?: number;
  choices?: Choice[];
  maxLength?: number;
}

export type ReadOutcome =
  | { kind: 'ok'; value: FieldValue }
  | { kind: 'formula'; shown: string }
  | { kind: 'injection'; shown: string }
  | { kind: 'invalid'; shown: string; reasonVi: string; reasonEn: string };

export const DEFAULT_TEXT_MAX_LENGTH = 2000;
export const EXCEL_MAX_CELL_TEXT = 32767;
export const BOOLEAN_TRUE_VI = 'Có';
export const BOOLEAN_FALSE_VI = 'Không';

const INJECTION_START = /^[=+\-@]/;
const NUMBER_LITERAL = /^[+-]?\d[\d.,\s\u00a0\u202f]*%?$/;

/** Reads one input cell. `numFmt` is the cell's number format (used to recognise percentage-formatted numbers). */
export function readCellValue(raw: unknown, spec: ValueSpec, numFmt?: string): ReadOutcome {
  if (raw === null || raw === undefined) return ok(null);

  let value: unknown = raw;
  if (typeof raw === 'object' && !isDate(raw)) {
    const o = raw as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      const f = String(o['formula'] ?? o['sharedFormula'] ?? '');
      return { kind: 'formula', shown: `=${f}` };
    }
    if ('error' in o) {
      const e = String(o['error']);
      return invalid(e, `ô đang báo lỗi ${e}`, `the cell shows the error ${e}`);
    }
    if (Array.isArray(o['richText'])) {
      value = (o['richText'] as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    } else if ('text' in o && 'hyperlink' in o) {
      value = String(o['text'] ?? '');
    } else {
      return invalid('?', 'nội dung ô không đọc được', 'the cell content cannot be read');
    }
  }

  if (typeof value === 'string') {
    const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
    if (text === '') return ok(null);
    if (INJECTION_START.test(text) && !NUMBER_LITERAL.test(text)) return { kind: 'injection', shown: text };
    return readText(text, spec);
  }
  if (typeof value === 'number') return readNumber(value, spec, numFmt);
  if (typeof value === 'boolean') return readBoolean(value, spec);
  if (isDate(value)) return readDate(value, spec);
  return invalid(String(value), 'nội dung ô không đọc được', 'the cell content cannot be read');
}

/** Realm-independent Date check (exceljs may create its Dates in another vm context, e.g. under jest). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function readText(text: string, spec: ValueSpec): ReadOutcome {
  switch (spec.type) {
    case 'integer': {
      const n = parseIntegerText(text);
      if (n === null) return invalid(text, 'không phải số nguyên', 'is not a whole number');
      return checkRange(n, text, spec);
    }
    case 'decimal':
    case 'percent': {
      const r = parseDecimalText(text, spec.type === 'percent');
      if (r === 'ambiguous') {
        return invalid(
          text,
          'không rõ là số nguyên có dấu chấm hàng nghìn hay số thập phân — hãy nhập dạng số, dùng dấu phẩy cho phần thập phân',
          'is ambiguous (thousands separator or decimal point?) — enter it as a number, with a comma for decimals',
        );
      }
      if (r === null) return invalid(text, 'không phải số', 'is not a number');
      return checkRange(r, text, spec);
    }
    case 'boolean': {
      const b = parseBooleanText(text);
      if (b === null) return invalid(text, `phải là '${BOOLEAN_TRUE_VI}' hoặc '${BOOLEAN_FALSE_VI}'`, `must be 'Có' (yes) or 'Không' (no)`);
      return ok(b);
    }
    case 'choice': {
      const c = matchChoice(text, spec.choices ?? []);
      if (c === null) {
        const labels = (spec.choices ?? []).map((x) => `'${x.labelVi}'`).join(', ');
        return invalid(text, `không có trong danh sách lựa chọn (${labels})`, `is not one of the choices`);
      }
      return ok(c);
    }
    case 'date': {
      const d = parseDateText(text);
      if (d === null) return invalid(text, 'không phải ngày hợp lệ (dd/mm/yyyy)', 'is not a valid date (dd/mm/yyyy)');
      return ok(d);
    }
    case 'text':
      return checkTextLength(text, spec);
  }
}

function readNumber(n: number, spec: ValueSpec, numFmt?: string): ReadOutcome {
  const shown = formatNumberVi(n);
  if (!Number.isFinite(n)) return invalid(shown, 'không phải số', 'is not a number');
  switch (spec.type) {
    case 'integer':
      if (!Number.isSafeInteger(n)) return invalid(shown, 'không phải số nguyên', 'is not a whole number');
      return checkRange(n, shown, spec);
    case 'decimal':
      return checkRange(n, shown, spec);
    case 'percent': {
      const v = isPercentFormat(numFmt) ? roundSignificant(n * 100) : n;
      return checkRange(v, isPercentFormat(numFmt) ? `${formatNumberVi(v)}%` : shown, spec);
    }
    case 'choice': {
      const c = matchChoice(String(n), spec.choices ?? []);
      if (c === null) return invalid(shown, 'không có trong danh sách lựa chọn', 'is not one of the choices');
      return ok(c);
    }
    case 'text':
      return checkTextLength(String(n), spec);
    case 'boolean':
      return invalid(shown, `phải là '${BOOLEAN_TRUE_VI}' hoặc '${BOOLEAN_FALSE_VI}'`, `must be 'Có' (yes) or 'Không' (no)`);
    case 'date':
      return invalid(shown, 'không phải ngày hợp lệ (dd/mm/yyyy)', 'is not a valid date (dd/mm/yyyy)');
  }
}

function readBoolean(b: boolean, spec: ValueSpec): ReadOutcome {
  if (spec.type === 'boolean') return ok(b);
  const shown = b ? 'TRUE' : 'FALSE';
  if (spec.type === 'text') return checkTextLength(b ? BOOLEAN_TRUE_VI : BOOLEAN_FALSE_VI, spec);
  return invalid(shown, 'không đúng kiểu dữ liệu của chỉ tiêu', 'has the wrong type for this field');
}

function readDate(d: Date, spec: ValueSpec): ReadOutcome {
  if (Number.isNaN(d.getTime())) return invalid('?', 'không phải ngày hợp lệ', 'is not a valid date');
  const iso = isoDateUtc(d);
  if (spec.type === 'date') return ok(iso);
  if (spec.type === 'text') return checkTextLength(iso, spec);
  return invalid(formatDateVi(iso), 'là ngày tháng, không phải giá trị của chỉ tiêu này', 'is a date, not a value of this field');
}

function checkRange(n: number, shown: string, spec: ValueSpec): ReadOutcome {
  const min = spec.min ?? (spec.type === 'integer' ? 0 : undefined);
  if (min !== undefined && n < min) {
    if (min === 0 && spec.type === 'integer') {
      return invalid(shown, 'là số âm — số lượng không được âm', 'is negative — a count cannot be negative');
    }
    return invalid(shown, `nhỏ hơn giá trị tối thiểu ${formatNumberVi(min)}`, `is below the minimum ${min}`);
  }
  if (spec.max !== undefined && n > spec.max) {
    return invalid(shown, `lớn hơn giá trị tối đa ${formatNumberVi(spec.max)}`, `is above the maximum ${spec.max}`);
  }
  return ok(n);
}

function checkTextLength(text: string, spec: ValueSpec): ReadOutcome {
  const max = spec.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
  if (text.length > max) {
    return invalid(
      text,
      `dài ${text.length} ký tự, vượt quá ${max} ký tự cho phép`,
      `is ${text.length} characters long, more than the ${max} allowed`,
    );
  }
  return ok(text);
}

function ok(value: FieldValue): ReadOutcome {
  return { kind: 'ok', value };
}

function invalid(shown: string, reasonVi: string, reasonEn: string): ReadOutcome {
  return { kind: 'invalid', shown, reasonVi, reasonEn };
}

const SPACES = /[\s\u00a0\u202f]/g;

/** '2279', '2.279', '1.234.567', '2 279', '+5', '-5' → number; anything else → null. */
export function parseIntegerText(text: string): number | null {
  const s = text.replace(SPACES, '');
  let digits: string;
  if (/^[+-]?\d+$/.test(s)) digits = s;
  else if (/^[+-]?\d{1,3}(\.\d{3})+$/.test(s)) digits = s.replace(/\./g, '');
  else return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** Vietnamese or plain decimal text → number; 'ambiguous' for '2.279'; null when not a number. */
export function parseDecimalText(text: string, allowPercentSign: boolean): number | 'ambiguous' | null {
  let s = text.replace(SPACES, '');
  if (allowPercentSign && s.endsWith('%')) s = s.slice(0, -1);
  let normalised: string;
  if (s.includes(',')) {
    if (!/^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$/.test(s)) return null;
    normalised = s.replace(/\./g, '').replace(',', '.');
  } else if (/^[+-]?\d+$/.test(s)) {
    normalised = s;
  } else if (/^[+-]?\d{1,3}\.\d{3}$/.test(s)) {
    return 'ambiguous';
  } else if (/^[+-]?\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    normalised = s.replace(/\./g, '');
  } else if (/^[+-]?\d+\.\d+$/.test(s)) {
    normalised = s;
  } else {
    return null;
  }
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

export function parseBooleanText(text: string): boolean | null {
  const s = text.normalize('NFC').trim().toLocaleLowerCase('vi');
  if (s === 'có' || s === 'true') return true;
  if (s === 'không' || s === 'false') return false;
  return null;
}

export function matchChoice(text: string, choices: Choice[]): string | null {
  const s = text.normalize('NFC').trim().toLocaleLowerCase('vi');
  const byLabel = choices.find((c) => c.labelVi.normalize('NFC').trim().toLocaleLowerCase('vi') === s);
  if (byLabel) return byLabel.value;
  const byCode = choices.find((c) => c.value.toLocaleLowerCase('vi') === s);
  return byCode ? byCode.value : null;
}

/** 'YYYY-MM-DD', 'DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'DD.MM.YYYY' → 'YYYY-MM-DD' when a real calendar date. */
export function parseDateText(text: string): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else {
    match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
    if (!match) return null;
    d = Number(match[1]);
    m = Number(match[3]);
    y = Number(match[4]);
  }
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return isoDateUtc(dt);
}

/** exceljs represents Excel date serials as UTC instants: take the UTC calendar day. */
export function isoDateUtc(d: Date): string {
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** 'YYYY-MM-DD' → UTC midnight Date (what exceljs writes as that day's serial), or null. */
export function dateFromIso(iso: string): Date | null {
  const norm = parseDateText(iso);
  if (norm === null) return null;
  const [y, m, d] = norm.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function formatDateVi(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** 2279 → '2.279', 12.5 → '12,5' (Vietnamese separators; for messages only). */
export function formatNumberVi(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = String(Math.abs(n)).split('.');
  if (/e/i.test(int)) return String(n);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** True when an Excel number format displays a percentage (a '%' outside quotes and escapes). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const stripped = numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return stripped.includes('%');
}

function roundSignificant(n: number): number {
  return Number(n.toPrecision(12));
}

/** The value written into a cell when building a workbook (pre-fill). */
export function toCellValue(value: FieldValue | undefined, spec: ValueSpec): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (spec.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value ? BOOLEAN_TRUE_VI : BOOLEAN_FALSE_VI;
      return String(value);
    case 'choice': {
      const c = (spec.choices ?? []).find((x) => x.value === String(value));
      return c ? c.labelVi : String(value);
    }
    case 'date':
      if (typeof value === 'string') return dateFromIso(value) ?? value;
      return String(value);
    case 'integer':
    case 'decimal':
    case 'percent':
      return typeof value === 'number' ? value : String(value);
    case 'text': {
      const s = String(value);
      return s.length > EXCEL_MAX_CELL_TEXT ? s.slice(0, EXCEL_MAX_CELL_TEXT) : s;
    }
  }
}
