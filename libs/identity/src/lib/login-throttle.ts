import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, Errors, systemContext, TenantDb } from '@gdtx/platform';

/**
 * Login limits in PostgreSQL, so every API replica sees the same counts (issue 13; the embedded default and a
 * scaled deployment alike, no Redis needed):
 * - per account: the first ACCOUNT_FREE_FAILURES wrong passwords in a row cost nothing; each one after that puts
 *   the account on a delay that doubles from ACCOUNT_BASE_DELAY_SECONDS up to ACCOUNT_MAX_DELAY_SECONDS. There is
 *   no permanent lock: a delay always ends, a right password resets the count, and a count older than
 *   ACCOUNT_FAILURE_MEMORY_HOURS starts again. While a delay runs the password is not even checked, so guessing
 *   from many addresses gains nothing.
 * - per address: LOGIN_RATE_LIMIT attempts per LOGIN_RATE_WINDOW_SECONDS (default 100 a minute), generous
 *   because a whole Sở office shares one address; one user's wrong passwords never lock the others out (their
 *   accounts have their own counts).
 * Unknown usernames are counted like real ones, so the answers do not tell which accounts exist.
 */
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_BASE_DELAY_SECONDS = 30;
export const ACCOUNT_MAX_DELAY_SECONDS = 15 * 60;
export const ACCOUNT_FAILURE_MEMORY_HOURS = 24;

/** The delay after `failures` wrong passwords in a row: 0 up to the free ones, then 30 s, 60 s, … capped at 15 min. */
export function accountDelaySeconds(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(ACCOUNT_MAX_DELAY_SECONDS, ACCOUNT_BASE_DELAY_SECONDS * 2 ** (failures - ACCOUNT_FREE_FAILURES));
}

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

function waitInWords(seconds: number): string {
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

@Injectable()
export class LoginThrottle {
  constructor(
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts the attempt against its address; refuses (RATE_LIMITED) when the address is over its limit. */
  async admitAddress(address: string): Promise<void> {
    const windowSeconds = this.config.LOGIN_RATE_WINDOW_SECONDS;
    const [row] = await this.db.run(systemContext(null, 'login-throttle'), async (em) => {
      // Old windows are cleared now and then by the attempts themselves: no job needed, the table stays small.
      if (Math.random() < 0.01) await em.query(`DELETE FROM login_address_window WHERE window_start < now() - interval '1 hour'`);
      return em.query(
        `INSERT INTO login_address_window (address, window_start, attempts)
         VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
         ON CONFLICT (address, window_start) DO UPDATE SET attempts = login_address_window.attempts + 1
         RETURNING attempts, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS "secondsLeft"`,
        [address.slice(0, 100), windowSeconds],
      );
    });
    if (row.attempts > this.config.LOGIN_RATE_LIMIT) {
      const wait = Math.max(1, row.secondsLeft as number);
      throw Errors.rateLimited(
        wait,
        `Có quá nhiều lần đăng nhập từ địa chỉ mạng này. Vui lòng thử lại sau ${waitInWords(wait)}.`,
        `Too many login attempts from this address; try again in ${wait} s`,
        { reason: 'ADDRESS_THROTTLED' },
      );
    }
  }

  /** Refuses (RATE_LIMITED) while the account serves a delay; the password is not checked then. */
  async admitAccount(username: string): Promise<void> {
    const [row] = await this.db.run(systemContext(null, 'login-throttle'), (em) =>
      em.query(
        `SELECT ceil(extract(epoch FROM blocked_until - now()))::int AS "secondsLeft" FROM login_account_throttle
         WHERE username_key = $1 AND blocked_until > now()`,
        [usernameKey(username).slice(0, 200)],
      ),
    );
    if (row) throw this.accountRefusal(Math.max(1, row.secondsLeft as number));
  }

  /**
   * Records a wrong password inside the caller's transaction. Returns the delay it earned (0 while the free
   * failures last) and the count, so that the caller can audit and notify when a delay starts.
   */
  async recordFailure(em: EntityManager, username: string): Promise<{ failures: number; delaySeconds: number; blockedUntil: Date | null }> {
    const [row] = await em.query(
      `INSERT INTO login_account_throttle AS t (username_key, failures, last_failure_at)
       VALUES ($1, 1, now())
       ON CONFLICT (username_key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < now() - make_interval(hours => $2) THEN 1 ELSE t.failures + 1 END,
         last_failure_at = now()
       RETURNING failures`,
      [usernameKey(username).slice(0, 200), ACCOUNT_FAILURE_MEMORY_HOURS],
    );
    const failures = row.failures as number;
    const delaySeconds = accountDelaySeconds(failures);
    if (!delaySeconds) return { failures, delaySeconds, blockedUntil: null };
    // TypeORM answers an UPDATE with [rows, count]: the new value is read back with a SELECT.
    await em.query(`UPDATE login_account_throttle SET blocked_until = now() + make_interval(secs => $2) WHERE username_key = $1`, [
      usernameKey(username).slice(0, 200), delaySeconds,
    ]);
    const [blocked] = await em.query(`SELECT blocked_until AS "blockedUntil" FROM login_account_throttle WHERE username_key = $1`, [
      usernameKey(username).slice(0, 200),
    ]);
    return { failures, delaySeconds, blockedUntil: new Date(blocked.blockedUntil) };
  }

  /** A right password: the account starts again with its free failures. */
  async recordSuccess(em: EntityManager, username: string): Promise<void> {
    await em.query(`DELETE FROM login_account_throttle WHERE username_key = $1`, [usernameKey(username).slice(0, 200)]);
  }

  accountRefusal(seconds: number) {
    return Errors.rateLimited(
      seconds,
      `Tài khoản tạm thời bị khoá đăng nhập do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${waitInWords(seconds)}; nếu quên mật khẩu, hãy liên hệ quản trị viên của Sở.`,
      `Too many wrong passwords for this account; try again in ${seconds} s`,
      { reason: 'ACCOUNT_THROTTLED' },
    );
  }
}
