import { Client } from 'pg';
import { addDays, daysBetween, S0_THANH_HOA_2020_2021_VALUES, vietnamDateOf, vietnameseDate } from '@gdtx/domain';
import { bootApi, errorCode, TestApi } from './harness';

// Issue 16, Build 3 and 4: a late submission asks for its reason (stored with the event, shown to the reviewer),
// lateness is one rule (the calendar's deadlineOfNextSubmission) wherever it shows, and the Sở accepts clean reports
// in bulk, each in its own transaction, never another province's.
describe('late submissions and bulk accept (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const ids: Record<string, string> = {};
  const today = vietnamDateOf(new Date());

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    for (const r of (await owner.query(`SELECT code, id FROM centre`)).rows) ids[r.code] = r.id;
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const LATENESS = `lateness { nextDeadline daysLateIfSubmittedToday lastSubmissionDaysLate lastSubmissionLateReason }`;
  const FIELDS = `id status version periodCode dueDate ${LATENESS}`;
  type Lateness = { nextDeadline: string | null; daysLateIfSubmittedToday: number; lastSubmissionDaysLate: number | null; lastSubmissionLateReason: string | null };
  type Sub = { id: string; status: string; version: number; periodCode: string; dueDate: string; lateness: Lateness };
  const SAVE = `mutation($input: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $input) { submission { ${FIELDS} } } }`;
  const SUBMIT = `mutation($id: ID!, $v: Int!, $r: String) { submitSubmission(id: $id, expectedVersion: $v, lateReason: $r) { ${FIELDS} } }`;
  const RETURN = `mutation($id: ID!, $v: Int!, $by: String) { returnSubmission(id: $id, expectedVersion: $v, comment: "Bổ sung số liệu", resubmitBy: $by) { ${FIELDS} } }`;
  const ONE = `query($id: ID!) { submission(id: $id) { ${FIELDS} events { action comment } } }`;
  const BULK = `mutation($items: [AcceptSubmissionItem!]!) { acceptSubmissions(items: $items) {
    accepted { id status version } refused { id code reason messageVi messageEn } } }`;

  // Semesters long overdue that the demo's provincial centre (established 1996) never filed: each test takes its own.
  const NEVER_FILED = ['2019-2020-S1', '2019-2020-S2', '2018-2019-S1', '2018-2019-S2', '2017-2018-S1', '2017-2018-S2', '2016-2017-S1'];
  let nextNeverFiled = 0;
  const neverFiled = () => ({ templateCode: 'GDTX_SEMESTER', periodCode: NEVER_FILED[nextNeverFiled++] });

  const RATES = `query($p: String!) { reportingRates(templateCode: "GDTX_SEMESTER", periodFrom: $p, periodTo: $p, groupBy: [CENTRE]) { centreId expected late missing onTime } }`;
  async function rateOfProvincialCentre(periodCode: string) {
    const r = await api.gql<{ reportingRates: { centreId: string; expected: number; late: number; missing: number; onTime: number }[] }>(RATES, { p: periodCode }, await api.login('so.chuyenvien'));
    expect(r.errors).toBeUndefined();
    return r.data!.reportingRates.find((x) => x.centreId === ids['TH-GDTX']);
  }

  async function draft(user: string, centre: string, templateCode: string, periodCode: string): Promise<Sub> {
    const r = await api.gql<{ saveSubmissionDraft: { submission: Sub } }>(SAVE, {
      input: { centreId: ids[centre], templateCode, periodCode, values: { ...S0_THANH_HOA_2020_2021_VALUES } },
    }, await api.login(user));
    expect(r.errors).toBeUndefined();
    return r.data!.saveSubmissionDraft.submission;
  }

  const eventCount = async (id: string) => (await owner.query(`SELECT count(*)::int AS n FROM submission_event WHERE submission_id = $1`, [id])).rows[0].n as number;

  it('a late first submission needs a reason; without one nothing is written, with one the reviewer reads it', async () => {
    const missing = neverFiled();
    expect(await rateOfProvincialCentre(missing.periodCode)).toMatchObject({ expected: 1, missing: 1, late: 0 });
    const d = await draft('gd.gdtx', 'TH-GDTX', missing.templateCode, missing.periodCode);
    const expectedDays = daysBetween(d.dueDate, today);
    expect(d.lateness).toEqual({ nextDeadline: d.dueDate, daysLateIfSubmittedToday: expectedDays, lastSubmissionDaysLate: null, lastSubmissionLateReason: null });

    const before = await eventCount(d.id);
    for (const reason of [undefined, '   ']) {
      const refused = await api.gql(SUBMIT, { id: d.id, v: d.version, r: reason }, await api.login('gd.gdtx'));
      expect(errorCode(refused)).toBe('VALIDATION_FAILED');
      const ext = refused.errors![0].extensions!;
      expect(ext['reason']).toBe('LATE_REASON_REQUIRED');
      expect(ext['fields']).toEqual([expect.objectContaining({ field: 'lateReason' })]);
      expect(refused.errors![0].message).toBe(`Báo cáo nộp muộn ${expectedDays} ngày so với hạn ${vietnameseDate(d.dueDate)}: vui lòng nêu lý do nộp muộn.`);
    }
    // Nothing half-written: same status, version and history.
    const still = (await owner.query(`SELECT status, version FROM submission WHERE id = $1`, [d.id])).rows[0];
    expect(still).toEqual({ status: 'DRAFT', version: d.version });
    expect(await eventCount(d.id)).toBe(before);

    const reason = 'Cán bộ phụ trách nghỉ ốm, hồ sơ chưa kịp tổng hợp';
    const ok = await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id: d.id, v: d.version, r: reason }, await api.login('gd.gdtx'));
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.submitSubmission).toMatchObject({
      status: 'SUBMITTED',
      lateness: { nextDeadline: null, daysLateIfSubmittedToday: 0, lastSubmissionDaysLate: expectedDays, lastSubmissionLateReason: reason },
    });
    // The reviewer sees the reason, on the report and in its history.
    const seen = await api.gql<{ submission: Sub & { events: { action: string; comment: string | null }[] } }>(ONE, { id: d.id }, await api.login('so.chuyenvien'));
    expect(seen.data!.submission.lateness.lastSubmissionLateReason).toBe(reason);
    expect(seen.data!.submission.events.filter((e) => e.action === 'SUBMITTED').map((e) => e.comment)).toEqual([reason]);
    // One truth: the reporting rates (the calendar behind the heat map) count it late.
    expect(await rateOfProvincialCentre(missing.periodCode)).toMatchObject({ expected: 1, missing: 0, late: 1, onTime: 0 });
  });

  it('a resubmission is judged against the return\'s deadline: on time before it, a reason after it', async () => {
    const missing = neverFiled();
    const d = await draft('gd.gdtx', 'TH-GDTX', missing.templateCode, missing.periodCode);
    const submitted = (await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id: d.id, v: d.version, r: 'Nộp bù' }, await api.login('gd.gdtx'))).data!.submitSubmission;
    const returned = await api.gql<{ returnSubmission: Sub }>(RETURN, { id: submitted.id, v: submitted.version, by: addDays(today, 5) }, await api.login('so.chuyenvien'));
    expect(returned.errors).toBeUndefined();
    expect(returned.data!.returnSubmission.lateness).toMatchObject({ nextDeadline: addDays(today, 5), daysLateIfSubmittedToday: 0 });
    // Three days after the reviewer's deadline (the clock is the data's: the deadline moved back instead).
    await owner.query(`UPDATE submission_event SET resubmit_by = $2 WHERE submission_id = $1 AND action = 'RETURNED'`, [d.id, addDays(today, -3)]);
    const late = (await api.gql<{ submission: Sub }>(ONE, { id: d.id }, await api.login('gd.gdtx'))).data!.submission;
    expect(late.lateness).toMatchObject({ nextDeadline: addDays(today, -3), daysLateIfSubmittedToday: 3 });
    const refused = await api.gql(SUBMIT, { id: d.id, v: late.version }, await api.login('gd.gdtx'));
    expect(refused.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'LATE_REASON_REQUIRED', daysLate: 3 });
    const again = await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id: d.id, v: late.version, r: 'Chờ xác nhận của xã' }, await api.login('gd.gdtx'));
    expect(again.data!.submitSubmission.lateness).toMatchObject({ lastSubmissionDaysLate: 3, lastSubmissionLateReason: 'Chờ xác nhận của xã' });

    // A return without a deadline: the resubmission is not judged, whenever it comes.
    const s2 = again.data!.submitSubmission;
    const r2 = (await api.gql<{ returnSubmission: Sub }>(RETURN, { id: s2.id, v: s2.version }, await api.login('so.chuyenvien'))).data!.returnSubmission;
    expect(r2.lateness).toMatchObject({ nextDeadline: null, daysLateIfSubmittedToday: 0 });
    const s3 = await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id: s2.id, v: r2.version }, await api.login('gd.gdtx'));
    expect(s3.errors).toBeUndefined();
    expect(s3.data!.submitSubmission.lateness).toMatchObject({ lastSubmissionDaysLate: 0, lastSubmissionLateReason: null });
  });

  it('the Sở accepts clean reports in bulk; stale, unclean, foreign and unknown ones are refused one by one', async () => {
    const missing = [neverFiled(), neverFiled(), neverFiled()];
    const submitted: Sub[] = [];
    for (const m of missing) {
      const d = await draft('gd.gdtx', 'TH-GDTX', m.templateCode, m.periodCode);
      submitted.push((await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id: d.id, v: d.version, r: 'Nộp bù' }, await api.login('gd.gdtx'))).data!.submitSubmission);
    }
    const [clean, stale, unclean] = submitted;
    // An error slipped into a submitted report (a value changed behind the workflow): it must be read on its own.
    // (A typed count: the staff total is computed from GDTX v2 on, so a changed total would simply be derived again.)
    await owner.query(`UPDATE submission SET "values" = jsonb_set("values", '{staff_female}', '999') WHERE id = $1`, [unclean.id]);
    // Bắc Ninh's submitted report (its ids are not Thanh Hóa's to act on).
    const { rows: [foreign] } = await owner.query(`SELECT s.id, s.version, s.status FROM submission s JOIN centre c ON c.id = s.centre_id
      WHERE c.code LIKE 'BN-%' AND s.status = 'SUBMITTED' LIMIT 1`);
    expect(foreign).toBeDefined();
    const unknown = '00000000-0000-4000-8000-000000000001';

    const r = await api.gql<{ acceptSubmissions: { accepted: Sub[]; refused: { id: string; code: string; reason: string | null; messageVi: string }[] } }>(BULK, {
      items: [
        { id: clean.id, expectedVersion: clean.version },
        { id: stale.id, expectedVersion: stale.version - 1 },
        { id: unclean.id, expectedVersion: unclean.version },
        { id: foreign.id, expectedVersion: foreign.version },
        { id: unknown, expectedVersion: 1 },
      ],
    }, await api.login('so.chuyenvien'));
    expect(r.errors).toBeUndefined();
    expect(r.data!.acceptSubmissions.accepted).toEqual([{ id: clean.id, status: 'ACCEPTED', version: clean.version + 1 }]);
    const refused = Object.fromEntries(r.data!.acceptSubmissions.refused.map((x) => [x.id, [x.code, x.reason]]));
    expect(refused).toEqual({
      [stale.id]: ['CONFLICT', 'STALE_VERSION'],
      [unclean.id]: ['VALIDATION_FAILED', 'NOT_CLEAN'],
      [foreign.id]: ['NOT_FOUND', null],
      [unknown]: ['NOT_FOUND', null],
    });
    expect(r.data!.acceptSubmissions.refused.every((x) => x.messageVi.length > 0)).toBe(true);
    // Nothing changed but the clean one; Bắc Ninh's report is as it was.
    const { rows } = await owner.query(`SELECT id, status, version FROM submission WHERE id = ANY($1::uuid[])`, [[stale.id, unclean.id, foreign.id]]);
    expect(Object.fromEntries(rows.map((x) => [x.id, [x.status, x.version]]))).toEqual({
      [stale.id]: ['SUBMITTED', stale.version], [unclean.id]: ['SUBMITTED', unclean.version], [foreign.id]: ['SUBMITTED', foreign.version],
    });

    // A centre director may not review at all, nor Bắc Ninh's administrator (no review permission; the other
    // direction, a Thanh Hóa reviewer and Bắc Ninh's report, is NOT_FOUND above: row-level security).
    for (const user of ['gd.gdtx', 'bn.quantri']) {
      expect(errorCode(await api.gql(BULK, { items: [{ id: stale.id, expectedVersion: stale.version }] }, await api.login(user)))).toBe('FORBIDDEN');
    }
    expect((await owner.query(`SELECT status FROM submission WHERE id = $1`, [stale.id])).rows[0].status).toBe('SUBMITTED');
  });

  it('the queue shows each report\'s errors and warnings (as its issues say) and filters by supervisory area', async () => {
    const token = await api.login('so.chuyenvien');
    // An error slipped into one submitted report (more women than staff; staff_total is computed in GDTX v2): its
    // count says so before anyone opens it.
    const d = await draft('gd.gdtx', 'TH-GDTX', 'GDTX_SEMESTER', NEVER_FILED[NEVER_FILED.length - 1]);
    const sub = (await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id: d.id, v: d.version, r: 'Nộp bù' }, await api.login('gd.gdtx'))).data!.submitSubmission;
    await owner.query(`UPDATE submission SET "values" = jsonb_set("values", '{staff_female}', '999') WHERE id = $1`, [sub.id]);
    type Row = { id: string; centreId: string; checks: { errors: number; warnings: number; unexplainedWarnings: number }; issues: { severity: string }[] };
    const QUEUE = `query($f: SubmissionFilter) { submissions(filter: $f, first: 100) { totalCount nodes { id centreId checks { errors warnings unexplainedWarnings } issues { severity } } } }`;
    const queue = await api.gql<{ submissions: { totalCount: number; nodes: Row[] } }>(QUEUE, { f: { status: 'SUBMITTED' } }, token);
    expect(queue.errors).toBeUndefined();
    const rows = queue.data!.submissions.nodes;
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      // `issues` silences explained warnings: what is left are the errors and the unexplained ones.
      expect([row.checks.errors, row.checks.unexplainedWarnings]).toEqual([
        row.issues.filter((i) => i.severity === 'error').length, row.issues.filter((i) => i.severity !== 'error').length,
      ]);
      expect(row.checks.warnings).toBeGreaterThanOrEqual(row.checks.unexplainedWarnings);
    }
    expect(rows.find((r) => r.id === sub.id)!.checks.errors).toBeGreaterThan(0);

    // By area: the area officer's own centres, nothing outside them; the whole queue is larger.
    const { rows: [area] } = await owner.query(`SELECT a.id FROM supervisory_area a WHERE a.name = 'Khu vực Thọ Xuân'`);
    const inArea = await api.gql<{ submissions: { totalCount: number; nodes: Row[] } }>(QUEUE, { f: { status: 'SUBMITTED', areaId: area.id } }, token);
    expect(inArea.errors).toBeUndefined();
    const officer = await api.gql<{ centres: { nodes: { id: string }[] } }>(`{ centres(first: 200) { nodes { id } } }`, {}, await api.login('kv.thoxuan'));
    const areaCentres = new Set(officer.data!.centres.nodes.map((n) => n.id));
    expect(inArea.data!.submissions.totalCount).toBeGreaterThan(0);
    expect(inArea.data!.submissions.totalCount).toBeLessThan(queue.data!.submissions.totalCount);
    for (const row of inArea.data!.submissions.nodes) expect(areaCentres.has(row.centreId)).toBe(true);
    expect(rows.filter((r) => areaCentres.has(r.centreId)).length).toBe(inArea.data!.submissions.totalCount);
    // Another province's area is not one this reviewer can filter by (row-level security), nor an unknown one.
    const { rows: [foreignArea] } = await owner.query(`SELECT a.id FROM supervisory_area a JOIN administrative_unit p ON p.id = a.province_id WHERE p.code <> 'TH' LIMIT 1`);
    for (const areaId of [foreignArea?.id, '00000000-0000-4000-8000-000000000002'].filter(Boolean)) {
      const r = await api.gql(QUEUE, { f: { status: 'SUBMITTED', areaId } }, token);
      expect(errorCode(r)).toBe('NOT_FOUND');
      expect(r.errors?.[0].message).toMatch(/khu vực giám sát/);
    }
  });

  it('refuses a bulk of more than 200 and an oversized late reason with a coded Vietnamese error', async () => {
    const items = Array.from({ length: 201 }, () => ({ id: '00000000-0000-4000-8000-000000000001', expectedVersion: 1 }));
    const big = await api.gql(BULK, { items }, await api.login('so.chuyenvien'));
    expect(errorCode(big)).toBe('BAD_USER_INPUT');
    expect(big.errors![0].message).toBe('Mỗi lần duyệt tối đa 200 báo cáo');
    const m = neverFiled();
    const d = await draft('gd.gdtx', 'TH-GDTX', m.templateCode, m.periodCode);
    const long = await api.gql(SUBMIT, { id: d.id, v: d.version, r: 'x'.repeat(2001) }, await api.login('gd.gdtx'));
    expect(errorCode(long)).toBe('VALIDATION_FAILED');
  });
});

