import { Client } from 'pg';
import { periodContaining, previousPeriod, S0_THANH_HOA_2020_2021_VALUES, vietnamDateOf } from '@gdtx/domain';
import { bootApi, errorCode, GqlResult, TestApi } from './harness';

// Issue 16 item 2: computed fields (rates, totals) are derived on save, never typed. GDTX v2 computes both rates
// and the staff total; reports filed against v1 keep the rates they were typed with.
describe('computed fields (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const ids: Record<string, string> = {};
  const currentSemester = periodContaining('SEMESTER', vietnamDateOf(new Date())).code;
  const lastSemester = previousPeriod(currentSemester).code;

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query(`SELECT code, id FROM centre`);
    for (const r of rows) ids[r.code] = r.id;
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  type Saved = { saveSubmissionDraft: { submission: { id: string; version: number; templateVersion: number; values: Record<string, unknown> }; issues: { ruleCode: string }[] } };
  const SAVE = `mutation($input: SaveSubmissionDraftInput!) {
    saveSubmissionDraft(input: $input) { submission { id version templateVersion values } issues { ruleCode } } }`;
  const save = async (periodCode: string, values: Record<string, unknown>, expectedVersion?: number, user = 'gd.gdtx'): Promise<GqlResult<Saved>> =>
    api.gql<Saved>(SAVE, { input: { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode, values, expectedVersion } }, await api.login(user));
  const storedRow = async (periodCode: string) =>
    (await owner.query(`SELECT id, version, template_version AS "templateVersion", "values" FROM submission WHERE centre_id = $1 AND template_code = 'GDTX_SEMESTER' AND period_code = $2`, [ids['TH-GDTX'], periodCode])).rows[0];
  const { staff_total: _t, staff_ldtt_rate: _l, exam_pass_rate: _e, ...typedOnly } = S0_THANH_HOA_2020_2021_VALUES;

  it('publishes GDTX v2 with the computed fields; v1 stays as it was', async () => {
    const TEMPLATE = `query($v: Int) { reportTemplate(code: "GDTX_SEMESTER", version: $v) { version definition } }`;
    const token = await api.login('gd.gdtx');
    type T = { reportTemplate: { version: number; definition: { sections: { fields: { code: string; computed?: { expression: string } }[] }[] } } };
    const computedOf = (r: GqlResult<T>) => r.data!.reportTemplate.definition.sections.flatMap((s) => s.fields).filter((f) => f.computed).map((f) => f.code);
    const newest = await api.gql<T>(TEMPLATE, { v: null }, token);
    expect(newest.data!.reportTemplate.version).toBe(2);
    expect(computedOf(newest)).toEqual(['staff_total', 'staff_ldtt_rate', 'exam_pass_rate']);
    expect(computedOf(await api.gql<T>(TEMPLATE, { v: 1 }, token))).toEqual([]);
  });

  it('a new report (v2) stores the derived rates and total; typed values for them do not win, even of the wrong type', async () => {
    const first = await save(currentSemester, { ...typedOnly, exam_pass_rate: 12, staff_total: 999, staff_ldtt_rate: 'nhiều' });
    expect(first.errors).toBeUndefined();
    const saved = first.data!.saveSubmissionDraft;
    expect(saved.submission.templateVersion).toBe(2);
    expect(saved.submission.values).toMatchObject({ exam_pass_rate: 99.6, staff_total: 56, staff_ldtt_rate: 88.9 });
    expect(saved.issues).toEqual([]);
    const row = await storedRow(currentSemester);
    expect(row.values).toMatchObject({ exam_pass_rate: 99.6, staff_total: 56, staff_ldtt_rate: 88.9 });

    // The counts change: the rate follows on the next save (2000 / 2279 = 87,76 % → 87,8).
    const second = await save(currentSemester, { ...row.values, exam_certified: 2000, 'exam_by_type.it_basic.certified': 2000 }, row.version);
    expect(second.errors).toBeUndefined();
    expect((await storedRow(currentSemester)).values['exam_pass_rate']).toBe(87.8);

    // Nothing to divide by: no rate at all (not 0, not the old one).
    const third = await save(currentSemester, { ...typedOnly, exam_candidates: 0, exam_certified: 0, exam_councils: 0, 'exam_by_type.it_basic.candidates': 0, 'exam_by_type.it_basic.certified': 0, 'exam_by_type.it_basic.councils': 0 }, row.version + 1);
    expect(third.errors).toBeUndefined();
    expect('exam_pass_rate' in (await storedRow(currentSemester)).values).toBe(false);
  });

  it('submit keeps the derived values in the submitted version', async () => {
    const row = await storedRow(currentSemester);
    const restored = await save(currentSemester, { ...typedOnly, exam_pass_rate: 1 }, row.version);
    expect(restored.errors).toBeUndefined();
    const { id, version } = restored.data!.saveSubmissionDraft.submission;
    const submitted = await api.gql<{ submitSubmission: { status: string } }>(
      `mutation($id: ID!, $v: Int!) { submitSubmission(id: $id, expectedVersion: $v, lateReason: "x") { status } }`, { id, v: version }, await api.login('gd.gdtx'),
    );
    expect(submitted.errors).toBeUndefined();
    const { rows } = await owner.query(`SELECT template_version AS "templateVersion", "values" FROM submission_version WHERE submission_id = $1 ORDER BY number DESC LIMIT 1`, [id]);
    expect(rows[0].templateVersion).toBe(2);
    expect(rows[0].values).toMatchObject({ exam_pass_rate: 99.6, staff_total: 56, staff_ldtt_rate: 88.9 });
  });

  it('a report filed against v1 keeps the rate it was typed with, on save too', async () => {
    const before = await storedRow(lastSemester);
    expect(before.templateVersion).toBe(1);
    const typedRate = before.values['exam_pass_rate'];
    expect(typeof typedRate).toBe('number');
    // A rate within the v1 rule's tolerance (±0,1) of the counts, but not the derived one: kept as typed.
    const counts = 100 * Number(before.values['exam_certified']) / Number(before.values['exam_candidates']);
    const typed = Math.round((counts + 0.05) * 100) / 100;
    const r = await save(lastSemester, { ...before.values, exam_pass_rate: typed }, before.version);
    expect(r.errors).toBeUndefined();
    expect(r.data!.saveSubmissionDraft.submission.templateVersion).toBe(1);
    expect((await storedRow(lastSemester)).values['exam_pass_rate']).toBe(typed);
    // Every accepted v1 report still holds the rate it was filed with.
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM submission WHERE template_code LIKE 'GDTX_%' AND template_version = 1 AND status = 'ACCEPTED' AND "values" ? 'exam_pass_rate'`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('another province cannot read or write the v2 report: NOT_FOUND or FORBIDDEN, nothing written', async () => {
    const before = await storedRow(currentSemester);
    for (const user of ['bn.quantri', 'gd.hoasen']) {
      const token = await api.login(user);
      const read = await api.gql(`query($id: ID!) { submission(id: $id) { values } }`, { id: before.id }, token);
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(read));
      const write = await api.gql(SAVE, { input: { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, values: { ...typedOnly, exam_certified: 1 }, expectedVersion: before.version } }, token);
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(write));
    }
    expect(await storedRow(currentSemester)).toEqual(before);
  });
});
