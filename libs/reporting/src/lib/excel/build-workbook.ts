import ExcelJS from 'exceljs';
import { computedFields, deriveComputedValues, indexTemplate, vietnamDateOf, vietnamWallClock } from '@gdtx/domain';
import type { TemplateDefinition, ValueMap } from '@gdtx/domain';
import {
  BOOLEAN_FALSE_VI,
  BOOLEAN_TRUE_VI,
  DEFAULT_TEXT_MAX_LENGTH,
  formatDateVi,
  toCellValue,
  type ValueSpec,
} from './cell-values';
import {
  COL_LABEL,
  COL_ORDINAL,
  COL_UNIT,
  COL_VALUE,
  FORMAT_MARKER,
  FORMAT_VERSION,
  INSTRUCTIONS_SHEET,
  MAP_HEADER,
  META_KEYS,
  META_SHEET,
  ROW_HINT,
  ROW_SUBTITLE,
  ROW_TITLE,
  columnLetter,
  dimensionHeaderVi,
  planWorkbook,
  specOf,
  type InputCellPlan,
  type SectionPlan,
} from './layout';
import type { WorkbookMeta } from './types';
import { excelFormulaOf } from './computed-formula';

/** First column of the drop-down source lists kept in `_meta` (for lists too long for an inline list). */
const META_LIST_FIRST_COL = 8; // H

const INPUT_FILL = 'FFFFF2CC'; // light yellow: "type here"
const COMPUTED_FILL = 'FFEDEDED'; // light grey: "computed, locked"
const HEADER_FILL = 'FFD9E1F2'; // light blue-grey
const BORDER_COLOR = 'FFA6A6A6';
const FONT = 'Times New Roman'; // the usual font of Vietnamese administrative documents; has full Vietnamese coverage

const EXCEL_TITLE_MAX = 32;
const EXCEL_MESSAGE_MAX = 255;
const EXCEL_INLINE_LIST_MAX = 255;

/**
 * Builds the downloadable report workbook for one centre, template and period, pre-filled with `values`.
 * Layout: 'Hướng dẫn' (instructions), one protected sheet per template section (only the yellow input cells are
 * unlocked), and a very-hidden protected '_meta' sheet with the identity and the key → cell map.
 */
export async function buildWorkbook(template: TemplateDefinition, values: ValueMap, meta: WorkbookMeta): Promise<Buffer> {
  const plan = planWorkbook(template);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gdtx-monitor';
  wb.title = template.nameVi;
  const generated = new Date(meta.generatedAt);
  if (!Number.isNaN(generated.getTime())) {
    wb.created = generated;
    wb.modified = generated;
  }

  const instructions = wb.addWorksheet(INSTRUCTIONS_SHEET, {
    properties: { tabColor: { argb: 'FF2F5597' } },
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const sectionSheets = plan.sections.map((sp) =>
    wb.addWorksheet(sp.sheet, {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    }),
  );
  const metaSheet = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });

  const lists = new ListSources(metaSheet);
  // Computed cells show what the server derives (and will derive again on upload), never a stale stored rate.
  const shown = deriveComputedValues(template, values);
  plan.sections.forEach((sp, i) => drawSection(sectionSheets[i], sp, plan.cells, template, shown, meta, lists));
  drawInstructions(instructions, template, meta, plan.sections);
  drawMeta(metaSheet, meta, plan.cells);

  const protection: Partial<ExcelJS.WorksheetProtection> = {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true, // allowed: widen a column to read a long label
    formatRows: true,
  };
  // No password: protection only prevents accidental edits (it is not security; the upload re-checks everything).
  for (const ws of [instructions, ...sectionSheets, metaSheet]) await ws.protect('', { ...protection });

  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function font(extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: FONT, size: 12, ...extra };
}

function thinBorder(): Partial<ExcelJS.Borders> {
  const side: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: BORDER_COLOR } };
  return { top: side, left: side, bottom: side, right: side };
}

function headerStyle(): Partial<ExcelJS.Style> {
  return {
    font: font({ bold: true }),
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } },
    border: thinBorder(),
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    protection: { locked: true },
  };
}

function labelStyle(): Partial<ExcelJS.Style> {
  return {
    font: font(),
    border: thinBorder(),
    alignment: { vertical: 'middle', wrapText: true },
    protection: { locked: true },
  };
}

function numFmtFor(spec: ValueSpec): string {
  switch (spec.type) {
    case 'integer':
      return '#,##0';
    case 'date':
      return 'dd/mm/yyyy';
    case 'text':
    case 'choice':
    case 'boolean':
      return '@';
    default:
      return 'General';
  }
}

function inputStyle(spec: ValueSpec): Partial<ExcelJS.Style> {
  const numeric = spec.type === 'integer' || spec.type === 'decimal' || spec.type === 'percent';
  return {
    font: font({ color: { argb: 'FF1F3864' } }),
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } },
    border: thinBorder(),
    numFmt: numFmtFor(spec),
    alignment: {
      vertical: 'middle',
      horizontal: numeric ? 'right' : spec.type === 'text' ? 'left' : 'center',
      wrapText: spec.type === 'text',
    },
    protection: { locked: false },
  };
}

/** A computed cell: locked, grey, a formula over the input cells (computed-formula.ts). */
function computedStyle(spec: ValueSpec): Partial<ExcelJS.Style> {
  return {
    ...inputStyle(spec),
    font: font({ italic: true, color: { argb: 'FF404040' } }),
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: COMPUTED_FILL } },
    protection: { locked: true },
  };
}

/** How a formula addresses an input cell: on its own sheet by address, elsewhere with the quoted sheet name. */
function cellReference(plan: InputCellPlan, fromSheet: string): string {
  return plan.sheet === fromSheet ? plan.address : `'${plan.sheet.replace(/'/g, "''")}'!${plan.address}`;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Keeps drop-down source lists in `_meta` when an inline list is too long or contains commas/quotes. */
class ListSources {
  private next = META_LIST_FIRST_COL;
  constructor(private readonly sheet: ExcelJS.Worksheet) {}

  formula(labels: string[]): string {
    const inline = labels.join(',');
    if (inline.length + 2 <= EXCEL_INLINE_LIST_MAX && !/[",]/.test(labels.join(''))) return `"${inline}"`;
    const col = this.next++;
    labels.forEach((l, i) => {
      this.sheet.getCell(i + 1, col).value = l;
    });
    const letter = columnLetter(col);
    return `'${META_SHEET}'!$${letter}$1:$${letter}$${labels.length}`;
  }
}

function validationFor(spec: ValueSpec, lists: ListSources, labelVi: string, helpVi: string | undefined, withPrompt: boolean): ExcelJS.DataValidation {
  const base = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Giá trị không hợp lệ',
  };
  let v: ExcelJS.DataValidation;
  let hint: string;
  switch (spec.type) {
    case 'integer': {
      const min = spec.min ?? 0;
      hint = spec.max !== undefined ? `Số nguyên từ ${min} đến ${spec.max}.` : `Số nguyên, từ ${min} trở lên.`;
      v = spec.max !== undefined
        ? { ...base, type: 'whole', operator: 'between', formulae: [min, spec.max], error: hint }
        : { ...base, type: 'whole', operator: 'greaterThanOrEqual', formulae: [min], error: hint };
      break;
    }
    case 'decimal':
    case 'percent': {
      const min = spec.min ?? -1e15;
      const max = spec.max ?? 1e15;
      hint = spec.type === 'percent' ? 'Số (tỷ lệ %, ví dụ 99,6).' : 'Số, có thể có phần thập phân.';
      if (spec.min !== undefined || spec.max !== undefined) {
        hint += ` Từ ${spec.min ?? '…'} đến ${spec.max ?? '…'}.`;
      }
      v = { ...base, type: 'decimal', operator: 'between', formulae: [min, max], error: hint };
      break;
    }
    case 'boolean':
      hint = `Chọn '${BOOLEAN_TRUE_VI}' hoặc '${BOOLEAN_FALSE_VI}'.`;
      v = { ...base, type: 'list', formulae: [`"${BOOLEAN_TRUE_VI},${BOOLEAN_FALSE_VI}"`], error: hint };
      break;
    case 'choice': {
      const labels = (spec.choices ?? []).map((c) => c.labelVi);
      hint = 'Chọn một giá trị trong danh sách.';
      v = { ...base, type: 'list', formulae: [lists.formula(labels)], error: hint };
      break;
    }
    case 'date':
      hint = 'Ngày theo dạng dd/mm/yyyy.';
      v = {
        ...base,
        type: 'date',
        operator: 'between',
        // From 1 March 1900: exceljs (like Excel's 1900 leap-year bug) maps earlier days to off-by-one serials.
        formulae: [new Date(Date.UTC(1900, 2, 1)), new Date(Date.UTC(2100, 11, 31))],
        error: hint,
      };
      break;
    case 'text': {
      const max = spec.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      hint = `Văn bản, tối đa ${max} ký tự; không bắt đầu bằng =, +, -, @.`;
      v = { ...base, type: 'textLength', operator: 'lessThanOrEqual', formulae: [max], error: hint };
      break;
    }
  }
  v.error = clip(v.error ?? '', EXCEL_MESSAGE_MAX);
  if (withPrompt) {
    v.showInputMessage = true;
    v.promptTitle = clip(labelVi, EXCEL_TITLE_MAX);
    v.prompt = clip(helpVi ? `${hint} ${helpVi}` : hint, EXCEL_MESSAGE_MAX);
  }
  return v;
}

function drawSection(
  ws: ExcelJS.Worksheet,
  sp: SectionPlan,
  allCells: InputCellPlan[],
  template: TemplateDefinition,
  values: ValueMap,
  meta: WorkbookMeta,
  lists: ListSources,
): void {
  const cells = allCells.filter((c) => c.sheet === sp.sheet);
  const byKey = new Map(cells.map((c) => [c.key, c]));

  ws.getColumn(COL_ORDINAL).width = 6;
  ws.getColumn(COL_LABEL).width = 50;
  for (let c = COL_VALUE; c < sp.helpCol; c++) ws.getColumn(c).width = 16;
  ws.getColumn(sp.helpCol).width = 55;

  const title = ws.getCell(ROW_TITLE, 1);
  title.value = sp.section.titleVi;
  title.style = { font: font({ bold: true, size: 14, color: { argb: 'FF1F3864' } }), protection: { locked: true } };
  const subtitle = ws.getCell(ROW_SUBTITLE, 1);
  subtitle.value = `${meta.centreName} — ${template.nameVi} — ${meta.periodLabelVi}`;
  subtitle.style = { font: font({ italic: true }), protection: { locked: true } };
  const hint = ws.getCell(ROW_HINT, 1);
  hint.value = 'Nhập số liệu vào các ô nền vàng. Các ô khác đã được khóa. Để trống nếu chưa có số liệu.';
  hint.style = { font: font({ italic: true, size: 11, color: { argb: 'FF7F7F7F' } }), protection: { locked: true } };

  const put = (row: number, col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.style = style;
  };

  const computedByKey = new Map(computedFields(template).map((c) => [c.field.code, c]));
  const allByKey = new Map(allCells.map((c) => [c.key, c]));
  const keys = indexTemplate(template).keys;
  const writeInput = (plan: InputCellPlan, labelVi: string, helpVi: string | undefined, withPrompt: boolean) => {
    const spec = specOf(plan);
    const computed = computedByKey.get(plan.key);
    if (computed) {
      const cellOf = (key: string) => {
        const source = allByKey.get(key);
        return source ? cellReference(source, sp.sheet) : null;
      };
      const formula = excelFormulaOf(computed.computed.expression, computed.decimals, keys, cellOf);
      const value = values[plan.key];
      const cell = ws.getCell(plan.row, plan.col);
      cell.value = formula ? { formula, result: typeof value === 'number' ? value : '' } : toCellValue(value, spec);
      cell.style = computedStyle(spec);
      return;
    }
    const cell = ws.getCell(plan.row, plan.col);
    cell.value = toCellValue(values[plan.key], spec);
    cell.style = inputStyle(spec);
    cell.dataValidation = validationFor(spec, lists, labelVi, helpVi, withPrompt);
  };

  if (sp.fieldHeaderRow !== null) {
    const hr = sp.fieldHeaderRow;
    put(hr, COL_ORDINAL, 'TT', headerStyle());
    put(hr, COL_LABEL, 'Chỉ tiêu', headerStyle());
    put(hr, COL_VALUE, 'Giá trị', headerStyle());
    put(hr, COL_UNIT, 'Đơn vị', headerStyle());
    put(hr, sp.helpCol, 'Hướng dẫn / ghi chú', headerStyle());
    sp.section.fields.forEach((field, i) => {
      const plan = byKey.get(field.code);
      if (!plan) return;
      put(plan.row, COL_ORDINAL, i + 1, { ...labelStyle(), alignment: { horizontal: 'center', vertical: 'middle' } });
      put(plan.row, COL_LABEL, field.labelVi, labelStyle());
      put(plan.row, COL_UNIT, field.unit ?? '', { ...labelStyle(), alignment: { horizontal: 'center', vertical: 'middle' } });
      const help = [field.required ? 'Bắt buộc.' : '', field.computed ? 'Ô tự tính (nền xám), không cần nhập.' : '', field.helpVi ?? ''].filter(Boolean).join(' ');
      put(plan.row, sp.helpCol, help, { ...labelStyle(), font: font({ size: 11, color: { argb: 'FF595959' } }) });
      writeInput(plan, field.labelVi, field.helpVi, true);
    });
  }

  for (const gp of sp.grids) {
    const g = gp.grid;
    put(gp.titleRow, COL_LABEL, g.unit ? `${g.labelVi} (đơn vị: ${g.unit})` : g.labelVi, {
      font: font({ bold: true }),
      protection: { locked: true },
    });
    put(gp.headerRow, COL_ORDINAL, 'TT', headerStyle());
    put(gp.headerRow, COL_LABEL, dimensionHeaderVi(g.rowDimension), headerStyle());
    g.columns.forEach((col, ci) => put(gp.headerRow, COL_VALUE + ci, col.labelVi, headerStyle()));
    g.rows.forEach((row, ri) => {
      const r = gp.firstBodyRow + ri;
      put(r, COL_ORDINAL, ri + 1, { ...labelStyle(), alignment: { horizontal: 'center', vertical: 'middle' } });
      put(r, COL_LABEL, row.labelVi, labelStyle());
      g.columns.forEach((col) => {
        const plan = byKey.get(`${g.code}.${row.code}.${col.code}`);
        if (plan) writeInput(plan, g.labelVi, undefined, false);
      });
    });
  }
}

function drawInstructions(ws: ExcelJS.Worksheet, template: TemplateDefinition, meta: WorkbookMeta, sections: SectionPlan[]): void {
  ws.getColumn(1).width = 4;
  ws.getColumn(2).width = 28;
  ws.getColumn(3).width = 90;
  let r = 1;
  const line = (col: number, value: string | number, style: Partial<ExcelJS.Style>) => {
    const cell = ws.getCell(r, col);
    cell.value = value;
    cell.style = { protection: { locked: true }, ...style };
  };

  line(1, template.nameVi, { font: font({ bold: true, size: 15, color: { argb: 'FF1F3864' } }) });
  r += 2;
  const info: [string, string][] = [
    ['Trung tâm', meta.centreName],
    ['Kỳ báo cáo', meta.periodLabelVi],
    ['Biểu mẫu', `${template.code} — phiên bản ${template.version}`],
    ['Số liệu điền sẵn', meta.submissionVersion === null ? 'Mẫu trống' : `Theo báo cáo đã lưu, lần ${meta.submissionVersion}`],
    ['Ngày tạo tệp', formatGenerated(meta.generatedAt)],
  ];
  for (const [k, v] of info) {
    line(2, k, { font: font({ bold: true }) });
    line(3, v, { font: font(), alignment: { horizontal: 'left' } });
    r++;
  }
  r++;
  line(1, 'Hướng dẫn nhập số liệu', { font: font({ bold: true, size: 13 }) });
  r++;
  const steps = [
    'Chỉ nhập vào các ô nền vàng trên các trang báo cáo; các ô khác đã được khóa.',
    'Các ô nền xám (tỷ lệ, tổng số) được tự tính từ số liệu đã nhập; khi tải lên, hệ thống tính lại các ô này và bỏ qua giá trị trong tệp.',
    'Không đổi tên, thêm, xóa hoặc sắp xếp lại các trang, hàng, cột. Không xóa trang ẩn của hệ thống.',
    'Số nguyên nhập không có phần thập phân, ví dụ 2279 (chấp nhận cả 2.279 dạng văn bản). Số lượng không được âm.',
    'Số thập phân dùng dấu phẩy, ví dụ 12,5. Tỷ lệ (%) nhập số phần trăm, ví dụ 99,6.',
    `Các ô Có/Không và các ô danh sách: chọn trong danh sách thả xuống ('${BOOLEAN_TRUE_VI}' hoặc '${BOOLEAN_FALSE_VI}').`,
    'Ngày nhập theo dạng dd/mm/yyyy, ví dụ 15/06/2024.',
    'Không nhập công thức. Nội dung không được bắt đầu bằng các ký tự =, +, -, @ (dùng "•" thay cho gạch đầu dòng).',
    'Để trống ô nếu chưa có số liệu; chỉ nhập 0 khi số liệu thực sự bằng 0.',
    'Tệp chỉ dùng cho đúng trung tâm, biểu mẫu và kỳ báo cáo ghi ở trên; tệp của trung tâm hoặc kỳ khác sẽ bị từ chối.',
    'Lưu tệp dưới dạng Excel Workbook (.xlsx), không đặt mật khẩu, dung lượng tối đa 5 MB, rồi tải lên hệ thống.',
    'Sau khi tải lên, hệ thống kiểm tra lại toàn bộ số liệu; các lỗi được báo theo địa chỉ ô (ví dụ ô C7).',
  ];
  steps.forEach((s, i) => {
    line(2, `${i + 1}.`, { font: font(), alignment: { horizontal: 'right', vertical: 'top' } });
    line(3, s, { font: font(), alignment: { wrapText: true, vertical: 'top' } });
    r++;
  });
  r++;
  line(1, 'Các trang báo cáo', { font: font({ bold: true, size: 13 }) });
  r++;
  sections.forEach((sp, i) => {
    line(2, `${i + 1}. ${sp.sheet}`, { font: font() });
    line(3, sp.section.titleVi, { font: font({ italic: true }) });
    r++;
  });
}

function formatGenerated(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const local = vietnamWallClock(d);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${formatDateVi(vietnamDateOf(d))} ${hh}:${mm}`;
}

function drawMeta(ws: ExcelJS.Worksheet, meta: WorkbookMeta, cells: InputCellPlan[]): void {
  const text = (row: number, col: number, value: string) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.numFmt = '@';
  };
  text(1, 1, 'format');
  text(1, 2, FORMAT_MARKER);
  text(1, 3, String(FORMAT_VERSION));
  META_KEYS.forEach((k, i) => {
    const v = meta[k];
    text(2 + i, 1, k);
    text(2 + i, 2, v === null || v === undefined ? '' : String(v));
  });
  const headerRow = 2 + META_KEYS.length + 1;
  MAP_HEADER.forEach((h, i) => text(headerRow, 1 + i, h));
  cells.forEach((c, i) => {
    const r = headerRow + 1 + i;
    text(r, 1, c.key);
    text(r, 2, c.sheet);
    text(r, 3, c.address);
    text(r, 4, c.kind === 'field' ? c.field.type : c.grid.type);
    c.anchors.forEach((a, j) => text(r, 5 + j, a.address));
  });
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 40;
}
