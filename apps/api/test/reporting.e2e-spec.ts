import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { periodContaining, previousPeriod, S0_THANH_HOA_2020_2021_VALUES, vietnamDateOf } from '@gdtx/domain';
import { bootApi, errorCode, GqlResult, TestApi } from './harness';

// Issue 3's must-show over HTTP: due reports, the submission workflow with optimistic locking, isolation of
// every mutation, and the Excel round-trip — against the booted API and real PostgreSQL.
describe('reporting (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const ids: Record<string, string> = {};
  const today = vietnamDateOf(new Date());
  const currentSemester = periodContaining('SEMESTER', today).code;
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

  const SUBMISSION_FIELDS = `id status version templateCode periodCode centreId values explanations dueDate submittedAt acceptedAt`;
  const SAVE = `mutation($input: SaveSubmissionDraftInput!) {
    saveSubmissionDraft(input: $input) { changed submission { ${SUBMISSION_FIELDS} } issues { ruleCode severity fields messageVi messageEn } } }`;
  const SUBMIT = `mutation($id: ID!, $v: Int!) { submitSubmission(id: $id, expectedVersion: $v) { ${SUBMISSION_FIELDS} } }`;
  const RETURN = `mutation($id: ID!, $v: Int!, $c: String!, $fc: [FieldCommentInput!]) { returnSubmission(id: $id, expectedVersion: $v, comment: $c, fieldComments: $fc) { id status version } }`;
  const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptSubmission(id: $id, expectedVersion: $v) { id status version acceptedAt } }`;
  const REOPEN = `mutation($id: ID!, $r: String!) { reopenSubmission(id: $id, reason: $r) { id status version } }`;
  const EXTEND = `mutation($input: GrantExtensionInput!) { grantExtension(input: $input) { id dueDate reason } }`;
  const DUE = `query($c: ID!) { dueReports(centreId: $c) { templateCode periodCode status dueDate regularDueDate extended daysLeft daysLate submissionId submissionVersion } }`;
  const ONE = `query($id: ID!) { submission(id: $id) { ${SUBMISSION_FIELDS}
    versions { number values submittedAt } events { action fromStatus toStatus submissionVersion actorName comment fieldComments { field comment } at } } }`;

  type Sub = { id: string; status: string; version: number; values: Record<string, unknown>; explanations: Record<string, string> };
  type Due = { templateCode: string; periodCode: string; status: string; dueDate: string; regularDueDate: string; extended: boolean; daysLeft: number; daysLate: number | null; submissionId: string | null };

  async function save(user: string, input: Record<string, unknown>) {
    return api.gql<{ saveSubmissionDraft: { changed: boolean; submission: Sub; issues: { ruleCode: string; severity: string; fields: string[]; messageVi: string }[] } }>(
      SAVE, { input }, await api.login(user));
  }

  async function counts(): Promise<Record<string, number>> {
    const { rows } = await owner.query(`SELECT
      (SELECT count(*) FROM submission)::int AS submissions, (SELECT coalesce(sum(version), 0) FROM submission)::int AS versions,
      (SELECT count(*) FROM submission_event)::int AS events, (SELECT count(*) FROM submission_version)::int AS submitted,
      (SELECT count(*) FROM audit_event)::int AS audits, (SELECT count(*) FROM deadline_extension)::int AS extensions,
      (SELECT count(*) FROM outbox)::int AS outbox`);
    return rows[0];
  }

  const validValues = () => ({ ...S0_THANH_HOA_2020_2021_VALUES });

  describe('templates and due reports', () => {
    it('lists the templates of a centre type and returns a version with its definition', async () => {
      const token = await api.login('gd.gdtx');
      const r = await api.gql<{ reportTemplates: { code: string; version: number; periodType: string }[] }>(
        `{ reportTemplates(centreType: PROVINCIAL_GDTX) { code version periodType } }`, {}, token);
      expect(r.errors).toBeUndefined();
      expect(r.data!.reportTemplates.map((t) => t.code).sort()).toEqual(['GDTX_SCHOOL_YEAR', 'GDTX_SEMESTER']);
      const one = await api.gql<{ reportTemplate: { code: string; version: number; national: boolean; definition: { sections: unknown[]; rules: unknown[] } } }>(
        `{ reportTemplate(code: "GDTX_SEMESTER", version: 1) { code version national definition } }`, {}, token);
      expect(one.data!.reportTemplate).toMatchObject({ code: 'GDTX_SEMESTER', version: 1, national: true });
      expect(one.data!.reportTemplate.definition.sections.length).toBeGreaterThan(5);
      const missing = await api.gql(`{ reportTemplate(code: "GDTX_SEMESTER", version: 9) { code } }`, {}, token);
      expect(errorCode(missing)).toBe('NOT_FOUND');
    });

    it('a director sees their due reports: the current semester not started, the last one returned, history accepted', async () => {
      const r = await api.gql<{ dueReports: Due[] }>(DUE, { c: ids['TH-GDTX'] }, await api.login('gd.gdtx'));
      expect(r.errors).toBeUndefined();
      const due = r.data!.dueReports;
      const current = due.find((d) => d.templateCode === 'GDTX_SEMESTER' && d.periodCode === currentSemester)!;
      expect(current).toMatchObject({ status: 'NOT_STARTED', submissionId: null });
      expect(current.daysLeft).toBeGreaterThanOrEqual(0);
      expect(due.find((d) => d.templateCode === 'GDTX_SEMESTER' && d.periodCode === lastSemester)).toMatchObject({ status: 'RETURNED', daysLate: 0 });
      expect(due.every((d) => ['NOT_STARTED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED', 'OVERDUE'].includes(d.status))).toBe(true);
    });

    it('shows a missing report as OVERDUE and another centre\'s list as NOT_FOUND', async () => {
      const so = await api.login('so.chuyenvien');
      const r = await api.gql<{ dueReports: Due[] }>(DUE, { c: ids['TH-HH-GDNN'] }, so);
      expect(r.data!.dueReports.find((d) => d.periodCode === lastSemester && d.templateCode === 'GDTX_SEMESTER')).toMatchObject({ status: 'OVERDUE', submissionId: null });
      const other = await api.gql(DUE, { c: ids['TH-GDTX'] }, await api.login('gd.hoasen'));
      expect(errorCode(other)).toBe('NOT_FOUND');
    });

    it('the Sở grants an extension: recorded, audited, and the due date moves', async () => {
      const so = await api.login('so.chuyenvien');
      const newDue = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
      const r = await api.gql<{ grantExtension: { dueDate: string } }>(EXTEND, {
        input: { centreId: ids['TH-HH-GDNN'], templateCode: 'GDTX_SEMESTER', periodCode: lastSemester, dueDate: newDue, reason: 'Trung tâm sáp nhập, thay đổi nhân sự' },
      }, so);
      expect(r.errors).toBeUndefined();
      expect(r.data!.grantExtension.dueDate).toBe(newDue);
      const due = await api.gql<{ dueReports: Due[] }>(DUE, { c: ids['TH-HH-GDNN'] }, so);
      expect(due.data!.dueReports.find((d) => d.periodCode === lastSemester && d.templateCode === 'GDTX_SEMESTER')).toMatchObject({ status: 'NOT_STARTED', extended: true, dueDate: newDue });
      const { rows } = await owner.query(`SELECT data FROM audit_event WHERE action = 'DEADLINE_EXTENDED' AND centre_id = $1`, [ids['TH-HH-GDNN']]);
      expect(rows).toHaveLength(1);
      expect(rows[0].data).toMatchObject({ periodCode: lastSemester, dueDate: newDue });
    });
  });

  describe('submissions list', () => {
    const LIST = `query($f: SubmissionFilter, $first: Int, $after: String) {
      submissions(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id centreCode status periodCode templateCode } } }`;
    type List = { submissions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string; centreCode: string; status: string; periodCode: string; templateCode: string }[] } };

    it('the Sở review queue filters by status and template and pages with cursors', async () => {
      const so = await api.login('so.chuyenvien');
      const queue = await api.gql<List>(LIST, { f: { status: 'SUBMITTED', templateCode: 'LANGUAGE_IT_QUARTERLY' }, first: 3 }, so);
      expect(queue.errors).toBeUndefined();
      const { rows: [{ n }] } = await owner.query(
        `SELECT count(*)::int AS n FROM submission s JOIN centre c ON c.id = s.centre_id JOIN administrative_unit u ON u.id = c.province_id
         WHERE s.status = 'SUBMITTED' AND s.template_code = 'LANGUAGE_IT_QUARTERLY' AND u.code = 'TH'`);
      expect(queue.data!.submissions.totalCount).toBe(n);
      expect(queue.data!.submissions.nodes).toHaveLength(3);
      expect(queue.data!.submissions.nodes.every((x) => x.status === 'SUBMITTED' && x.centreCode.startsWith('TH-'))).toBe(true);
      const next = await api.gql<List>(LIST, { f: { status: 'SUBMITTED', templateCode: 'LANGUAGE_IT_QUARTERLY' }, first: 3, after: queue.data!.submissions.pageInfo.endCursor }, so);
      expect(next.data!.submissions.nodes.map((x) => x.id)).not.toContain(queue.data!.submissions.nodes[0].id);
    });

    it('a director lists only their centre, a supervisor only their area', async () => {
      const own = await api.gql<List>(LIST, { first: 200 }, await api.login('gd.hoasen'));
      expect(new Set(own.data!.submissions.nodes.map((x) => x.centreCode))).toEqual(new Set(['TH-NN-004']));
      const other = await api.gql<List>(LIST, { f: { centreId: ids['TH-GDTX'] } }, await api.login('gd.hoasen'));
      expect(other.data!.submissions.totalCount).toBe(0);
      // After the 2025 reform (issue 12): the area officer of Khu vực Thọ Xuân lists the reports of the centres in the
      // area's communes; the commune officer of Xuân Hòa those of its commune, the same as the Sở filtering by it.
      const area = await api.gql<List>(LIST, { first: 200 }, await api.login('kv.thoxuan'));
      const codes = new Set(area.data!.submissions.nodes.map((x) => x.centreCode));
      expect(codes.has('TH-NN-004')).toBe(true);
      expect(codes.has('TH-GDTX')).toBe(false);
      const { rows: [{ n: inArea }] } = await owner.query(
        `SELECT count(*)::int AS n FROM submission s JOIN centre c ON c.id = s.centre_id
         WHERE EXISTS (SELECT 1 FROM supervisory_area a JOIN supervisory_area_member m ON m.area_id = a.id AND m.valid_to IS NULL
                       JOIN administrative_unit u ON u.id = m.unit_id WHERE a.code = 'KV-THO-XUAN' AND c.unit_path LIKE u.path || '%')`,
      );
      expect(area.data!.submissions.totalCount).toBe(inArea);
      const commune = await api.gql<List>(LIST, { first: 200 }, await api.login('xa.xuanhoa'));
      expect(new Set(commune.data!.submissions.nodes.map((x) => x.centreCode)).has('TH-NN-005')).toBe(true);
      const { rows } = await owner.query(`SELECT unit_id AS id FROM app_user WHERE username = 'xa.xuanhoa'`);
      const byUnit = await api.gql<List>(LIST, { f: { unitId: rows[0].id }, first: 200 }, await api.login('so.chuyenvien'));
      expect(byUnit.data!.submissions.totalCount).toBe(commune.data!.submissions.totalCount);
      expect(commune.data!.submissions.totalCount).toBeLessThan(area.data!.submissions.totalCount);
      const bn = await api.gql<List>(LIST, { first: 200 }, await api.login('bn.quantri'));
      // Bắc Ninh's own and, since the merger of 1 Jul 2025, Bắc Giang's (its lineage, ADR 0015): never Thanh Hóa's.
      expect(bn.data!.submissions.nodes.every((x) => x.centreCode.startsWith('BN-') || x.centreCode.startsWith('BG-'))).toBe(true);
    });
  });

  describe('submission workflow', () => {
    let id: string;

    it('saves a draft with certified > candidates but refuses to submit it, naming both fields', async () => {
      const values = { ...validValues(), exam_certified: 2280, 'exam_by_type.it_basic.certified': 2280, exam_pass_rate: null };
      const saved = await save('cb.gdtx', { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, values });
      expect(saved.errors).toBeUndefined();
      const { submission, issues } = saved.data!.saveSubmissionDraft;
      id = submission.id;
      expect(submission).toMatchObject({ status: 'DRAFT', version: 1 });
      expect(submission.values['exam_certified']).toBe(2280);
      const issue = issues.find((i) => i.ruleCode === 'exam.certified_le_candidates')!;
      expect(issue.severity).toBe('error');
      expect(issue.fields).toEqual(expect.arrayContaining(['exam_certified', 'exam_candidates']));

      const staffSubmit = await api.gql(SUBMIT, { id, v: 1 }, await api.login('cb.gdtx'));
      expect(errorCode(staffSubmit)).toBe('FORBIDDEN');

      const before = await counts();
      const r = await api.gql(SUBMIT, { id, v: 1 }, await api.login('gd.gdtx'));
      expect(errorCode(r)).toBe('VALIDATION_FAILED');
      const fields = (r.errors![0].extensions!['fields'] as { field: string; ruleCode: string; messageVi: string }[]).filter((f) => f.ruleCode === 'exam.certified_le_candidates');
      expect(fields.map((f) => f.field)).toEqual(expect.arrayContaining(['exam_certified', 'exam_candidates']));
      expect(fields[0].messageVi).toMatch(/cấp chứng chỉ.*2\.280.*2\.279/);
      expect(r.errors![0].message).toMatch(/chưa thể nộp/);
      expect(await counts()).toEqual(before);
    });

    it('refuses values of the wrong type or unknown keys, and saves nothing', async () => {
      const before = await counts();
      const wrong = await save('cb.gdtx', { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, values: { exam_candidates: 'nhiều' }, expectedVersion: 1 });
      expect(errorCode(wrong)).toBe('VALIDATION_FAILED');
      const unknown = await save('cb.gdtx', { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, values: { khong_co: 1 }, expectedVersion: 1 });
      expect(errorCode(unknown)).toBe('VALIDATION_FAILED');
      const nested = await save('cb.gdtx', { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, values: { exam_candidates: { a: 1 } }, expectedVersion: 1 });
      expect(errorCode(nested)).toBe('VALIDATION_FAILED');
      expect(await counts()).toEqual(before);
    });

    it('a second user\'s stale save gets CONFLICT and loses nothing', async () => {
      const fixed = await save('gd.gdtx', { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, values: validValues(), expectedVersion: 1 });
      expect(fixed.errors).toBeUndefined();
      expect(fixed.data!.saveSubmissionDraft.submission.version).toBe(2);
      expect(fixed.data!.saveSubmissionDraft.issues.filter((i) => i.severity === 'error')).toEqual([]);

      const before = await counts();
      const stale = await save('cb.gdtx', { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, values: { ...validValues(), staff_total: 57 }, expectedVersion: 1 });
      expect(errorCode(stale)).toBe('CONFLICT');
      expect(stale.errors![0].extensions!['currentVersion']).toBe(2);
      expect(stale.errors![0].extensions!['reason']).toBe('STALE_VERSION');
      expect(await counts()).toEqual(before);
      const { rows } = await owner.query(`SELECT "values"->>'staff_total' AS t, version FROM submission WHERE id = $1`, [id]);
      expect(rows[0]).toEqual({ t: '56', version: 2 });
    });

    it('submits, is returned with a field comment, fixed, resubmitted and accepted; the history lists every step', async () => {
      const director = await api.login('gd.gdtx');
      const so = await api.login('so.chuyenvien');
      const submitted = await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id, v: 2 }, director);
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data!.submitSubmission).toMatchObject({ status: 'SUBMITTED', version: 3 });

      const locked = await save('gd.gdtx', { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, values: validValues(), expectedVersion: 3 });
      expect(errorCode(locked)).toBe('CONFLICT');

      const badField = await api.gql(RETURN, { id, v: 3, c: 'Xem lại', fc: [{ field: 'khong_ton_tai', comment: 'x' }] }, so);
      expect(errorCode(badField)).toBe('VALIDATION_FAILED');
      const returned = await api.gql<{ returnSubmission: Sub }>(RETURN, {
        id, v: 3, c: 'Đề nghị rà soát số liệu thi chứng chỉ', fc: [{ field: 'exam_candidates', comment: 'Số dự thi chưa khớp danh sách hội đồng' }],
      }, so);
      expect(returned.errors).toBeUndefined();
      expect(returned.data!.returnSubmission).toMatchObject({ status: 'RETURNED', version: 4 });

      const refixed = await save('gd.gdtx', {
        centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: currentSemester, expectedVersion: 4,
        values: { ...validValues(), exam_candidates: 2280, 'exam_by_type.it_basic.candidates': 2280, exam_pass_rate: null },
      });
      expect(refixed.errors).toBeUndefined();
      expect(refixed.data!.saveSubmissionDraft.submission).toMatchObject({ status: 'RETURNED', version: 5 });
      const resubmitted = await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id, v: 5 }, director);
      expect(resubmitted.data!.submitSubmission).toMatchObject({ status: 'SUBMITTED', version: 6 });

      const before = await counts();
      const accepted = await api.gql<{ acceptSubmission: Sub & { acceptedAt: string } }>(ACCEPT, { id, v: 6 }, so);
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data!.acceptSubmission).toMatchObject({ status: 'ACCEPTED', version: 7 });
      const after = await counts();
      expect(after.events - before.events).toBe(1);
      expect(after.audits - before.audits).toBe(1);
      expect(after.outbox - before.outbox).toBe(1);
      const { rows: outbox } = await owner.query(`SELECT topic, payload FROM outbox WHERE dedupe_key = $1`, [`submission:${id}:accepted:v7`]);
      expect(outbox).toEqual([{ topic: 'submission.accepted', payload: { submissionId: id, version: 7 } }]);

      const r = await api.gql<{ submission: Sub & { versions: { number: number; values: Record<string, unknown> }[]; events: { action: string; toStatus: string; actorName: string; comment: string | null; fieldComments: { field: string; comment: string }[] }[] } }>(
        ONE, { id }, director);
      expect(r.errors).toBeUndefined();
      const s = r.data!.submission;
      expect(s.events.map((e) => e.action)).toEqual(['CREATED', 'SAVED', 'SUBMITTED', 'RETURNED', 'SAVED', 'SUBMITTED', 'ACCEPTED']);
      expect(s.events.map((e) => e.toStatus)).toEqual(['DRAFT', 'DRAFT', 'SUBMITTED', 'RETURNED', 'RETURNED', 'SUBMITTED', 'ACCEPTED']);
      const ret = s.events[3];
      expect(ret).toMatchObject({ actorName: 'Nguyễn Văn Minh', comment: 'Đề nghị rà soát số liệu thi chứng chỉ' });
      expect(ret.fieldComments).toEqual([{ field: 'exam_candidates', comment: 'Số dự thi chưa khớp danh sách hội đồng' }]);
      expect(s.versions.map((v) => v.number)).toEqual([1, 2]);
      expect(s.versions[0].values['exam_candidates']).toBe(2279);

      const diff = await api.gql<{ submission: { diff: { key: string; labelVi: string; from: unknown; to: unknown }[] } }>(
        `query($id: ID!) { submission(id: $id) { diff(fromVersion: 1, toVersion: 2) { key labelVi from to } } }`, { id }, director);
      expect(diff.data!.submission.diff).toEqual(expect.arrayContaining([
        { key: 'exam_candidates', labelVi: 'Số dự thi', from: 2279, to: 2280 },
      ]));
      // The rate is computed (GDTX v2): the blank sent for it was ignored, and 2270 / 2280 still rounds to 99,6 %.
      expect(diff.data!.submission.diff.map((d) => d.key)).not.toContain('exam_pass_rate');

      const { rows: audits } = await owner.query(`SELECT action FROM audit_event WHERE entity = 'submission' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audits.map((a) => a.action)).toEqual(['SUBMISSION_CREATED', 'SUBMISSION_SAVED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_RETURNED', 'SUBMISSION_SAVED', 'SUBMISSION_SUBMITTED', 'SUBMISSION_ACCEPTED']);

      const due = await api.gql<{ dueReports: Due[] }>(DUE, { c: ids['TH-GDTX'] }, director);
      expect(due.data!.dueReports.find((d) => d.periodCode === currentSemester && d.templateCode === 'GDTX_SEMESTER')).toMatchObject({ status: 'ACCEPTED', daysLate: 0 });
    });

    it('the Sở reopens an accepted report (back to the centre as RETURNED) with an outbox row', async () => {
      const r = await api.gql<{ reopenSubmission: Sub }>(REOPEN, { id, r: 'Phát hiện sai sót khi tổng hợp toàn tỉnh' }, await api.login('so.quantri'));
      expect(r.errors).toBeUndefined();
      expect(r.data!.reopenSubmission).toMatchObject({ status: 'RETURNED', version: 8 });
      const { rows } = await owner.query(`SELECT topic FROM outbox WHERE dedupe_key = $1`, [`submission:${id}:reopened:v8`]);
      expect(rows).toEqual([{ topic: 'submission.reopened' }]);
      const again = await api.gql(REOPEN, { id, r: 'lần nữa' }, await api.login('so.quantri'));
      expect(errorCode(again)).toBe('CONFLICT');
    });

    it('a change over ±50% from the previous accepted period cannot be submitted until it is explained', async () => {
      const director = await api.login('gd.gdtx');
      const so = await api.login('so.chuyenvien');
      const currentYear = periodContaining('SCHOOL_YEAR', today).code;
      const lastYear = previousPeriod(currentYear).code;
      const { rows: [previous] } = await owner.query(
        `SELECT id, status, version FROM submission WHERE centre_id = $1 AND template_code = 'GDTX_SCHOOL_YEAR' AND period_code = $2`, [ids['TH-GDTX'], lastYear]);
      expect(previous.status).toBe('SUBMITTED');
      expect((await api.gql(ACCEPT, { id: previous.id, v: previous.version }, so)).errors).toBeUndefined();

      const values = { ...validValues(), exam_candidates: 1000, exam_certified: 990, 'exam_by_type.it_basic.candidates': 1000, 'exam_by_type.it_basic.certified': 990, exam_pass_rate: 99 };
      const saved = await save('gd.gdtx', { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SCHOOL_YEAR', periodCode: currentYear, values });
      expect(saved.errors).toBeUndefined();
      const warning = saved.data!.saveSubmissionDraft.issues.find((i) => i.ruleCode === 'exam.candidates_change')!;
      expect(warning.severity).toBe('warning');
      const yearId = saved.data!.saveSubmissionDraft.submission.id;
      const refused = await api.gql(SUBMIT, { id: yearId, v: 1 }, director);
      expect(errorCode(refused)).toBe('VALIDATION_FAILED');
      expect((refused.errors![0].extensions!['fields'] as { ruleCode: string; field: string }[])).toEqual(
        expect.arrayContaining([expect.objectContaining({ ruleCode: 'exam.candidates_change', field: 'exam_candidates' })]));
      expect(refused.errors![0].message).toMatch(/giải trình/);

      const explained = await save('gd.gdtx', {
        centreId: ids['TH-GDTX'], templateCode: 'GDTX_SCHOOL_YEAR', periodCode: currentYear, values, expectedVersion: 1,
        explanations: { 'exam.candidates_change': 'Năm nay chỉ tổ chức thi cho học viên của trung tâm.' },
      });
      expect(explained.data!.saveSubmissionDraft.issues.find((i) => i.ruleCode === 'exam.candidates_change')).toBeUndefined();
      const ok = await api.gql<{ submitSubmission: Sub }>(SUBMIT, { id: yearId, v: 2 }, director);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.submitSubmission.explanations).toEqual({ 'exam.candidates_change': 'Năm nay chỉ tổ chức thi cho học viên của trung tâm.' });
    });

    it('the commune officer reviews its commune\'s TTHTCĐ only; the area officer and the dissolved district office review nothing; the Sở the rest', async () => {
      const submitted = async (where: string) =>
        (await owner.query(
          `SELECT s.id, s.version FROM submission s JOIN centre c ON c.id = s.centre_id WHERE ${where} AND s.status = 'SUBMITTED' ORDER BY s.period_code DESC LIMIT 1`,
        )).rows[0] as { id: string; version: number };
      const tthtcd = await submitted(`c.type = 'TTHTCD' AND c.admin_unit_id = (SELECT unit_id FROM app_user WHERE username = 'xa.xuanhoa')`);
      const language = await submitted(`c.code = 'TH-NN-005'`); // a language centre in Xuân Hòa: licensed and reviewed by the Sở
      const hoaSen = await submitted(`c.code = 'TH-NN-004'`);
      expect([tthtcd, language, hoaSen].every(Boolean)).toBe(true);
      const commune = await api.login('xa.xuanhoa');
      for (const user of ['kv.thoxuan', 'phong.thoxuan']) {
        const token = await api.login(user);
        expect(errorCode(await api.gql(ACCEPT, { id: tthtcd.id, v: tthtcd.version }, token))).toBe('FORBIDDEN');
        expect(errorCode(await api.gql(ACCEPT, { id: hoaSen.id, v: hoaSen.version }, token))).toBe('FORBIDDEN');
      }
      const refused = await api.gql(ACCEPT, { id: language.id, v: language.version }, commune);
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toMatch(/Sở duyệt/);
      expect(errorCode(await api.gql(ACCEPT, { id: hoaSen.id, v: hoaSen.version }, commune))).toBe('NOT_FOUND'); // outside the commune
      const { rows: untouched } = await owner.query(`SELECT status FROM submission WHERE id = ANY ($1::uuid[])`, [[language.id, hoaSen.id]]);
      expect(untouched.map((r: { status: string }) => r.status)).toEqual(['SUBMITTED', 'SUBMITTED']);
      const r = await api.gql<{ acceptSubmission: Sub }>(ACCEPT, { id: tthtcd.id, v: tthtcd.version }, commune);
      expect(r.errors).toBeUndefined();
      expect(r.data!.acceptSubmission.status).toBe('ACCEPTED');
      const so = await api.gql<{ acceptSubmission: Sub }>(ACCEPT, { id: hoaSen.id, v: hoaSen.version }, await api.login('so.chuyenvien'));
      expect(so.data!.acceptSubmission.status).toBe('ACCEPTED');
    });

    // Issue 11: a CONFLICT says why in extensions.reason, so the web can tell a stale version from a wrong status.
    async function submissionOf(centreCode: string, status: string): Promise<{ id: string; version: number }> {
      const { rows } = await owner.query(
        `SELECT id, version FROM submission WHERE centre_id = $1 AND template_code = 'LANGUAGE_IT_QUARTERLY' AND status = $2 LIMIT 1`, [ids[centreCode], status]);
      return rows[0];
    }

    it('a stale accept or return is CONFLICT with reason STALE_VERSION and changes nothing', async () => {
      const so = await api.login('so.chuyenvien');
      const submitted = await submissionOf('TH-NN-001', 'SUBMITTED');
      const before = await counts();
      const accept = await api.gql(ACCEPT, { id: submitted.id, v: submitted.version - 1 }, so);
      expect(errorCode(accept)).toBe('CONFLICT');
      expect(accept.errors![0].extensions).toMatchObject({ reason: 'STALE_VERSION', currentVersion: submitted.version, expectedVersion: submitted.version - 1 });
      const ret = await api.gql(RETURN, { id: submitted.id, v: submitted.version + 1, c: 'Xem lại' }, so);
      expect(errorCode(ret)).toBe('CONFLICT');
      expect(ret.errors![0].extensions!['reason']).toBe('STALE_VERSION');
      expect(await counts()).toEqual(before);
    });

    it('accepting a draft is CONFLICT with reason INVALID_TRANSITION and changes nothing', async () => {
      const draft = await submissionOf('TH-NN-006', 'DRAFT');
      const before = await counts();
      const r = await api.gql(ACCEPT, { id: draft.id, v: draft.version }, await api.login('so.chuyenvien'));
      expect(errorCode(r)).toBe('CONFLICT');
      expect(r.errors![0].extensions).toMatchObject({ reason: 'INVALID_TRANSITION', status: 'DRAFT' });
      expect(await counts()).toEqual(before);
    });

    it('accept and return require expectedVersion (BAD_USER_INPUT without it, nothing written)', async () => {
      const so = await api.login('so.chuyenvien');
      const submitted = await submissionOf('TH-NN-002', 'SUBMITTED');
      const before = await counts();
      const accept = await api.gql(`mutation($id: ID!) { acceptSubmission(id: $id) { id status } }`, { id: submitted.id }, so);
      expect(errorCode(accept)).toBe('BAD_USER_INPUT');
      const ret = await api.gql(`mutation($id: ID!) { returnSubmission(id: $id, comment: "Xem lại") { id status } }`, { id: submitted.id }, so);
      expect(errorCode(ret)).toBe('BAD_USER_INPUT');
      expect(await counts()).toEqual(before);
    });
  });

  describe('isolation: every mutation out of scope fails and writes nothing', () => {
    let submittedId: string;
    let acceptedId: string;
    let draftId: string;

    beforeAll(async () => {
      const q = async (status: string) =>
        (await owner.query(`SELECT id FROM submission WHERE centre_id = $1 AND status = $2 ORDER BY period_code DESC LIMIT 1`, [ids['TH-GDTX'], status])).rows[0].id as string;
      submittedId = await q('SUBMITTED');
      acceptedId = await q('ACCEPTED');
      draftId = await q('RETURNED');
    });

    const attempts = (): [string, string, Record<string, unknown>][] => [
      ['read', ONE, { id: submittedId }],
      ['save', SAVE, { input: { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: lastSemester, values: validValues(), expectedVersion: 1 } }],
      ['submit', SUBMIT, { id: draftId, v: 1 }],
      ['return', RETURN, { id: submittedId, v: 2, c: 'x' }],
      ['accept', ACCEPT, { id: submittedId, v: 2 }],
      ['reopen', REOPEN, { id: acceptedId, r: 'x' }],
      ['extend', EXTEND, { input: { centreId: ids['TH-GDTX'], templateCode: 'GDTX_SEMESTER', periodCode: lastSemester, dueDate: '2099-01-01', reason: 'x' } }],
    ];

    it.each(['gd.hoasen', 'xa.xuanhoa', 'kv.thoxuan', 'phong.thoxuan', 'bn.quantri', 'so.lanhdao', 'so.thanhtra'])('%s cannot read, save or review TH-GDTX reports', async (user) => {
      const token = await api.login(user);
      const before = await counts();
      for (const [name, query, variables] of attempts()) {
        if (name === 'reopen' && user === 'so.lanhdao') continue; // the Sở leader holds REPORT_REOPEN for the province
        const r: GqlResult<unknown> = await api.gql(query, variables, token);
        const code = errorCode(r);
        // Province-wide readers may read; everything else is refused as NOT_FOUND (out of scope) or FORBIDDEN (role).
        if (name === 'read' && (user === 'so.lanhdao' || user === 'so.thanhtra')) {
          expect(r.errors).toBeUndefined();
          continue;
        }
        expect([name, code]).toEqual([name, expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/)]);
      }
      expect(await counts()).toEqual(before);
    });

    it('out-of-scope users cannot download or upload the workbook', async () => {
      const qs = `centreId=${ids['TH-GDTX']}&templateCode=GDTX_SEMESTER&periodCode=${lastSemester}`;
      for (const user of ['gd.hoasen', 'bn.quantri', 'xa.xuanhoa', 'kv.thoxuan', 'phong.thoxuan']) {
        const token = await api.login(user);
        const res = await fetch(`${api.url}/api/reports/workbook?${qs}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(404);
      }
      const anonymous = await fetch(`${api.url}/api/reports/workbook?${qs}`);
      expect(anonymous.status).toBe(401);
      const before = await counts();
      const form = new FormData();
      form.set('centreId', ids['TH-GDTX']);
      form.set('templateCode', 'GDTX_SEMESTER');
      form.set('periodCode', lastSemester);
      form.set('file', new Blob([new TextEncoder().encode('PK not really')]), 'x.xlsx');
      const up = await fetch(`${api.url}/api/reports/workbook`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await api.login('gd.hoasen')}` } });
      expect(up.status).toBe(404);
      const so = await fetch(`${api.url}/api/reports/workbook`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await api.login('so.chuyenvien')}` } });
      expect(so.status).toBe(403);
      expect(await counts()).toEqual(before);
    });
  });

  describe('Excel round-trip', () => {
    const qs = () => `centreId=${ids['TH-GDTX']}&templateCode=GDTX_SEMESTER&periodCode=${lastSemester}`;

    async function download(): Promise<Buffer> {
      const res = await fetch(`${api.url}/api/reports/workbook?${qs()}`, { headers: { authorization: `Bearer ${await api.login('gd.gdtx')}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      return Buffer.from(await res.arrayBuffer());
    }

    type CellProblem = { sheet: string | null; cell: string | null; code: string; messageVi: string };
    type Refusal = { message: string; extensions: { code: string; reason?: string; messageEn: string; problems: CellProblem[] } };
    /** A refused workbook answers 422 in the one error envelope, its problems in `errors[0].extensions.problems`. */
    const problemsOf = (body: { errors?: Refusal[] }): CellProblem[] => body.errors?.[0]?.extensions.problems ?? [];

    async function upload(file: Buffer): Promise<{ status: number; body: { ok?: boolean; changed: boolean; submission: Sub | null; errors?: Refusal[] } }> {
      const form = new FormData();
      form.set('centreId', ids['TH-GDTX']);
      form.set('templateCode', 'GDTX_SEMESTER');
      form.set('periodCode', lastSemester);
      form.set('file', new Blob([new Uint8Array(file)]), 'bao-cao.xlsx');
      const res = await fetch(`${api.url}/api/reports/workbook`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await api.login('cb.gdtx')}` } });
      return { status: res.status, body: await res.json() };
    }

    async function edit(file: Buffer, key: string, value: unknown): Promise<{ buffer: Buffer; sheet: string; cell: string }> {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as ArrayBuffer);
      const meta = wb.getWorksheet('_meta')!;
      let target: { sheet: string; cell: string } | null = null;
      meta.eachRow((row) => {
        if (row.getCell(1).value === key) target = { sheet: String(row.getCell(2).value), cell: String(row.getCell(3).value) };
      });
      if (!target) throw new Error(`no cell for ${key}`);
      const { sheet, cell } = target as { sheet: string; cell: string };
      wb.getWorksheet(sheet)!.getCell(cell).value = value as ExcelJS.CellValue;
      return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), sheet, cell };
    }

    it('download → edit one cell → upload changes that value; the same file again changes nothing', async () => {
      const { rows: [before] } = await owner.query(`SELECT version, "values" FROM submission WHERE centre_id = $1 AND template_code = 'GDTX_SEMESTER' AND period_code = $2`, [ids['TH-GDTX'], lastSemester]);
      const unchanged = await upload(await download());
      expect(unchanged.status).toBe(200);
      expect(unchanged.body).toMatchObject({ ok: true, changed: false });
      expect(unchanged.body.submission!.version).toBe(before.version);

      const { buffer } = await edit(await download(), 'classrooms', 25);
      const first = await upload(buffer);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ ok: true, changed: true });
      expect(first.body.submission!.values).toEqual({ ...before.values, classrooms: 25 });
      expect(first.body.submission!.version).toBe(before.version + 1);

      const eventsBefore = (await counts()).events;
      const second = await upload(buffer);
      expect(second.body).toMatchObject({ ok: true, changed: false });
      expect(second.body.submission!.version).toBe(before.version + 1);
      expect((await counts()).events).toBe(eventsBefore);
      const { rows } = await owner.query(`SELECT action FROM submission_event WHERE submission_id = $1 ORDER BY id DESC LIMIT 1`, [first.body.submission!.id]);
      expect(rows[0].action).toBe('UPLOADED');
    });

    it('a corrupt, oversized or formula-injected file is rejected with a clear error and writes nothing', async () => {
      const before = await counts();
      const corrupt = await upload(Buffer.from('this is not an excel file'));
      expect(corrupt.status).toBe(422);
      expect(corrupt.body.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'WORKBOOK_REJECTED' });
      expect(corrupt.body.errors![0].message).toMatch(/Tệp Excel có lỗi/);
      expect(problemsOf(corrupt.body)[0]).toMatchObject({ code: 'CORRUPT_FILE', sheet: null, cell: null });
      expect(problemsOf(corrupt.body)[0].messageVi.length).toBeGreaterThan(10);

      const oversized = await upload(Buffer.alloc(6 * 1024 * 1024, 1));
      expect(oversized.status).toBe(422);
      expect(problemsOf(oversized.body)[0]).toMatchObject({ code: 'FILE_TOO_LARGE' });

      const { buffer, sheet, cell } = await edit(await download(), 'exam_candidates', { formula: 'HYPERLINK("http://x","2279")' });
      const injected = await upload(buffer);
      expect(injected.status).toBe(422);
      expect(problemsOf(injected.body)).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'FORMULA_NOT_ALLOWED', sheet, cell })]));
      expect(await counts()).toEqual(before);
    });

    it('a workbook of another period is rejected', async () => {
      const file = await download();
      const form = new FormData();
      form.set('centreId', ids['TH-GDTX']);
      form.set('templateCode', 'GDTX_SEMESTER');
      form.set('periodCode', previousPeriod(lastSemester).code);
      form.set('file', new Blob([new Uint8Array(file)]), 'bao-cao.xlsx');
      const res = await fetch(`${api.url}/api/reports/workbook`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await api.login('gd.gdtx')}` } });
      const body = await res.json();
      expect(res.status).toBe(422);
      expect(problemsOf(body).map((p) => p.code)).toContain('WRONG_PERIOD');
    });
  });

  describe('template versions', () => {
    const PUBLISH = `mutation($d: JSON!) { publishReportTemplate(definition: $d) { code version national nameVi } }`;
    const TEMPLATE = `query($c: String!) { reportTemplate(code: $c) { code version national definition } }`;

    it('the Sở publishes a new version for its province; reports already filed keep theirs, new ones use it', async () => {
      const so = await api.login('so.chuyenvien');
      type Definition = { nameVi: string; version: number; sections: { code: string; fields: unknown[] }[]; rules: { expression: string }[] };
      const v1 = await api.gql<{ reportTemplate: { definition: Definition } }>(TEMPLATE, { c: 'LANGUAGE_IT_QUARTERLY' }, so);
      const definition = structuredClone(v1.data!.reportTemplate.definition);
      definition.nameVi = 'Báo cáo hoạt động quý (mẫu Thanh Hóa)';
      definition.sections.find((x) => x.code === 'staff')!.fields.push({ code: 'teachers_native', labelVi: 'Giáo viên bản ngữ', labelEn: 'Native-speaker teachers', type: 'integer', unit: 'người' });

      expect(errorCode(await api.gql(PUBLISH, { d: definition }, await api.login('gd.hoasen')))).toBe('FORBIDDEN');
      const broken = structuredClone(definition);
      broken.rules[0].expression = 'teachers_total <=';
      expect(errorCode(await api.gql(PUBLISH, { d: broken }, so))).toBe('VALIDATION_FAILED');

      const before = (await owner.query(`SELECT count(*)::int AS n FROM submission WHERE template_code = 'LANGUAGE_IT_QUARTERLY' AND template_version = 1`)).rows[0].n;
      const published = await api.gql<{ publishReportTemplate: { version: number; national: boolean } }>(PUBLISH, { d: definition }, so);
      expect(published.errors).toBeUndefined();
      expect(published.data!.publishReportTemplate).toMatchObject({ version: 2, national: false });
      expect((await owner.query(`SELECT count(*)::int AS n FROM submission WHERE template_code = 'LANGUAGE_IT_QUARTERLY' AND template_version = 1`)).rows[0].n).toBe(before);
      // Audited, and no outbox event: nothing subscribes to a publication (issue 11, defect 11).
      expect((await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'template.published'`)).rows[0].n).toBe(0);

      const th = await api.gql<{ reportTemplate: { version: number } }>(TEMPLATE, { c: 'LANGUAGE_IT_QUARTERLY' }, await api.login('gd.hoasen'));
      expect(th.data!.reportTemplate.version).toBe(2);
      const bn = await api.gql<{ reportTemplate: { version: number; national: boolean } }>(TEMPLATE, { c: 'LANGUAGE_IT_QUARTERLY' }, await api.login('bn.quantri'));
      expect(bn.data!.reportTemplate).toMatchObject({ version: 1, national: true });
      // The version list: Thanh Hóa sees its own v2 above the national v1; Bắc Ninh sees only the national one.
      const VERSIONS = `query($c: String!) { reportTemplateVersions(code: $c) { version national nameVi } }`;
      const thVersions = await api.gql<{ reportTemplateVersions: { version: number; national: boolean; nameVi: string }[] }>(VERSIONS, { c: 'LANGUAGE_IT_QUARTERLY' }, so);
      expect(thVersions.data!.reportTemplateVersions.map((v) => [v.version, v.national])).toEqual([[2, false], [1, true]]);
      expect(thVersions.data!.reportTemplateVersions[0].nameVi).toBe('Báo cáo hoạt động quý (mẫu Thanh Hóa)');
      const bnVersions = await api.gql<{ reportTemplateVersions: { version: number }[] }>(VERSIONS, { c: 'LANGUAGE_IT_QUARTERLY' }, await api.login('bn.quantri'));
      expect(bnVersions.data!.reportTemplateVersions.map((v) => v.version)).toEqual([1]);
      expect(errorCode(await api.gql(VERSIONS, { c: 'NO_SUCH_TEMPLATE' }, so))).toBe('NOT_FOUND');

      const quarter = periodContaining('QUARTER', today).code;
      const draft = await save('gd.hoasen', { centreId: ids['TH-NN-004'], templateCode: 'LANGUAGE_IT_QUARTERLY', periodCode: quarter, values: { teachers_total: 8, teachers_native: 1 } });
      expect(draft.errors).toBeUndefined();
      const { rows } = await owner.query(`SELECT template_version FROM submission WHERE id = $1`, [draft.data!.saveSubmissionDraft.submission.id]);
      expect(rows[0].template_version).toBe(2);
      const old = await save('gd.hoasen', { centreId: ids['TH-NN-004'], templateCode: 'LANGUAGE_IT_QUARTERLY', periodCode: previousPeriod(quarter).code, values: { teachers_native: 1 } });
      // The last quarter's report was filed under version 1, which has no such field.
      expect(errorCode(old)).toBe('VALIDATION_FAILED');
      expect((old.errors![0].extensions!['fields'] as { field: string }[]).map((f) => f.field)).toEqual(['teachers_native']);
    });
  });

  it('a published template version is immutable in the database', async () => {
    await expect(owner.query(`UPDATE report_template_version SET definition = definition WHERE code = 'GDTX_SEMESTER'`)).rejects.toThrow(/immutable/);
    await expect(owner.query(`DELETE FROM report_template_version WHERE code = 'GDTX_SEMESTER'`)).rejects.toThrow(/immutable/);
  });
});
