import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { appDatabaseUrl, appDirectDatabaseUrl, ConfigError, jobsDatabaseUrl, loadConfig, replicaDatabaseUrl } from './config';

describe('configuration validated at boot', () => {
  it('accepts an environment with only a secret, with safe development defaults', () => {
    const c = loadConfig({ JWT_SECRET: 'y'.repeat(40) });
    expect(c.PORT).toBe(3000);
    expect(c.graphqlIntrospection).toBe(true);
  });

  it('has no default JWT secret outside tests (issue 13): a public default would mint SYSTEM_ADMIN tokens', () => {
    expect(() => loadConfig({})).toThrow(/JWT_SECRET: chưa được đặt/);
    expect(() => loadConfig({ NODE_ENV: 'development' })).toThrow(/JWT_SECRET/);
  });

  it('gives each test process a random secret of its own', () => {
    const a = loadConfig({ NODE_ENV: 'test' }).JWT_SECRET;
    const b = loadConfig({ NODE_ENV: 'test' }).JWT_SECRET;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).not.toBe(a);
  });

  it('requires the app and jobs role passwords in production, and two different roles', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/APP_DB_PASSWORD[\s\S]*JOBS_DB_PASSWORD/);
    expect(() => loadConfig({ NODE_ENV: 'test', JOBS_DB_ROLE: 'gdtx_app' })).toThrow(/JOBS_DB_ROLE/);
  });

  it('takes TRUST_PROXY as Express trust-proxy values or a hop count, and names it when it is neither (issue 14)', () => {
    const base = { NODE_ENV: 'test' as const };
    expect(loadConfig(base).TRUST_PROXY).toBe('loopback');
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8,fd00::/8');
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY).toBe('1');
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '*' })).toThrow(/TRUST_PROXY/);
  });

  it('derives the jobs-role connection from the owner URL', () => {
    const c = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://owner:pw@db:5432/gdtx', APP_DB_PASSWORD: 'a', JOBS_DB_PASSWORD: 'j' });
    expect(jobsDatabaseUrl(c)).toBe('postgres://gdtx_jobs:j@db:5432/gdtx');
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url', JWT_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const vars = (e as ConfigError).problems.map((p) => p.variable).sort();
      expect(vars).toEqual(['DATABASE_URL', 'JWT_SECRET', 'PORT']);
      expect((e as Error).message).toMatch(/PORT/);
    }
  });

  it('refuses to start in production without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', APP_DB_PASSWORD: 'pw' })).toThrow(/JWT_SECRET/);
  });

  it('turns introspection off in production unless asked for', () => {
    const secret = 'x'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, APP_DB_PASSWORD: 'pw', JOBS_DB_PASSWORD: 'pw2' }).graphqlIntrospection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, APP_DB_PASSWORD: 'pw', JOBS_DB_PASSWORD: 'pw2', GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection).toBe(true);
  });

  it('derives the app-role connection from the owner URL', () => {
    const url = appDatabaseUrl(loadConfig({ DATABASE_URL: 'postgres://owner:pw@db:5432/gdtx', APP_DB_PASSWORD: 's3cret', NODE_ENV: 'test' }));
    expect(url).toBe('postgres://gdtx_app:s3cret@db:5432/gdtx');
  });

  it('behind PgBouncer: the replica and the direct connection get the app role, and without them nothing changes (ADR 0022)', () => {
    const base = { DATABASE_URL: 'postgres://owner:pw@pgbouncer:6432/gdtx', APP_DB_PASSWORD: 's3cret', NODE_ENV: 'test' as const };
    const plain = loadConfig(base);
    expect(replicaDatabaseUrl(plain)).toBeNull();
    expect(appDirectDatabaseUrl(plain)).toBe(appDatabaseUrl(plain));
    const scaled = loadConfig({ ...base, DATABASE_REPLICA_URL: 'postgres://whoever@replica:5432/gdtx', DATABASE_DIRECT_URL: 'postgres://owner:pw@primary:5432/gdtx' });
    expect(replicaDatabaseUrl(scaled)).toBe('postgres://gdtx_app:s3cret@replica:5432/gdtx');
    expect(appDirectDatabaseUrl(scaled)).toBe('postgres://gdtx_app:s3cret@primary:5432/gdtx');
    expect(appDatabaseUrl(scaled)).toBe('postgres://gdtx_app:s3cret@pgbouncer:6432/gdtx');
    expect(scaled.READ_YOUR_WRITES_WAIT_MS).toBe(200);
    expect(() => loadConfig({ ...base, DATABASE_REPLICA_URL: 'the replica' })).toThrow(/DATABASE_REPLICA_URL/);
  });

  it('the API process exits non-zero with a message naming the variable', () => {
    const root = join(__dirname, '../../../../..');
    const r = spawnSync('node', ['-r', './scripts/register.js', 'apps/api/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env['PATH'], PORT: 'not-a-port', DATABASE_URL: 'postgres://x@127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/Cấu hình không hợp lệ/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
