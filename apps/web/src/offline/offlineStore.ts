/**
 * What the web app keeps on the device for working without a connection (issue 16 item 8, docs/web.md "Offline
 * drafts", ADR 0018), in IndexedDB:
 * - `drafts`: per user and report, the report as the server last sent it (`base`, whose `version` is the
 *   expectedVersion of the next save), its template, and the values typed since (`pending`, null once the server has
 *   them). Keyed `${userId}:${submissionId}`: a second user on the same computer never opens the first one's record.
 * - `profile`: the signed-in user's `me`, so a reload without a connection still knows who is signed in.
 * Everything is removed at sign-out (offices share computers): `clearOfflineData`.
 * Plain IndexedDB (no library): four operations on two stores.
 */
import type { TemplateDefinition, ValueMap } from '@gdtx/domain';
import type { SubmissionDetail } from '../gql/reporting';
import type { UserInfo } from '../gql/org';

const DB_NAME = 'gdtx-offline';
const DB_VERSION = 1;
const DRAFTS = 'drafts';
const PROFILE = 'profile';
const PROFILE_KEY = 'current';

export interface PendingValues {
  values: ValueMap;
  explanations: Record<string, string>;
  /** When the values were kept (ISO), shown nowhere yet but useful when looking at a device's store. */
  keptAt: string;
}

export interface OfflineDraftRecord {
  key: string;
  userId: string;
  submissionId: string;
  base: SubmissionDetail;
  template: TemplateDefinition;
  pending: PendingValues | null;
}

export interface StoredProfile {
  me: UserInfo;
  totpEnrolmentRequired: boolean;
}

export function draftKeyOf(userId: string, submissionId: string): string {
  return `${userId}:${submissionId}`;
}

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available'));
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(PROFILE)) db.createObjectStore(PROFILE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it, and open again next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

/**
 * One request in its own transaction. `wanted`, checked in the same tick as the transaction is created: a write
 * decided before a sign-out never lands after the sign-out's clear (transactions run in the order they are created).
 */
async function run<T>(
  store: string, mode: IDBTransactionMode, action: (s: IDBObjectStore) => IDBRequest<T> | void, wanted: () => boolean = () => true,
): Promise<T | undefined> {
  const db = await openDb();
  if (!wanted()) return undefined;
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = action(tx.objectStore(store));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export async function readDraft(userId: string, submissionId: string): Promise<OfflineDraftRecord | null> {
  return ((await run<OfflineDraftRecord>(DRAFTS, 'readonly', (s) => s.get(draftKeyOf(userId, submissionId)))) ?? null);
}

/** `wanted`: still signed in (checked just before writing; see `run`). */
export async function writeDraft(record: Omit<OfflineDraftRecord, 'key'>, wanted: () => boolean): Promise<void> {
  // Through JSON: the record must be plain data (Apollo results may carry frozen or non-cloneable parts).
  const plain = JSON.parse(JSON.stringify({ ...record, key: draftKeyOf(record.userId, record.submissionId) })) as OfflineDraftRecord;
  await run(DRAFTS, 'readwrite', (s) => s.put(plain), wanted);
}

export async function rememberProfile(profile: StoredProfile): Promise<void> {
  await run(PROFILE, 'readwrite', (s) => s.put(JSON.parse(JSON.stringify(profile)), PROFILE_KEY));
}

export async function readProfile(): Promise<StoredProfile | null> {
  return ((await run<StoredProfile>(PROFILE, 'readonly', (s) => s.get(PROFILE_KEY))) ?? null);
}

export async function forgetProfile(): Promise<void> {
  await run(PROFILE, 'readwrite', (s) => s.delete(PROFILE_KEY));
}

/** Sign-out: every user's drafts and the profile leave the device (ADR 0018: a shared office computer). */
export async function clearOfflineData(): Promise<void> {
  await run(DRAFTS, 'readwrite', (s) => s.clear());
  await run(PROFILE, 'readwrite', (s) => s.clear());
}

export async function deleteDraft(userId: string, submissionId: string): Promise<void> {
  await run(DRAFTS, 'readwrite', (s) => s.delete(draftKeyOf(userId, submissionId)));
}

/**
 * The user's kept record of a report found by what it reports on (the form opened by centre, template and period,
 * e.g. a report not started yet whose first save created it while the page stayed on that address).
 */
export async function findDraftOf(userId: string, report: { centreId: string; templateCode: string; periodCode: string }): Promise<OfflineDraftRecord | null> {
  const all = (await run<OfflineDraftRecord[]>(DRAFTS, 'readonly', (s) => s.getAll())) ?? [];
  return (
    all.find((r) => r.userId === userId && r.base.centreId === report.centreId && r.base.templateCode === report.templateCode && r.base.periodCode === report.periodCode) ??
    null
  );
}
