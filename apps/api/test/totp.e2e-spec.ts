// Issue 13, Build 6: a TOTP second factor, optional per user and required for SYSTEM_ADMIN and SO_ADMIN where the
// province turns it on. Codes come from the `otpauth` library as an authenticator app computes them.
import { Client } from 'pg';
import { Secret, TOTP } from 'otpauth';
import { connectAsAppRole } from '@gdtx/platform/testing';
import { bootApi, DEMO_PASSWORD, TestApi } from './harness';

const codeAt = (secret: string, offsetSeconds = 0) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });

const LOGIN = `mutation($u:String!,$p:String!,$c:String){login(input:{username:$u,password:$p,totpCode:$c}){accessToken totpEnrolmentRequired}}`;
const ENROL = `mutation{startTotpEnrolment{secret otpauthUri qrSvg}}`;
const CONFIRM = `mutation($c:String!){confirmTotpEnrolment(input:{code:$c}){enabled pending requiredByProvince}}`;
const STATE = `{myTotp{enabled pending requiredByProvince}}`;
const REQUIRE = `mutation($r:Boolean!){setTotpRequiredForAdmins(required:$r){totpRequiredForAdmins}}`;
const CENTRES = `{centres(first:1){nodes{code}}}`;

type Gql = { data?: Record<string, any> | null; errors?: { message: string; extensions: { code: string; reason?: string } }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('TOTP second factor (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const gql = (q: string, v: Record<string, unknown> = {}, token?: string) => api.gql(q, v, token) as Promise<Gql>;
  const login = (u: string, c?: string) => gql(LOGIN, { u, p: DEMO_PASSWORD, c: c ?? null });
  const tokenOf = async (u: string, c?: string) => {
    const r = await login(u, c);
    expect(r.errors).toBeUndefined();
    return r.data!['login'].accessToken as string;
  };
  const enrol = async (token: string) => {
    const e = await gql(ENROL, {}, token);
    expect(e.errors).toBeUndefined();
    const { secret } = e.data!['startTotpEnrolment'];
    const confirmed = await gql(CONFIRM, { c: codeAt(secret) }, token);
    expect(confirmed.data!['confirmTotpEnrolment'].enabled).toBe(true);
    return secret as string;
  };

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('a user enrols with a QR code, then logs in with password and code; a wrong, missing or reused code is refused', async () => {
    const token = await tokenOf('so.chuyenvien');
    expect((await gql(STATE, {}, token)).data!['myTotp']).toEqual({ enabled: false, pending: false, requiredByProvince: false });
    const e = await gql(ENROL, {}, token);
    const { secret, otpauthUri, qrSvg } = e.data!['startTotpEnrolment'];
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/GDTX%20Monitor:so\.chuyenvien\?.*secret=/);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await gql(STATE, {}, token)).data!['myTotp']).toEqual({ enabled: false, pending: true, requiredByProvince: false });
    // Until confirmed, the password alone still logs in (a QR code scanned badly locks nobody out).
    expect((await login('so.chuyenvien')).errors).toBeUndefined();
    const wrong = await gql(CONFIRM, { c: codeAt(secret, 300) }, token);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOTP_INVALID' });
    expect((await gql(CONFIRM, { c: codeAt(secret) }, token)).data!['confirmTotpEnrolment']).toEqual({ enabled: true, pending: false, requiredByProvince: false });

    const missing = await login('so.chuyenvien');
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOTP_REQUIRED' });
    expect(missing.errors?.[0].message).toMatch(/mã xác thực 6 số/);
    const bad = await login('so.chuyenvien', codeAt(secret, -300));
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOTP_INVALID' });
    const { rows: failed } = await owner.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'LOGIN_TOTP_FAILED'`);
    expect(failed[0].n).toBe(1);
    // The next step's code (clock drift of one step is allowed) logs in once; the same code again is a replay.
    const next = codeAt(secret, 30);
    expect((await login('so.chuyenvien', next)).errors).toBeUndefined();
    expect((await login('so.chuyenvien', next)).errors?.[0].extensions.reason).toBe('TOTP_INVALID');
    // A malformed code is refused at the edge, naming the field in Vietnamese.
    const malformed = await login('so.chuyenvien', '12ab');
    expect(malformed.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(malformed.errors?.[0].extensions)).toMatch(/mã xác thực gồm 6 chữ số/);
  });

  it('the request role cannot read a secret, whatever its scope', async () => {
    const { rows: [u] } = await owner.query(`SELECT province_id FROM app_user WHERE username = 'so.chuyenvien'`);
    const c = await connectAsAppRole(api.db.ownerUrl);
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [u.province_id]);
      await expect(c.query(`SELECT secret FROM user_totp`)).rejects.toMatchObject({ code: '42501' });
      await c.query('ROLLBACK');
    } finally {
      await c.end();
    }
  });

  it('the province may require it for its admins: an admin without one can only enrol, then works as before', async () => {
    const adminToken = await tokenOf('so.quantri');
    // Requiring it before having it would lock the Sở admin out at once.
    const early = await gql(REQUIRE, { r: true }, adminToken);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'TOTP_ENROLMENT_REQUIRED' });
    const adminSecret = await enrol(adminToken);
    expect((await gql(REQUIRE, { r: true }, adminToken)).data!['setTotpRequiredForAdmins']).toEqual({ totpRequiredForAdmins: true });
    // The admin's own session keeps working: they have a second factor.
    expect((await gql(CENTRES, {}, adminToken)).errors).toBeUndefined();
    // Turning it off while the province requires it is refused.
    const off = await gql(`mutation($c:String!){disableTotp(input:{code:$c}){enabled}}`, { c: codeAt(adminSecret, 30) }, adminToken);
    expect(off.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TOTP_ENROLMENT_REQUIRED' });

    // SYSTEM_ADMIN of the province, no second factor yet: logged in, told to enrol, and nothing else is open.
    const sys = await login('admin');
    expect(sys.data!['login'].totpEnrolmentRequired).toBe(true);
    const sysToken = sys.data!['login'].accessToken as string;
    const refused = await gql(CENTRES, {}, sysToken);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TOTP_ENROLMENT_REQUIRED' });
    expect(refused.errors?.[0].message).toMatch(/Bảo mật tài khoản/);
    expect((await gql(STATE, {}, sysToken)).data!['myTotp']).toEqual({ enabled: false, pending: false, requiredByProvince: true });
    // The web shell's one document on a page load (me, the rule, the bell's count) still answers, so the web can send them to enrol.
    const shell = await gql(`{ me { username } myTotp { enabled requiredByProvince } unreadNotificationCount }`, {}, sysToken);
    expect(shell.errors).toBeUndefined();
    expect(shell.data!['me']).toEqual({ username: 'admin' });
    await enrol(sysToken);
    expect((await gql(CENTRES, {}, sysToken)).errors).toBeUndefined();

    // Roles the rule does not cover are not asked (a centre director logs in with the password).
    expect((await login('gd.gdtx')).data!['login'].totpEnrolmentRequired).toBe(false);
    const { rows } = await owner.query(`SELECT action FROM audit_event WHERE action IN ('TOTP_ENABLED', 'TOTP_POLICY_CHANGED') ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['TOTP_ENABLED', 'TOTP_ENABLED', 'TOTP_POLICY_CHANGED', 'TOTP_ENABLED']);
  });

  it('another province can neither reset a user\'s second factor nor see or change the rule; the own Sở can reset', async () => {
    const { rows: [target] } = await owner.query(`SELECT id FROM app_user WHERE username = 'so.chuyenvien'`);
    const bn = await tokenOf('bn.quantri');
    const foreign = await gql(`mutation($u:ID!){resetUserTotp(userId:$u)}`, { u: target.id }, bn);
    expect(foreign.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await owner.query(`SELECT count(*)::int AS n FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL`, [target.id])).rows[0].n).toBe(1);
    expect((await gql(`{provinceSecurity{totpRequiredForAdmins}}`, {}, bn)).data!['provinceSecurity']).toEqual({ totpRequiredForAdmins: false });
    expect((await gql(REQUIRE, { r: false }, bn)).errors).toBeUndefined();
    const { rows: th } = await owner.query(`SELECT s.totp_required_for_admins FROM province_security s JOIN administrative_unit p ON p.id = s.province_id WHERE p.code = 'TH'`);
    expect(th).toEqual([{ totp_required_for_admins: true }]);

    // The Thanh Hóa admin (with a second factor of their own) resets it: the password alone works again.
    const { rows: [a] } = await owner.query(`SELECT t.secret FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'so.quantri'`);
    const admin = await tokenOf('so.quantri', codeAt(a.secret, 30));
    expect((await gql(`mutation($u:ID!){resetUserTotp(userId:$u)}`, { u: target.id }, admin)).data!['resetUserTotp']).toBe(true);
    expect((await login('so.chuyenvien')).errors).toBeUndefined();
  });
});
