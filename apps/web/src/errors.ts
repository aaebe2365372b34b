import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { isErrorReason, type ErrorReason, type Language } from '@gdtx/domain';
import { translate, type MessageKey } from './i18n';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'VALIDATION_FAILED' | 'CONFLICT' | 'INTERNAL' | 'NETWORK';

export interface ApiErrorInfo {
  code: ErrorCode | string;
  /** The server's own message in the user's language when it sent one, else ours for the code. */
  message: string;
  extensions: Record<string, unknown>;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

function firstGraphQLError(error: unknown): GraphQLErrorLike | null {
  if (CombinedGraphQLErrors.is(error)) return (error.errors[0] as GraphQLErrorLike) ?? null;
  if (error && typeof error === 'object' && 'errors' in error && Array.isArray((error as { errors: unknown[] }).errors)) {
    return ((error as { errors: GraphQLErrorLike[] }).errors[0] as GraphQLErrorLike) ?? null;
  }
  return null;
}

/** Turns any error (Apollo, fetch, REST body) into a code and a plain message for the user. */
export function describeError(error: unknown, language: Language): ApiErrorInfo {
  const gqlError = firstGraphQLError(error);
  if (gqlError) {
    const extensions = gqlError.extensions ?? {};
    const code = String(extensions['code'] ?? 'INTERNAL');
    const known = `error.${code}` as MessageKey;
    const serverMessage = language === 'en' ? (extensions['messageEn'] as string | undefined) : gqlError.message;
    // Server messages are written for users (Vietnamese first); INTERNAL ones are not shown as is.
    const message = code !== 'INTERNAL' && serverMessage ? serverMessage : translate(language, known);
    return { code, message, extensions };
  }
  if (ServerError.is(error) && error.statusCode === 429) {
    return { code: 'TOO_MANY_REQUESTS', message: translate(language, 'error.TOO_MANY_REQUESTS'), extensions: {} };
  }
  return { code: 'NETWORK', message: translate(language, 'error.NETWORK'), extensions: {} };
}

export function errorCodeOf(error: unknown): string | undefined {
  return (firstGraphQLError(error)?.extensions?.['code'] as string | undefined) ?? undefined;
}

/** Which failure of its code it is (`extensions.reason`, e.g. STALE_VERSION or INVALID_TRANSITION for a CONFLICT). */
export function errorReasonOf(error: unknown): ErrorReason | undefined {
  const reason = firstGraphQLError(error)?.extensions?.['reason'];
  return isErrorReason(reason) ? reason : undefined;
}

/**
 * True when the API does not (yet) have the field or operation asked for: the reporting, analytics and
 * compliance screens were built against their contract before the server side landed.
 */
export function isMissingApi(error: unknown): boolean {
  const gqlError = firstGraphQLError(error);
  const text = `${gqlError?.message ?? ''} ${String(gqlError?.extensions?.['messageEn'] ?? '')}`;
  return /Cannot query field|Unknown type|Unknown argument/.test(text);
}
