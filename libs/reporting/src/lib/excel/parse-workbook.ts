import ExcelJS from 'exceljs';
import type { TemplateDefinition, ValueMap } from '@gdtx/domain';
import { isDate, readCellValue } from './cell-values';
import {
  FORMAT_MARKER,
  FORMAT_VERSION,
  MAP_HEADER,
  META_KEYS,
  META_SHEET,
  cellLabelEn,
  cellLabelVi,
  parseAddress,
  planWorkbook,
  specOf,
  type InputCellPlan,
} from './layout';
import { CORRUPT_MESSAGES, cellProblem, fileProblem, quote } from './messages';
import type { CellProblem, ExpectedWorkbookIdentity, ParseLimits, ParseResult, WorkbookMeta } from './types';
import { checkZip } from './zip-guard';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Generous for a report (a built workbook is ~0.1 MB uncompressed) but keeps exceljs' in-memory model bounded. */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024;
/** Cells in all worksheets together; see ParseLimits.maxCells. */
export const DEFAULT_MAX_CELLS = 50_000;
const MAX_ZIP_ENTRIES = 2000;

/**
 * Parses an uploaded report workbook produced by `buildWorkbook`. Never throws for any file content; all problems
 * come back as `CellProblem`s. Order of checks: size → zip sanity (+ zip-bomb guard) → exceljs load → `_meta`
 * identity (template code + version, centre, period; all mismatches reported, then stop) → key → cell map →
 * layout anchors (label cells must still hold the template's labels) → every input cell (all problems collected).
 *
 * Nothing in the file is trusted: sheet protection may have been removed, `_meta` edited. The identity in `_meta`
 * is only compared with `expected` (which comes from the request context), and each value is re-validated here.
 * The result is a pure function of (buffer, template, expected): the same file always gives the same result.
 * Every key of the template is present in `values` (null for an empty cell).
 */
export async function parseWorkbook(
  buffer: Buffer,
  template: TemplateDefinition,
  expected: ExpectedWorkbookIdentity,
  limits?: ParseLimits,
): Promise<ParseResult> {
  try {
    return await parseUnsafe(buffer, template, expected, limits ?? {});
  } catch (e) {
    // Defensive: every known failure is handled above; an unexpected exceljs quirk must not become a 500.
    return fail([fileProblem('CORRUPT_FILE', CORRUPT_MESSAGES['UNREADABLE'][0], `${CORRUPT_MESSAGES['UNREADABLE'][1]} (${errorText(e)})`)]);
  }
}

function fail(errors: CellProblem[]): ParseResult {
  return { ok: false, errors };
}

async function parseUnsafe(
  input: Buffer,
  template: TemplateDefinition,
  expected: ExpectedWorkbookIdentity,
  limits: ParseLimits,
): Promise<ParseResult> {
  // Callers may hand over a Uint8Array (e.g. from a multipart parser); anything else is not a file.
  const raw: unknown = input;
  let buf: Buffer;
  if (Buffer.isBuffer(raw)) {
    buf = raw;
  } else if (ArrayBuffer.isView(raw) && Object.prototype.toString.call(raw) === '[object Uint8Array]') {
    buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  } else {
    return fail([fileProblem('CORRUPT_FILE', CORRUPT_MESSAGES['NOT_ZIP'][0], CORRUPT_MESSAGES['NOT_ZIP'][1])]);
  }
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buf.length > maxBytes) {
    return fail([
      fileProblem(
        'FILE_TOO_LARGE',
        `Tệp có dung lượng ${mb(buf.length)} MB, vượt quá giới hạn ${mb(maxBytes)} MB.`,
        `The file is ${buf.length} bytes, more than the ${maxBytes}-byte limit.`,
      ),
    ]);
  }

  const zip = checkZip(buf, {
    maxUncompressedBytes: limits.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
    maxEntries: MAX_ZIP_ENTRIES,
  });
  if (!zip.ok) {
    if (zip.reason === 'TOO_LARGE') {
      return fail([
        fileProblem(
          'FILE_TOO_LARGE',
          'Nội dung tệp Excel sau khi giải nén quá lớn. Hãy dùng đúng mẫu tải từ hệ thống, không chèn thêm dữ liệu hoặc hình ảnh.',
          'The uncompressed content of the workbook exceeds the limit (possible zip bomb).',
        ),
      ]);
    }
    const [vi, en] = CORRUPT_MESSAGES[zip.reason];
    return fail([fileProblem('CORRUPT_FILE', vi, en)]);
  }
  const maxCells = limits.maxCells ?? DEFAULT_MAX_CELLS;
  if (zip.worksheetCells > maxCells) {
    return fail([
      fileProblem(
        'WORKBOOK_TOO_COMPLEX',
        `Tệp Excel có ${zip.worksheetCells.toLocaleString('vi-VN')} ô dữ liệu, vượt quá giới hạn ${maxCells.toLocaleString('vi-VN')} ô. ` +
          'Hãy tải lại mẫu Excel từ hệ thống và chỉ nhập số liệu vào các ô của mẫu, không dán thêm bảng hay dữ liệu khác.',
        `The workbook has ${zip.worksheetCells} cells, more than the ${maxCells}-cell limit.`,
      ),
    ]);
  }

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    const [vi, en] = CORRUPT_MESSAGES['UNREADABLE'];
    return fail([fileProblem('CORRUPT_FILE', vi, `${en} (${errorText(e)})`)]);
  }

  if (wb.worksheets.length === 0) {
    const [vi, en] = CORRUPT_MESSAGES['UNREADABLE'];
    return fail([fileProblem('CORRUPT_FILE', vi, `${en} (no worksheets)`)]);
  }

  // ---- identity ----
  const metaSheet = wb.getWorksheet(META_SHEET);
  if (!metaSheet) {
    return fail([
      {
        ...fileProblem(
          'MISSING_SHEET',
          `Tệp không phải mẫu Excel tải từ hệ thống (thiếu trang ẩn '${META_SHEET}'). Hãy tải mẫu Excel của kỳ báo cáo này và nhập số liệu vào đó.`,
          `The workbook was not produced by the system (hidden sheet '${META_SHEET}' is missing).`,
        ),
        sheet: META_SHEET,
      },
    ]);
  }
  if (cellText(metaSheet.getCell('B1').value) !== FORMAT_MARKER) {
    return fail([
      {
        ...fileProblem(
          'WRONG_TEMPLATE',
          'Tệp không phải mẫu Excel tải từ hệ thống. Hãy tải mẫu Excel của kỳ báo cáo này và nhập số liệu vào đó.',
          'The workbook was not produced by the system (format marker missing).',
        ),
        sheet: META_SHEET,
        cell: 'B1',
      },
    ]);
  }
  const formatVersion = cellText(metaSheet.getCell('C1').value);
  if (formatVersion !== String(FORMAT_VERSION)) {
    return fail([
      {
        ...fileProblem(
          'UNKNOWN_VERSION',
          `Tệp dùng định dạng mẫu Excel phiên bản '${quote(formatVersion)}' mà hệ thống không đọc được. Hãy tải lại mẫu Excel mới.`,
          `Unsupported workbook format version '${quote(formatVersion)}' (expected ${FORMAT_VERSION}).`,
        ),
        sheet: META_SHEET,
        cell: 'C1',
      },
    ]);
  }

  const metaRows = readMetaRows(metaSheet);
  const meta = toMeta(metaRows.identity);
  const identityErrors = checkIdentity(meta, metaRows.rowOf, template, expected);
  if (identityErrors.length > 0) return fail(identityErrors);

  // ---- key → cell map ----
  const plan = planWorkbook(template);
  const mapResult = readMap(metaSheet, metaRows.mapHeaderRow, plan.cells);
  if (mapResult.errors.length > 0) return fail(mapResult.errors);
  const map = mapResult.map;

  const errors: CellProblem[] = [];

  // ---- sheets and layout anchors ----
  const sheets = new Map<string, ExcelJS.Worksheet>();
  const unusableSheets = new Set<string>();
  for (const cell of plan.cells) {
    const entry = map.get(cell.key)!;
    if (sheets.has(entry.sheet) || unusableSheets.has(entry.sheet)) continue;
    const ws = wb.getWorksheet(entry.sheet);
    if (ws) {
      sheets.set(entry.sheet, ws);
    } else {
      unusableSheets.add(entry.sheet);
      errors.push({
        sheet: entry.sheet,
        cell: null,
        key: null,
        code: 'MISSING_SHEET',
        messageVi: `Thiếu trang '${entry.sheet}'. Không đổi tên hoặc xóa các trang của mẫu; hãy tải lại mẫu Excel nếu cần.`,
        messageEn: `Sheet '${entry.sheet}' is missing (renamed or deleted).`,
      });
    }
  }
  for (const cell of plan.cells) {
    const entry = map.get(cell.key)!;
    if (unusableSheets.has(entry.sheet)) continue;
    const ws = sheets.get(entry.sheet)!;
    const mismatch = cell.anchors.findIndex((a, i) => norm(cellText(ws.getCell(entry.anchors[i]).value)) !== norm(a.text));
    if (mismatch >= 0) {
      const address = entry.anchors[mismatch];
      const want = cell.anchors[mismatch].text;
      unusableSheets.add(entry.sheet);
      errors.push({
        sheet: entry.sheet,
        cell: address,
        key: cell.key,
        code: 'WRONG_TEMPLATE',
        messageVi: `Ô ${address} (trang '${entry.sheet}'): cấu trúc trang đã bị thay đổi (ô này phải là '${quote(want)}'). Không chèn, xóa hoặc di chuyển hàng, cột; hãy tải lại mẫu Excel.`,
        messageEn: `Cell ${address} (sheet '${entry.sheet}'): the sheet layout was changed (expected the label '${quote(want)}').`,
      });
    }
  }

  // ---- values ----
  const values: ValueMap = {};
  for (const cell of plan.cells) {
    const entry = map.get(cell.key)!;
    // A computed cell (rate, total) is never read: the server derives it again from the figures (computed.ts).
    if (cell.kind === 'field' && cell.field.computed) continue;
    values[cell.key] = null;
    if (unusableSheets.has(entry.sheet)) continue;
    const xc = sheets.get(entry.sheet)!.getCell(entry.address);
    const outcome = readCellValue(xc.value, specOf(cell), xc.numFmt);
    if (outcome.kind === 'ok') {
      values[cell.key] = outcome.value;
      continue;
    }
    const common = {
      sheet: entry.sheet,
      cell: entry.address,
      key: cell.key,
      labelVi: cellLabelVi(cell),
      labelEn: cellLabelEn(cell),
    };
    if (outcome.kind === 'formula') {
      errors.push(
        cellProblem({
          ...common,
          code: 'FORMULA_NOT_ALLOWED',
          shown: outcome.shown,
          reasonVi: 'không được dùng công thức — hãy nhập giá trị (số hoặc chữ)',
          reasonEn: 'formulas are not allowed — enter a plain value',
        }),
      );
    } else if (outcome.kind === 'injection') {
      errors.push(
        cellProblem({
          ...common,
          code: 'FORMULA_NOT_ALLOWED',
          shown: outcome.shown,
          reasonVi: 'nội dung không được bắt đầu bằng =, +, -, @ (có thể bị hiểu là công thức)',
          reasonEn: 'text must not start with =, +, -, @ (formula injection)',
        }),
      );
    } else {
      errors.push(
        cellProblem({ ...common, code: 'INVALID_VALUE', shown: outcome.shown, reasonVi: outcome.reasonVi, reasonEn: outcome.reasonEn }),
      );
    }
  }

  if (errors.length > 0) return fail(errors);
  return { ok: true, values, meta };
}

function errorText(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(e);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace('.', ',');
}

function norm(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Text of a cell as written by a human or by us: strings, numbers, rich text, hyperlinks; '' otherwise. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isDate(v)) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('text' in v && 'hyperlink' in v) return String(v.text);
  return '';
}

interface MetaRows {
  identity: Map<string, string>;
  rowOf: Map<string, number>;
  mapHeaderRow: number | null;
}

function readMetaRows(ws: ExcelJS.Worksheet): MetaRows {
  const identity = new Map<string, string>();
  const rowOf = new Map<string, number>();
  let mapHeaderRow: number | null = null;
  const last = Math.min(ws.rowCount, 100);
  for (let r = 2; r <= last; r++) {
    const a = cellText(ws.getCell(r, 1).value).trim();
    if (a === MAP_HEADER[0] && cellText(ws.getCell(r, 2).value).trim() === MAP_HEADER[1]) {
      mapHeaderRow = r;
      break;
    }
    if ((META_KEYS as readonly string[]).includes(a) && !identity.has(a)) {
      identity.set(a, cellText(ws.getCell(r, 2).value).trim());
      rowOf.set(a, r);
    }
  }
  return { identity, rowOf, mapHeaderRow };
}

function toMeta(m: Map<string, string>): WorkbookMeta {
  const sv = m.get('submissionVersion') ?? '';
  return {
    centreId: m.get('centreId') ?? '',
    centreName: m.get('centreName') ?? '',
    templateCode: m.get('templateCode') ?? '',
    templateVersion: Number(m.get('templateVersion') ?? NaN),
    periodCode: m.get('periodCode') ?? '',
    periodLabelVi: m.get('periodLabelVi') ?? '',
    submissionVersion: sv === '' || !Number.isFinite(Number(sv)) ? null : Number(sv),
    generatedAt: m.get('generatedAt') ?? '',
  };
}

function checkIdentity(
  meta: WorkbookMeta,
  rowOf: Map<string, number>,
  template: TemplateDefinition,
  expected: ExpectedWorkbookIdentity,
): CellProblem[] {
  const errors: CellProblem[] = [];
  const at = (key: string) => ({ sheet: META_SHEET, cell: rowOf.has(key) ? `B${rowOf.get(key)}` : null, key: null });
  if (meta.templateCode !== expected.templateCode || meta.templateCode !== template.code) {
    errors.push({
      ...at('templateCode'),
      code: 'WRONG_TEMPLATE',
      messageVi: `Tệp là mẫu '${quote(meta.templateCode)}', không phải mẫu '${template.code}' (${template.nameVi}). Hãy tải đúng mẫu Excel của báo cáo này.`,
      messageEn: `The workbook is for template '${quote(meta.templateCode)}', not '${template.code}'.`,
    });
  } else if (meta.templateVersion !== template.version) {
    errors.push({
      ...at('templateVersion'),
      code: 'WRONG_TEMPLATE',
      messageVi: `Tệp dùng mẫu '${template.code}' phiên bản ${Number.isNaN(meta.templateVersion) ? '?' : meta.templateVersion}, nhưng kỳ báo cáo này dùng phiên bản ${template.version}. Hãy tải lại mẫu Excel mới.`,
      messageEn: `The workbook uses version ${meta.templateVersion} of template '${template.code}'; this report uses version ${template.version}.`,
    });
  }
  if (meta.centreId !== expected.centreId) {
    errors.push({
      ...at('centreId'),
      code: 'WRONG_CENTRE',
      messageVi: `Tệp được tạo cho trung tâm khác${meta.centreName ? ` ('${quote(meta.centreName)}')` : ''}. Hãy tải mẫu Excel của chính trung tâm mình.`,
      messageEn: `The workbook was generated for another centre (${quote(meta.centreId)}).`,
    });
  }
  if (meta.periodCode !== expected.periodCode) {
    errors.push({
      ...at('periodCode'),
      code: 'WRONG_PERIOD',
      messageVi: `Tệp thuộc kỳ báo cáo khác${meta.periodLabelVi ? ` ('${quote(meta.periodLabelVi)}')` : ''}. Hãy tải mẫu Excel của kỳ báo cáo đang nộp.`,
      messageEn: `The workbook is for another reporting period (${quote(meta.periodCode)}), expected ${expected.periodCode}.`,
    });
  }
  return errors;
}

interface MapEntry {
  sheet: string;
  address: string;
  anchors: string[];
}

function readMap(
  ws: ExcelJS.Worksheet,
  headerRow: number | null,
  cells: InputCellPlan[],
): { map: Map<string, MapEntry>; errors: CellProblem[] } {
  const map = new Map<string, MapEntry>();
  const errors: CellProblem[] = [];
  const broken = (cell: string | null, key: string | null, detailVi: string, detailEn: string): CellProblem => ({
    sheet: META_SHEET,
    cell,
    key,
    code: 'WRONG_TEMPLATE',
    messageVi: `Trang ẩn '${META_SHEET}' của tệp đã bị thay đổi (${detailVi}). Hãy tải lại mẫu Excel từ hệ thống.`,
    messageEn: `The hidden '${META_SHEET}' sheet was altered (${detailEn}).`,
  });
  if (headerRow === null) return { map, errors: [broken(null, null, 'không tìm thấy bảng vị trí ô', 'no key → cell map')] };

  const wanted = new Set(cells.map((c) => c.key));
  const anchorCount = new Map(cells.map((c) => [c.key, c.anchors.length]));
  const usedAddresses = new Map<string, string>();
  const last = Math.min(ws.rowCount, headerRow + cells.length + 1000);
  for (let r = headerRow + 1; r <= last; r++) {
    const key = cellText(ws.getCell(r, 1).value).trim();
    if (key === '') break;
    if (!wanted.has(key)) continue; // not part of this template version: ignored
    if (map.has(key)) {
      errors.push(broken(`A${r}`, key, `chỉ tiêu '${key}' xuất hiện hai lần`, `key '${key}' appears twice`));
      continue;
    }
    const sheet = cellText(ws.getCell(r, 2).value);
    const address = cellText(ws.getCell(r, 3).value).trim();
    const anchors: string[] = [];
    for (let i = 0; i < (anchorCount.get(key) ?? 0); i++) anchors.push(cellText(ws.getCell(r, 5 + i).value).trim());
    if (sheet === '' || !parseAddress(address) || anchors.some((a) => !parseAddress(a))) {
      errors.push(broken(`A${r}`, key, `vị trí ô của '${key}' không hợp lệ`, `invalid cell reference for '${key}'`));
      continue;
    }
    const slot = `${sheet}!${address}`;
    if (usedAddresses.has(slot)) {
      errors.push(broken(`A${r}`, key, `hai chỉ tiêu cùng một ô ${address}`, `two keys share the cell ${slot}`));
      continue;
    }
    usedAddresses.set(slot, key);
    map.set(key, { sheet, address, anchors });
  }
  const missing = cells.filter((c) => !map.has(c.key));
  if (missing.length > 0 && errors.length === 0) {
    const list = missing.slice(0, 5).map((c) => c.key).join(', ');
    errors.push(broken(null, missing[0].key, `thiếu vị trí ô của ${missing.length} chỉ tiêu: ${list}`, `${missing.length} keys have no cell: ${list}`));
  }
  return { map, errors };
}
