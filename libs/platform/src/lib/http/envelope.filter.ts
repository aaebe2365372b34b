import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { AppError, ErrorCode, Errors, httpStatusOf, isErrorCode } from '../errors/app-error';
import { mapNestHttpError, mapPgError } from '../errors/error-formatter';
import { unavailabilityOf } from '../errors/unavailable';
import { errorEnvelope, transportProblemOf } from './http-envelope';

interface Res {
  headersSent: boolean;
  status(code: number): Res;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
  end(): void;
}

export interface EnvelopeError {
  status: number;
  code: ErrorCode;
  messageVi: string;
  messageEn: string;
  extra: Record<string, unknown>;
}

/**
 * Any error a REST route (workbook, centre export, health, queue dashboard) or the HTTP layer can raise, as the
 * one envelope: the same mapping as GraphQL's formatter, so a client reads one shape whatever it called.
 */
export function envelopeErrorOf(err: unknown): EnvelopeError & { internal: boolean } {
  if (err instanceof AppError) {
    return { status: httpStatusOf(err.code), code: err.code, messageVi: err.messageVi, messageEn: err.messageEn, extra: { ...err.details }, internal: false };
  }
  const unavailable = unavailabilityOf(err);
  if (unavailable) {
    const e = Errors.unavailable(unavailable);
    return { status: 503, code: e.code, messageVi: e.messageVi, messageEn: e.messageEn, extra: { ...e.details }, internal: false };
  }
  const transport = transportProblemOf(err);
  if (transport) {
    return { status: transport.status, code: transport.code, messageVi: transport.messageVi, messageEn: transport.messageEn, extra: { reason: transport.reason }, internal: false };
  }
  const pg = mapPgError(err);
  if (pg) return { status: httpStatusOf(pg.code), code: pg.code, messageVi: pg.messageVi, messageEn: pg.messageEn, extra: {}, internal: false };
  const nest = mapNestHttpError(err);
  const nestStatus = (err as { getStatus?: () => number }).getStatus?.();
  if (nest && typeof nestStatus === 'number') {
    const { code, messageEn, ...rest } = (nest.extensions ?? {}) as { code?: unknown; messageEn?: unknown };
    const extra: Record<string, unknown> = rest;
    if (isErrorCode(code)) {
      if (code === 'NOT_FOUND' && nestStatus === 404) extra['reason'] = 'ROUTE_NOT_FOUND';
      return { status: nestStatus === 400 ? 422 : statusFor(code, nestStatus), code, messageVi: nest.message, messageEn: String(messageEn ?? ''), extra, internal: false };
    }
  }
  return {
    status: 500,
    code: 'INTERNAL',
    messageVi: 'Đã xảy ra lỗi hệ thống, vui lòng thử lại sau',
    messageEn: 'Internal server error',
    extra: {},
    internal: true,
  };
}

function statusFor(code: ErrorCode, nestStatus: number): number {
  // A Nest 4xx we map to BAD_USER_INPUT keeps its own status (405, 406, 413, 415…): it tells the client more.
  return code === 'BAD_USER_INPUT' && nestStatus >= 400 && nestStatus < 500 ? nestStatus : httpStatusOf(code);
}

/** Writes the envelope on an Express response, with Retry-After where the code asks the client to wait. */
export function writeEnvelope(res: Res, e: EnvelopeError): void {
  res.status(e.status);
  const retryAfter = e.extra['retryAfterSeconds'];
  if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  res.setHeader('Cache-Control', 'no-store');
  res.json(errorEnvelope(e.code, e.messageVi, e.messageEn, e.extra));
}

/**
 * The global filter (APP_FILTER in the API): REST answers get the envelope; GraphQL errors are handed back to
 * Apollo (returned unchanged), whose formatter gives them the same shape.
 */
@Catch()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const res = host.switchToHttp().getResponse<Res>();
    const e = envelopeErrorOf(exception);
    if (e.internal) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    if (res.headersSent) {
      res.end();
      return undefined;
    }
    writeEnvelope(res, e);
    return undefined;
  }
}
