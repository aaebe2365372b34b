/**
 * Is this failure "a backing service is down" rather than a bug? Those answer UNAVAILABLE (HTTP 503, Retry-After),
 * so that a client retries instead of reporting a fault (ADR 0010). Recognised, looking through TypeORM's
 * `driverError` and `cause` chains:
 * - socket errors of node (ECONNREFUSED when PostgreSQL or Redis is stopped, ECONNRESET / EPIPE when it dies mid-query);
 * - PostgreSQL SQLSTATE class 08 (connection exception: 08000, 08003, 08006…) and 57P01–57P03 (administrator
 *   shutdown, crash shutdown, cannot connect now: the server is stopping or starting), 53300 (too many connections);
 * - node-postgres's own messages when the socket closes or the pool cannot connect in time;
 * - ioredis: MaxRetriesPerRequestError, "Connection is closed.", an offline queue that is switched off.
 */
const NODE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const PG_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is closed\./i,
  /enableOfflineQueue options is false/i,
  /Reached the max retries per request limit/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export type Unavailability = 'DATABASE_UNAVAILABLE' | 'QUEUE_UNAVAILABLE';

export function unavailabilityOf(err: unknown): Unavailability | null {
  const seen = new Set<unknown>();
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && !seen.has(e) && depth < 8; depth++) {
    seen.add(e);
    const found = classify(e as Record<string, unknown>);
    if (found) return found;
    const next = (e as { driverError?: unknown; cause?: unknown; originalError?: unknown }).driverError
      ?? (e as { cause?: unknown }).cause
      ?? (e as { originalError?: unknown }).originalError;
    e = next;
  }
  return null;
}

function classify(e: Record<string, unknown>): Unavailability | null {
  const name = typeof e['name'] === 'string' ? (e['name'] as string) : '';
  const message = typeof e['message'] === 'string' ? (e['message'] as string) : '';
  const code = typeof e['code'] === 'string' ? (e['code'] as string) : '';
  const redisish = name === 'MaxRetriesPerRequestError' || /Connection is closed\.|enableOfflineQueue|max retries per request/i.test(message);
  if (redisish) return 'QUEUE_UNAVAILABLE';
  const port = typeof e['port'] === 'number' ? (e['port'] as number) : null;
  if (NODE_SOCKET_CODES.has(code)) return port === 6379 || /redis/i.test(message) ? 'QUEUE_UNAVAILABLE' : 'DATABASE_UNAVAILABLE';
  if (PG_UNAVAILABLE.test(code)) return 'DATABASE_UNAVAILABLE';
  if (name === 'AggregateError' && Array.isArray(e['errors'])) {
    for (const inner of e['errors'] as unknown[]) {
      const found = unavailabilityOf(inner);
      if (found) return found;
    }
  }
  if (MESSAGES.some((re) => re.test(message))) return 'DATABASE_UNAVAILABLE';
  return null;
}
