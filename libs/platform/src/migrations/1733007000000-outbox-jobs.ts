import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRls, grantToApp } from '../lib/database/migration-helpers';

/**
 * `outbox_job`: one row per BullMQ job an outbox row became (a job, or one job per subscriber of an event),
 * written by the relay in the transaction that marks the outbox row sent (issue 13, durable background work).
 *
 * - `done_at` is the completion record, set by the worker when the handler succeeded. A row marked sent whose
 *   job is neither done nor in the queue backend any more (Redis lost it: killed before its append-only file
 *   was flushed, a failover to a replica that had not received it) is re-enqueued by the relay's reconciler.
 * - It is also the province index of background work: the "Công việc nền" page lists a province's jobs from here
 *   (row-level security by province), and reads each job's live state from the queue by its id.
 *
 * Deleted with its outbox row (a week after sending).
 */
export class OutboxJobs1733007000000 implements MigrationInterface {
  name = 'OutboxJobs1733007000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE outbox_job (
        job_id text PRIMARY KEY,
        outbox_id bigint NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
        province_id uuid NOT NULL,
        centre_id uuid,
        name text NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        done_at timestamptz,
        checked_at timestamptz,
        requeued integer NOT NULL DEFAULT 0,
        CHECK (length(job_id) BETWEEN 1 AND 600)
      )`);
    await qr.query(`CREATE INDEX outbox_job_outbox ON outbox_job (outbox_id)`);
    // The reconciler's query: jobs not done yet, least recently checked first.
    await qr.query(`CREATE INDEX outbox_job_pending ON outbox_job (coalesce(checked_at, queued_at)) WHERE done_at IS NULL`);
    // The background-work page: a province's jobs, newest first.
    await qr.query(`CREATE INDEX outbox_job_province ON outbox_job (province_id, queued_at DESC)`);
    await grantToApp(qr, ['outbox_job'], 'SELECT, INSERT, UPDATE, DELETE');
    await enableRls(qr, 'outbox_job');
    // The relay, the worker and the reconciler (system) write; a Sở (province scope) reads its own province's.
    await qr.query(`CREATE POLICY outbox_job_read ON outbox_job FOR SELECT
      USING (app_scope() = 'system' OR (app_scope() = 'province' AND province_id = app_province_id()))`);
    await qr.query(`CREATE POLICY outbox_job_system_write ON outbox_job FOR INSERT WITH CHECK (app_scope() = 'system')`);
    await qr.query(`CREATE POLICY outbox_job_system_update ON outbox_job FOR UPDATE USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system')`);
    await qr.query(`CREATE POLICY outbox_job_system_delete ON outbox_job FOR DELETE USING (app_scope() = 'system')`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE outbox_job`);
  }
}
