/**
 * Pure part of "export this table to Excel": turns the rows and columns a table shows into a sheet
 * description (title rows, headers, typed cell values, number formats, column widths). ExportButton writes it
 * with exceljs; this file has no exceljs import so it stays testable and out of the initial bundle.
 */
import { foldVietnamese, vietnamWallClock } from '@gdtx/domain';

export type CellValue = string | number | Date | null;
export type ColumnKind = 'text' | 'number' | 'percent' | 'date' | 'datetime';

export interface ExportColumn<T> {
  /** Vietnamese (or current-language) header, as shown in the table. */
  header: string;
  value(row: T): string | number | null | undefined;
  /** How the value is written: numbers as numbers, dates (YYYY-MM-DD or ISO) as Excel dates; default text. */
  kind?: ColumnKind;
}

export interface SheetSpec {
  title: string;
  /** Filter / period line under the title. */
  subtitle: string;
  headers: string[];
  rows: CellValue[][];
  numFmts: (string | undefined)[];
  widths: number[];
}

/**
 * An Excel date for a value: Excel has no time zones, so the cell holds the Vietnamese wall-clock time (stored
 * as the same fields in UTC, which is how exceljs writes a Date). A plain YYYY-MM-DD is a calendar day.
 */
export function excelDate(value: string | null | undefined, withTime: boolean): Date | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const wall = vietnamWallClock(instant);
  if (!withTime) wall.setUTCHours(0, 0, 0, 0);
  return wall;
}

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function cellOf(kind: ColumnKind, raw: string | number | null | undefined): CellValue {
  switch (kind) {
    case 'number':
      return toNumber(raw);
    case 'percent': {
      const n = toNumber(raw);
      return n === null ? null : n / 100;
    }
    case 'date':
    case 'datetime':
      return excelDate(raw === null || raw === undefined ? null : String(raw), kind === 'datetime');
    default:
      return raw === null || raw === undefined ? null : String(raw);
  }
}

function numFmtOf(kind: ColumnKind, values: CellValue[]): string | undefined {
  if (kind === 'number') return values.every((v) => typeof v !== 'number' || Number.isInteger(v)) ? '#,##0' : '#,##0.0#';
  if (kind === 'percent') return '0.0%';
  if (kind === 'date') return 'dd/mm/yyyy';
  if (kind === 'datetime') return 'dd/mm/yyyy hh:mm';
  return undefined;
}

/** Width in characters: the longest header or text shown, within 8–60 (dates and numbers have fixed widths). */
function widthOf(kind: ColumnKind, header: string, values: CellValue[]): number {
  const shown = values.map((v) =>
    v === null ? 0 : kind === 'date' ? 10 : kind === 'datetime' ? 16 : typeof v === 'number' ? String(Math.round(v)).length + 4 : String(v).length,
  );
  return Math.min(60, Math.max(8, header.length, ...shown) + 2);
}

export function toSheet<T>(title: string, subtitle: string, columns: readonly ExportColumn<T>[], rows: readonly T[]): SheetSpec {
  const kinds = columns.map((c) => c.kind ?? 'text');
  const body = rows.map((row) => columns.map((c, i) => cellOf(kinds[i], c.value(row))));
  const columnValues = (i: number) => body.map((r) => r[i]);
  return {
    title,
    subtitle,
    headers: columns.map((c) => c.header),
    rows: body,
    numFmts: kinds.map((k, i) => numFmtOf(k, columnValues(i))),
    widths: kinds.map((k, i) => widthOf(k, columns[i].header, columnValues(i))),
  };
}

/** "Chỉ tiêu hoạt động" → "chi-tieu-hoat-dong.xlsx" (ASCII: safe on every system the file travels to). */
export function exportFileName(title: string): string {
  const slug = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'bang'}.xlsx`;
}
