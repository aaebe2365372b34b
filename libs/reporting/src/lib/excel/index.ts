/**
 * Excel round-trip of report submissions (pure: no NestJS, no database). See docs/excel-format.md.
 */
export { buildWorkbook } from './build-workbook';
export { parseWorkbook, DEFAULT_MAX_BYTES, DEFAULT_MAX_UNCOMPRESSED_BYTES } from './parse-workbook';
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
