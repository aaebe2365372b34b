import { Client } from 'pg';
import { systemContext } from '@gdtx/platform';
import { FactService } from '@gdtx/analytics';
import { bootApi, TestApi } from './harness';

// Issue 11, defect 7 and the coverage contract: a ratio is computed over the centres that reported both its
// parts in accepted reports (never a sum of actuals over one set of centres divided by a sum of targets over
// another), and every value says how many centres it covers out of how many the calendar expects.
//
// Fixture, Thanh Hóa, GDTX_SCHOOL_YEAR (TARGET_ACHIEVEMENT_JOINT = this year's intake / the target written in
// the report of the year before):
//   2018-2019 (accepted): TH-GDTX reports an intake but no target; TX, HH, NS set a target of 350 each (1050).
//   2019-2020: TH-GDTX accepted with 495; TX submitted but not accepted; HH and NS nothing.
//   Today's main answers 495 / 1050 = 47.14 % although TH-GDTX alone is 495 / (no target) and no centre has both.
//   2016-2017 (accepted): TH-GDTX target 300, TH-BT target 350.   2017-2018: TH-GDTX accepted 270, TH-BT submitted.
//   Only TH-GDTX has both parts: 270 / 300 = 90 %.
describe('indicator coverage and paired ratios (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const centre: Record<string, string> = {};
  let provinceId: string;
  const IV = `query($q: IndicatorQuery!) { indicatorValues(query: $q) {
    code value numerator denominator centreType periodCode centreId unitId centreCount coverage { reporting expected } } }`;
  type IVRow = {
    code: string; value: number | null; numerator: number; denominator: number | null; centreType: string | null; periodCode: string | null;
    centreId: string | null; unitId: string | null; centreCount: number; coverage: { reporting: number; expected: number };
  };

  // Without the coverage field, so that the defect shows on a schema that does not have it yet.
  const IV_PLAIN = `query($q: IndicatorQuery!) { indicatorValues(query: $q) { code value numerator denominator centreCount } }`;

  async function iv(token: string, q: Record<string, unknown>, query = IV): Promise<IVRow[]> {
    const r = await api.gql<{ indicatorValues: IVRow[] }>(query, { q }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.indicatorValues;
  }

  async function report(code: string, period: string, status: string, values: Record<string, number>) {
    await owner.query(
      `INSERT INTO submission (province_id, centre_id, template_code, template_version, period_code, status, "values", submitted_at, accepted_at)
       VALUES ($1, $2, 'GDTX_SCHOOL_YEAR', 1, $3, $4, $5, CASE WHEN $4 IN ('SUBMITTED','ACCEPTED') THEN now() END, CASE WHEN $4 = 'ACCEPTED' THEN now() END)`,
      [provinceId, centre[code], period, status, JSON.stringify(values)],
    );
  }

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query(
      `SELECT c.code, c.id, c.province_id FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'TH'`,
    );
    for (const r of rows) centre[r.code] = r.id;
    provinceId = rows[0].province_id;
    const existing = await owner.query(
      `SELECT count(*)::int AS n FROM submission WHERE template_code = 'GDTX_SCHOOL_YEAR' AND period_code IN ('2016-2017','2017-2018','2018-2019','2019-2020')`,
    );
    expect(existing.rows[0].n).toBe(0); // the fixture periods are free in the seed

    await report('TH-GDTX', '2018-2019', 'ACCEPTED', { joint_long_term_intake: 410 });
    for (const code of ['TH-TX-GDNN', 'TH-HH-GDNN', 'TH-NS-GDNN']) {
      await report(code, '2018-2019', 'ACCEPTED', { joint_long_term_intake: 300, target_joint_long_term_intake: 350 });
    }
    await report('TH-GDTX', '2019-2020', 'ACCEPTED', { joint_long_term_intake: 495, target_joint_long_term_intake: 500 });
    await report('TH-TX-GDNN', '2019-2020', 'SUBMITTED', { joint_long_term_intake: 320, target_joint_long_term_intake: 350 });

    await report('TH-GDTX', '2016-2017', 'ACCEPTED', { joint_long_term_intake: 260, target_joint_long_term_intake: 300 });
    await report('TH-BT-GDNN', '2016-2017', 'ACCEPTED', { joint_long_term_intake: 330, target_joint_long_term_intake: 350 });
    await report('TH-GDTX', '2017-2018', 'ACCEPTED', { joint_long_term_intake: 270, target_joint_long_term_intake: 300 });
    await report('TH-BT-GDNN', '2017-2018', 'SUBMITTED', { joint_long_term_intake: 999, target_joint_long_term_intake: 350 });
    await api.app.get(FactService).rebuild(systemContext(null, 'test'), null);
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** Independent of the implementation: centres whose accepted report of `period` has the actual and whose accepted report of `previous` has the target. */
  async function pairedCentres(period: string, previous: string): Promise<{ centreId: string; actual: number; target: number }[]> {
    const { rows } = await owner.query(
      `SELECT cur.centre_id AS "centreId", (cur."values"->>'joint_long_term_intake')::float8 AS actual, (prev."values"->>'target_joint_long_term_intake')::float8 AS target
       FROM submission cur JOIN submission prev ON prev.centre_id = cur.centre_id AND prev.template_code = cur.template_code AND prev.period_code = $2 AND prev.status = 'ACCEPTED'
       WHERE cur.template_code = 'GDTX_SCHOOL_YEAR' AND cur.period_code = $1 AND cur.status = 'ACCEPTED'
         AND jsonb_typeof(cur."values"->'joint_long_term_intake') = 'number' AND jsonb_typeof(prev."values"->'target_joint_long_term_intake') = 'number'`,
      [period, previous],
    );
    return rows;
  }

  /** Independent count of the centres the Thanh Hóa calendar expects for GDTX_SCHOOL_YEAR in `period` (all licensed long before, none suspended). */
  async function expectedCentres(period: string): Promise<number> {
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM centre c JOIN reporting_period p ON p.code = $1
       WHERE c.province_id = $2 AND c.type IN ('PROVINCIAL_GDTX','GDNN_GDTX') AND c.established_on <= p.end_date
         AND NOT EXISTS (SELECT 1 FROM centre_status_history h WHERE h.centre_id = c.id AND h.status IN ('SUSPENDED','DISSOLVED') AND h.valid_from <= p.start_date)`,
      [period, provinceId],
    );
    return rows[0].n;
  }

  it('defect 7: no province-level ratio of one centre\'s actual over other centres\' targets (was 495 / 1050 = 47.14 %)', async () => {
    const token = await api.login('so.chuyenvien');
    const [plain] = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodCode: '2019-2020' }, IV_PLAIN);
    expect(await pairedCentres('2019-2020', '2018-2019')).toEqual([]);
    expect({ value: plain.value, numerator: plain.numerator, centreCount: plain.centreCount }).toEqual({ value: null, numerator: 0, centreCount: 0 });
    const [v] = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodCode: '2019-2020' });
    expect(v.coverage).toEqual({ reporting: 0, expected: await expectedCentres('2019-2020') });
    expect(v.coverage.expected).toBe(5);

    // By centre: TH-GDTX alone has an actual and no target; the centres with targets have no accepted actual.
    const byCentre = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodCode: '2019-2020', groupBy: ['CENTRE'] });
    expect(byCentre.filter((r) => r.value !== null)).toEqual([]);
    expect(byCentre.every((r) => r.coverage.reporting === 0 && r.centreCount === 0)).toBe(true);
  });

  it('a ratio is computed over the centres that reported both parts, in accepted reports, in every grouping', async () => {
    const token = await api.login('so.chuyenvien');
    const pairs = await pairedCentres('2017-2018', '2016-2017');
    expect(pairs).toEqual([{ centreId: centre['TH-GDTX'], actual: 270, target: 300 }]);
    const expected = await expectedCentres('2017-2018');

    const [province] = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodCode: '2017-2018' });
    expect(province).toMatchObject({ numerator: 270, denominator: 300, value: 90, centreCount: 1, coverage: { reporting: 1, expected } });

    const byType = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodCode: '2017-2018', groupBy: ['CENTRE_TYPE'] });
    const provincial = byType.find((r) => r.centreType === 'PROVINCIAL_GDTX')!;
    expect(provincial).toMatchObject({ value: 90, coverage: { reporting: 1, expected: 1 } });
    const gdnn = byType.find((r) => r.centreType === 'GDNN_GDTX');
    // TH-BT's target of 2016-17 must not be divided into anything: its 2017-18 report is not accepted.
    if (gdnn) expect(gdnn).toMatchObject({ value: null, numerator: 0, coverage: { reporting: 0, expected: expected - 1 } });

    const byPeriod = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodFrom: '2017-2018', periodTo: '2019-2020', groupBy: ['PERIOD'] });
    const of = (p: string) => byPeriod.find((r) => r.periodCode === p);
    expect(of('2017-2018')).toMatchObject({ value: 90, coverage: { reporting: 1, expected } });
    expect(of('2019-2020')?.value ?? null).toBeNull();

    // Over a range without grouping: the same pairs, never the 2019-20 actual over the 2018-19 targets.
    // (2018-19 pairs TH-GDTX's 410 with the 300 it set in 2017-18; TX, HH, NS set no target in 2017-18.)
    const rangePairs = [
      ...pairs,
      ...(await pairedCentres('2018-2019', '2017-2018')),
      ...(await pairedCentres('2019-2020', '2018-2019')),
    ];
    expect(rangePairs).toHaveLength(2);
    const [range] = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodFrom: '2017-2018', periodTo: '2019-2020' });
    const actual = rangePairs.reduce((s, p) => s + p.actual, 0);
    const target = rangePairs.reduce((s, p) => s + p.target, 0);
    expect(range).toMatchObject({ numerator: actual, denominator: target, centreCount: 1 });
    expect(range.value).toBeCloseTo((actual / target) * 100, 3);

    const byUnit = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodCode: '2017-2018', groupBy: ['UNIT_LEVEL'] });
    expect(byUnit.reduce((s, r) => s + r.coverage.reporting, 0)).toBe(1);
    expect(byUnit.filter((r) => r.value !== null).map((r) => r.value)).toEqual([90]);
  });

  it('the dashboard trend (provinceOverview) applies the same pairing', async () => {
    const token = await api.login('so.lanhdao');
    const r = await api.gql<{ provinceOverview: { indicators: { current: IVRow; previous: IVRow | null }[] } }>(
      `{ provinceOverview(periodId: "2019-2020") { indicators { current { code value numerator denominator centreCount coverage { reporting expected } } previous { code value coverage { reporting expected } } } } }`,
      {}, token,
    );
    expect(r.errors).toBeUndefined();
    const joint = r.data!.provinceOverview.indicators.find((i) => i.current.code === 'TARGET_ACHIEVEMENT_JOINT')!;
    expect(joint.current.value).toBeNull();
    expect(joint.current.coverage).toEqual({ reporting: 0, expected: 5 });
    expect(joint.current.centreCount).toBe(joint.current.coverage.reporting);
  });

  it('coverage of a seed period equals an independent count over accepted submissions', async () => {
    const token = await api.login('so.chuyenvien');
    const rows = await iv(token, { codes: ['PASS_RATE', 'EXAM_CANDIDATES', 'QUALIFICATION_RATIO'], periodCode: '2024-2025' });
    const holding = async (keys: string[]) =>
      (await owner.query(
        `SELECT count(DISTINCT centre_id)::int AS n FROM submission
         WHERE template_code = 'GDTX_SCHOOL_YEAR' AND period_code = '2024-2025' AND status = 'ACCEPTED' AND province_id = $1
           AND (SELECT bool_and(jsonb_typeof("values"->k) = 'number') FROM unnest($2::text[]) k)`,
        [provinceId, keys],
      )).rows[0].n as number;
    const expected = await expectedCentres('2024-2025');
    const pass = rows.find((r) => r.code === 'PASS_RATE')!;
    expect(pass.coverage).toEqual({ reporting: await holding(['exam_certified', 'exam_candidates']), expected });
    expect(pass.coverage.reporting).toBeGreaterThan(0);
    expect(pass.centreCount).toBe(pass.coverage.reporting);
    const qual = rows.find((r) => r.code === 'QUALIFICATION_RATIO')!;
    expect(qual.coverage).toEqual({ reporting: await holding(['staff_masters', 'staff_doctorates', 'staff_tenured']), expected });
    const candidates = rows.find((r) => r.code === 'EXAM_CANDIDATES')!;
    expect(candidates.coverage).toEqual({ reporting: await holding(['exam_candidates']), expected });
  });

  it('ships LDTT_SHARE (the seed\'s 32 / 36) and CANDIDATES_PER_COUNCIL, both paired per report', async () => {
    const token = await api.login('so.chuyenvien');
    const rows = await iv(token, { codes: ['LDTT_SHARE', 'CANDIDATES_PER_COUNCIL'], periodCode: '2020-2021', groupBy: ['CENTRE'] });
    const mine = (code: string) => rows.find((r) => r.code === code && r.centreId === centre['TH-GDTX'])!;
    expect(mine('LDTT_SHARE')).toMatchObject({ numerator: 32, denominator: 36, coverage: { reporting: 1, expected: 1 } });
    expect(mine('LDTT_SHARE').value).toBeCloseTo((32 / 36) * 100, 3);
    const { rows: [s0] } = await owner.query(
      `SELECT ("values"->>'exam_candidates')::float8 AS candidates, ("values"->>'exam_councils')::float8 AS councils FROM submission
       WHERE centre_id = $1 AND template_code = 'GDTX_SCHOOL_YEAR' AND period_code = '2020-2021' AND status = 'ACCEPTED'`,
      [centre['TH-GDTX']],
    );
    expect(mine('CANDIDATES_PER_COUNCIL')).toMatchObject({ numerator: s0.candidates, denominator: s0.councils });
    expect(mine('CANDIDATES_PER_COUNCIL').value).toBeCloseTo(s0.candidates / s0.councils, 3);
    const definitions = await api.gql<{ indicatorDefinitions: { code: string }[] }>(`{ indicatorDefinitions { code } }`, {}, token);
    expect(definitions.data!.indicatorDefinitions.map((d) => d.code)).toEqual(expect.arrayContaining(['LDTT_SHARE', 'CANDIDATES_PER_COUNCIL']));
  });
});
