import { bootApi, errorCode, TestApi } from './harness';

// Login is rate limited per client address (LOGIN_RATE_LIMIT attempts per LOGIN_RATE_WINDOW_SECONDS).
describe('login rate limit (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '60' });
  });
  afterAll(async () => api?.close());

  it('refuses the fourth attempt within the window with a Vietnamese message, even with the right password', async () => {
    const attempt = (password: string) =>
      api.gql(`mutation($p: String!) { login(input: { username: "so.chuyenvien", password: $p }) { accessToken } }`, { p: password });
    for (let i = 0; i < 3; i++) expect(errorCode(await attempt('sai'))).toBe('UNAUTHENTICATED');
    const fourth = await attempt('Demo@2026');
    expect(errorCode(fourth)).toBe('FORBIDDEN');
    expect(fourth.errors![0].extensions!['reason']).toBe('RATE_LIMITED');
    expect(fourth.errors![0].message).toMatch(/quá nhiều lần/);
  });

  it('does not limit other operations', async () => {
    for (let i = 0; i < 5; i++) expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  });
});
