import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../errors/app-error';

/**
 * One error envelope for what the HTTP layer answers before GraphQL or a controller sees the request
 * (issue 13): the same shape as a GraphQL error response, `{ errors: [{ message, extensions: { code, reason,
 * messageEn } }] }`, with a code from the closed set and a Vietnamese message.
 */
export function errorEnvelope(code: ErrorCode, messageVi: string, messageEn: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message: messageVi, extensions: { code, messageEn, ...extra } }] };
}

interface TransportProblem {
  status: number;
  code: ErrorCode;
  reason: string;
  messageVi: string;
  messageEn: string;
}

/** body-parser's error types (https://github.com/expressjs/body-parser#errors) as the envelope says them. */
export function transportProblemOf(err: unknown): TransportProblem | null {
  const type = (err as { type?: unknown })?.type;
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_USER_INPUT', reason: 'INVALID_JSON', messageVi: 'Nội dung gửi lên không phải JSON hợp lệ', messageEn: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: 'BAD_USER_INPUT', reason: 'PAYLOAD_TOO_LARGE', messageVi: 'Dữ liệu gửi lên quá lớn', messageEn: 'The request body is too large' };
    case 'encoding.unsupported':
      return { status: 415, code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_ENCODING', messageVi: 'Kiểu nén dữ liệu (Content-Encoding) không được hỗ trợ', messageEn: 'Unsupported content encoding' };
    case 'charset.unsupported':
      return { status: 415, code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_CHARSET', messageVi: 'Bảng mã ký tự không được hỗ trợ, vui lòng dùng UTF-8', messageEn: 'Unsupported charset, use UTF-8' };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
    case 'parameters.too.many':
      return { status: 400, code: 'BAD_USER_INPUT', reason: 'MALFORMED_REQUEST', messageVi: 'Yêu cầu gửi lên không hợp lệ', messageEn: 'Malformed request' };
    default:
      return clientHttpErrorOf(err);
  }
}

/**
 * The body parsers also raise untyped client errors (http-errors with a 4xx status): a body declared gzip or
 * deflate that does not decompress is `createError(400, zlibError)` (the fuzz suite found it answering 500).
 */
function clientHttpErrorOf(err: unknown): TransportProblem | null {
  const e = err as { status?: unknown; statusCode?: unknown; expose?: unknown; getStatus?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : null;
  // Nest's HttpException has its own mapping (getStatus); this is for plain http-errors from Express middleware.
  if (status === null || typeof e.getStatus === 'function' || e.expose !== true || status < 400 || status > 499) return null;
  if (status === 413) return transportProblemOf({ type: 'entity.too.large' });
  if (status === 415) return { status, code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_MEDIA_TYPE', messageVi: 'Kiểu nội dung hoặc kiểu nén không được hỗ trợ', messageEn: 'Unsupported media type or encoding' };
  return { status: 400, code: 'BAD_USER_INPUT', reason: 'MALFORMED_REQUEST', messageVi: 'Yêu cầu gửi lên không hợp lệ (không đọc được nội dung)', messageEn: 'Malformed request body' };
}

interface Res {
  headersSent: boolean;
  status(code: number): Res;
  json(body: unknown): void;
}

/**
 * Express error middleware placed right after the body parsers. What it does not recognise goes on to Nest's
 * exception filter (EnvelopeExceptionFilter), which answers every other error in the same envelope.
 */
export function transportErrorMiddleware(err: unknown, _req: unknown, res: Res, next: (err?: unknown) => void): void {
  const problem = transportProblemOf(err);
  if (!problem || res.headersSent) return next(err);
  res.status(problem.status).json(errorEnvelope(problem.code, problem.messageVi, problem.messageEn, { reason: problem.reason }));
}

/**
 * Errors Node's HTTP parser raises before any handler runs (oversized headers, malformed request lines). By
 * default Node answers them with an empty body; with a listener it is ours to answer, so it gets the envelope.
 */
export function installClientErrorEnvelope(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify(
      tooLarge
        ? errorEnvelope('BAD_USER_INPUT', 'Phần đầu (header) của yêu cầu quá lớn', 'Request header fields too large', { reason: 'HEADERS_TOO_LARGE' })
        : errorEnvelope('BAD_USER_INPUT', 'Yêu cầu gửi lên không hợp lệ', 'Malformed HTTP request', { reason: 'MALFORMED_REQUEST' }),
    );
    const statusText = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
