import { Client } from 'pg';
import { resolveRelativePeriods } from '@gdtx/domain';
import { connectAsAppRole } from '@gdtx/platform/testing';
import { bootApi, errorCode, GqlResult, TestApi } from './harness';

// Issue 15 item 2, the data visualizer: favourites are a user's own (RLS seesOwnUserRow + writesOwnProvince), and
// the pivot's figures are indicatorValues over the resolved relative periods (one truth, no second aggregate).
describe('data visualizer (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let app: Client;
  let th: string;
  let bn: string;
  const users: Record<string, string> = {};

  const FIELDS = `id name createdAt updatedAt definition { indicatorCodes dimension relativePeriod centreType layout }`;
  const MINE = `{ myVisualizations { ${FIELDS} } }`;
  const SAVE = `mutation($input: SaveVisualizationInput!) { saveVisualization(input: $input) { ${FIELDS} } }`;
  const DELETE = `mutation($id: ID!) { deleteVisualization(id: $id) }`;
  const IV = `query($q: IndicatorQuery!) { indicatorValues(query: $q) { code value numerator denominator unitId periodCode centreCount coverage { reporting expected } } }`;

  type Favourite = { id: string; name: string; definition: { indicatorCodes: string[]; dimension: string; relativePeriod: string; centreType: string | null; layout: string } };
  const definition = { indicatorCodes: ['PASS_RATE', 'EXAM_CANDIDATES'], dimension: 'UNIT_LEVEL', relativePeriod: 'LAST_5_SCHOOL_YEARS', centreType: null, layout: 'LINE' };

  async function ok<T>(r: Promise<GqlResult<T>>): Promise<T> {
    const res = await r;
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }
  const as = async (user: string) => api.login(user);
  const mine = async (user: string) => (await ok(api.gql<{ myVisualizations: Favourite[] }>(MINE, {}, await as(user)))).myVisualizations;
  const save = async (user: string, input: Record<string, unknown>) => api.gql<{ saveVisualization: Favourite }>(SAVE, { input }, await as(user));

  /** A transaction as the application role with a user's session (RLS applies, as for the API). */
  async function asAppRole<T>(provinceId: string, userId: string, fn: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true), set_config('app.user_id', $2, true)`, [provinceId, userId]);
      return await fn();
    } finally {
      await app.query('ROLLBACK');
    }
  }

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    app = await connectAsAppRole(api.db.ownerUrl);
    const { rows } = await owner.query(`SELECT code, id FROM administrative_unit WHERE level = 'PROVINCE' AND code IN ('TH', 'BN')`);
    th = rows.find((r) => r.code === 'TH').id;
    bn = rows.find((r) => r.code === 'BN').id;
    for (const u of (await owner.query(`SELECT id, username FROM app_user WHERE username IN ('so.chuyenvien', 'so.lanhdao', 'bn.quantri')`)).rows) users[u.username] = u.id;
  });
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await api?.close();
  });

  it('saves, lists, renames and deletes a favourite of one\'s own', async () => {
    const created = (await ok(save('so.chuyenvien', { name: '  Tỷ lệ đỗ theo xã, 5 năm học  ', definition }))).saveVisualization;
    expect(created).toMatchObject({ name: 'Tỷ lệ đỗ theo xã, 5 năm học', definition });
    expect((await mine('so.chuyenvien')).map((f) => f.id)).toContain(created.id);

    const renamed = (await ok(save('so.chuyenvien', { id: created.id, name: 'Tỷ lệ đỗ (bảng)', definition: { ...definition, layout: 'PIVOT', centreType: 'GDNN_GDTX' } }))).saveVisualization;
    expect(renamed).toMatchObject({ id: created.id, name: 'Tỷ lệ đỗ (bảng)', definition: { layout: 'PIVOT', centreType: 'GDNN_GDTX' } });
    const [stored] = (await owner.query(`SELECT province_id, user_id, definition FROM visualization_favourite WHERE id = $1`, [created.id])).rows;
    expect(stored).toMatchObject({ province_id: th, user_id: users['so.chuyenvien'], definition: { layout: 'PIVOT', indicatorCodes: ['PASS_RATE', 'EXAM_CANDIDATES'] } });

    expect((await ok(api.gql<{ deleteVisualization: string }>(DELETE, { id: created.id }, await as('so.chuyenvien')))).deleteVisualization).toBe(created.id);
    expect((await mine('so.chuyenvien')).map((f) => f.id)).not.toContain(created.id);
  });

  it('refuses an unknown indicator or an empty name with VALIDATION_FAILED and a Vietnamese message', async () => {
    const unknown = await save('so.chuyenvien', { name: 'X', definition: { ...definition, indicatorCodes: ['NO_SUCH_INDICATOR'] } });
    expect(errorCode(unknown)).toBe('VALIDATION_FAILED');
    expect(unknown.errors![0].message).toContain('Không có chỉ số: NO_SUCH_INDICATOR');
    const blank = await save('so.chuyenvien', { name: '   ', definition });
    expect(errorCode(blank)).toBe('VALIDATION_FAILED');
    expect(blank.errors![0].message).toBe('Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu');
  });

  it('stores a map by commune, and refuses a map by another dimension with VALIDATION_FAILED (nothing stored)', async () => {
    const map = (await ok(save('so.chuyenvien', { name: 'Bản đồ tỷ lệ đỗ', definition: { ...definition, dimension: 'UNIT_LEVEL', layout: 'MAP' } }))).saveVisualization;
    expect(map.definition).toMatchObject({ dimension: 'UNIT_LEVEL', layout: 'MAP' });
    const before = (await mine('so.chuyenvien')).length;
    const wrong = await save('so.chuyenvien', { name: 'Bản đồ theo loại', definition: { ...definition, dimension: 'CENTRE_TYPE', layout: 'MAP' } });
    expect(errorCode(wrong)).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(wrong.errors)).toContain('Bản đồ chỉ hiển thị số liệu theo đơn vị hành chính');
    expect((await mine('so.chuyenvien')).length).toBe(before);
    await ok(api.gql(DELETE, { id: map.id }, await as('so.chuyenvien')));
  });

  it('another user of the province, or another province, neither reads nor changes it (GraphQL)', async () => {
    const created = (await ok(save('so.chuyenvien', { name: 'Của chuyên viên', definition }))).saveVisualization;
    for (const other of ['so.lanhdao', 'bn.quantri']) {
      expect((await mine(other)).map((f) => f.id)).not.toContain(created.id);
      const overwrite = await save(other, { id: created.id, name: 'Chiếm', definition });
      expect(errorCode(overwrite)).toBe('NOT_FOUND');
      expect(overwrite.errors![0].message).toContain('Không tìm thấy biểu đồ yêu thích');
      expect(errorCode(await api.gql(DELETE, { id: created.id }, await as(other)))).toBe('NOT_FOUND');
    }
    const [row] = (await owner.query(`SELECT name FROM visualization_favourite WHERE id = $1`, [created.id])).rows;
    expect(row.name).toBe('Của chuyên viên');
  });

  it('the same holds in SQL as the application role: RLS hides, refuses and protects the row', async () => {
    const created = (await ok(save('so.chuyenvien', { name: 'Cho SQL', definition }))).saveVisualization;
    // The owner sees it through RLS (the check is not vacuous).
    expect((await asAppRole(th, users['so.chuyenvien'], () => app.query(`SELECT id FROM visualization_favourite WHERE id = $1`, [created.id]))).rowCount).toBe(1);
    for (const [province, user] of [[th, users['so.lanhdao']], [bn, users['bn.quantri']]]) {
      await asAppRole(province, user, async () => {
        expect((await app.query(`SELECT id FROM visualization_favourite WHERE id = $1`, [created.id])).rowCount).toBe(0);
        expect((await app.query(`UPDATE visualization_favourite SET name = 'Chiếm' WHERE id = $1`, [created.id])).rowCount).toBe(0);
        expect((await app.query(`DELETE FROM visualization_favourite WHERE id = $1`, [created.id])).rowCount).toBe(0);
      });
    }
    // Planting a row for someone else, or in another province, is refused.
    await asAppRole(th, users['so.lanhdao'], async () => {
      await expect(app.query(`INSERT INTO visualization_favourite (province_id, user_id, name, definition) VALUES ($1, $2, 'Cài', '{}')`, [th, users['so.chuyenvien']]))
        .rejects.toThrow(/row-level security/);
    });
    await asAppRole(bn, users['bn.quantri'], async () => {
      await expect(app.query(`INSERT INTO visualization_favourite (province_id, user_id, name, definition) VALUES ($1, $2, 'Cài', '{}')`, [th, users['bn.quantri']]))
        .rejects.toThrow(/row-level security/);
    });
    const [row] = (await owner.query(`SELECT name FROM visualization_favourite WHERE id = $1`, [created.id])).rows;
    expect(row.name).toBe('Cho SQL');
  });

  it('groups by ownership (indicatorValues OWNERSHIP): each group is its centres\' figures, reporting rates refuse it', async () => {
    const period = '2024-2025';
    // The demo's GDTX centres are all public: one becomes private (this database is the suite's own clone).
    const { rows: reporting } = await owner.query(
      `SELECT DISTINCT centre_id AS id FROM submission WHERE province_id = $1 AND template_code = 'GDTX_SCHOOL_YEAR' AND status = 'ACCEPTED' AND period_code = $2 ORDER BY 1`,
      [th, period],
    );
    expect(reporting.length).toBeGreaterThan(1);
    await owner.query(`UPDATE centre SET ownership = 'PRIVATE' WHERE id = $1`, [reporting[0].id]);
    const ownership = new Map<string, string>((await owner.query(`SELECT id, ownership FROM centre WHERE province_id = $1`, [th])).rows.map((r) => [r.id, r.ownership]));

    const token = await as('so.chuyenvien');
    type V = { code: string; value: number | null; numerator: number; denominator: number | null; centreId: string | null; ownership: string | null; centreCount: number };
    const values = async (q: Record<string, unknown>) => {
      const r = await api.gql<{ indicatorValues: V[] }>(
        `query($q: IndicatorQuery!) { indicatorValues(query: $q) { code value numerator denominator centreId ownership centreCount } }`, { q }, token,
      );
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.indicatorValues;
    };
    const codes = ['PASS_RATE', 'EXAM_CANDIDATES'];
    const byCentre = await values({ codes, periodCode: period, groupBy: ['CENTRE'] });
    const byOwnership = await values({ codes, periodCode: period, groupBy: ['OWNERSHIP'] });
    for (const code of codes) {
      for (const kind of ['PUBLIC', 'PRIVATE']) {
        const mine = byCentre.filter((v) => v.code === code && v.centreCount > 0 && ownership.get(v.centreId!) === kind);
        const group = byOwnership.find((v) => v.code === code && v.ownership === kind)!;
        expect(mine.length).toBeGreaterThan(0);
        expect(group.centreCount).toBe(mine.length);
        expect(group.numerator).toBeCloseTo(mine.reduce((n, v) => n + v.numerator, 0), 6);
        if (code === 'PASS_RATE') {
          const den = mine.reduce((n, v) => n + v.denominator!, 0);
          expect(group.denominator).toBeCloseTo(den, 6);
          expect(group.value).toBeCloseTo((group.numerator / den) * 100, 3);
        }
      }
    }
    const rates = await api.gql(`query { reportingRates(templateCode: "GDTX_SCHOOL_YEAR", periodFrom: "${period}", groupBy: [OWNERSHIP]) { expected } }`, {}, token);
    expect(errorCode(rates)).toBe('BAD_USER_INPUT');
    expect(rates.errors![0].message).toBe('Tỷ lệ nộp báo cáo chưa nhóm được theo loại hình sở hữu');
  });

  it('the pivot (a range of periods by commune) equals indicatorValues asked one period at a time', async () => {
    const periods = resolveRelativePeriods('LAST_5_SCHOOL_YEARS', '2026-12-03').map((p) => p.code);
    const token = await as('so.chuyenvien');
    const values = async (q: Record<string, unknown>) => (await ok(api.gql<{ indicatorValues: Record<string, unknown>[] }>(IV, { q }, token))).indicatorValues;
    const base = { codes: ['PASS_RATE', 'EXAM_CANDIDATES'], asOf: '2026-12-03' };
    const pivot = await values({ ...base, periodFrom: periods[0], periodTo: periods[periods.length - 1], groupBy: ['PERIOD', 'UNIT_LEVEL'] });
    const key = (v: Record<string, unknown>) => `${v['code']}|${v['periodCode']}|${v['unitId']}`;
    const one: Record<string, unknown>[] = [];
    for (const periodCode of periods) {
      for (const v of await values({ ...base, periodCode, groupBy: ['UNIT_LEVEL'] })) one.push({ ...v, periodCode });
    }
    const withData = (list: Record<string, unknown>[]) => list.filter((v) => (v['centreCount'] as number) > 0).sort((a, b) => key(a).localeCompare(key(b)));
    expect(withData(pivot).length).toBeGreaterThan(4);
    expect(withData(pivot)).toEqual(withData(one));
    // Column totals (groupBy PERIOD alone) are the province's values of each period, not a sum of the cells.
    const totals = await values({ ...base, periodFrom: periods[0], periodTo: periods[periods.length - 1], groupBy: ['PERIOD'] });
    for (const periodCode of periods) {
      const single = (await values({ ...base, periodCode })).find((v) => v['code'] === 'PASS_RATE')!;
      const total = totals.find((t) => t['code'] === 'PASS_RATE' && t['periodCode'] === periodCode);
      expect(total?.['value'] ?? null).toEqual(single['value']);
    }
  });
});
