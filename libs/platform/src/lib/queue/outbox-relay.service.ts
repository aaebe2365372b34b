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
import { jobIdFor, queueOf } from './jobs';

interface OutboxRow {
  id: string;
  province_id: string;
  centre_id: string | null;
  topic: string;
  payload: Record<string, unknown>;
  dedupe_key: string;
  requested_by: string | null;
  trace_parent: string | null;
}

export interface DrainResult {
  relayed: number;
  failed: number;
  error?: string;
}

export interface ReconcileResult {
  /** Jobs not done yet whose presence in the queue backend was checked. */
  checked: number;
  /** Jobs the queue backend no longer had (and had not completed): added again under the same id. */
  requeued: number;
  /** Jobs the backend had completed whose completion record was missing: recorded now. */
  completed: number;
  /** The job ids re-enqueued (for the log and the tests). */
  requeuedJobIds: string[];
}

interface PendingJobRow extends OutboxRow {
  job_id: string;
  name: string;
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
 *
 * Durability (issue 13): a row is marked sent in the transaction that records its jobs in `outbox_job`, after
 * the backend acknowledged the add. An acknowledged add is still not durable (Redis' append-only file is
 * flushed every second; a failover can lose the last writes), so the same loop also reconciles: every
 * OUTBOX_RECONCILE_MS it checks the jobs that are neither done (`outbox_job.done_at`, set by the worker) nor
 * recent, and adds again, under the same deterministic id, any the backend no longer has. Handlers are
 * idempotent, so a job added twice is harmless; a job lost is not.
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
  private lastReconcileAt = 0;
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
    // LISTEN needs a session of its own: the primary directly, never through PgBouncer in transaction mode.
    const url = this.db.directUrl;
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
        `SELECT id::text, province_id, centre_id, topic, payload, dedupe_key, requested_by, trace_parent
           FROM outbox
          WHERE sent_at IS NULL AND topic = ANY($2)
          ORDER BY id
          LIMIT $1
          FOR NO KEY UPDATE SKIP LOCKED`,
        [this.config.outboxBatchSize, this.registry.relayableTopics()],
      );
      if (rows.length === 0) return { relayed: 0, failed: 0 };
      const ids = rows.map((r) => r.id);
      const jobs = rows.map((row) => ({ row, jobs: this.toJobs(row) }));
      try {
        await withTimeout(this.queues.addAll(jobs.flatMap((j) => j.jobs)), this.config.outboxAddTimeoutMs);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        await em.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [ids, message.slice(0, 500)]);
        return { relayed: 0, failed: rows.length, error: message };
      }
      await em.query(
        `UPDATE outbox SET sent_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      // The jobs the rows became, for the reconciler and the background-work page. A worker may already have
      // recorded a job's completion (it ran before this commit): that row stays as the worker wrote it.
      const records = jobs.flatMap(({ row, jobs: list }) => list.map((j) => ({ jobId: jobIdFor(j.name, j.businessKey), row, name: j.name })));
      if (records.length) {
        await em.query(
          `INSERT INTO outbox_job (job_id, outbox_id, province_id, centre_id, name)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::uuid[], $5::text[])
           ON CONFLICT (job_id) DO NOTHING`,
          [records.map((r) => r.jobId), records.map((r) => r.row.id), records.map((r) => r.row.province_id), records.map((r) => r.row.centre_id), records.map((r) => r.name)],
        );
      }
      return { relayed: rows.length, failed: 0 };
    });
  }

  /**
   * One reconciliation pass: the oldest-checked jobs that are not done and were queued more than
   * OUTBOX_RECONCILE_GRACE_MS ago are looked up in the queue backend. Missing (and not completed) → added
   * again with the same id and data; completed there but not recorded (the worker's record was cut off) →
   * recorded. Rows are claimed with SKIP LOCKED, so several relays share the work.
   */
  async reconcileOnce(): Promise<ReconcileResult> {
    return this.db.run(systemContext(null, 'outbox reconciler'), async (em) => {
      const rows: PendingJobRow[] = await em.query(
        `SELECT j.job_id, j.name, o.id::text, o.province_id, o.centre_id, o.topic, o.payload, o.dedupe_key, o.requested_by, o.trace_parent
           FROM outbox_job j JOIN outbox o ON o.id = j.outbox_id
          WHERE j.done_at IS NULL
            AND j.queued_at < clock_timestamp() - make_interval(secs => $2::double precision / 1000)
            AND coalesce(j.checked_at, j.queued_at) < clock_timestamp() - make_interval(secs => $2::double precision / 1000)
            AND o.topic = ANY($3)
          ORDER BY coalesce(j.checked_at, j.queued_at)
          LIMIT $1
          FOR NO KEY UPDATE OF j SKIP LOCKED`,
        [this.config.outboxBatchSize, this.config.reconcileGraceMs, this.registry.relayableTopics()],
      );
      const result: ReconcileResult = { checked: rows.length, requeued: 0, completed: 0, requeuedJobIds: [] };
      if (rows.length === 0) return result;
      const missing: JobToAdd[] = [];
      const completed: string[] = [];
      for (const row of rows) {
        const job = await withTimeout(this.queues.queue(queueOf(row.name)).getJob(row.job_id), this.config.outboxAddTimeoutMs);
        if (job) {
          if ((await job.getState()) === 'completed') completed.push(row.job_id);
          continue;
        }
        const again = this.toJobs(row).find((j) => j.name === row.name);
        if (again) {
          missing.push(again);
          result.requeuedJobIds.push(row.job_id);
        }
      }
      if (missing.length) await withTimeout(this.queues.addAll(missing), this.config.outboxAddTimeoutMs);
      await em.query(
        `UPDATE outbox_job SET checked_at = clock_timestamp(),
                requeued = requeued + CASE WHEN job_id = ANY($2::text[]) THEN 1 ELSE 0 END,
                done_at = CASE WHEN job_id = ANY($3::text[]) THEN clock_timestamp() ELSE done_at END
          WHERE job_id = ANY($1::text[])`,
        [rows.map((r) => r.job_id), result.requeuedJobIds, completed],
      );
      result.requeued = missing.length;
      result.completed = completed.length;
      if (missing.length) {
        this.logger.warn(`reconciler: ${missing.length} job(s) marked sent were missing from the queue backend and were enqueued again (${result.requeuedJobIds.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})`);
      }
      return result;
    });
  }

  private toJobs(row: OutboxRow): JobToAdd[] {
    const data = { ...row.payload, provinceId: row.province_id, centreId: row.centre_id, requestedBy: row.requested_by, outboxId: row.id, ...(row.trace_parent ? { traceparent: row.trace_parent } : {}) };
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
    if (Date.now() - this.lastReconcileAt > this.config.reconcileEveryMs) {
      this.lastReconcileAt = Date.now();
      try {
        // Drain the reconciler's backlog in full batches, like the relay's own.
        while ((await this.reconcileOnce()).checked >= this.config.outboxBatchSize && this.running) { /* next batch */ }
      } catch (e) {
        this.logger.warn(`outbox reconciler pass failed (retried in ${this.config.reconcileEveryMs} ms): ${e instanceof Error ? e.message : e}`);
      }
    }
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
