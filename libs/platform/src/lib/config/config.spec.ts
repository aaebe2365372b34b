import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { appDatabaseUrl, ConfigError, loadConfig } from './config';

describe('configuration validated at boot', () => {
  it('accepts an empty environment with safe development defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.graphqlIntrospection).toBe(true);
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

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('turns introspection off in production unless asked for', () => {
    const secret = 'x'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).graphqlIntrospection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection).toBe(true);
  });

  it('derives the app-role connection from the owner URL', () => {
    const url = appDatabaseUrl(loadConfig({ DATABASE_URL: 'postgres://owner:pw@db:5432/gdtx', APP_DB_PASSWORD: 's3cret' }));
    expect(url).toBe('postgres://gdtx_app:s3cret@db:5432/gdtx');
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
