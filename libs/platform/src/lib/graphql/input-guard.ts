import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { AppError } from '../errors/app-error';

/**
 * The schema edge for strings: every string a request carries (inline literals and variables, JSON scalar
 * contents included) is checked before any resolver runs, so nothing PostgreSQL would reject reaches it.
 * - U+0000: PostgreSQL cannot store it in text or jsonb and answers with an error that used to surface as
 *   INTERNAL from any of 32 argument paths.
 * - Length: no field of this product needs more than MAX_STRING_LENGTH characters in one string (report
 *   comments and template texts are far below it); longer strings are refused instead of being parsed,
 *   logged and stored.
 * Also refuses operation types the API does not serve (subscriptions), which graphql-js only notices at
 * execution time, as an internal error.
 */
export const MAX_STRING_LENGTH = 20_000;

type Problem = { reason: 'NUL_CHARACTER' | 'STRING_TOO_LONG'; path: string };

function checkString(value: string, path: string): Problem | null {
  if (value.includes('\u0000')) return { reason: 'NUL_CHARACTER', path };
  if (value.length > MAX_STRING_LENGTH) return { reason: 'STRING_TOO_LONG', path };
  return null;
}

/** First problem in a variables value (depth-first), with a dotted path such as `$f.search`. */
export function findStringProblem(value: unknown, path: string, depth = 0): Problem | null {
  if (depth > 64) return null; // graphql-armor's limits bound the document; variables are bounded by the body limit
  if (typeof value === 'string') return checkString(value, path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findStringProblem(value[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = checkString(k, `${path}.${k}`) ?? findStringProblem(v, `${path}.${k}`, depth + 1);
      if (p) return p;
    }
  }
  return null;
}

function findLiteralProblem(document: DocumentNode): Problem | null {
  let found: Problem | null = null;
  visit(document, {
    StringValue(node) {
      if (!found) found = checkString(node.value, 'query');
    },
  });
  return found;
}

function refuse(error: AppError): GraphQLError {
  // `http.status` is read by Apollo before formatting; the AppError inside gives the formatter its messages.
  return new GraphQLError(error.messageEn, { originalError: error, extensions: { http: { status: 400 } } });
}

export function stringProblemError(problem: Problem): AppError {
  return problem.reason === 'NUL_CHARACTER'
    ? new AppError(
        'BAD_USER_INPUT',
        `Dữ liệu gửi lên chứa ký tự rỗng (U+0000) tại ${problem.path}, vui lòng xoá ký tự này`,
        `The request contains a NUL character (U+0000) at ${problem.path}`,
        { reason: problem.reason, path: problem.path },
      )
    : new AppError(
        'BAD_USER_INPUT',
        `Chuỗi ký tự tại ${problem.path} dài quá ${MAX_STRING_LENGTH.toLocaleString('vi-VN')} ký tự`,
        `The string at ${problem.path} is longer than ${MAX_STRING_LENGTH} characters`,
        { reason: problem.reason, path: problem.path, maxLength: MAX_STRING_LENGTH },
      );
}

export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (operation?.operation === 'subscription') {
            throw refuse(
              new AppError('BAD_USER_INPUT', 'Hệ thống không hỗ trợ thao tác đăng ký (subscription)', 'Subscriptions are not supported', {
                reason: 'UNSUPPORTED_OPERATION',
              }),
            );
          }
          const problem =
            findStringProblem(request.variables ?? {}, '$') ?? (document.kind === Kind.DOCUMENT ? findLiteralProblem(document) : null);
          if (problem) throw refuse(stringProblemError(problem));
        },
      };
    },
  };
}
