import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { loadQueueConfig } from '../queue/queue-config';

/** Which cached sessions a change ends: one user's, every session of a province, or all. */
export type SessionInvalidation = { readonly userId: string } | { readonly provinceId: string } | { readonly all: true };

type Listener = (m: SessionInvalidation) => void;

/**
 * Tells every API process that cached sessions are stale (issue 14, ADR 0003). Whoever changes what a session
 * is made of (token_version, role, scope, the second-factor rule) calls `invalidate` after its transaction
 * commits: the listeners of this process hear it at once, the other processes through Redis pub/sub (channel
 * `<QUEUE_PREFIX>:sessions`) within milliseconds.
 *
 * `live` is true only while this process's subscription is up; a cache must not serve from memory otherwise
 * (a message published while it was away would be lost). Without Redis (the embedded `npm start`, the
 * PostgreSQL queue backend) there is no bus and `live` stays false: the cache reads the row every time.
 * The subscriber is opened only when a listener registers (the API's session cache), so the worker opens none.
 */
@Injectable()
export class SessionBus implements OnModuleDestroy {
  private readonly log = new Logger('SessionBus');
  private readonly options: RedisOptions | null;
  readonly channel: string;
  private sub: Redis | null = null;
  private pub: Redis | null = null;
  private subscribed = false;
  private readonly listeners = new Set<Listener>();
  private readonly downListeners = new Set<() => void>();
  private closed = false;

  constructor() {
    const q = loadQueueConfig();
    this.options = q.backend === 'redis' ? (q.connection as RedisOptions) : null;
    this.channel = `${q.prefix}:sessions`;
  }

  /** Whether invalidations from other processes reach this one right now. */
  get live(): boolean {
    return this.subscribed && this.sub?.status === 'ready';
  }

  /** Registers a listener; opens the subscription on first use. `onDown` runs whenever the subscription drops. */
  listen(fn: Listener, onDown: () => void): void {
    this.listeners.add(fn);
    this.downListeners.add(onDown);
    if (!this.options || this.sub || this.closed) return;
    const sub = new Redis({ ...this.options, enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.sub = sub;
    const down = () => {
      if (this.subscribed) this.log.warn('session invalidations unavailable: sessions are read from the database until Redis is back');
      this.subscribed = false;
      for (const d of this.downListeners) d();
    };
    sub.on('error', () => undefined); // reconnects by itself (retryStrategy); `close`/`end` mark it down
    sub.on('close', down);
    sub.on('end', down);
    // ioredis re-subscribes after a reconnect; `subscribed` is set again only once Redis confirms it.
    sub.on('ready', () => {
      sub.subscribe(this.channel).then(
        () => {
          down(); // anything cached before the gap may have missed a message
          this.subscribed = true;
        },
        () => down(),
      );
    });
    sub.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      try {
        this.deliver(JSON.parse(raw) as SessionInvalidation);
      } catch {
        this.deliver({ all: true });
      }
    });
  }

  /**
   * Ends cached sessions here at once and in every other process through Redis. Call it after the change has
   * committed (a process reading the row before the commit would otherwise cache the old state again). A
   * failed publish is logged: the other processes' caches then end the session at their TTL at the latest.
   */
  async invalidate(m: SessionInvalidation): Promise<void> {
    this.deliver(m);
    if (!this.options || this.closed) return;
    try {
      const pub = (this.pub ??= new Redis(this.options).on('error', () => undefined));
      if (pub.status !== 'ready') {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error('Redis not ready')), 1000);
          pub.once('ready', () => (clearTimeout(t), resolve()));
        });
      }
      await pub.publish(this.channel, JSON.stringify(m));
    } catch (e) {
      this.log.error(`could not publish a session invalidation (${(e as Error).message}): other API processes end it at their cache TTL`);
    }
  }

  /** Runs `work` (a committed transaction, e.g. `db.run(...)`), then invalidates, whether it succeeded or not. */
  async after<T>(m: SessionInvalidation, work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      await this.invalidate(m);
    }
  }

  private deliver(m: SessionInvalidation): void {
    for (const fn of this.listeners) fn(m);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.subscribed = false;
    await Promise.all([this.sub, this.pub].map((c) => c?.quit().catch(() => c.disconnect())));
  }
}
