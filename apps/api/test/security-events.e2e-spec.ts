// Issue 13, Build 6: login and permission events visible to admins. The Sở admin reads the province's logins (right
// and wrong, with the address), role changes and second-factor changes, newest first; another province's admin
// never sees them, and a specialist cannot ask.
import { bootApi, DEMO_PASSWORD, TestApi } from './harness';

const EVENTS = `query($first:Int,$before:ID){securityEvents(first:$first,before:$before){id at action username actorName address role failures}}`;
type Event = { id: string; at: string; action: string; username: string | null; actorName: string | null; address: string | null; role: string | null; failures: number | null };

describe('security events (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await bootApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('shows the province\'s logins and permission changes to its admin only', async () => {
    const LOGIN = `mutation($u:String!,$p:String!){login(input:{username:$u,password:$p}){accessToken}}`;
    expect((await api.gql(LOGIN, { u: 'cb.gdtx', p: 'sai-mat-khau' })).errors?.[0].extensions?.['code']).toBe('UNAUTHENTICATED');
    const admin = await api.login('so.quantri');
    const { data: users } = await api.gql<{ users: { nodes: { id: string; username: string }[] } }>(`{users(first:100){nodes{id username}}}`, {}, admin);
    const target = users!.users.nodes.find((u) => u.username === 'so.lanhdao')!;
    expect((await api.gql(`mutation($i:AssignRoleInput!){assignRole(input:$i){role}}`, { i: { userId: target.id, role: 'INSPECTOR' } }, admin)).errors).toBeUndefined();
    expect((await api.gql(LOGIN, { u: 'so.lanhdao', p: DEMO_PASSWORD })).errors).toBeUndefined();

    const r = await api.gql<{ securityEvents: Event[] }>(EVENTS, { first: 20 }, admin);
    expect(r.errors).toBeUndefined();
    const events = r.data!.securityEvents;
    const ids = events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids); // newest first
    const [latest] = events;
    expect(latest).toMatchObject({ action: 'LOGIN', username: 'so.lanhdao', actorName: null, address: expect.stringMatching(/127\.0\.0\.1/) });
    expect(events).toContainEqual(expect.objectContaining({ action: 'ROLE_ASSIGNED', username: 'so.lanhdao', role: 'INSPECTOR', actorName: expect.any(String) }));
    expect(events).toContainEqual(expect.objectContaining({ action: 'LOGIN_FAILED', username: 'cb.gdtx', failures: 1 }));
    // Pages: `before` the oldest of the first page gives older events only.
    const older = await api.gql<{ securityEvents: Event[] }>(EVENTS, { first: 5, before: events[events.length - 1].id }, admin);
    expect(older.data!.securityEvents.every((e) => Number(e.id) < Number(events[events.length - 1].id))).toBe(true);
    expect((await api.gql(EVENTS, { before: '1 OR 1=1' }, admin)).errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');

    // Bắc Ninh's admin sees none of Thanh Hóa's events; a specialist may not ask at all.
    const foreign = await api.gql<{ securityEvents: Event[] }>(EVENTS, { first: 200 }, await api.login('bn.quantri'));
    expect(foreign.errors).toBeUndefined();
    const thUsernames = new Set(users!.users.nodes.map((u) => u.username));
    expect(foreign.data!.securityEvents.filter((e) => e.username && thUsernames.has(e.username))).toEqual([]);
    expect((await api.gql(EVENTS, {}, await api.login('so.chuyenvien'))).errors?.[0].extensions?.['code']).toBe('FORBIDDEN');
  });
});
