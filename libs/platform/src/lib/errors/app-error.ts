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
  /** Too many attempts: wait `extensions.retryAfterSeconds` (also the Retry-After header) and try again (ADR 0010). */
  'RATE_LIMITED',
  /** PostgreSQL or Redis cannot be reached: nothing was changed, the same request may be sent again later (ADR 0010). */
  'UNAVAILABLE',
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
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The HTTP status a code answers with, on REST routes and (for RATE_LIMITED / UNAVAILABLE) on /graphql too. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ErrorCodes as readonly string[]).includes(value);
}

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
  validation: (fields: FieldProblem[], vi = 'Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu', en = 'Validation failed', details: ErrorDetails = {}) =>
    new AppError('VALIDATION_FAILED', vi, en, { ...details, fields }),
  conflict: (vi: string, en: string, details: ErrorDetails = {}) =>
    new AppError('CONFLICT', vi, en, details),
  /** `retryAfterSeconds` becomes the Retry-After header (rounded up, at least 1). */
  rateLimited: (retryAfterSeconds: number, vi: string, en: string, details: ErrorDetails = {}) =>
    new AppError('RATE_LIMITED', vi, en, { reason: 'RATE_LIMITED', ...details, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) }),
  unavailable: (reason: 'DATABASE_UNAVAILABLE' | 'QUEUE_UNAVAILABLE' = 'DATABASE_UNAVAILABLE') =>
    new AppError(
      'UNAVAILABLE',
      'Hệ thống tạm thời không kết nối được cơ sở dữ liệu hoặc hàng đợi, dữ liệu chưa bị thay đổi; vui lòng thử lại sau ít phút',
      'A backing service (database or queue) is unavailable; nothing was changed, try again shortly',
      { reason, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS },
    ),
};

/** What an UNAVAILABLE answer suggests as Retry-After: long enough for a restart or a failover. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

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
