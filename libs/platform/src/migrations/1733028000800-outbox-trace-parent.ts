import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Traces across processes (issue 14 item 3): an outbox row keeps the W3C traceparent of the request (or job) that
 * wrote it; the relay copies it into the job, whose span continues the trace. Null with tracing off.
 */
export class OutboxTraceParent1733028000800 implements MigrationInterface {
  name = 'OutboxTraceParent1733028000800';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE outbox ADD COLUMN trace_parent text CHECK (trace_parent IS NULL OR trace_parent ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]$')`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE outbox DROP COLUMN trace_parent`);
  }
}
