// The outbox reconciler (issue 13): a row counts as sent only while its job is in the queue backend or done.
// Real PostgreSQL (cloned template) and real Redis; the loss is a job removed from Redis behind BullMQ's back,
// which is what a Redis restart before its append-only file was flushed leaves (the fault suite does it for real).
import { randomUUID } from 'node:crypto';
import { enqueueOutbox } from './outbox';
import { jobIdFor, SystemJobs } from './jobs';
import { Booted, bootJobs, createTestDatabase, ownerQuery, queueTestEnv, REAL_REDIS, seeded, Seeded, TestDatabase, waitFor, waitForState } from './queue-test-kit';

let db: TestDatabase;
let jobs: Booted;
let seed: Seeded;

beforeAll(async () => {
  db = await createTestDatabase();
  queueTestEnv(db, REAL_REDIS, { OUTBOX_RECONCILE_GRACE_MS: '0' });
  seed = await seeded(db);
});

afterAll(async () => {
  await jobs?.close();
  await db?.drop();
});

async function enqueuePing(): Promise<{ pingId: string; jobId: string }> {
  const pingId = randomUUID();
  const dedupeKey = `system.ping:${pingId}`;
  await jobs.db.run(seed.ctx, (em) => enqueueOutbox(em, seed.ctx, { topic: SystemJobs.ping, payload: { pingId }, dedupeKey }));
  return { pingId, jobId: jobIdFor(SystemJobs.ping, dedupeKey) };
}

describe('outbox reconciler', () => {
  it('records every relayed job, re-enqueues one the backend lost, and leaves done and present jobs alone', async () => {
    // Relay by hand, no workers: the jobs stay waiting in Redis.
    jobs = await bootJobs({ runWorkers: false });
    const lost = await enqueuePing();
    const kept = await enqueuePing();
    expect(await jobs.relay.drainOnce()).toMatchObject({ relayed: 2, failed: 0 });
    const recorded = await ownerQuery<{ job_id: string; province_id: string; done_at: Date | null }>(
      db, `SELECT job_id, province_id, done_at FROM outbox_job WHERE job_id = ANY($1) ORDER BY job_id`, [[lost.jobId, kept.jobId]],
    );
    expect(recorded.map((r) => r.job_id).sort()).toEqual([lost.jobId, kept.jobId].sort());
    expect(recorded.every((r) => r.province_id === seed.provinceId && r.done_at === null)).toBe(true);
    expect((await ownerQuery(db, `SELECT sent_at FROM outbox WHERE payload->>'pingId' = $1`, [lost.pingId]))[0]['sent_at']).not.toBeNull();

    // The backend forgets one job (as a Redis restart without the last second of its AOF does).
    await (await jobs.queues.findJob(lost.jobId))!.remove();
    expect(await jobs.queues.findJob(lost.jobId)).toBeUndefined();

    const pass = await jobs.relay.reconcileOnce();
    expect(pass.requeuedJobIds).toEqual([lost.jobId]);
    const again = await jobs.queues.findJob(lost.jobId);
    expect(again?.data).toMatchObject({ pingId: lost.pingId, provinceId: seed.provinceId, requestedBy: seed.userId });
    const [row] = await ownerQuery<{ requeued: number; checked_at: Date | null }>(db, `SELECT requeued, checked_at FROM outbox_job WHERE job_id = $1`, [lost.jobId]);
    expect(row.requeued).toBe(1);
    expect(row.checked_at).not.toBeNull();
    await jobs.close();

    // Workers run both; each completion is recorded, and the reconciler then has nothing to do.
    jobs = await bootJobs({ runWorkers: true });
    await jobs.relay.stop();
    await waitForState(jobs.queues, lost.jobId, ['completed']);
    await waitForState(jobs.queues, kept.jobId, ['completed']);
    await waitFor(async () => {
      const rows = await ownerQuery(db, `SELECT 1 FROM outbox_job WHERE job_id = ANY($1) AND done_at IS NOT NULL`, [[lost.jobId, kept.jobId]]);
      return rows.length === 2;
    });
    expect(await ownerQuery(db, `SELECT ping_id FROM job_ping WHERE ping_id = ANY($1::uuid[])`, [[lost.pingId, kept.pingId]])).toHaveLength(2);

    // Done jobs expiring from the backend (removeOnComplete) are not run again: the completion record says so.
    await (await jobs.queues.findJob(kept.jobId))!.remove();
    await ownerQuery(db, `UPDATE outbox_job SET checked_at = NULL`);
    const after = await jobs.relay.reconcileOnce();
    expect(after.requeuedJobIds).not.toContain(kept.jobId);
    expect(await jobs.queues.findJob(kept.jobId)).toBeUndefined();
  });

  it('records a completion the worker could not write when the backend shows the job completed', async () => {
    await jobs.close();
    jobs = await bootJobs({ runWorkers: true });
    await jobs.relay.stop();
    const ping = await enqueuePing();
    await jobs.relay.drainOnce();
    await waitForState(jobs.queues, ping.jobId, ['completed']);
    await waitFor(async () => (await ownerQuery(db, `SELECT 1 FROM outbox_job WHERE job_id = $1 AND done_at IS NOT NULL`, [ping.jobId])).length === 1);
    // Lose the record (the worker died between the handler and its insert), keep the job in Redis.
    await ownerQuery(db, `UPDATE outbox_job SET done_at = NULL, checked_at = NULL WHERE job_id = $1`, [ping.jobId]);
    const pass = await jobs.relay.reconcileOnce();
    expect(pass.completed).toBeGreaterThanOrEqual(1);
    expect(pass.requeuedJobIds).not.toContain(ping.jobId);
    expect(await ownerQuery(db, `SELECT 1 FROM outbox_job WHERE job_id = $1 AND done_at IS NOT NULL`, [ping.jobId])).toHaveLength(1);
  });
});
