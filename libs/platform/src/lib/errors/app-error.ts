import { HttpException } from '@nestjs/common';
import type { ErrorReason } from '@gdtx/domain';

/**
 * The closed set of error codes a client may see in `extensions.code` (architecture §6).
 * Every message is Vietnamese first (what the user reads) with an English twin in `extensions.messageEn`.
 */
export const ErrorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'VALIDATION_FAILED',
  'CONFLICT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export interface FieldProblem {
  field: string;
  messageVi: string;
  messageEn: string;
  /** Extra machine-readable context (rule code, sheet, cell…). */
  [extra: string]: unknown;
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  VALIDATION_FAILED: 422,
  CONFLICT: 409,
  INTERNAL: 500,
};

/**
 * Extends Nest's HttpException so that REST endpoints answer with the right status and Nest does not log
 * an expected refusal as a server error.
 */
export class AppError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly details: { fields?: FieldProblem[]; reason?: ErrorReason; [k: string]: unknown } = {},
  ) {
    super({ code, message: messageVi, messageEn, ...details }, HTTP_STATUS[code]);
    this.name = 'AppError';
  }
}

/**
 * Machine-readable details of a failure, spread into `extensions`. `reason` is typed (the per-context lists of
 * @gdtx/domain's ERROR_REASONS) so that a client can rely on it.
 */
export type ErrorDetails = { reason?: ErrorReason } & Record<string, unknown>;

export const Errors = {
  unauthenticated: (en = 'Authentication required', vi = 'Bạn cần đăng nhập để tiếp tục') =>
    new AppError('UNAUTHENTICATED', vi, en),
  forbidden: (en = 'You do not have permission for this action', vi = 'Bạn không có quyền thực hiện thao tác này') =>
    new AppError('FORBIDDEN', vi, en),
  notFound: (what: { vi: string; en: string }, id?: string) =>
    new AppError('NOT_FOUND', `Không tìm thấy ${what.vi}${id ? ` (${id})` : ''}`, `${what.en} not found${id ? ` (${id})` : ''}`),
  badInput: (vi: string, en: string, details: ErrorDetails = {}) =>
    new AppError('BAD_USER_INPUT', vi, en, details),
  validation: (fields: FieldProblem[], vi = 'Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu', en = 'Validation failed') =>
    new AppError('VALIDATION_FAILED', vi, en, { fields }),
  conflict: (vi: string, en: string, details: ErrorDetails = {}) =>
    new AppError('CONFLICT', vi, en, details),
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Malformed ids are the caller's mistake (BAD_USER_INPUT), never a database error. */
export function assertUuid(value: string, field = 'id'): string {
  if (!UUID_RE.test(value)) {
    throw Errors.badInput(`Mã định danh không hợp lệ: ${field}`, `Malformed id: ${field}`, { field });
  }
  return value;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}
