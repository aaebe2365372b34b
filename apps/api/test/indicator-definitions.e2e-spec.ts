import { Client } from 'pg';
import { connectAsAppRole } from '@gdtx/platform/testing';
import { bootApi, errorCode, GqlResult, TestApi } from './harness';

// Issue 11, Build 4: indicators the Sở can add. Definitions are data (numerator and denominator expressions in
// the rule language over one report's value keys), versioned, checked against the published template versions,
// previewed on real data before saving; a ratio counts only the centres whose accepted report holds every part.
// Definitions are per province: the national ones are read by all; a Sở's own ones (and its revision of a
// national one) are its province's only.
describe('indicator definitions as data (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let th: string;
  let bn: string;
  const PERIOD = '2021-2022';

  const DEFS = `{ indicatorDefinitions { id code provinceId version nameVi unit templateCodes numerator denominator factor aggregation
    versions { version provinceId numerator denominator factor aggregation nameVi createdAt } } }`;
  const SAVE = `mutation($input: SaveIndicatorDefinitionInput!) { saveIndicatorDefinition(input: $input) {
    id code provinceId version numerator denominator versions { version provinceId numerator denominator } } }`;
  const PREVIEW = `query($input: SaveIndicatorDefinitionInput!, $p: String!) { previewIndicatorDefinition(input: $input, periodCode: $p) {
    total { value numerator denominator centreCount coverage { reporting expected } }
    byUnit { unitId unitName value coverage { reporting } }
    byCentre { centreId centreName value numerator denominator coverage { reporting expected } } } }`;
  const IV = `query($q: IndicatorQuery!) { indicatorValues(query: $q) { code value numerator denominator centreId centreCount coverage { reporting expected } } }`;

  type Def = {
    id: string; code: string; provinceId: string | null; version: number; nameVi: string; unit: string; templateCodes: string[];
    numerator: string; denominator: string | null; factor: number; aggregation: string;
    versions: { version: number; provinceId: string | null; numerator: string; denominator: string | null }[];
  };
  type Value = { value: number | null; numerator: number; denominator: number | null; centreId?: string; centreCount: number; coverage: { reporting: number; expected: number } };

  const input = (over: Record<string, unknown> = {}) => ({
    code: 'LDTT_PER_STAFF', nameVi: 'Tỷ lệ lao động tiên tiến trên tổng số cán bộ', nameEn: 'Advanced workers per staff', unit: '%',
    descriptionVi: 'Số đạt LĐTT / tổng số viên chức và người lao động', templateCodes: ['GDTX_SCHOOL_YEAR'],
    numerator: 'staff_ldtt', denominator: 'staff_total', factor: 100, aggregation: 'RATIO_OF_SUMS', ...over,
  });

  async function ok<T>(r: Promise<GqlResult<T>>): Promise<T> {
    const res = await r;
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }
  const defs = async (user: string) => (await ok(api.gql<{ indicatorDefinitions: Def[] }>(DEFS, {}, await api.login(user)))).indicatorDefinitions;
  const values = async (user: string, q: Record<string, unknown>) => (await ok(api.gql<{ indicatorValues: Value[] }>(IV, { q }, await api.login(user)))).indicatorValues;

  /**
   * Independent of the implementation: per accepted GDTX_SCHOOL_YEAR report of `period` in `province` holding
   * both keys as JSON numbers, the two values.
   */
  async function pairs(province: string, period: string, num: string[], den: string): Promise<{ centreId: string; n: number; d: number }[]> {
    const { rows } = await owner.query(
      `SELECT centre_id AS "centreId", (SELECT sum(("values"->>k)::float8) FROM unnest($3::text[]) k) AS n, ("values"->>$4)::float8 AS d
       FROM submission WHERE province_id = $1 AND period_code = $2 AND template_code = 'GDTX_SCHOOL_YEAR' AND status = 'ACCEPTED'
         AND (SELECT bool_and(jsonb_typeof("values"->k) = 'number') FROM unnest($3::text[] || $4::text) k)`,
      [province, period, num, den],
    );
    return rows;
  }

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query(`SELECT code, id FROM administrative_unit WHERE level = 'PROVINCE' AND code IN ('TH', 'BN')`);
    th = rows.find((r) => r.code === 'TH').id;
    bn = rows.find((r) => r.code === 'BN').id;
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('lists the shipped definitions with their expressions (the former key arrays) and versions', async () => {
    const list = await defs('so.chuyenvien');
    const of = (code: string) => list.find((d) => d.code === code)!;
    expect(of('QUALIFICATION_RATIO')).toMatchObject({
      provinceId: null, version: 1, numerator: 'staff_masters + staff_doctorates', denominator: 'staff_tenured', factor: 100, aggregation: 'RATIO_OF_SUMS',
      templateCodes: ['GDTX_SCHOOL_YEAR', 'GDTX_SEMESTER'],
    });
    expect(of('TARGET_ACHIEVEMENT_JOINT')).toMatchObject({ numerator: 'joint_long_term_intake', denominator: 'prev(target_joint_long_term_intake)' });
    expect(of('EXAM_CANDIDATES')).toMatchObject({ denominator: null, aggregation: 'SUM', factor: 1 });
    expect(of('LDTT_SHARE')).toMatchObject({ numerator: 'staff_ldtt', denominator: 'staff_tenured' });
    expect(of('CANDIDATES_PER_COUNCIL')).toMatchObject({ numerator: 'exam_candidates', denominator: 'exam_councils' });
    for (const d of list) expect(d.versions.map((v) => v.version)).toEqual([1]);
  });

  it('every shipped definition passes the check against its published templates, and its preview equals indicatorValues', async () => {
    const token = await api.login('so.quantri');
    for (const d of await defs('so.quantri')) {
      const r = await api.gql<{ previewIndicatorDefinition: { total: Value } }>(PREVIEW, {
        input: { code: d.code, nameVi: d.nameVi, nameEn: d.code, unit: d.unit, templateCodes: d.templateCodes, numerator: d.numerator, denominator: d.denominator, factor: d.factor, aggregation: d.aggregation },
        p: PERIOD,
      }, token);
      expect({ code: d.code, errors: r.errors }).toEqual({ code: d.code, errors: undefined });
      const [v] = await values('so.quantri', { codes: [d.code], periodCode: PERIOD });
      expect(r.data!.previewIndicatorDefinition.total).toEqual({ value: v.value, numerator: v.numerator, denominator: v.denominator, centreCount: v.centreCount, coverage: v.coverage });
    }
  });

  it('preview of a new ratio on real data equals an independent computation, by centre and in total; nothing is saved', async () => {
    const expected = await pairs(th, PERIOD, ['staff_ldtt'], 'staff_total');
    expect(expected.length).toBeGreaterThan(0);
    const r = await ok(api.gql<{ previewIndicatorDefinition: { total: Value; byCentre: Value[]; byUnit: { value: number | null; coverage: { reporting: number } }[] } }>(
      PREVIEW, { input: input(), p: PERIOD }, await api.login('so.quantri'),
    ));
    const p = r.previewIndicatorDefinition;
    const n = expected.reduce((s, x) => s + x.n, 0);
    const d = expected.reduce((s, x) => s + x.d, 0);
    expect(p.total).toMatchObject({ numerator: n, denominator: d, centreCount: expected.length, coverage: { reporting: expected.length } });
    expect(p.total.value).toBeCloseTo((n / d) * 100, 3);
    for (const x of expected) {
      const c = p.byCentre.find((v) => v.centreId === x.centreId)!;
      expect(c).toMatchObject({ numerator: x.n, denominator: x.d, coverage: { reporting: 1 } });
      expect(c.value).toBeCloseTo((x.n / x.d) * 100, 3);
    }
    expect(p.byCentre.filter((v) => v.coverage.reporting > 0)).toHaveLength(expected.length);
    expect(p.byUnit.reduce((s, u) => s + u.coverage.reporting, 0)).toBe(expected.length);
    expect((await defs('so.quantri')).map((x) => x.code)).not.toContain('LDTT_PER_STAFF');
  });

  it('unknown keys and non-numeric fields are VALIDATION_FAILED naming the field, in Vietnamese; nothing is saved', async () => {
    const token = await api.login('so.quantri');
    const unknown = await api.gql(SAVE, { input: input({ denominator: 'staff_totl' }) }, token);
    expect(errorCode(unknown)).toBe('VALIDATION_FAILED');
    const fields = unknown.errors![0].extensions!['fields'] as { field: string; valueKey: string; messageVi: string; templateCode: string }[];
    expect(fields[0]).toMatchObject({ field: 'denominator', valueKey: 'staff_totl', templateCode: 'GDTX_SCHOOL_YEAR' });
    expect(fields[0].messageVi).toContain("Mã 'staff_totl' không có trong biểu mẫu");
    expect(unknown.errors![0].message).toContain('Định nghĩa chỉ số chưa hợp lệ');

    const text = await api.gql(SAVE, { input: input({ numerator: 'autonomy_tier' }) }, token);
    expect(errorCode(text)).toBe('VALIDATION_FAILED');
    expect(text.errors![0].extensions!['fields']).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'numerator', valueKey: 'autonomy_tier' })]));

    const syntax = await api.gql(PREVIEW, { input: input({ numerator: 'staff_ldtt +' }), p: PERIOD }, token);
    expect(errorCode(syntax)).toBe('VALIDATION_FAILED');
    const noDen = await api.gql(SAVE, { input: input({ denominator: null }) }, token);
    expect((noDen.errors![0].extensions!['fields'] as { field: string }[])[0].field).toBe('denominator');
    const blank = await api.gql(SAVE, { input: input({ nameVi: '   ', factor: 1e9 }) }, token);
    expect((blank.errors![0].extensions!['fields'] as { field: string }[]).map((f) => f.field)).toEqual(['nameVi', 'factor']);
    expect((await owner.query(`SELECT count(*)::int AS n FROM indicator_definition WHERE code = 'LDTT_PER_STAFF'`)).rows[0].n).toBe(0);
  });

  it('only the Sở administrator may save or preview (INDICATOR_MANAGE)', async () => {
    for (const user of ['so.chuyenvien', 'so.lanhdao', 'gd.gdtx', 'phong.thoxuan']) {
      const token = await api.login(user);
      expect(errorCode(await api.gql(SAVE, { input: input() }, token))).toBe('FORBIDDEN');
      expect(errorCode(await api.gql(PREVIEW, { input: input(), p: PERIOD }, token))).toBe('FORBIDDEN');
    }
  });

  it('saving creates version 1, then a new version each save; old versions stay readable; values follow the newest', async () => {
    const token = await api.login('so.quantri');
    const v1 = (await ok(api.gql<{ saveIndicatorDefinition: Def }>(SAVE, { input: input() }, token))).saveIndicatorDefinition;
    expect(v1).toMatchObject({ code: 'LDTT_PER_STAFF', provinceId: th, version: 1, numerator: 'staff_ldtt', denominator: 'staff_total' });

    const expected1 = await pairs(th, PERIOD, ['staff_ldtt'], 'staff_total');
    const [a] = await values('so.chuyenvien', { codes: ['LDTT_PER_STAFF'], periodCode: PERIOD });
    expect(a).toMatchObject({ numerator: expected1.reduce((s, x) => s + x.n, 0), denominator: expected1.reduce((s, x) => s + x.d, 0), centreCount: expected1.length });

    const stale = await api.gql(SAVE, { input: input({ numerator: 'staff_ldtt + staff_leaders' }) }, token);
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions!['reason']).toBe('STALE_VERSION');

    const v2 = (await ok(api.gql<{ saveIndicatorDefinition: Def }>(SAVE, { input: input({ numerator: 'staff_ldtt + staff_leaders', expectedVersion: 1 }) }, token))).saveIndicatorDefinition;
    expect(v2.version).toBe(2);
    expect(v2.versions.map((v) => [v.version, v.numerator])).toEqual([[2, 'staff_ldtt + staff_leaders'], [1, 'staff_ldtt']]);
    const expected2 = await pairs(th, PERIOD, ['staff_ldtt', 'staff_leaders'], 'staff_total');
    const [b] = await values('so.chuyenvien', { codes: ['LDTT_PER_STAFF'], periodCode: PERIOD });
    expect(b.numerator).toBe(expected2.reduce((s, x) => s + x.n, 0));
    expect(b.value).toBeCloseTo((b.numerator / b.denominator!) * 100, 3);
    expect(stale.errors).toBeDefined();
    // Versions are immutable even for the database owner.
    await expect(owner.query(`UPDATE indicator_definition_version SET numerator = 'staff_total' WHERE definition_id = $1`, [v1.id])).rejects.toThrow(/immutable/);
  });

  it('a Sở revises a national indicator for its own province only; the national one stays as it was for others', async () => {
    const token = await api.login('so.quantri');
    const national = (await defs('so.quantri')).find((d) => d.code === 'QUALIFICATION_RATIO')!;
    const saved = (await ok(api.gql<{ saveIndicatorDefinition: Def }>(SAVE, {
      input: input({ code: 'QUALIFICATION_RATIO', nameVi: 'Tỷ lệ tiến sĩ trên viên chức', numerator: 'staff_doctorates', denominator: 'staff_tenured', templateCodes: national.templateCodes, expectedVersion: 1 }),
    }, token))).saveIndicatorDefinition;
    expect(saved).toMatchObject({ provinceId: th, version: 2, numerator: 'staff_doctorates' });
    expect(saved.versions.map((v) => [v.version, v.provinceId])).toEqual([[2, th], [1, null]]);
    const [mine] = await values('so.chuyenvien', { codes: ['QUALIFICATION_RATIO'], periodCode: PERIOD });
    const doctorates = await pairs(th, PERIOD, ['staff_doctorates'], 'staff_tenured');
    expect(mine.numerator).toBe(doctorates.reduce((s, x) => s + x.n, 0));
    // Bắc Ninh still reads the national definition.
    const other = (await defs('bn.quantri')).find((d) => d.code === 'QUALIFICATION_RATIO')!;
    expect(other).toMatchObject({ provinceId: null, version: 1, numerator: 'staff_masters + staff_doctorates' });
    expect(other.versions.map((v) => v.version)).toEqual([1]);
  });

  it('tenant isolation: another province\'s Sở administrator neither sees nor changes this province\'s definitions', async () => {
    const bnToken = await api.login('bn.quantri');
    expect((await defs('bn.quantri')).map((d) => d.code)).not.toContain('LDTT_PER_STAFF');
    expect(errorCode(await api.gql(IV, { q: { codes: ['LDTT_PER_STAFF'], periodCode: PERIOD } }, bnToken))).toBe('BAD_USER_INPUT');
    // Saving the same code makes Bắc Ninh's own definition (version 1), Thanh Hóa's is untouched.
    const theirs = (await ok(api.gql<{ saveIndicatorDefinition: Def }>(SAVE, { input: input({ numerator: 'staff_female' }) }, bnToken))).saveIndicatorDefinition;
    expect(theirs).toMatchObject({ provinceId: bn, version: 1, numerator: 'staff_female' });
    const ours = (await defs('so.quantri')).find((d) => d.code === 'LDTT_PER_STAFF')!;
    expect(ours).toMatchObject({ provinceId: th, version: 2, numerator: 'staff_ldtt + staff_leaders' });

    // Below the service layer: RLS hides Thanh Hóa's rows from Bắc Ninh's Sở and refuses writes to them.
    const c = await connectAsAppRole(api.db.ownerUrl);
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [bn]);
      const seen = await c.query(`SELECT province_id FROM indicator_definition WHERE province_id IS NOT NULL UNION ALL SELECT province_id FROM indicator_definition_version WHERE province_id IS NOT NULL`);
      expect(seen.rows.map((r) => r.province_id)).toEqual(expect.arrayContaining([bn]));
      expect(seen.rows.some((r) => r.province_id === th)).toBe(false);
      const updated = await c.query(`UPDATE indicator_definition SET sort_order = 1 WHERE code = 'LDTT_PER_STAFF' AND province_id = $1`, [th]);
      expect(updated.rowCount).toBe(0);
      const ownId = (await owner.query(`SELECT id FROM indicator_definition WHERE code = 'LDTT_PER_STAFF' AND province_id = $1`, [th])).rows[0].id;
      await expect(c.query(
        `INSERT INTO indicator_definition_version (definition_id, province_id, version, name_vi, name_en, template_codes, numerator, aggregation)
         VALUES ($1, $2, 3, 'x', 'x', '{GDTX_SCHOOL_YEAR}', 'staff_total', 'SUM')`, [ownId, th],
      )).rejects.toThrow(/row-level security/);
      // Nor may a province write a national definition.
      await c.query('ROLLBACK');
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [bn]);
      expect((await c.query(`UPDATE indicator_definition SET sort_order = 1 WHERE province_id IS NULL`)).rowCount).toBe(0);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      await c.end();
    }
    expect((await owner.query(`SELECT max(version)::int AS v FROM indicator_definition_version v JOIN indicator_definition d ON d.id = v.definition_id WHERE d.code = 'LDTT_PER_STAFF' AND d.province_id = $1`, [th])).rows[0].v).toBe(2);
  });
});
