/** Pure rules of offline drafts (ADR 0018), shared by the sign-in restore (auth.tsx) and the report form. */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { SubmissionDetail } from '../gql/reporting';
import type { OfflineDraftRecord, PendingValues } from './offlineStore';

/** True when the request never got an answer from the server (no connection), as opposed to an answer that refuses. */
export function isConnectionError(error: unknown): boolean {
  return !CombinedGraphQLErrors.is(error) && !ServerError.is(error);
}

/**
 * Where the editor starts, given the report from the server and the kept record. Values typed on the device and
 * not yet sent win over the server's; they are sent with the version they were based on, so a report changed
 * elsewhere meanwhile meets the CONFLICT dialog instead of being overwritten.
 */
export function resumeFrom(server: SubmissionDetail, record: OfflineDraftRecord | null): { submission: SubmissionDetail; kept: PendingValues | null } {
  if (!record?.pending) return { submission: server, kept: null };
  return { submission: record.base.version === server.version ? server : record.base, kept: record.pending };
}
