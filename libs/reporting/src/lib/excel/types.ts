import type { ValueMap } from '@gdtx/domain';

/** Identity of a downloaded report workbook, written to its hidden `_meta` sheet and checked on upload. */
export interface WorkbookMeta {
  centreId: string;
  centreName: string;
  templateCode: string;
  templateVersion: number;
  periodCode: string;
  /** e.g. 'Quý II năm 2024', 'Năm học 2023-2024'. */
  periodLabelVi: string;
  /** The submission version the pre-filled values came from (null: a blank form). Informative only. */
  submissionVersion: number | null;
  /** ISO 8601 timestamp of generation. */
  generatedAt: string;
}

/** What the upload must match: taken from the request context (route + session), never from the file. */
export interface ExpectedWorkbookIdentity {
  centreId: string;
  templateCode: string;
  periodCode: string;
}

export interface ParseLimits {
  /** Maximum size of the uploaded file in bytes (default 5 MB). Checked before anything is parsed. */
  maxBytes?: number;
  /** Maximum total uncompressed size of the zip entries (default 20 MB) — a zip-bomb guard. */
  maxUncompressedBytes?: number;
  /**
   * Maximum number of cells in the worksheets (default 50,000), counted in the XML before exceljs loads it: a
   * built workbook has a few hundred to a few thousand; 354,390 extra cells took 3.1 s and ~150 MB (issue 13).
   */
  maxCells?: number;
}

export const ProblemCodes = [
  'CORRUPT_FILE',
  'FILE_TOO_LARGE',
  'WRONG_TEMPLATE',
  'WRONG_CENTRE',
  'WRONG_PERIOD',
  'FORMULA_NOT_ALLOWED',
  'INVALID_VALUE',
  'MISSING_SHEET',
  'UNKNOWN_VERSION',
  /** Over the parse's budget: too many cells, too long, or too much memory (issue 13). */
  'WORKBOOK_TOO_COMPLEX',
] as const;
export type ProblemCode = (typeof ProblemCodes)[number];

/** One problem found in an uploaded workbook. `sheet`/`cell`/`key` are null when the problem is about the whole file. */
export interface CellProblem {
  sheet: string | null;
  /** A1 address, e.g. 'C7'. */
  cell: string | null;
  /** Value key (see template-types.ts). */
  key: string | null;
  code: ProblemCode;
  messageVi: string;
  messageEn: string;
}

export type ParseResult =
  | { ok: true; values: ValueMap; meta: WorkbookMeta }
  | { ok: false; errors: CellProblem[] };

/** A column of a generic table export (`buildTableWorkbook`). */
export interface TableColumn {
  /** Property of each row object. */
  key: string;
  headerVi: string;
  /** Column width in characters; computed from the content when omitted. */
  width?: number;
  /** Excel number format, e.g. '#,##0' (integers) or '0.0%' (a fraction: 0.995 → 99,5%). */
  numFmt?: string;
}
