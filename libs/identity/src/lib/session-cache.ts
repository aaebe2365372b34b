import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SessionBus } from '@gdtx/platform';
import type { SessionInvalidation } from '@gdtx/platform';
import type { UserInfo } from './identity.types';
import type { Principal } from './auth.service';

/** What the guard needs of a user, as read from the row: the principal (without request id) and `me`. */
export interface CachedSession {
  readonly principal: Principal;
  readonly user: UserInfo;
  readonly tokenVersion: number;
  readonly provinceId: string;
  readonly expiresAt: number;
}

/**
 * Sessions of this API process in memory, keyed by user id and checked against the token's `tv` (ADR 0003,
 * issue 14): the cheap authenticated request reads no row. A session ends here
 * - at once when this process changes the user (SessionBus delivers locally),
 * - within milliseconds when another process does (Redis pub/sub through SessionBus),
 * - at SESSION_CACHE_TTL_SECONDS at the latest (date-driven changes, a lost message, a writer outside the API),
 * and nothing is served from memory while the bus is not live (Redis down or not configured): the row is read.
 *
 * A read that started before an invalidation must not put its (possibly stale) result back: `generation`
 * counts invalidations, and `put` is refused when one happened since the read began.
 */
@Injectable()
export class SessionCache implements OnModuleInit {
  private readonly sessions = new Map<string, CachedSession>();
  private generation = 0;
  readonly stats = { hits: 0, misses: 0, invalidations: 0 };

  constructor(
    private readonly bus: SessionBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.SESSION_CACHE_TTL_SECONDS > 0) this.bus.listen((m) => this.drop(m), () => this.clear());
  }

  get enabled(): boolean {
    return this.config.SESSION_CACHE_TTL_SECONDS > 0 && this.bus.live;
  }

  /** The cached session of `userId`, if any, fresh and live; `undefined` means: read the row. */
  get(userId: string): CachedSession | undefined {
    if (!this.enabled) return undefined;
    const s = this.sessions.get(userId);
    if (!s) return undefined;
    if (s.expiresAt <= Date.now()) {
      this.sessions.delete(userId);
      return undefined;
    }
    return s;
  }

  /** Taken before reading the row; `put` accepts the result only if no invalidation came in between. */
  begin(): number {
    return this.generation;
  }

  put(userId: string, s: Omit<CachedSession, 'expiresAt'>, since: number): void {
    if (!this.enabled || since !== this.generation) return;
    if (this.sessions.size >= this.config.SESSION_CACHE_MAX_ENTRIES) {
      const oldest = this.sessions.keys().next();
      if (!oldest.done) this.sessions.delete(oldest.value);
    }
    this.sessions.delete(userId); // re-insert: Map order is the eviction order
    this.sessions.set(userId, Object.freeze({ ...s, expiresAt: Date.now() + this.config.SESSION_CACHE_TTL_SECONDS * 1000 }));
  }

  get size(): number {
    return this.sessions.size;
  }

  private drop(m: SessionInvalidation): void {
    this.generation++;
    this.stats.invalidations++;
    if ('userId' in m) this.sessions.delete(m.userId);
    else if ('provinceId' in m) {
      for (const [k, s] of this.sessions) if (s.provinceId === m.provinceId) this.sessions.delete(k);
    } else this.sessions.clear();
  }

  private clear(): void {
    this.generation++;
    this.sessions.clear();
  }
}
