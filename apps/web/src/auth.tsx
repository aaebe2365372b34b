import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { hasPermission, linkTo, type Permission, type Role } from '@gdtx/domain';
import { LOGIN, ME, type UserInfo } from './gql/org';

const LOGOUT_MUTATION = 'mutation Logout($refreshToken: String) { logout(refreshToken: $refreshToken) }';
import { onSessionChange, readSession, sessionFromPayload, writeSession } from './session';
import { clearOfflineData, forgetProfile, readProfile, rememberProfile } from './offline/offlineStore';
import { isConnectionError } from './offline/resume';

interface AuthValue {
  user: UserInfo | null;
  /** True while the stored session is being checked with `me` on page load. */
  restoring: boolean;
  /** Set when the session ended on its own (refresh refused), to tell the user why they see the login page. */
  expired: boolean;
  /** Set after a deliberate sign-out: the next user must not be sent back to the previous user's page. */
  signedOut: boolean;
  /** The Sở requires a second factor for this admin, who has none yet: only the account security page is open. */
  totpEnrolmentRequired: boolean;
  /** Called by the account security page once the second factor is on. */
  setTotpEnrolmentRequired(required: boolean): void;
  login(username: string, password: string, totpCode?: string): Promise<UserInfo>;
  logout(): Promise<void>;
  can(permission: Permission): boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [user, setUser] = useState<UserInfo | null>(null);
  const [restoring, setRestoring] = useState(() => readSession() !== null);
  const [expired, setExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [totpEnrolmentRequired, setTotpEnrolmentRequired] = useState(false);

  useEffect(() => {
    if (!readSession()) return;
    // No connection (not a refusal): the user kept from the last visit, so offline drafts still open (ADR 0018).
    const keptOrExpired = async (e: unknown) => {
      const kept = isConnectionError(e) ? await readProfile().catch(() => null) : null;
      if (kept) {
        setUser(kept.me);
        setTotpEnrolmentRequired(kept.totpEnrolmentRequired);
      } else writeSession(null, 'expired');
    };
    client
      .query({ query: ME, fetchPolicy: 'network-only', errorPolicy: 'all' })
      .then(async (r) => {
        if (!r.data?.me) {
          // errorPolicy 'all' hands a network failure back as r.error rather than rejecting.
          await keptOrExpired((r as { error?: unknown }).error);
          return;
        }
        const enrolment = !!r.data.myTotp && r.data.myTotp.requiredByProvince && !r.data.myTotp.enabled;
        setUser(r.data.me);
        setTotpEnrolmentRequired(enrolment);
        void rememberProfile({ me: r.data.me, totpEnrolmentRequired: enrolment }).catch(() => undefined);
      })
      .catch(keptOrExpired)
      .finally(() => setRestoring(false));
  }, [client]);

  useEffect(
    () =>
      onSessionChange((session, reason) => {
        if (session) return;
        setUser(null);
        if (reason === 'expired') setExpired(true);
        if (reason === 'logout') setSignedOut(true);
        // Who was signed in is forgotten with the session; the drafts of an expired session stay for its user's
        // next sign-in, a sign-out removes them (logout below).
        if (reason !== 'logout') void forgetProfile().catch(() => undefined);
        void client.clearStore();
      }),
    [client],
  );

  const login = useCallback(
    async (username: string, password: string, totpCode?: string) => {
      const result = await client.mutate({ mutation: LOGIN, variables: { input: { username, password, ...(totpCode ? { totpCode } : {}) } } });
      const payload = result.data!.login;
      setTotpEnrolmentRequired(payload.totpEnrolmentRequired);
      writeSession(sessionFromPayload(payload), 'login');
      setExpired(false);
      setSignedOut(false);
      await client.clearStore();
      setUser(payload.user);
      void rememberProfile({ me: payload.user, totpEnrolmentRequired: payload.totpEnrolmentRequired }).catch(() => undefined);
      return payload.user;
    },
    [client],
  );

  const logout = useCallback(async () => {
    const session = readSession();
    // Forget the session locally first: signing out must not depend on the server answering.
    writeSession(null, 'logout');
    // Offices share computers: signing out removes every offline draft and the kept profile from this device
    // (ADR 0018). After the session is gone, so that nothing is written behind it (useOfflineDraft checks).
    await clearOfflineData().catch(() => undefined);
    if (!session) return;
    try {
      // keepalive: the revocation still reaches the server when the page navigates away at once.
      await fetch('/graphql', {
        method: 'POST',
        keepalive: true,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
        body: JSON.stringify({ query: LOGOUT_MUTATION, variables: { refreshToken: session.refreshToken } }),
      });
    } catch {
      // The server may be unreachable: the refresh token then simply expires.
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      restoring,
      expired,
      signedOut,
      totpEnrolmentRequired,
      setTotpEnrolmentRequired,
      login,
      logout,
      // The server's list decides (an area or ended scope holds fewer than its role); the role's table only when absent.
      can: (permission) => (user ? (user.permissions.length ? user.permissions.includes(permission) : hasPermission(user.role as Role, permission)) : false),
    }),
    [user, restoring, expired, signedOut, totpEnrolmentRequired, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Where each role lands after signing in. */
export function homePathOf(user: UserInfo): string {
  if (user.scope === 'centre') return linkTo('home');
  // Supervisors land on their area at a glance (issue 16 item 5), not on a bare list.
  if (user.scope === 'unit' || user.scope === 'area') return linkTo('area');
  return linkTo('dashboard');
}
