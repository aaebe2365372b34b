// Issue 11, defect 11 (events with owners), over the booted API with real Redis and in-process workers:
// publishing a template leaves no failed job; a centre's status change reaches compliance through org's outbox
// event (in the change's own transaction), with no audit-trail poller.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { vietnamDateOf } from '@gdtx/domain';
import { JobQueues } from '@gdtx/platform';
import { bootApi, TestApi } from './harness';

const PUBLISH = `mutation($d: JSON!) { publishReportTemplate(definition: $d) { code version } }`;
const TEMPLATE = `query($c: String!) { reportTemplate(code: $c) { definition } }`;

describe('events with owners (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let queues: JobQueues;
  const today = vietnamDateOf(new Date());

  beforeAll(async () => {
    api = await bootApi({
      REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
      RUN_WORKERS_IN_PROCESS: 'true',
      QUEUE_PREFIX: `gdtx-e2e-events-${randomBytes(4).toString('hex')}`,
      OUTBOX_POLL_MS: '20',
      JOB_ATTEMPTS: '2',
      JOB_BACKOFF_MS: '50',
    });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    queues = api.app.get(JobQueues, { strict: false });
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Every committed outbox row relayed, and no job waiting or running (the schedulers' next runs stay delayed). */
  async function settled(): Promise<void> {
    await until('outbox relayed', async () => (await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n === 0);
    await until('queues idle', async () => {
      for (const q of queues.all()) if ((await q.getJobs(['waiting', 'active', 'prioritized', 'waiting-children'])).length) return false;
      return true;
    });
  }

  it('publishing a template leaves no failed job', async () => {
    const so = await api.login('so.chuyenvien');
    const current = await api.gql<{ reportTemplate: { definition: { nameVi: string; sections: { code: string; fields: unknown[] }[] } } }>(TEMPLATE, { c: 'LANGUAGE_IT_QUARTERLY' }, so);
    const definition = structuredClone(current.data!.reportTemplate.definition);
    definition.nameVi = 'Báo cáo hoạt động quý (mẫu Thanh Hóa, sự kiện)';
    definition.sections.find((s) => s.code === 'staff')!.fields.push({ code: 'teachers_native', labelVi: 'Giáo viên bản ngữ', labelEn: 'Native-speaker teachers', type: 'integer', unit: 'người' });
    const published = await api.gql<{ publishReportTemplate: { version: number } }>(PUBLISH, { d: definition }, so);
    expect(published.errors).toBeUndefined();

    await settled();
    const failed = (await Promise.all(queues.all().map((q) => q.getFailed()))).flat().map((j) => `${j.name}: ${j.failedReason}`);
    expect(failed).toEqual([]);
  });

  it('a status change reaches compliance through org\'s outbox event, with no audit poller', async () => {
    const { rows: [centre] } = await owner.query(`SELECT id, status FROM centre WHERE code = 'TH-NN-004'`);
    expect(centre.status).toBe('ACTIVE');
    const dormant = async () =>
      (await owner.query(`SELECT id FROM finding WHERE centre_id = $1 AND rule_code = 'DORMANT_CENTRE' AND status = 'OPEN'`, [centre.id])).rows[0];
    expect(await dormant()).toBeUndefined();

    const r = await api.gql(
      `mutation($c: ID!, $d: Date!) { changeCentreStatus(input: { centreId: $c, status: NOT_ENROLLING, effectiveFrom: $d, reason: "Không tuyển sinh" }) { status } }`,
      { c: centre.id, d: today }, await api.login('so.chuyenvien'),
    );
    expect(r.errors).toBeUndefined();

    // Org wrote the event with the change (same transaction: the row exists as soon as the mutation answered).
    const { rows: events } = await owner.query(`SELECT topic, payload FROM outbox WHERE centre_id = $1 AND topic = 'centre.status-changed'`, [centre.id]);
    expect(events).toEqual([{ topic: 'centre.status-changed', payload: { centreId: centre.id } }]);
    // Compliance's own job for the event opens the finding.
    await until('the dormant finding', dormant);
    await settled();
    const jobs = (await Promise.all(queues.all().map((q) => q.getJobs(['completed'])))).flat().map((j) => j.name);
    expect(jobs).toContain('centre.status-changed>compliance');

    // The audit-trail poller and the placeholder nightly job are gone.
    const schedulers = (await Promise.all(queues.all().map((q) => q.getJobSchedulers()))).flat().map((s) => s.name);
    expect(schedulers).not.toContain('compliance.evaluate-changed');
    expect(schedulers).not.toContain('nightly.rebuild');
    expect(schedulers).toEqual(expect.arrayContaining(['analytics.rebuild-facts', 'compliance.evaluate-all', 'notify.deadline-reminders', 'org.apply-due-province-mergers']));
  });
});
