/**
 * The report form without a connection (issue 16 item 8, docs/web.md "Offline drafts", ADR 0018): what the form
 * shows and types is kept on the device per user (offlineStore.ts), a reload without a connection opens it again,
 * and when the connection returns the form's own autosave sends it with the version it was based on, so the
 * existing CONFLICT rules (expectedVersion) decide.
 */
import { useEffect, useRef, useState } from 'react';
import type { TemplateDefinition, ValueMap } from '@gdtx/domain';
import { useAuth } from '../auth';
import type { SubmissionDetail } from '../gql/reporting';
import { readSession } from '../session';
import { deleteDraft, findDraftOf, readDraft, writeDraft, type OfflineDraftRecord, type PendingValues } from './offlineStore';

export { isConnectionError, resumeFrom } from './resume';

/** navigator.onLine, followed as it changes. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** The signed-in user's kept record of one report, read once (null: none, or no IndexedDB). */
export function useStoredDraft(submissionId: string): { loaded: boolean; record: OfflineDraftRecord | null } {
  const { user } = useAuth();
  const [state, setState] = useState<{ loaded: boolean; record: OfflineDraftRecord | null }>({ loaded: false, record: null });
  useEffect(() => {
    let alive = true;
    if (!user) {
      setState({ loaded: true, record: null });
      return;
    }
    readDraft(user.id, submissionId)
      .catch(() => null)
      .then((record) => alive && setState({ loaded: true, record }));
    return () => {
      alive = false;
    };
  }, [user, submissionId]);
  return state;
}

/** The id of the signed-in user's kept record of a report given by centre, template and period (null: none). */
export function useStoredDraftIdOf(report: { centreId: string; templateCode: string; periodCode: string }, wanted: boolean): { loaded: boolean; id: string | null } {
  const { user } = useAuth();
  const { centreId, templateCode, periodCode } = report;
  const [state, setState] = useState<{ loaded: boolean; id: string | null }>({ loaded: false, id: null });
  useEffect(() => {
    let alive = true;
    if (!user || !wanted) return;
    findDraftOf(user.id, { centreId, templateCode, periodCode })
      .catch(() => null)
      .then((record) => alive && setState({ loaded: true, id: record?.submissionId ?? null }));
    return () => {
      alive = false;
    };
  }, [user, wanted, centreId, templateCode, periodCode]);
  return wanted && !user ? { loaded: true, id: null } : state;
}

/**
 * Keeps the editor's state on the device while the report may be edited: the report it is based on, its template,
 * and the values not yet saved on the server (`dirty`). `keptOnDevice`: the values on screen are on the device but
 * not on the server.
 */
export function useOfflineDraft({ submission, template, values, explanations, dirty, editable }: {
  submission: SubmissionDetail | null;
  template: TemplateDefinition;
  values: ValueMap;
  explanations: Record<string, string>;
  dirty: boolean;
  editable: boolean;
}): { online: boolean; keptOnDevice: boolean } {
  const { user } = useAuth();
  const online = useOnline();
  const [keptOnDevice, setKeptOnDevice] = useState(false);
  // One write at a time, in order: a later state never lands before an earlier one.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const userId = user?.id;
  const submissionId = submission?.id;

  useEffect(() => {
    if (!userId || !submissionId || !submission) return;
    const pending: PendingValues | null = dirty ? { values, explanations, keptAt: new Date().toISOString() } : null;
    queue.current = queue.current
      // Signed out meanwhile (the form is still on screen for a moment): nothing more is written to this device.
      .then(() => (editable ? writeDraft({ userId, submissionId, base: submission, template, pending }, () => readSession() !== null) : deleteDraft(userId, submissionId)))
      .then(() => setKeptOnDevice(editable && pending !== null), () => setKeptOnDevice(false));
  }, [userId, submissionId, submission, template, values, explanations, dirty, editable]);

  return { online, keptOnDevice: keptOnDevice && dirty };
}
