import type { FieldDef, GridAxisItem, GridDef, SectionDef, TemplateDefinition } from '@gdtx/domain';
import type { ValueSpec } from './cell-values';
import type { WorkbookMeta } from './types';

/**
 * The workbook layout as a pure function of the template. `buildWorkbook` draws it and writes the resulting
 * key → cell map into the `_meta` sheet; `parseWorkbook` reads that map back (it never re-derives positions
 * from labels, and it never needs the layout code of the version that generated the file).
 */

/** Marker in `_meta`!B1 identifying a workbook produced by this module. */
export const FORMAT_MARKER = 'gdtx-monitor/report-workbook';
/** Version of the workbook format (the `_meta` layout, not the template). Bump on incompatible changes. */
export const FORMAT_VERSION = 1;

/** Order of the identity rows in `_meta` (column A = name, column B = value). */
export const META_KEYS = [
  'centreId',
  'centreName',
  'templateCode',
  'templateVersion',
  'periodCode',
  'periodLabelVi',
  'submissionVersion',
  'generatedAt',
] as const satisfies readonly (keyof WorkbookMeta)[];

/** Header of the key → cell map in `_meta` (the rows below it, until an empty column A, are the map). */
export const MAP_HEADER = ['key', 'sheet', 'cell', 'type', 'anchor1', 'anchor2'] as const;

export const INSTRUCTIONS_SHEET = 'Hướng dẫn';
export const META_SHEET = '_meta';
export const MAX_SHEET_NAME = 31;

/** Rows of a section sheet. */
export const ROW_TITLE = 1;
export const ROW_SUBTITLE = 2;
export const ROW_HINT = 3;
export const ROW_FIRST_BLOCK = 5;

/** Columns of a section sheet (1-based). */
export const COL_ORDINAL = 1; // A: TT
export const COL_LABEL = 2; // B: Chỉ tiêu / row label
export const COL_VALUE = 3; // C: Giá trị / first grid column
export const COL_UNIT = 4; // D: Đơn vị

const DIMENSION_HEADER_VI: Record<string, string> = {
  grade: 'Khối lớp',
  sex: 'Giới tính',
  age_band: 'Độ tuổi',
  subject: 'Môn học',
  literacy_level: 'Mức độ',
  level: 'Trình độ',
  course: 'Khóa học',
  programme: 'Chương trình',
};

export function dimensionHeaderVi(dimension: string): string {
  return DIMENSION_HEADER_VI[dimension] ?? 'Chỉ tiêu';
}

/** 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

const A1 = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;

/** 'C7' → { row: 7, col: 3 }; null when not a plain A1 address within Excel's grid. */
export function parseAddress(address: string): { row: number; col: number } | null {
  const m = A1.exec(address);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (col > 16384 || row > 1048576) return null;
  return { row, col };
}

/**
 * Excel sheet-name rules: 1–31 characters, none of \ / ? * [ ] :, not starting or ending with an apostrophe,
 * not the reserved 'History', unique case-insensitively within the workbook.
 */
export function sanitizeSheetName(raw: string, fallback: string): string {
  let s = raw
    .normalize('NFC')
    .replace(/[\\/]/g, '-')
    .replace(/:/g, ' - ')
    .replace(/\[/g, '(')
    .replace(/]/g, ')')
    .replace(/[?*]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (s.length > MAX_SHEET_NAME) s = truncate(s, MAX_SHEET_NAME);
  if (s === '' || s.toLowerCase() === 'history') s = fallback;
  return s;
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  // Cut on a code-point boundary (Vietnamese NFC letters are single BMP code units, but be safe)…
  let out = '';
  for (const cp of Array.from(s)) {
    if (out.length + cp.length > max) break;
    out += cp;
  }
  // …preferably at a word boundary when that keeps most of the name, then drop dangling separators.
  const nextIsBoundary = /^[\s\-(]/.test(s.slice(out.length));
  const lastBreak = Math.max(out.lastIndexOf(' '), out.lastIndexOf('-'));
  if (!nextIsBoundary && lastBreak >= Math.floor(max * 0.6)) out = out.slice(0, lastBreak);
  return out.replace(/[\s'\-–,.;(]+$/u, '').trim();
}

/** Makes `name` unique (case-insensitive) among `taken`, suffixing ' (2)', ' (3)'… within 31 characters. */
export function uniqueSheetName(name: string, taken: Set<string>): string {
  const lower = (s: string) => s.toLocaleLowerCase('vi');
  if (!taken.has(lower(name))) {
    taken.add(lower(name));
    return name;
  }
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = truncate(name, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken.has(lower(candidate))) {
      taken.add(lower(candidate));
      return candidate;
    }
  }
}

export type InputCellPlan =
  | {
      kind: 'field';
      key: string;
      sheet: string;
      row: number;
      col: number;
      address: string;
      field: FieldDef;
      /** Label cell that must still read `field.labelVi` on upload. */
      anchors: AnchorPlan[];
    }
  | {
      kind: 'grid';
      key: string;
      sheet: string;
      row: number;
      col: number;
      address: string;
      grid: GridDef;
      gridRow: GridAxisItem;
      gridColumn: GridAxisItem;
      /** Row label cell and column header cell. */
      anchors: AnchorPlan[];
    };

export interface AnchorPlan {
  address: string;
  text: string;
}

export interface GridPlan {
  grid: GridDef;
  titleRow: number;
  headerRow: number;
  firstBodyRow: number;
}

export interface SectionPlan {
  section: SectionDef;
  sheet: string;
  /** Header row of the scalar-field block, or null when the section has no scalar fields. */
  fieldHeaderRow: number | null;
  /** Column of the help text (after the widest grid, at least E). */
  helpCol: number;
  grids: GridPlan[];
  lastRow: number;
}

export interface WorkbookPlan {
  sections: SectionPlan[];
  /** Every input cell in a stable order: sections in template order, fields, then grids row-major. */
  cells: InputCellPlan[];
}

export function planWorkbook(template: TemplateDefinition): WorkbookPlan {
  const taken = new Set<string>([INSTRUCTIONS_SHEET.toLocaleLowerCase('vi'), META_SHEET.toLowerCase()]);
  const sections: SectionPlan[] = [];
  const cells: InputCellPlan[] = [];

  template.sections.forEach((section, i) => {
    const sheet = uniqueSheetName(sanitizeSheetName(section.titleVi, `Mục ${i + 1}`), taken);
    const grids = section.grids ?? [];
    const widestGrid = grids.reduce((m, g) => Math.max(m, g.columns.length), 0);
    const helpCol = Math.max(COL_UNIT + 1, COL_VALUE + widestGrid);

    let row = ROW_FIRST_BLOCK;
    let fieldHeaderRow: number | null = null;
    if (section.fields.length > 0) {
      fieldHeaderRow = row;
      row++;
      for (const field of section.fields) {
        cells.push({
          kind: 'field',
          key: field.code,
          sheet,
          row,
          col: COL_VALUE,
          address: cellAddress(row, COL_VALUE),
          field,
          anchors: [{ address: cellAddress(row, COL_LABEL), text: field.labelVi }],
        });
        row++;
      }
      row++; // blank line
    }

    const gridPlans: GridPlan[] = [];
    for (const grid of grids) {
      const titleRow = row;
      const headerRow = row + 1;
      const firstBodyRow = row + 2;
      grid.rows.forEach((gridRow, ri) => {
        const r = firstBodyRow + ri;
        grid.columns.forEach((gridColumn, ci) => {
          const c = COL_VALUE + ci;
          cells.push({
            kind: 'grid',
            key: `${grid.code}.${gridRow.code}.${gridColumn.code}`,
            sheet,
            row: r,
            col: c,
            address: cellAddress(r, c),
            grid,
            gridRow,
            gridColumn,
            anchors: [
              { address: cellAddress(r, COL_LABEL), text: gridRow.labelVi },
              { address: cellAddress(headerRow, c), text: gridColumn.labelVi },
            ],
          });
        });
      });
      gridPlans.push({ grid, titleRow, headerRow, firstBodyRow });
      row = firstBodyRow + grid.rows.length + 1;
    }

    sections.push({ section, sheet, fieldHeaderRow, helpCol, grids: gridPlans, lastRow: row - 1 });
  });

  return { sections, cells };
}

/** The Vietnamese name of an input cell as shown in messages, e.g. 'Số thí sinh dự thi' or 'Học viên (Lớp 10, Nữ)'. */
export function cellLabelVi(cell: InputCellPlan): string {
  return cell.kind === 'field'
    ? cell.field.labelVi
    : `${cell.grid.labelVi} (${cell.gridRow.labelVi}, ${cell.gridColumn.labelVi})`;
}

export function cellLabelEn(cell: InputCellPlan): string {
  return cell.kind === 'field'
    ? cell.field.labelEn
    : `${cell.grid.labelEn} (${cell.gridRow.labelEn}, ${cell.gridColumn.labelEn})`;
}

export function specOf(cell: InputCellPlan): ValueSpec {
  if (cell.kind === 'grid') return { type: cell.grid.type };
  const f: FieldDef = cell.field;
  return { type: f.type, min: f.min, max: f.max, choices: f.choices, maxLength: f.maxLength };
}
