import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode, Errors } from './app-error';
import { unavailabilityOf } from './unavailable';

/**
 * Maps everything that can go wrong in a GraphQL request onto the closed code set, with a Vietnamese message.
 * Unknown errors become INTERNAL and their text is never shown (it may hold SQL or stack details).
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log?: (err: unknown) => void,
): GraphQLFormattedError {
  const original = unwrap(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    return {
      ...base,
      message: original.messageVi,
      extensions: { code: original.code, messageEn: original.messageEn, ...original.details },
    };
  }

  const unavailable = unavailabilityOf(original);
  if (unavailable) {
    const e = Errors.unavailable(unavailable);
    return { ...base, message: e.messageVi, extensions: { code: e.code, messageEn: e.messageEn, ...e.details } };
  }

  const pgMapped = mapPgError(original);
  if (pgMapped) return { ...base, message: pgMapped.messageVi, extensions: { code: pgMapped.code, messageEn: pgMapped.messageEn } };

  const nestMapped = mapNestHttpError(original);
  if (nestMapped) return { ...base, ...nestMapped };

  const gqlCode = formatted.extensions?.['code'] as string | undefined;
  const msg = formatted.message ?? '';
  if (/depth limit|query depth/i.test(msg)) {
    return coded(base, 'BAD_USER_INPUT', 'Truy vấn lồng quá sâu, vui lòng rút gọn truy vấn', `Query too deep: ${msg}`, { reason: 'MAX_DEPTH' });
  }
  if (/cost limit|query cost/i.test(msg)) {
    return coded(base, 'BAD_USER_INPUT', 'Truy vấn quá phức tạp, vui lòng thu hẹp phạm vi', `Query too costly: ${msg}`, { reason: 'MAX_COST' });
  }
  if (/aliases limit|alias/i.test(msg) && /limit/i.test(msg)) {
    return coded(base, 'BAD_USER_INPUT', 'Truy vấn dùng quá nhiều bí danh (alias)', `Too many aliases: ${msg}`, { reason: 'MAX_ALIASES' });
  }
  if (/token limit|contains more tha[nt] \d+ tokens/i.test(msg)) {
    return coded(base, 'BAD_USER_INPUT', 'Truy vấn quá dài', `Query too long: ${msg}`, { reason: 'MAX_TOKENS' });
  }
  if (gqlCode === 'GRAPHQL_PARSE_FAILED') {
    return coded(base, 'BAD_USER_INPUT', 'Cú pháp truy vấn không hợp lệ', msg, { reason: 'GRAPHQL_PARSE_FAILED' });
  }
  const httpStatus = (original as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
  const apolloClientError = original instanceof GraphQLError && !original.originalError && typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500;
  if ((gqlCode && APOLLO_REQUEST_CODES.has(gqlCode)) || apolloClientError) {
    // Apollo's own request errors (a persisted-query hash that does not match, an operation name not in the
    // document…): the client's mistake. The fuzz suite found a wrong persisted-query hash answering INTERNAL.
    return coded(base, 'BAD_USER_INPUT', 'Yêu cầu không hợp lệ: ' + msg, msg, { reason: 'MALFORMED_REQUEST' });
  }
  if (gqlCode === 'GRAPHQL_VALIDATION_FAILED' || gqlCode === 'BAD_USER_INPUT') {
    const enumMatch = /Value "([^"]*)" does not exist in "([^"]*)" enum/.exec(msg);
    const vi = enumMatch
      ? `Giá trị "${enumMatch[1]}" không hợp lệ cho ${enumMatch[2]}`
      : 'Yêu cầu không hợp lệ: ' + msg;
    return coded(base, 'BAD_USER_INPUT', vi, msg);
  }
  if (gqlCode === 'UNAUTHENTICATED' || gqlCode === 'FORBIDDEN') {
    return coded(base, gqlCode, gqlCode === 'FORBIDDEN' ? 'Bạn không có quyền thực hiện thao tác này' : 'Bạn cần đăng nhập để tiếp tục', msg);
  }
  if (original instanceof GraphQLError && !original.originalError && gqlCode !== 'INTERNAL_SERVER_ERROR' && gqlCode) {
    return coded(base, 'BAD_USER_INPUT', 'Yêu cầu không hợp lệ: ' + msg, msg);
  }
  log?.(original ?? error);
  return coded(base, 'INTERNAL', 'Đã xảy ra lỗi hệ thống, vui lòng thử lại sau', 'Internal server error');
}

const APOLLO_REQUEST_CODES = new Set(['BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

function coded(
  base: Pick<GraphQLFormattedError, 'locations' | 'path'>,
  code: ErrorCode,
  messageVi: string,
  messageEn: string,
  extra: Record<string, unknown> = {},
): GraphQLFormattedError {
  return { ...base, message: messageVi, extensions: { code, messageEn, ...extra } };
}

function unwrap(error: unknown): unknown {
  let e = error;
  for (let i = 0; i < 5; i++) {
    if (e instanceof GraphQLError && e.originalError) e = e.originalError;
    else break;
  }
  return e;
}

/** PostgreSQL errors that are the caller's doing get their proper code; everything else stays INTERNAL. */
export function mapPgError(err: unknown): { code: ErrorCode; messageVi: string; messageEn: string } | null {
  const pgCode = (err as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (err as { code?: string })?.code;
  if (typeof pgCode !== 'string' || !/^[0-9A-Z]{5}$/.test(pgCode)) return null;
  switch (pgCode) {
    case '22P02':
      return { code: 'BAD_USER_INPUT', messageVi: 'Giá trị không đúng định dạng', messageEn: 'Malformed value' };
    case '22007':
    case '22008':
      // Backstop only: dates are validated at the schema edge; a date PostgreSQL cannot read is the caller's.
      return { code: 'BAD_USER_INPUT', messageVi: 'Ngày không hợp lệ', messageEn: 'Invalid date' };
    case '22021':
    case '22P05':
      return { code: 'BAD_USER_INPUT', messageVi: 'Dữ liệu chứa ký tự không hợp lệ', messageEn: 'Invalid character in the input' };
    case '22001':
      return { code: 'BAD_USER_INPUT', messageVi: 'Giá trị quá dài', messageEn: 'Value too long' };
    case '23505':
      return { code: 'CONFLICT', messageVi: 'Dữ liệu đã tồn tại (trùng lặp)', messageEn: 'Duplicate value' };
    case '42501':
      return { code: 'FORBIDDEN', messageVi: 'Bạn không có quyền truy cập dữ liệu này', messageEn: 'Row-level security refused the operation' };
    case '40001':
      return { code: 'CONFLICT', messageVi: 'Dữ liệu vừa được người khác thay đổi, vui lòng tải lại', messageEn: 'Serialization conflict' };
    default:
      return null;
  }
}

export function mapNestHttpError(err: unknown): GraphQLFormattedError | null {
  const e = err as { getStatus?: () => number; getResponse?: () => unknown; name?: string };
  if (typeof e?.getStatus !== 'function') return null;
  const status = e.getStatus();
  const response = e.getResponse?.() as { message?: string | string[] } | string | undefined;
  if (status === 400) {
    const messages = typeof response === 'object' && response?.message ? ([] as string[]).concat(response.message) : [];
    return {
      message: 'Dữ liệu nhập chưa hợp lệ: ' + messages.join('; '),
      extensions: {
        code: 'VALIDATION_FAILED',
        messageEn: 'Validation failed',
        fields: messages.map((m) => ({ field: m.split(' ')[0], messageVi: m, messageEn: m })),
      },
    };
  }
  if (status === 401) return { message: 'Bạn cần đăng nhập để tiếp tục', extensions: { code: 'UNAUTHENTICATED', messageEn: 'Unauthenticated' } };
  if (status === 403) return { message: 'Bạn không có quyền thực hiện thao tác này', extensions: { code: 'FORBIDDEN', messageEn: 'Forbidden' } };
  if (status === 404) return { message: 'Không tìm thấy', extensions: { code: 'NOT_FOUND', messageEn: 'Not found' } };
  if (status === 409) return { message: 'Xung đột dữ liệu', extensions: { code: 'CONFLICT', messageEn: 'Conflict' } };
  if (status === 429) {
    return {
      message: 'Bạn đã thử quá nhiều lần, vui lòng đợi một lát rồi thử lại',
      extensions: { code: 'RATE_LIMITED', reason: 'RATE_LIMITED', messageEn: 'Too many attempts, try again later', retryAfterSeconds: 60 },
    };
  }
  if (status === 413) {
    return { message: 'Dữ liệu gửi lên quá lớn', extensions: { code: 'BAD_USER_INPUT', reason: 'PAYLOAD_TOO_LARGE', messageEn: 'The request body is too large' } };
  }
  if (status === 415) {
    return {
      message: 'Kiểu nội dung (Content-Type) không được hỗ trợ',
      extensions: { code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_MEDIA_TYPE', messageEn: 'Unsupported media type' },
    };
  }
  if (status === 405) {
    return { message: 'Phương thức HTTP không được hỗ trợ', extensions: { code: 'BAD_USER_INPUT', reason: 'METHOD_NOT_ALLOWED', messageEn: 'Method not allowed' } };
  }
  if (status === 406) {
    return { message: 'Không có định dạng trả lời phù hợp với yêu cầu (Accept)', extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_ACCEPTABLE', messageEn: 'Not acceptable' } };
  }
  if (status === 503) {
    const e = Errors.unavailable();
    return { message: e.messageVi, extensions: { code: e.code, messageEn: e.messageEn, ...e.details } };
  }
  if (status >= 400 && status < 500) {
    return { message: 'Yêu cầu không hợp lệ', extensions: { code: 'BAD_USER_INPUT', reason: 'MALFORMED_REQUEST', messageEn: 'Bad request' } };
  }
  return null;
}
