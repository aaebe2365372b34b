// Issue 15 item 3: boundaries are data. The demo's schematic squares say they are illustrations; a Sở imports
// official GeoJSON (validated, simplified, all or nothing); another province never reads or writes them.
import { Client } from 'pg';
import { connectAsAppRole } from '@gdtx/platform/testing';
import { bootApi, TestApi } from './harness';

const Q = `{ unitBoundaries { geojson schematic noteVi units missing } }`;

function circle(lon: number, lat: number, n = 1500): [number, number][] {
  const ring = Array.from({ length: n }, (_, i) => [lon + 0.03 * Math.cos((2 * Math.PI * i) / n), lat + 0.03 * Math.sin((2 * Math.PI * i) / n)] as [number, number]);
  return [...ring, ring[0]];
}

describe('unit boundaries for maps (e2e)', () => {
  let api: TestApi;
  let owner: Client;

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** POST /api/boundaries with the GeoJSON as a file: the JSON body (result or error envelope) and the status. */
  async function upload(geojson: unknown, token: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const form = new FormData();
    form.append('file', new Blob([typeof geojson === 'string' ? geojson : JSON.stringify(geojson)], { type: 'application/geo+json' }), 'ranh-gioi.geojson');
    const res = await fetch(`${api.url}/api/boundaries`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: await res.json() };
  }
  const code = (r: { body: { errors?: { extensions?: { code?: string } }[] } }) => r.body.errors?.[0]?.extensions?.code;

  type Boundaries = { unitBoundaries: { geojson: string; schematic: boolean; noteVi: string | null; units: number; missing: number } };
  const features = (b: Boundaries) => (JSON.parse(b.unitBoundaries.geojson) as { features: { properties: { unitId: string; name: string; source: string } }[] }).features;

  it("the demo's boundaries are schematic and say so; each province reads its own", async () => {
    const so = await api.login('so.chuyenvien');
    const r = (await api.gql<Boundaries>(Q, {}, so)).data!;
    expect(r.unitBoundaries).toMatchObject({ schematic: true, noteVi: 'Ranh giới minh họa cho dữ liệu mẫu, không phải ranh giới hành chính chính thức', missing: 0 });
    const mine = features(r);
    expect(mine.length).toBe(r.unitBoundaries.units);
    expect(mine.every((f) => f.properties.source === 'SCHEMATIC')).toBe(true);
    const bn = features((await api.gql<Boundaries>(Q, {}, await api.login('bn.quantri'))).data!);
    expect(bn.length).toBeGreaterThan(0);
    expect(bn.some((f) => mine.some((m) => m.properties.unitId === f.properties.unitId))).toBe(false);
  });

  it('the Sở imports official GeoJSON: matched by name, simplified, replacing the schematic square; a bad file writes nothing', async () => {
    const admin = await api.login('so.quantri');
    const good = { type: 'Feature', properties: { name: 'Xã Xuân Hòa' }, geometry: { type: 'Polygon', coordinates: [circle(105.45, 19.95)] } };
    const open = { type: 'Feature', properties: { name: 'Xã Xuân Lập' }, geometry: { type: 'Polygon', coordinates: [circle(105.5, 19.9).slice(0, -1)] } };
    const before = (await owner.query(`SELECT b.geometry FROM unit_boundary b JOIN administrative_unit u ON u.id = b.unit_id WHERE u.name = 'Xã Xuân Hòa' AND u.valid_to IS NULL`)).rows[0].geometry;
    const refused = await upload({ type: 'FeatureCollection', features: [good, open] }, admin);
    expect([refused.status, code(refused)]).toEqual([422, 'VALIDATION_FAILED']);
    expect(JSON.stringify(refused.body.errors[0].extensions)).toContain('Xã Xuân Lập: ranh giới không hợp lệ');
    expect((await owner.query(`SELECT b.geometry FROM unit_boundary b JOIN administrative_unit u ON u.id = b.unit_id WHERE u.name = 'Xã Xuân Hòa' AND u.valid_to IS NULL`)).rows[0].geometry).toEqual(before);

    const done = await upload({ type: 'FeatureCollection', features: [good, { ...good, properties: { name: 'Xã Không Có Thật' } }] }, admin);
    expect(done.status).toBe(200);
    const result = done.body;
    expect(result).toMatchObject({ imported: 1, positionsBefore: 1501, unmatched: ['Xã Không Có Thật'] });
    expect(result.positionsAfter).toBeLessThan(200);
    const after = features((await api.gql<Boundaries>(Q, {}, admin)).data!).find((f) => f.properties.name === 'Xã Xuân Hòa')!;
    expect(after.properties.source).toBe('IMPORTED');

    // Not JSON, not a FeatureCollection, a director, and Bắc Ninh (whose units these are not): refused, nothing written.
    expect(code(await upload('{not json', admin))).toBe('BAD_USER_INPUT');
    expect(code(await upload({ type: 'Feature' }, admin))).toBe('BAD_USER_INPUT');
    expect(code(await upload({ type: 'FeatureCollection', features: [good] }, await api.login('gd.hoasen')))).toBe('FORBIDDEN');
    const bn = await upload({ type: 'FeatureCollection', features: [good] }, await api.login('bn.quantri'));
    expect(code(bn)).toBe('BAD_USER_INPUT');
    expect(bn.body.errors[0].message).toContain('Không đối tượng nào khớp');

    // Below the service: Bắc Ninh's scope reads none of Thanh Hóa's boundaries and changes none.
    const [{ th, bnId, unit }] = (await owner.query(
      `SELECT (SELECT province_id FROM app_user WHERE username = 'so.quantri') AS th, (SELECT province_id FROM app_user WHERE username = 'bn.quantri') AS "bnId",
              (SELECT u.id FROM administrative_unit u WHERE u.name = 'Xã Xuân Hòa' AND u.valid_to IS NULL) AS unit`,
    )).rows;
    const c = await connectAsAppRole(api.db.ownerUrl);
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [bnId]);
      expect((await c.query(`SELECT unit_id FROM unit_boundary WHERE province_id = $1`, [th])).rows).toEqual([]);
      expect((await c.query(`UPDATE unit_boundary SET source = 'SCHEMATIC' WHERE unit_id = $1`, [unit])).rowCount).toBe(0);
      expect((await c.query(`DELETE FROM unit_boundary WHERE province_id = $1`, [th])).rowCount).toBe(0);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      await c.end();
    }
  });
});
