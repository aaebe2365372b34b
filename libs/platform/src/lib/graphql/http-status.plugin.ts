import type { ApolloServerPlugin } from '@apollo/server';

/**
 * HTTP statuses of /graphql answers (ADR 0010):
 * - Execution errors answer 200 (the client reads `errors`), except two codes about the transport itself that a
 *   proxy or client library must see without reading the body: RATE_LIMITED → 429 and UNAVAILABLE → 503, both
 *   with Retry-After.
 * - Request errors (a document that does not parse or validate, variables that do not coerce, refused input)
 *   answer 400, as the GraphQL-over-HTTP spec requires for `application/graphql-response+json`; a client that
 *   asks for the legacy `application/json` alone gets 200, as the spec says it SHOULD (graphql-http's audit).
 */
const STATUS_BY_CODE: Record<string, number> = { RATE_LIMITED: 429, UNAVAILABLE: 503 };

/** `Accept` names application/json and neither the GraphQL response type nor a wildcard. */
export function acceptsOnlyLegacyJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  return types.includes('application/json') && !types.some((t) => t === 'application/graphql-response+json' || t.includes('*'));
}

export function httpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          for (const error of result.errors ?? []) {
            const code = error.extensions?.['code'];
            const status = typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
            if (!status) continue;
            response.http.status = status;
            const retryAfter = error.extensions?.['retryAfterSeconds'];
            if (typeof retryAfter === 'number') response.http.headers.set('retry-after', String(retryAfter));
            return;
          }
          const requestError = !('data' in result) && response.http.status === 400;
          if (requestError && acceptsOnlyLegacyJson(request.http?.headers.get('accept'))) response.http.status = 200;
        },
      };
    },
  };
}
