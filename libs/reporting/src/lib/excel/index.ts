/**
 * Excel round-trip of report submissions (pure: no NestJS, no database). See docs/excel-format.md.
 */
export { buildWorkbook } from './build-workbook';
// What the upload path calls is the parse in a worker thread, with budgets (parse-pool.ts); the same result.
export { parseWorkbookOffThread as parseWorkbook, workbookParsePool } from './parse-pool';
export { parseWorkbook as parseWorkbookInThread, DEFAULT_MAX_BYTES, DEFAULT_MAX_UNCOMPRESSED_BYTES, DEFAULT_MAX_CELLS } from './parse-workbook';
export { buildTableWorkbook } from './table-workbook';
export { FORMAT_VERSION, INSTRUCTIONS_SHEET, META_SHEET, sanitizeSheetName } from './layout';
export { ProblemCodes } from './types';
export type {
  CellProblem,
  ExpectedWorkbookIdentity,
  ParseLimits,
  ParseResult,
  ProblemCode,
  TableColumn,
  WorkbookMeta,
} from './types';
