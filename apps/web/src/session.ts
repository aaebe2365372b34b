/**
 * The signed-in session: tokens in localStorage (so a reload keeps the user signed in), refreshed with the
 * `refreshToken` mutation when the API answers UNAUTHENTICATED or the access token is about to expire.
 * Every request to the API (GraphQL and the REST workbook endpoints) goes through `authorizedFetch`.
 */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

const STORAGE_KEY = 'gdtx.session';
/** Refresh this long before the access token expires, so a request never races its expiry. */
const REFRESH_MARGIN_MS = 30_000;

type Listener = (session: StoredSession | null, reason?: 'expired' | 'logout' | 'login') => void;
const listeners = new Set<Listener>();

export function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function writeSession(session: StoredSession | null, reason?: 'expired' | 'logout' | 'login'): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(session, reason);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function sessionFromPayload(payload: { accessToken: string; refreshToken: string; expiresIn: number }): StoredSession {
  return { accessToken: payload.accessToken, refreshToken: payload.refreshToken, expiresAt: Date.now() + payload.expiresIn * 1000 };
}

const REFRESH_MUTATION = `mutation Refresh($refreshToken: String!) {
  refreshToken(refreshToken: $refreshToken) { accessToken refreshToken expiresIn }
}`;

let refreshing: Promise<StoredSession | null> | null = null;

/** One refresh at a time: concurrent requests wait for the same new token (the old refresh token is revoked on use). */
export function refreshSession(): Promise<StoredSession | null> {
  if (refreshing) return refreshing;
  const current = readSession();
  if (!current) return Promise.resolve(null);
  refreshing = (async () => {
    try {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: REFRESH_MUTATION, variables: { refreshToken: current.refreshToken } }),
      });
      const body = (await res.json()) as { data?: { refreshToken?: { accessToken: string; refreshToken: string; expiresIn: number } } };
      const payload = body.data?.refreshToken;
      if (!payload) {
        writeSession(null, 'expired');
        return null;
      }
      const next = sessionFromPayload(payload);
      writeSession(next);
      return next;
    } catch {
      // Network trouble: keep the session; the next request tries again.
      return current;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function withAuthorization(init: RequestInit | undefined, token: string | undefined): RequestInit {
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function isUnauthenticated(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (!(response.headers.get('content-type') ?? '').includes('json')) return false;
  try {
    const body = (await response.clone().json()) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
  } catch {
    return false;
  }
}

/** fetch with the bearer token; on UNAUTHENTICATED refreshes once and retries. */
export async function authorizedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  let session = readSession();
  if (session && session.expiresAt - REFRESH_MARGIN_MS < Date.now()) session = await refreshSession();
  const response = await fetch(input, withAuthorization(init, session?.accessToken));
  if (!session || !(await isUnauthenticated(response))) return response;
  const renewed = await refreshSession();
  if (!renewed || renewed.accessToken === session.accessToken) return response;
  return fetch(input, withAuthorization(init, renewed.accessToken));
}
