// Issue 15 item 4: data quality. A director's informational checks of a report against the centre's own history
// and its peers (aggregates only), the Sở's outliers of a period with follow-up flags resolved by a comment, likely
// duplicate centres; each checked against an independent reading of the facts, and one province against another.
import { Client } from 'pg';
import { modifiedZScore } from '@gdtx/domain';
import { connectAsAppRole } from '@gdtx/platform/testing';
import { bootApi, errorCode, TestApi } from './harness';

const TEMPLATE = 'LANGUAGE_IT_QUARTERLY';
const KEY = 'classes_learners.english.new_learners';
const SCORE = `{ score median n method outlier }`;
const CHECKS = `query($id: ID!) { valueChecks(submissionId: $id) { valueKey labelVi labelEn value history ${SCORE} peers ${SCORE} peersPeriodCode outlier } }`;
const OUTLIERS = `query($p: String!, $t: String!) { dataQualityOutliers(periodCode: $p, templateCode: $t) { submissionId centreCode centreName valueKey labelVi value history ${SCORE} peers ${SCORE} openFlagId } }`;
const FLAGS = `query($s: String) { dataQualityFlags(status: $s) { id submissionId centreName valueKey labelVi value note status resolution } }`;
const FLAG = `mutation($i: FlagValueInput!) { flagValue(input: $i) { id status note value labelVi } }`;
const RESOLVE = `mutation($id: ID!, $r: String!) { resolveDataQualityFlag(id: $id, resolution: $r) { id status resolution } }`;

interface Score { score: number | null; median: number | null; n: number; method: string; outlier: boolean }

describe('data quality: outliers, follow-up flags, likely duplicates (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let hoasen: { centreId: string; provinceId: string; q3: string; q1: string };

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const rows = (await owner.query(
      `SELECT c.id AS "centreId", c.province_id AS "provinceId", s.period_code AS period, s.id FROM submission s JOIN centre c ON c.id = s.centre_id
       WHERE c.code = 'TH-NN-004' AND s.template_code = $1 AND s.period_code IN ('2026-Q1', '2026-Q3')`, [TEMPLATE],
    )).rows as { centreId: string; provinceId: string; period: string; id: string }[];
    hoasen = { centreId: rows[0].centreId, provinceId: rows[0].provinceId, q1: rows.find((r) => r.period === '2026-Q1')!.id, q3: rows.find((r) => r.period === '2026-Q3')!.id };
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** The centre's accepted values of KEY before a period's end, read straight from the facts (latest first). */
  async function historyFromFacts(before: string): Promise<number[]> {
    return (await owner.query(
      `SELECT value::float8 AS v FROM fact_value WHERE centre_id = $1 AND template_code = $2 AND value_key = $3 AND period_end < $4 ORDER BY period_end DESC`,
      [hoasen.centreId, TEMPLATE, KEY, before],
    )).rows.map((r) => r.v);
  }

  it("a director's report: every value against the centre's history and its peers' median; an unusual value is flagged", async () => {
    const director = await api.login('gd.hoasen');
    // An entry error in the report the centre filed for 2026-Q3 (not yet reviewed): 300 new learners instead of 30.
    await owner.query(`UPDATE submission SET "values" = jsonb_set("values", ARRAY[$2], '300'::jsonb) WHERE id = $1`, [hoasen.q3, KEY]);
    const r = await api.gql<{ valueChecks: { valueKey: string; labelVi: string; value: number; history: Score; peers: Score; peersPeriodCode: string | null; outlier: boolean }[] }>(CHECKS, { id: hoasen.q3 }, director);
    expect(r.errors).toBeUndefined();
    const checks = r.data!.valueChecks;
    const check = checks.find((c) => c.valueKey === KEY)!;
    const history = await historyFromFacts('2026-09-30');
    expect(history.length).toBeGreaterThanOrEqual(4);
    // Independent: the same rule over the facts read here.
    expect(check.history).toEqual(modifiedZScore(300, history));
    expect(check).toMatchObject({ value: 300, outlier: true, labelVi: expect.stringMatching(/mới/) });
    expect(checks[0].valueKey).toBe(KEY); // the strongest first
    // Peers: the latest quarter with at least four LANGUAGE centres, their median only.
    const peers = (await owner.query(
      `SELECT f.value::float8 AS v FROM fact_value f WHERE f.template_code = $1 AND f.value_key = $2 AND f.period_code = $3 AND f.centre_type = 'LANGUAGE' AND f.centre_id <> $4 AND f.province_id = $5`,
      [TEMPLATE, KEY, check.peersPeriodCode, hoasen.centreId, hoasen.provinceId],
    )).rows.map((x) => x.v);
    expect(peers.length).toBeGreaterThanOrEqual(4);
    expect(check.peers).toEqual(modifiedZScore(300, peers));
    // A usual value is not flagged.
    const usual = checks.find((c) => c.valueKey === 'teachers_total')!;
    expect(usual.outlier).toBe(false);

    // Another centre's director and another province see nothing of this report.
    expect(errorCode(await api.gql(CHECKS, { id: hoasen.q3 }, await api.login('gd.lamson')))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(CHECKS, { id: hoasen.q3 }, await api.login('bn.quantri')))).toBe('NOT_FOUND');
    const bad = await api.gql(CHECKS, { id: 'not-a-uuid' }, director);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });

  it('the Sở lists the outliers of a period, flags one for follow-up and resolves it with a comment; others cannot', async () => {
    // An accepted value that is far off (a typo that got through): 2026-Q1, 30 → 300.
    await owner.query(`UPDATE fact_value SET value = 300 WHERE submission_id = $1 AND value_key = $2`, [hoasen.q1, KEY]);
    const so = await api.login('so.chuyenvien');
    const list = await api.gql<{ dataQualityOutliers: { submissionId: string; centreCode: string; valueKey: string; value: number; history: Score; openFlagId: string | null }[] }>(OUTLIERS, { p: '2026-Q1', t: TEMPLATE }, so);
    expect(list.errors).toBeUndefined();
    const row = list.data!.dataQualityOutliers.find((o) => o.centreCode === 'TH-NN-004' && o.valueKey === KEY)!;
    expect(row).toMatchObject({ submissionId: hoasen.q1, value: 300, openFlagId: null });
    expect(row.history).toEqual(modifiedZScore(300, await historyFromFacts('2026-03-31')));
    // Every listed row is an outlier by the rule, and nothing is listed twice.
    expect(list.data!.dataQualityOutliers.every((o) => o.history.outlier || (o as unknown as { peers: Score }).peers.outlier)).toBe(true);
    expect(new Set(list.data!.dataQualityOutliers.map((o) => `${o.submissionId}|${o.valueKey}`)).size).toBe(list.data!.dataQualityOutliers.length);

    const flagged = await api.gql<{ flagValue: { id: string; status: string; value: number } }>(FLAG, { i: { submissionId: hoasen.q1, valueKey: KEY, note: 'Số học viên mới tăng gấp 10 lần: đề nghị trung tâm kiểm tra' } }, so);
    expect(flagged.data!.flagValue).toMatchObject({ status: 'OPEN', value: 300 });
    const flagId = flagged.data!.flagValue.id;
    const twice = await api.gql(FLAG, { i: { submissionId: hoasen.q1, valueKey: KEY, note: 'lần hai' } }, so);
    expect(errorCode(twice)).toBe('CONFLICT');
    expect(twice.errors![0].message).toContain('đang được gắn cờ');
    const again = await api.gql<{ dataQualityOutliers: { submissionId: string; valueKey: string; openFlagId: string | null }[] }>(OUTLIERS, { p: '2026-Q1', t: TEMPLATE }, so);
    expect(again.data!.dataQualityOutliers.find((o) => o.submissionId === hoasen.q1 && o.valueKey === KEY)!.openFlagId).toBe(flagId);

    // The centre sees the flag on its value; it cannot flag or resolve. Another centre and Bắc Ninh see none.
    const director = await api.login('gd.hoasen');
    expect((await api.gql<{ dataQualityFlags: { id: string }[] }>(FLAGS, {}, director)).data!.dataQualityFlags.map((f) => f.id)).toEqual([flagId]);
    expect(errorCode(await api.gql(RESOLVE, { id: flagId, r: 'Đã kiểm tra' }, director))).toBe('FORBIDDEN');
    expect((await api.gql<{ dataQualityFlags: unknown[] }>(FLAGS, {}, await api.login('gd.lamson'))).data!.dataQualityFlags).toEqual([]);
    // Bắc Ninh's specialist (the seed has none: same password as the demo accounts) may flag and resolve, at home only.
    await owner.query(
      `INSERT INTO app_user (province_id, username, password_hash, full_name, role)
       SELECT u.province_id, 'bn.chuyenvien', h.password_hash, 'Ngô Văn Kiên', 'SO_SPECIALIST' FROM app_user u, app_user h WHERE u.username = 'bn.quantri' AND h.username = 'gd.hoasen'`,
    );
    const bn = await api.login('bn.chuyenvien');
    expect((await api.gql<{ dataQualityFlags: unknown[] }>(FLAGS, {}, bn)).data!.dataQualityFlags).toEqual([]);
    expect(errorCode(await api.gql(RESOLVE, { id: flagId, r: 'Không phải của tỉnh này' }, bn))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(FLAG, { i: { submissionId: hoasen.q1, valueKey: KEY, note: 'x' } }, bn))).toBe('NOT_FOUND');
    // Below the service: as the app role in Bắc Ninh's scope, no row is read, changed or written.
    const bnProvince = (await owner.query(`SELECT province_id FROM app_user WHERE username = 'bn.quantri'`)).rows[0].province_id;
    const c = await connectAsAppRole(api.db.ownerUrl);
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true)`, [bnProvince]);
      expect((await c.query(`SELECT id FROM data_quality_flag`)).rows).toEqual([]);
      expect((await c.query(`UPDATE data_quality_flag SET status = 'RESOLVED', resolution = 'x x x', resolved_at = now() WHERE id = $1`, [flagId])).rowCount).toBe(0);
      await expect(c.query(
        `INSERT INTO data_quality_flag (province_id, centre_id, submission_id, template_code, period_code, value_key, note, flagged_by)
         VALUES ($1, $2, $3, $4, '2026-Q1', $5, 'x', gen_random_uuid())`, [hoasen.provinceId, hoasen.centreId, hoasen.q1, TEMPLATE, KEY],
      )).rejects.toThrow(/row-level security/);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      await c.end();
    }

    const short = await api.gql(RESOLVE, { id: flagId, r: 'ok' }, so);
    expect(errorCode(short)).toBe('VALIDATION_FAILED');
    const done = await api.gql<{ resolveDataQualityFlag: { status: string; resolution: string } }>(RESOLVE, { id: flagId, r: 'Trung tâm xác nhận nhập nhầm; đã nộp lại 30 học viên mới' }, so);
    expect(done.data!.resolveDataQualityFlag).toEqual({ id: flagId, status: 'RESOLVED', resolution: 'Trung tâm xác nhận nhập nhầm; đã nộp lại 30 học viên mới' });
    expect(errorCode(await api.gql(RESOLVE, { id: flagId, r: 'lần nữa' }, so))).toBe('CONFLICT');
    expect((await api.gql<{ dataQualityFlags: unknown[] }>(FLAGS, { s: 'OPEN' }, so)).data!.dataQualityFlags).toEqual([]);
    // A director is not the Sở: the outlier list is refused.
    expect(errorCode(await api.gql(OUTLIERS, { p: '2026-Q1', t: TEMPLATE }, director))).toBe('FORBIDDEN');
  });

  it('likely duplicate centres: the same name or address once diacritics, case and "Trung tâm" are folded away', async () => {
    await owner.query(`UPDATE centre SET address = 'Số 12 đường Lê Lợi, phường Hạc Thành' WHERE code = 'TH-NN-001'`);
    await owner.query(`UPDATE centre SET address = 'so 12 Duong Le Loi - Phuong Hac Thanh' WHERE code = 'TH-NN-002'`);
    const hoa = (await owner.query(`SELECT name FROM centre WHERE code = 'TH-NN-004'`)).rows[0].name as string;
    await owner.query(`UPDATE centre SET name = $1 WHERE code = 'TH-NN-005'`, [`TT ${hoa.replace(/^Trung tâm /i, '').toUpperCase()}`]);
    const so = await api.login('so.chuyenvien');
    const r = await api.gql<{ likelyDuplicateCentres: { firstCode: string; secondCode: string; reason: string }[] }>(`{ likelyDuplicateCentres { firstCode secondCode reason } }`, {}, so);
    const pairs = r.data!.likelyDuplicateCentres.map((p) => `${[p.firstCode, p.secondCode].sort().join('~')}:${p.reason}`);
    expect(pairs).toEqual(expect.arrayContaining(['TH-NN-001~TH-NN-002:ADDRESS', 'TH-NN-004~TH-NN-005:NAME']));
    // Bắc Ninh's Sở sees none of Thanh Hóa's centres among its pairs.
    const theirs = await api.gql<{ likelyDuplicateCentres: { firstCode: string; secondCode: string }[] }>(`{ likelyDuplicateCentres { firstCode secondCode } }`, {}, await api.login('bn.quantri'));
    expect(theirs.data!.likelyDuplicateCentres.some((p) => p.firstCode.startsWith('TH-') || p.secondCode.startsWith('TH-'))).toBe(false);
  });
});
