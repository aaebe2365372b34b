import ExcelJS from 'exceljs';
import { BOOLEAN_FALSE_VI, BOOLEAN_TRUE_VI, EXCEL_MAX_CELL_TEXT, isDate } from './cell-values';
import { sanitizeSheetName } from './layout';
import type { TableColumn } from './types';

const TITLE_ROW = 1;
const HEADER_ROW = 2;
const FONT = 'Times New Roman';

/**
 * A generic "export this table to Excel" (dashboards, lists). One sheet named after `title`: the title in row 1,
 * a bold header in row 2 (frozen, with an autofilter over the data), one row per record from row 3.
 * Cell values are coerced to plain values: numbers, strings, booleans ('Có'/'Không'), dates; null/undefined → empty;
 * any other object → its JSON text. Objects are never handed to exceljs as-is, so a row value such as
 * `{ formula: '…' }` can never become a formula.
 */
export async function buildTableWorkbook(
  title: string,
  columns: TableColumn[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gdtx-monitor';
  wb.title = title;
  const ws = wb.addWorksheet(sanitizeSheetName(title, 'Dữ liệu'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  const titleCell = ws.getCell(TITLE_ROW, 1);
  titleCell.value = title;
  titleCell.font = { name: FONT, size: 14, bold: true };

  const widths = columns.map((c) => Math.max(8, displayLength(c.headerVi) + 2));
  columns.forEach((col, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = col.headerVi;
    cell.style = {
      font: { name: FONT, size: 12, bold: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
      alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
      border: { bottom: { style: 'thin', color: { argb: 'FF7F7F7F' } } },
    };
  });

  rows.forEach((row, r) => {
    columns.forEach((col, i) => {
      const cell = ws.getCell(HEADER_ROW + 1 + r, i + 1);
      const value = plainValue(row[col.key]);
      cell.value = value;
      cell.font = { name: FONT, size: 12 };
      if (col.numFmt) cell.numFmt = col.numFmt;
      else if (isDate(value)) cell.numFmt = 'dd/mm/yyyy';
      widths[i] = Math.max(widths[i], displayLength(value, col.numFmt) + 2);
    });
  });

  columns.forEach((col, i) => {
    ws.getColumn(i + 1).width = col.width ?? Math.min(60, widths[i]);
  });
  if (columns.length > 0) {
    ws.autoFilter = {
      from: { row: HEADER_ROW, column: 1 },
      to: { row: HEADER_ROW + Math.max(rows.length, 0), column: columns.length },
    };
  }

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function plainValue(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'boolean') return v ? BOOLEAN_TRUE_VI : BOOLEAN_FALSE_VI;
  if (typeof v === 'string') return v.length > EXCEL_MAX_CELL_TEXT ? v.slice(0, EXCEL_MAX_CELL_TEXT) : v;
  if (isDate(v)) return Number.isNaN(v.getTime()) ? null : v;
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > EXCEL_MAX_CELL_TEXT ? s.slice(0, EXCEL_MAX_CELL_TEXT) : s;
}

function displayLength(v: unknown, numFmt?: string): number {
  if (v === null || v === undefined) return 0;
  if (isDate(v)) return 10;
  if (typeof v === 'number') {
    const base = Math.round(Math.abs(v)).toString().length;
    return numFmt?.includes('%') ? base + 6 : base + Math.floor((base - 1) / 3) + 3;
  }
  const lines = String(v).split('\n');
  return Math.max(...lines.map((l) => l.length));
}
