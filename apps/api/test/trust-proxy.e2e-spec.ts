import { bootApi, DEMO_PASSWORD, TestApi } from './harness';

// Issue 14, item D: the client address (the per-address login limit, the audit) comes from X-Forwarded-For only
// when the connection is from a proxy named in TRUST_PROXY. These API processes are reached over loopback; the
// first trusts loopback (the default), the second only an ingress range (10.0.0.0/8), so it ignores the header.
const EVENTS = `query { securityEvents(first: 20) { action username address } }`;

async function loginFrom(api: TestApi, username: string, forwardedFor: string): Promise<void> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ query: `mutation { login(input: { username: "${username}", password: "${DEMO_PASSWORD}" }) { accessToken } }` }),
  });
  expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
}

async function lastLoginAddress(api: TestApi, username: string): Promise<string | null> {
  const r = await api.gql<{ securityEvents: { action: string; username: string; address: string | null }[] }>(EVENTS, undefined, await api.login('so.quantri'));
  return r.data!.securityEvents.find((e) => e.action === 'LOGIN' && e.username === username)?.address ?? null;
}

describe('TRUST_PROXY (e2e)', () => {
  it('by default believes X-Forwarded-For from loopback (a proxy on the same host)', async () => {
    const api = await bootApi({ TRUST_PROXY: '' });
    try {
      await loginFrom(api, 'so.lanhdao', '198.51.100.9');
      expect(await lastLoginAddress(api, 'so.lanhdao')).toBe('198.51.100.9');
    } finally {
      await api.close();
    }
  });

  it('with an ingress range set, ignores the header from any other peer: the address is the connection\'s', async () => {
    const api = await bootApi({ TRUST_PROXY: '10.0.0.0/8' });
    try {
      await loginFrom(api, 'so.lanhdao', '198.51.100.9');
      expect(await lastLoginAddress(api, 'so.lanhdao')).toMatch(/127\.0\.0\.1/);
    } finally {
      await api.close();
    }
  });
});
