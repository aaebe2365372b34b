import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { TenantDb } from '../database/tenant-db.service';
import { systemContext } from '../database/tenant-context';
import { affectedRows } from '../database/modify';
import { QUEUE_CONFIG } from './queue.tokens';
import type { QueueConfig } from './queue-config';
import { JobQueues, JobToAdd } from './job-queues.service';
import { JobRegistry } from './job-registry.service';
import { OUTBOX_CHANNEL } from './outbox';

interface OutboxRow {
  id: string;
  province_id: string;
  centre_id: string | null;
  topic: string;
  payload: Record<string, unknown>;
  dedupe_key: string;
  requested_by: string | null;
}

export interface DrainResult {
  relayed: number;
  failed: number;
  error?: string;
}

/**
 * Moves committed outbox rows into BullMQ. Each batch is claimed with FOR UPDATE SKIP LOCKED, so several
 * relays (API replicas, workers) never take the same row; the job id derives from the row's dedupe key,
 * so even a row relayed twice (a crash between the add and the commit) is one job.
 *
 * The loop wakes on NOTIFY from enqueueOutbox (sent at commit) and otherwise polls every OUTBOX_POLL_MS,
 * which also covers notifications missed while its LISTEN connection was down.
 *
 * When the queue backend is unreachable the rows stay unsent (with attempts and last_error) and the loop
 * backs off exponentially up to OUTBOX_MAX_BACKOFF_MS; it logs the outage once and the recovery once.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private inFlight: Promise<unknown> | null = null;
  private consecutiveFailures = 0;
  private outageSince: number | null = null;
  private lastCleanupAt = 0;
  private listener: Client | null = null;
  private lastListenAttemptAt = 0;
  private wakeRequested = false;

  constructor(
    private readonly db: TenantDb,
    private readonly queues: JobQueues,
    private readonly registry: JobRegistry,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => undefined);
    await this.dropListener();
  }

  /** A row committed: run the next pass now, unless the loop is backing off from a queue outage. */
  private wake(): void {
    if (!this.running || this.consecutiveFailures > 0) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.schedule(0);
    } else {
      this.wakeRequested = true;
    }
  }

  private async ensureListener(): Promise<void> {
    if (this.listener || !this.running || Date.now() - this.lastListenAttemptAt < 5000) return;
    this.lastListenAttemptAt = Date.now();
    const url = (this.db.raw.options as { url?: string }).url;
    if (!url) return;
    const client = new Client({ connectionString: url, application_name: 'gdtx-outbox-listen' });
    client.on('notification', () => this.wake());
    client.on('error', () => void this.dropListener());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (!this.running) return void (await client.end().catch(() => undefined));
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined); // polling continues; retried in 5 s
    }
  }

  private async dropListener(): Promise<void> {
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
  }

  /**
   * One pass: claims up to a batch of unsent rows, adds their jobs to BullMQ (one per subscriber for an event),
   * marks them sent. Only topics this application can run are claimed; others wait for a process that can.
   */
  async drainOnce(): Promise<DrainResult> {
    return this.db.run(systemContext(null, 'outbox relay'), async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id::text, province_id, centre_id, topic, payload, dedupe_key, requested_by
           FROM outbox
          WHERE sent_at IS NULL AND topic = ANY($2)
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.config.outboxBatchSize, this.registry.relayableTopics()],
      );
      if (rows.length === 0) return { relayed: 0, failed: 0 };
      const ids = rows.map((r) => r.id);
      try {
        await withTimeout(this.queues.addAll(rows.flatMap((row) => this.toJobs(row))), this.config.outboxAddTimeoutMs);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        await em.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [ids, message.slice(0, 500)]);
        return { relayed: 0, failed: rows.length, error: message };
      }
      await em.query(
        `UPDATE outbox SET sent_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      return { relayed: rows.length, failed: 0 };
    });
  }

  private toJobs(row: OutboxRow): JobToAdd[] {
    const data = { ...row.payload, provinceId: row.province_id, centreId: row.centre_id, requestedBy: row.requested_by, outboxId: row.id };
    return this.registry.jobsFor(row.topic, data, row.dedupe_key);
  }

  /** Sent rows are kept a week for diagnosis, then deleted (their jobs are long done). */
  async deleteOldSentRows(): Promise<number> {
    return this.db.run(systemContext(null, 'outbox cleanup'), async (em) => {
      return affectedRows(em, `DELETE FROM outbox WHERE sent_at < now() - interval '7 days'`);
    });
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeRequested = false;
      const pass = this.ensureListener().then(() => this.pass());
      this.inFlight = pass;
      void pass.then((nextDelay) => this.schedule(this.wakeRequested && this.consecutiveFailures === 0 ? 0 : nextDelay));
    }, delayMs);
  }

  /** Runs one pass and returns the delay before the next: none while there is backlog, backoff on failure. */
  private async pass(): Promise<number> {
    let result: DrainResult;
    try {
      result = await this.drainOnce();
    } catch (e) {
      result = { relayed: 0, failed: 1, error: e instanceof Error ? e.message : String(e) };
    }
    if (result.error) return this.onFailure(result.error);
    if (this.outageSince !== null) {
      this.logger.log(`outbox relay recovered after ${Math.round((Date.now() - this.outageSince) / 1000)} s (${this.consecutiveFailures} failed passes)`);
      this.outageSince = null;
    }
    this.consecutiveFailures = 0;
    if (Date.now() - this.lastCleanupAt > 3600_000) {
      this.lastCleanupAt = Date.now();
      await this.deleteOldSentRows().catch((e) => this.logger.warn(`outbox cleanup failed: ${e instanceof Error ? e.message : e}`));
    }
    return result.relayed >= this.config.outboxBatchSize ? 0 : this.config.outboxPollMs;
  }

  private onFailure(error: string): number {
    this.consecutiveFailures++;
    const delay = Math.min(250 * 2 ** Math.min(this.consecutiveFailures, 20), this.config.outboxMaxBackoffMs);
    if (this.outageSince === null) {
      this.outageSince = Date.now();
      this.logger.warn(`outbox relay pass failed (${error}); unsent rows are kept and retried with backoff`);
    } else if (this.consecutiveFailures % 20 === 0) {
      this.logger.warn(`outbox relay still failing after ${this.consecutiveFailures} passes: ${error}`);
    }
    return delay;
  }
}


function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
