import type { ApolloServerPlugin } from '@apollo/server';

/**
 * GraphQL answers HTTP 200 for errors raised while executing, which is right for most of them (the client reads
 * `errors`). Two codes are about the transport itself and a proxy or client library must see them without reading
 * the body (ADR 0010): RATE_LIMITED → 429 and UNAVAILABLE → 503, both with Retry-After.
 */
const STATUS_BY_CODE: Record<string, number> = { RATE_LIMITED: 429, UNAVAILABLE: 503 };

export function httpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.['code'];
            const status = typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
            if (!status) continue;
            response.http.status = status;
            const retryAfter = error.extensions?.['retryAfterSeconds'];
            if (typeof retryAfter === 'number') response.http.headers.set('retry-after', String(retryAfter));
            return;
          }
        },
      };
    },
  };
}
