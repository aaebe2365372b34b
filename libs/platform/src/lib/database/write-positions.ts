import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { loadQueueConfig } from '../queue/queue-config';

/**
 * Where each user's last write ended on the primary (its WAL position after commit), kept for a short while so that
 * a replica read for that user can tell whether the replica has replayed it (read-your-writes, ADR 0022).
 *
 * In Redis (`<QUEUE_PREFIX>:ryw:<userId>`), so that the API process that serves the next read sees what another
 * process wrote. Without Redis (the embedded `npm start`, the PostgreSQL queue backend) the positions live in this
 * process only: enough for one API process; a deployment with several processes and a replica runs Redis.
 * Redis away: `lastWrite` answers "unknown", and the read goes to the primary (never a stale read).
 */
export class WritePositions {
  private readonly log = new Logger('WritePositions');
  private readonly redis: Redis | null;
  private readonly local = new Map<string, { lsn: string; until: number }>();
  private readonly prefix: string;

  constructor(private readonly ttlSeconds: number) {
    const q = loadQueueConfig();
    this.prefix = `${q.prefix}:ryw:`;
    this.redis = q.backend === 'redis'
      // Connected at once (one client per process, only where a replica is configured); a command waits for the
      // connection at most half a second, then the read goes to the primary.
      ? new Redis({ ...(q.connection as RedisOptions), lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 500 })
      : null;
    this.redis?.on('error', () => undefined); // reconnects by itself; a failed command reads the primary
  }

  /** Records that `userId` wrote up to `lsn`; keeps the later of two positions (two writes racing). */
  async recordWrite(userId: string, lsn: string): Promise<void> {
    if (!this.redis) {
      const had = this.local.get(userId);
      if (!had || compareLsn(lsn, had.lsn) > 0 || had.until < Date.now()) this.local.set(userId, { lsn, until: Date.now() + this.ttlSeconds * 1000 });
      return;
    }
    try {
      // One round trip, atomic: the stored position only moves forward, and its TTL restarts with each write.
      await this.redis.eval(KEEP_LATER_LSN, 1, this.prefix + userId, lsn, String(this.ttlSeconds));
    } catch (e) {
      // The next read of this user cannot know where its write ended: `lastWrite` then says unknown → primary.
      this.log.warn(`could not record a write position in Redis: ${e instanceof Error ? e.message : e}`);
      this.local.set(userId, { lsn, until: Date.now() + this.ttlSeconds * 1000 });
    }
  }

  /** The user's last write position; null: none recent; 'unknown': cannot tell (Redis away). */
  async lastWrite(userId: string): Promise<string | null | 'unknown'> {
    const mine = this.local.get(userId);
    const localLsn = mine && mine.until > Date.now() ? mine.lsn : null;
    if (!this.redis) return localLsn;
    try {
      const shared = await this.redis.get(this.prefix + userId);
      if (!shared) return localLsn;
      return localLsn && compareLsn(localLsn, shared) > 0 ? localLsn : shared;
    } catch {
      return 'unknown';
    }
  }

  async close(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** Sets KEYS[1] to ARGV[1] unless it holds a later position; TTL ARGV[2] seconds. pg_lsn text is 'X/Y' in hex. */
const KEEP_LATER_LSN = `
local function num(l) local hi, lo = string.match(l, '^(%x+)/(%x+)$'); return tonumber(hi, 16) * 4294967296 + tonumber(lo, 16) end
local had = redis.call('GET', KEYS[1])
if had and num(had) > num(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]); return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

/** Orders two pg_lsn texts ('16/B374D848'): negative, zero or positive. */
export function compareLsn(a: string, b: string): number {
  const value = (l: string) => {
    const [hi, lo] = l.split('/');
    return BigInt(`0x${hi}`) * 0x1_0000_0000n + BigInt(`0x${lo}`);
  };
  const d = value(a) - value(b);
  return d === 0n ? 0 : d > 0n ? 1 : -1;
}
