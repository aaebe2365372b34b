import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { demoSecrets } = require('./demo-secrets') as { demoSecrets: (file: string) => { JWT_SECRET: string; APP_DB_PASSWORD: string; JOBS_DB_PASSWORD: string; QUEUE_DB_PASSWORD: string } };

describe('the embedded demo generates its own secrets (issue 13)', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'gdtx-secrets-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps one random secret per data directory, readable by its owner only', () => {
    const file = join(dir(), '.data', 'secrets.json');
    const first = demoSecrets(file);
    expect(first.JWT_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(first.APP_DB_PASSWORD.length).toBeGreaterThanOrEqual(24);
    expect(first.JOBS_DB_PASSWORD).not.toBe(first.APP_DB_PASSWORD);
    expect(new Set([first.APP_DB_PASSWORD, first.JOBS_DB_PASSWORD, first.QUEUE_DB_PASSWORD]).size).toBe(3);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(demoSecrets(file)).toEqual(first); // a restart keeps tokens valid
    const other = demoSecrets(join(dir(), 'secrets.json'));
    expect(other.JWT_SECRET).not.toBe(first.JWT_SECRET);
  });

  it('adds a secret an older data directory lacks, keeping the others', () => {
    const file = join(dir(), 'secrets.json');
    writeFileSync(file, JSON.stringify({ JWT_SECRET: 'k'.repeat(64), APP_DB_PASSWORD: 'old-password' }));
    const s = demoSecrets(file);
    expect(s.JWT_SECRET).toBe('k'.repeat(64));
    expect(s.APP_DB_PASSWORD).toBe('old-password');
    expect(s.JOBS_DB_PASSWORD.length).toBeGreaterThanOrEqual(24);
    expect(s.QUEUE_DB_PASSWORD.length).toBeGreaterThanOrEqual(24);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
