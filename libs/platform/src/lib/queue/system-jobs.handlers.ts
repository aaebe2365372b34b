import type { Job } from 'bullmq';
import { TenantDb } from '../database/tenant-db.service';
import { systemContext } from '../database/tenant-context';
import { JobHandler, JobProcessor } from './job-handler';
import { JobData, SystemJobs } from './jobs';

/**
 * `system.ping`: the probe that proves the path GraphQL → outbox → relay → BullMQ → processor → database.
 * Idempotent by its natural key: the first run records the ping, a second run of the same job changes
 * nothing (ON CONFLICT DO NOTHING keeps the first processed_at).
 */
@JobHandler(SystemJobs.ping)
export class PingJobHandler implements JobProcessor<'system.ping'> {
  constructor(private readonly db: TenantDb) {}

  async handle(job: Job<JobData<'system.ping'>>): Promise<{ pingId: string; recorded: boolean }> {
    const { pingId, provinceId, requestedBy } = job.data;
    const rows: unknown[] = await this.db.run(systemContext(provinceId, 'system.ping'), (em) =>
      em.query(
        `INSERT INTO job_ping (ping_id, province_id, requested_by, requested_at, processed_at)
         VALUES ($1, $2, $3, $4, clock_timestamp())
         ON CONFLICT (ping_id) DO NOTHING
         RETURNING ping_id`,
        [pingId, provinceId, requestedBy, new Date(job.timestamp)],
      ),
    );
    const inserted = rows.length;
    await job.updateProgress(100);
    return { pingId, recorded: inserted > 0 };
  }
}
