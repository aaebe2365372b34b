import { randomBytes } from 'node:crypto';
import { bootApi, TestApi } from '../harness';

// ADR 0022: a replica that cannot be reached costs the dashboards nothing but its load: the same read is answered by
// the primary, counted as such, and the replica shows as down in /metrics.
describe('the replica unreachable: reads fall back to the primary (e2e)', () => {
  let api: TestApi;
  const TOKEN = randomBytes(24).toString('hex');
  const metrics = async () => (await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const value = (body: string, line: string) => Number(body.split('\n').find((l) => l.startsWith(line))?.split(' ').pop() ?? NaN);

  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    api = await bootApi({ DATABASE_REPLICA_URL: 'postgres://127.0.0.1:1/gdtx', METRICS_TOKEN: TOKEN, RUN_WORKERS_IN_PROCESS: 'false' });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('answers the overview and the favourites from the primary, and says so', async () => {
    const token = await api.login('so.lanhdao');
    const r = await api.gql<{ provinceOverview: { centreCount: number } }>(`{ provinceOverview(periodCode: "2021-2022") { centreCount } myVisualizations { id } }`, {}, token);
    expect(r.errors).toBeUndefined();
    expect(r.data!.provinceOverview.centreCount).toBeGreaterThan(0);
    const body = await metrics();
    expect(value(body, 'gdtx_db_reads_total{route="primary_replica_unavailable"}')).toBeGreaterThanOrEqual(2);
    expect(body).not.toMatch(/gdtx_db_reads_total\{route="replica"\}/);
    expect(value(body, 'gdtx_replica_up ')).toBe(0);
  });
});
