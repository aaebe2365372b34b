import { Client } from 'pg';
import { periodContaining, S0_THANH_HOA_2020_2021_VALUES, vietnamDateOf } from '@gdtx/domain';
import type { SubmissionStatus } from '@gdtx/domain';
import { SUBMISSION_TRANSITIONS, WorkflowActions } from '@gdtx/reporting';
import type { WorkflowAction } from '@gdtx/reporting';
import { bootApi, errorCode, GqlResult, TestApi } from './harness';

// Issue 11 Build 8: the workflow is the table SUBMISSION_TRANSITIONS, and a refusal says why. One report is walked
// through every status (DRAFT → SUBMITTED → RETURNED → SUBMITTED → ACCEPTED → reopened RETURNED); in each, every
// action the table refuses is CONFLICT / INVALID_TRANSITION naming the status, and every versioned action sent
// with a stale version is CONFLICT / STALE_VERSION (even where the status would refuse it too: the caller's view is
// outdated, reload first). Neither writes anything.
describe('submission workflow over the API: stale version vs wrong status', () => {
  let api: TestApi;
  let owner: Client;
  let centreId: string;
  let id: string;
  const period = periodContaining('SEMESTER', vietnamDateOf(new Date())).code;
  const users = { staff: 'cb.gdtx', director: 'gd.gdtx', reviewer: 'so.chuyenvien' } as const;

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    centreId = (await owner.query(`SELECT id FROM centre WHERE code = 'TH-GDTX'`)).rows[0].id;
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const FIELDS = `id status version`;
  const DOCS: Record<WorkflowAction, { doc: string; user: keyof typeof users; vars: (v: number) => Record<string, unknown> }> = {
    SAVE: {
      doc: `mutation($input: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $input) { submission { ${FIELDS} } } }`,
      user: 'director',
      vars: (v) => ({ input: { centreId, templateCode: 'GDTX_SEMESTER', periodCode: period, values: S0_THANH_HOA_2020_2021_VALUES, explanations: { 'exam.candidates_change': `Ghi chú lần ${v}` }, expectedVersion: v } }),
    },
    SUBMIT: { doc: `mutation($id: ID!, $v: Int!) { submitSubmission(id: $id, expectedVersion: $v) { ${FIELDS} } }`, user: 'director', vars: (v) => ({ id, v }) },
    RETURN: { doc: `mutation($id: ID!, $v: Int!) { returnSubmission(id: $id, expectedVersion: $v, comment: "Xem lại số liệu") { ${FIELDS} } }`, user: 'reviewer', vars: (v) => ({ id, v }) },
    ACCEPT: { doc: `mutation($id: ID!, $v: Int!) { acceptSubmission(id: $id, expectedVersion: $v) { ${FIELDS} } }`, user: 'reviewer', vars: (v) => ({ id, v }) },
    REOPEN: { doc: `mutation($id: ID!) { reopenSubmission(id: $id, reason: "Điều chỉnh số liệu") { ${FIELDS} } }`, user: 'reviewer', vars: () => ({ id }) },
  };

  async function act(action: WorkflowAction, version: number): Promise<GqlResult<Record<string, { submission?: { status: string; version: number }; status?: string; version?: number }>>> {
    const d = DOCS[action];
    return api.gql(d.doc, d.vars(version), await api.login(users[d.user]));
  }

  async function stored(): Promise<{ status: SubmissionStatus; version: number }> {
    return (await owner.query(`SELECT status, version FROM submission WHERE id = $1`, [id])).rows[0];
  }

  async function writes(): Promise<Record<string, number>> {
    const { rows } = await owner.query(
      `SELECT (SELECT count(*) FROM submission_event WHERE submission_id = $1::uuid)::int AS events,
              (SELECT count(*) FROM submission_version WHERE submission_id = $1::uuid)::int AS versions,
              (SELECT count(*) FROM audit_event WHERE entity_id::text = $1::text)::int AS audits,
              (SELECT count(*) FROM outbox WHERE payload->>'submissionId' = $1::text)::int AS outbox`,
      [id],
    );
    return rows[0];
  }

  /** Every refusal the table implies in the report's current status, checked over HTTP, then nothing written. */
  async function refusalsIn(status: SubmissionStatus): Promise<void> {
    const now = await stored();
    expect(now.status).toBe(status);
    const before = await writes();
    const refused = WorkflowActions.filter((a) => !SUBMISSION_TRANSITIONS.some((t) => t.from === status && t.action === a));
    expect(refused.length).toBeGreaterThan(0);
    for (const action of refused) {
      const r = await act(action, now.version);
      expect([action, errorCode(r)]).toEqual([action, 'CONFLICT']);
      expect(r.errors![0].extensions).toMatchObject({ reason: 'INVALID_TRANSITION', status, action });
      expect(r.errors![0].message).toMatch(/báo cáo/i);
    }
    for (const action of WorkflowActions.filter((a) => SUBMISSION_TRANSITIONS.some((t) => t.action === a && t.versioned))) {
      // An older version (someone saved since) and a newer one (a client that skipped ahead); 0 is not a version.
      for (const stale of [now.version + 1, ...(now.version > 1 ? [now.version - 1] : [])]) {
        const r = await act(action, stale);
        expect([action, stale, errorCode(r)]).toEqual([action, stale, 'CONFLICT']);
        expect(r.errors![0].extensions).toMatchObject({ reason: 'STALE_VERSION', currentVersion: now.version, expectedVersion: stale });
      }
    }
    expect(await stored()).toEqual(now);
    expect(await writes()).toEqual(before);
  }

  /** An allowed step: the status the table names, one event, one audit row, the outbox row the table says. */
  async function step(action: WorkflowAction, from: SubmissionStatus): Promise<void> {
    const transition = SUBMISSION_TRANSITIONS.find((t) => t.from === from && t.action === action)!;
    const now = await stored();
    const before = await writes();
    const r = await act(action, now.version);
    expect(r.errors).toBeUndefined();
    expect(await stored()).toEqual({ status: transition.to, version: now.version + 1 });
    const after = await writes();
    expect(after.events - before.events).toBe(1);
    expect(after.audits - before.audits).toBe(1);
    expect(after.outbox - before.outbox).toBe(transition.emits ? 1 : 0);
    expect(after.versions - before.versions).toBe(action === 'SUBMIT' ? 1 : 0);
  }

  it('creates the draft (no status yet: not a transition)', async () => {
    const r = await api.gql<{ saveSubmissionDraft: { submission: { id: string; status: string; version: number } } }>(
      DOCS.SAVE.doc, { input: { centreId, templateCode: 'GDTX_SEMESTER', periodCode: period, values: S0_THANH_HOA_2020_2021_VALUES } }, await api.login(users.staff));
    expect(r.errors).toBeUndefined();
    id = r.data!.saveSubmissionDraft.submission.id;
    expect(r.data!.saveSubmissionDraft.submission).toMatchObject({ status: 'DRAFT', version: 1 });
  });

  it('DRAFT: refuses RETURN, ACCEPT, REOPEN (INVALID_TRANSITION) and any stale version (STALE_VERSION); saves, then submits', async () => {
    await refusalsIn('DRAFT');
    await step('SAVE', 'DRAFT');
    await step('SUBMIT', 'DRAFT');
  });

  it('SUBMITTED: refuses SAVE, SUBMIT, REOPEN and stale versions; is returned', async () => {
    await refusalsIn('SUBMITTED');
    await step('RETURN', 'SUBMITTED');
  });

  it('RETURNED: refuses RETURN, ACCEPT, REOPEN and stale versions; is corrected and resubmitted', async () => {
    await refusalsIn('RETURNED');
    await step('SAVE', 'RETURNED');
    await step('SUBMIT', 'RETURNED');
  });

  it('accepted, then ACCEPTED refuses SAVE, SUBMIT, RETURN, ACCEPT and stale versions; reopened, RETURNED again', async () => {
    await step('ACCEPT', 'SUBMITTED');
    await refusalsIn('ACCEPTED');
    await step('REOPEN', 'ACCEPTED');
    await refusalsIn('RETURNED');
  });

  it('a role without the permission is FORBIDDEN before any of this (the staff member cannot submit or accept)', async () => {
    const now = await stored();
    const staff = await api.login(users.staff);
    expect(errorCode(await api.gql(DOCS.SUBMIT.doc, { id, v: now.version }, staff))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(DOCS.ACCEPT.doc, { id, v: now.version }, staff))).toBe('FORBIDDEN');
    expect(await stored()).toEqual(now);
  });
});
