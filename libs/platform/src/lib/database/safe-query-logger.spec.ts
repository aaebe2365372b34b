import { SafeQueryLogger } from './safe-query-logger';

describe('SafeQueryLogger', () => {
  it('logs a failed statement with its code and text but none of its parameter values nor the detail', () => {
    const lines: unknown[] = [];
    const logger = new SafeQueryLogger({ error: (m: unknown) => lines.push(m), warn: () => undefined, log: () => undefined });
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA';
    const error = Object.assign(new Error('duplicate key value violates unique constraint "app_user_username_key"'), {
      code: '23505',
      detail: 'Key (username)=(gd.gdtx) already exists.',
    });
    logger.logQueryError(error, 'INSERT INTO app_user (username, password_hash)\n   VALUES ($1, $2)', ['gd.gdtx', hash]);
    const text = JSON.stringify(lines);
    expect(lines).toHaveLength(1);
    expect(text).toContain('23505');
    expect(text).toContain('INSERT INTO app_user (username, password_hash) VALUES ($1, $2)');
    expect(text).not.toContain(hash);
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('Key (username)');
    expect(text).toContain('"parameterCount":2');
  });

  it('never logs statements that succeed', () => {
    const lines: unknown[] = [];
    const logger = new SafeQueryLogger({ error: (m: unknown) => lines.push(m), warn: (m: unknown) => lines.push(m), log: (m: unknown) => lines.push(m) });
    logger.logQuery();
    expect(lines).toEqual([]);
  });
});
