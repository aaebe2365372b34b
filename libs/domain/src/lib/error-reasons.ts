/**
 * Typed `extensions.reason`, per context, beside the closed set of `extensions.code` (architecture §6; issue 11).
 * The code says what kind of failure it is (a CONFLICT); the reason says which one, so that a client can tell a
 * stale version (reload and retry) from a wrong status (the action no longer applies). Shared with the web.
 */
export const ERROR_REASONS = {
  /**
   * Request limits and throttling, and what the HTTP and GraphQL edge refuses before any resolver (libs/platform,
   * issue 13): a document that does not parse, a body that is not JSON, too large or in an unsupported encoding
   * or charset, oversized headers, a string with U+0000 or over the length limit, an operation type the API does
   * not serve.
   */
  platform: [
    'MAX_DEPTH', 'MAX_COST', 'MAX_ALIASES', 'MAX_TOKENS', 'RATE_LIMITED',
    'GRAPHQL_PARSE_FAILED', 'INVALID_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_ENCODING', 'UNSUPPORTED_CHARSET', 'MALFORMED_REQUEST',
    'HEADERS_TOO_LARGE', 'NUL_CHARACTER', 'STRING_TOO_LONG', 'UNSUPPORTED_OPERATION', 'INVALID_DATE',
    'UNSUPPORTED_MEDIA_TYPE', 'METHOD_NOT_ALLOWED', 'NOT_ACCEPTABLE', 'ROUTE_NOT_FOUND', 'DATABASE_UNAVAILABLE', 'QUEUE_UNAVAILABLE',
  ],
  /**
   * Logins (issue 13): ACCOUNT_THROTTLED after repeated wrong passwords for one account (the delay doubles up to
   * 15 minutes, never a permanent lock); ADDRESS_THROTTLED when one address sends more attempts than an office would.
   * The second factor: TOTP_REQUIRED (the password was right, now the code), TOTP_INVALID (a wrong or reused code),
   * TOTP_ENROLMENT_REQUIRED (the province requires a second factor for admins and this one has none yet: only
   * enrolment is open), TOTP_ALREADY_ENABLED, TOTP_NOT_PENDING (confirming with no enrolment started).
   */
  identity: ['ACCOUNT_THROTTLED', 'ADDRESS_THROTTLED', 'TOTP_REQUIRED', 'TOTP_INVALID', 'TOTP_ENROLMENT_REQUIRED', 'TOTP_ALREADY_ENABLED', 'TOTP_NOT_PENDING'],
  /**
   * Reporting's workflow: STALE_VERSION when `expectedVersion` is not the stored version (someone else saved,
   * submitted or reviewed first, or created the report meanwhile); INVALID_TRANSITION when the report's status
   * does not allow the action (accepting a draft, editing a submitted report, reopening one not accepted);
   * WORKBOOK_REJECTED when an uploaded workbook has problems (HTTP 422, `extensions.problems` per sheet and cell);
   * LATE_REASON_REQUIRED when a submission after its deadline comes without a reason (issue 16); NOT_CLEAN when a
   * bulk accept meets a report with errors or unexplained warnings (those are reviewed one by one).
   */
  reporting: ['STALE_VERSION', 'INVALID_TRANSITION', 'WORKBOOK_REJECTED', 'LATE_REASON_REQUIRED', 'NOT_CLEAN'],
  /** Centres: STALE_VERSION on an edit based on an old version; INVALID_TRANSITION on a dissolved centre's status. */
  org: ['STALE_VERSION', 'INVALID_TRANSITION'],
  /** Compliance: a case edited from an old version; a finding already resolved; a finding the system computes itself. */
  compliance: ['STALE_VERSION', 'INVALID_TRANSITION', 'COMPUTED_FINDING'],
  /** Literacy parameters whose validity periods overlap. */
  literacy: ['OVERLAPPING_VALIDITY'],
} as const;

export type ErrorContext = keyof typeof ERROR_REASONS;
/** The reasons of one context, or of every context when none is named. */
export type ErrorReason<C extends ErrorContext = ErrorContext> = (typeof ERROR_REASONS)[C][number];

const ALL_REASONS: ReadonlySet<string> = new Set(Object.values(ERROR_REASONS).flat());

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && ALL_REASONS.has(value);
}
