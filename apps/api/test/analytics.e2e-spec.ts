import { Client } from 'pg';
import { S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
import { systemContext } from '@gdtx/platform';
import { FactService } from '@gdtx/analytics';
import { bootApi, errorCode, TestApi } from './harness';

// Issue 4: facts from accepted reports, indicators over any scope, freshness through the outbox and BullMQ
// (real Redis), reopen removes the contribution, rebuild equals the incremental state, isolation.
describe('analytics (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const IV = `query($q: IndicatorQuery!) { indicatorValues(query: $q) { code value numerator denominator unitName centreType periodCode centreName centreCount computedAt } }`;
  type IVRow = { code: string; value: number | null; numerator: number; denominator: number | null; unitName: string | null; centreName: string | null; computedAt: string | null };

  beforeAll(async () => {
    api = await bootApi({ RUN_WORKERS_IN_PROCESS: 'true' });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  async function iv(token: string, q: Record<string, unknown>): Promise<IVRow[]> {
    const r = await api.gql<{ indicatorValues: IVRow[] }>(IV, { q }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.indicatorValues;
  }

  it('the seed 000 figures give the hand-computed pass rate 2,270 / 2,279 = 99.6% and qualification 28/36', async () => {
    const token = await api.login('so.chuyenvien');
    const rows = await iv(token, { codes: ['PASS_RATE', 'QUALIFICATION_RATIO'], periodCode: '2020-2021', groupBy: ['CENTRE'] });
    const pass = rows.find((r) => r.code === 'PASS_RATE' && r.centreName === 'Trung tâm Giáo dục thường xuyên tỉnh Thanh Hóa')!;
    expect(pass.numerator).toBe(2270);
    expect(pass.denominator).toBe(2279);
    expect(pass.value).toBeCloseTo((2270 / 2279) * 100, 3);
    expect(pass.value!.toFixed(1)).toBe('99.6');
    expect(pass.computedAt).not.toBeNull();
    const qual = rows.find((r) => r.code === 'QUALIFICATION_RATIO' && r.centreName === pass.centreName)!;
    expect(qual.value).toBeCloseTo((28 / 36) * 100, 3);
  });

  it('target achievement compares an actual with the target set in the previous period (S0: >350 joint-training learners)', async () => {
    const token = await api.login('gd.gdtx');
    const { rows } = await owner.query(
      `SELECT ("values"->>'joint_long_term_intake')::int AS actual FROM submission s JOIN centre c ON c.id = s.centre_id
       WHERE c.code = 'TH-GDTX' AND s.template_code = 'GDTX_SCHOOL_YEAR' AND s.period_code = '2021-2022' AND s.status = 'ACCEPTED'`,
    );
    expect(rows).toHaveLength(1);
    const [v] = await iv(token, { codes: ['TARGET_ACHIEVEMENT_JOINT'], periodCode: '2021-2022' });
    expect(v.denominator).toBe(350); // the 2021-22 target written in the 2020-21 report (seed 000)
    expect(v.numerator).toBe(rows[0].actual);
    expect(v.value).toBeCloseTo((rows[0].actual / 350) * 100, 3);
  });

  it('isolation: a centre, a supervisor of another area and another province see none of those facts', async () => {
    for (const user of ['gd.hoasen', 'phong.thoxuan', 'bn.quantri']) {
      const token = await api.login(user);
      const rows = await iv(token, { codes: ['PASS_RATE'], periodCode: '2020-2021', groupBy: ['CENTRE'] });
      expect(rows.map((r) => r.centreName)).not.toContain('Trung tâm Giáo dục thường xuyên tỉnh Thanh Hóa');
      const total = await iv(token, { codes: ['EXAM_CANDIDATES'], periodCode: '2020-2021' });
      const candidates = total[0]?.numerator ?? 0;
      expect(candidates).toBeLessThan(2279);
    }
    const director = await api.login('gd.gdtx');
    const own = await iv(director, { codes: ['PASS_RATE'], periodCode: '2020-2021' });
    expect(own[0].numerator).toBe(2270);
  });

  it('an unknown indicator or a missing period is BAD_USER_INPUT', async () => {
    const token = await api.login('so.chuyenvien');
    expect(errorCode(await api.gql(IV, { q: { codes: ['NOPE'], periodCode: '2020-2021' } }, token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql(IV, { q: { codes: ['PASS_RATE'] } }, token))).toBe('BAD_USER_INPUT');
  });

  it('groups by unit level under the province, by centre type and by period', async () => {
    const token = await api.login('so.chuyenvien');
    const byUnit = await iv(token, { codes: ['EXAM_CANDIDATES'], periodFrom: '2020-2021', periodTo: '2022-2023', groupBy: ['UNIT_LEVEL', 'PERIOD'] });
    expect(byUnit.length).toBeGreaterThan(0);
    expect(byUnit.every((r) => r.unitName)).toBe(true);
    const byType = await iv(token, { codes: ['EXAM_CANDIDATES'], periodCode: '2020-2021', groupBy: ['CENTRE_TYPE'] });
    const sum = byType.reduce((s, r) => s + r.numerator, 0);
    const [all] = await iv(token, { codes: ['EXAM_CANDIDATES'], periodCode: '2020-2021' });
    expect(sum).toBe(all.numerator);
  });

  it('an accepted report reaches the indicators through outbox → BullMQ → processor; reopening removes it; rebuild equals incremental', async () => {
    const centre = (await owner.query(`SELECT id FROM centre WHERE code = 'TH-GDTX'`)).rows[0].id as string;
    const free = await owner.query(
      `SELECT code FROM reporting_period WHERE type = 'SCHOOL_YEAR' AND end_date < current_date
         AND code NOT IN (SELECT period_code FROM submission WHERE centre_id = $1 AND template_code = 'GDTX_SCHOOL_YEAR')
       ORDER BY end_date DESC LIMIT 1`,
      [centre],
    );
    expect(free.rows.length).toBe(1);
    const period = free.rows[0].code as string;
    const director = await api.login('gd.gdtx');
    const specialist = await api.login('so.chuyenvien');
    const values = { ...S0_THANH_HOA_2020_2021_VALUES, exam_candidates: 1000, exam_certified: 990, exam_pass_rate: 99, 'exam_by_type.it_basic.candidates': 1000, 'exam_by_type.it_basic.certified': 990 };
    const SAVE = `mutation($i: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $i) { submission { id version } issues { ruleCode severity } } }`;
    let saved = await api.gql<{ saveSubmissionDraft: { submission: { id: string; version: number }; issues: { ruleCode: string; severity: string }[] } }>(
      SAVE, { i: { centreId: centre, templateCode: 'GDTX_SCHOOL_YEAR', periodCode: period, values } }, director,
    );
    expect(saved.errors).toBeUndefined();
    const warnings = saved.data!.saveSubmissionDraft.issues.filter((i) => i.severity === 'warning');
    const errors = saved.data!.saveSubmissionDraft.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
    if (warnings.length) {
      saved = await api.gql(SAVE, {
        i: { centreId: centre, templateCode: 'GDTX_SCHOOL_YEAR', periodCode: period, values, expectedVersion: saved.data!.saveSubmissionDraft.submission.version,
          explanations: Object.fromEntries(warnings.map((w) => [w.ruleCode, 'Số liệu năm này khác do thay đổi nhiệm vụ được giao.'])) },
      }, director);
    }
    const sub = saved.data!.saveSubmissionDraft.submission;
    const submitted = await api.gql<{ submitSubmission: { version: number } }>(`mutation($id: ID!, $v: Int!) { submitSubmission(id: $id, expectedVersion: $v, lateReason: "Nộp bù báo cáo cũ") { version } }`, { id: sub.id, v: sub.version }, director);
    expect(submitted.errors).toBeUndefined();

    const before = await iv(specialist, { codes: ['EXAM_CANDIDATES'], periodCode: period });
    expect(before[0].numerator).toBe(0);
    const accepted = await api.gql(`mutation($id: ID!, $v: Int!) { acceptSubmission(id: $id, expectedVersion: $v) { status } }`, { id: sub.id, v: submitted.data!.submitSubmission.version }, specialist);
    expect(accepted.errors).toBeUndefined();
    const t0 = Date.now();
    const visible = await waitFor(async () => (await iv(specialist, { codes: ['EXAM_CANDIDATES'], periodCode: period }))[0].numerator === 1000);
    expect(visible).toBe(true);
    const freshnessMs = Date.now() - t0;
    expect(freshnessMs).toBeLessThan(15000);

    // Rebuild equals the incremental state (computed_at aside).
    const snapshot = async () =>
      (await owner.query(`SELECT submission_id, value_key, value::text, unit_path, period_code, centre_type FROM fact_value ORDER BY 1, 2`)).rows;
    const incremental = await snapshot();
    const facts = api.app.get(FactService);
    await facts.rebuild(systemContext(null, 'test'), null);
    expect(await snapshot()).toEqual(incremental);
    // The same refresh twice changes nothing.
    const n1 = await facts.refreshSubmission(systemContext(null, 'test'), sub.id);
    const n2 = await facts.refreshSubmission(systemContext(null, 'test'), sub.id);
    expect(n1).toBe(n2);
    expect(await snapshot()).toEqual(incremental);

    const reopened = await api.gql(`mutation($id: ID!) { reopenSubmission(id: $id, reason: "Kiểm tra lại số liệu thi") { status } }`, { id: sub.id }, specialist);
    expect(reopened.errors).toBeUndefined();
    const gone = await waitFor(async () => (await iv(specialist, { codes: ['EXAM_CANDIDATES'], periodCode: period }))[0].numerator === 0);
    expect(gone).toBe(true);
  });

  it('reporting rates never exceed 100% and count only expected reports', async () => {
    const token = await api.login('so.chuyenvien');
    const r = await api.gql<{ reportingRates: { expected: number; notDue: number; submitted: number; onTime: number; late: number; returned: number; missing: number; submittedRate: number | null; periodCode: string }[] }>(
      `{ reportingRates(templateCode: "LANGUAGE_IT_QUARTERLY", periodFrom: "2025-Q1", periodTo: "2026-Q2", groupBy: [PERIOD]) { expected notDue submitted onTime late returned missing submittedRate periodCode computedAt } }`,
      {}, token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.reportingRates.length).toBeGreaterThan(0);
    for (const row of r.data!.reportingRates) {
      expect(row.submitted).toBeLessThanOrEqual(row.expected);
      expect(row.onTime + row.late).toBe(row.submitted);
      expect(row.notDue + row.onTime + row.late + row.returned + row.missing).toBe(row.expected);
      if (row.submittedRate !== null) expect(row.submittedRate).toBeLessThanOrEqual(100);
    }
    // The suspended centre TH-NN-008 (since 2025-03-01) is not expected in 2025-Q3.
    const sup = await api.login('bn.quantri');
    const other = await api.gql<{ reportingRates: { expected: number }[] }>(`{ reportingRates(templateCode: "LANGUAGE_IT_QUARTERLY", periodFrom: "2025-Q3") { expected } }`, {}, sup);
    // Bắc Ninh's centres: its own two and, from 2025-Q3, the two Bắc Giang brought into it (ADR 0015).
    expect(other.data!.reportingRates[0].expected).toBeLessThanOrEqual(4);
  });

  it('AREA groups by today\'s supervisory areas: each area sums its centres, overlapping areas both count a centre, an area officer sees only its own', async () => {
    const token = await api.login('so.quantri');
    // An overlapping area of the Sở: the commune of Hoa Sen (also in Khu vực Thọ Xuân) and a ward of the city.
    const { rows: units } = await owner.query(`SELECT code, id FROM administrative_unit WHERE code IN ('TH-TX-01', 'TH-TP-02') AND valid_to IS NULL ORDER BY code`);
    const saved = await api.gql(
      `mutation($i: SaveSupervisoryAreaInput!) { saveSupervisoryArea(input: $i) { id } }`,
      { i: { code: 'KV-THU-NGHIEM', name: 'Khu vực thử nghiệm', validFrom: '2025-07-01', unitIds: units.map((u) => u.id) } }, token,
    );
    expect(saved.errors).toBeUndefined();
    const Q = `query($q: IndicatorQuery!) { indicatorValues(query: $q) { numerator centreCount areaId areaName centreId coverage { expected } } }`;
    type Row = { numerator: number; centreCount: number; areaId: string | null; areaName: string | null; centreId: string | null; coverage: { expected: number } };
    const q = { codes: ['CERTIFICATES_ISSUED'], periodCode: '2026-Q1' };
    const byArea = (await api.gql<{ indicatorValues: Row[] }>(Q, { q: { ...q, groupBy: ['AREA'] } }, token)).data!.indicatorValues;
    const byCentre = (await api.gql<{ indicatorValues: Row[] }>(Q, { q: { ...q, groupBy: ['CENTRE'] } }, token)).data!.indicatorValues;
    const centresOf = async (code: string) => (await owner.query(
      `SELECT c.id FROM centre c JOIN supervisory_area a ON a.code = $1 JOIN supervisory_area_member m ON m.area_id = a.id AND m.valid_to IS NULL
       JOIN administrative_unit u ON u.id = m.unit_id WHERE c.unit_path LIKE u.path || '%'`, [code],
    )).rows.map((r: { id: string }) => r.id);
    for (const [code, name] of [['KV-THO-XUAN', 'Khu vực Thọ Xuân'], ['KV-THU-NGHIEM', 'Khu vực thử nghiệm']]) {
      const ids = await centresOf(code);
      const own = byCentre.filter((r) => ids.includes(r.centreId!));
      expect(own.length).toBeGreaterThan(0);
      const row = byArea.find((r) => r.areaName === name)!;
      expect(row.numerator).toBe(own.reduce((n, r) => n + r.numerator, 0));
      expect(row.centreCount).toBe(own.filter((r) => r.centreCount > 0).length);
    }
    // Hoa Sen counts in both areas: the area rows add up to more than the province.
    const province = (await api.gql<{ indicatorValues: Row[] }>(Q, { q }, token)).data!.indicatorValues[0];
    expect(byArea.reduce((n, r) => n + r.numerator, 0)).toBeGreaterThan(province.numerator);
    // The heat map grouped by area: each area's expected reports are its centres'.
    const RATES = `query($g: [IndicatorGroupBy!]) { reportingRates(templateCode: "LANGUAGE_IT_QUARTERLY", periodFrom: "2026-Q1", groupBy: $g) { expected areaName centreId } }`;
    type Rate = { expected: number; areaName: string | null; centreId: string | null };
    const ratesByArea = (await api.gql<{ reportingRates: Rate[] }>(RATES, { g: ['AREA'] }, token)).data!.reportingRates;
    const ratesByCentre = (await api.gql<{ reportingRates: Rate[] }>(RATES, { g: ['CENTRE'] }, token)).data!.reportingRates;
    const txIds = await centresOf('KV-THO-XUAN');
    expect(ratesByArea.find((r) => r.areaName === 'Khu vực Thọ Xuân')!.expected)
      .toBe(ratesByCentre.filter((r) => txIds.includes(r.centreId!)).reduce((n, r) => n + r.expected, 0));
    // The area officer of Thọ Xuân: nothing of Bá Thước, nor of the city's ward.
    const officer = (await api.gql<{ indicatorValues: Row[] }>(Q, { q: { ...q, groupBy: ['AREA'] } }, await api.login('kv.thoxuan'))).data!.indicatorValues;
    expect(officer.filter((r) => r.areaName === 'Khu vực Bá Thước' && r.centreCount > 0)).toEqual([]);
    expect(officer.find((r) => r.areaName === 'Khu vực Thọ Xuân')!.numerator).toBe(byArea.find((r) => r.areaName === 'Khu vực Thọ Xuân')!.numerator);
    const trial = officer.find((r) => r.areaName === 'Khu vực thử nghiệm');
    expect(trial?.numerator ?? 0).toBeLessThan(byArea.find((r) => r.areaName === 'Khu vực thử nghiệm')!.numerator);
  });

  it('provinceOverview gives totals, indicator trends and computedAt', async () => {
    const token = await api.login('so.lanhdao');
    const r = await api.gql<{ provinceOverview: { centreCount: number; indicators: { current: { code: string } }[]; computedAt: string } }>(
      `{ provinceOverview(periodId: "2021-2022") { centreCount computedAt centresByType { key count } submissionsByStatus { key count } reportingRates { templateCode expected notDue submitted returned missing } indicators { current { code value } previous { value } previousPeriodCode change } } }`,
      {}, token,
    );
    expect(r.errors).toBeUndefined();
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'TH'`);
    expect(r.data!.provinceOverview.centreCount).toBe(rows[0].n);
    expect(r.data!.provinceOverview.indicators.map((i) => i.current.code)).toContain('PASS_RATE');
    // The school year's reporting figures come from the reporting calendar, one row per school-year template.
    const yearly = (r.data!.provinceOverview as unknown as { reportingRates: { templateCode: string; expected: number; submitted: number }[] }).reportingRates;
    const gdtx = yearly.find((x) => x.templateCode === 'GDTX_SCHOOL_YEAR')!;
    const same = await api.gql<{ reportingRates: { expected: number; submitted: number }[] }>(`{ reportingRates(templateCode: "GDTX_SCHOOL_YEAR", periodFrom: "2021-2022") { expected submitted } }`, {}, token);
    expect(gdtx).toMatchObject(same.data!.reportingRates[0]);
    expect(gdtx.expected).toBeGreaterThan(0);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
