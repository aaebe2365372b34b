import { Client } from 'pg';
import { addDays, dueDate, findShippedTemplate, periodContaining, previousPeriod, vietnamDateOf } from '@gdtx/domain';
import type { Period } from '@gdtx/domain';
import { bootApi, TestApi } from './harness';

// Issue 11, defects 2–5: reportingRates and dueReports answer "is this report expected, due, on time, late,
// returned, missing?" with one definition, the reporting calendar of libs/domain.
describe('reporting calendar (e2e): dueReports and reportingRates agree', () => {
  let api: TestApi;
  let owner: Client;
  const TEMPLATE = 'LANGUAGE_IT_QUARTERLY';
  const deadline = findShippedTemplate(TEMPLATE)!.deadline;
  const today = vietnamDateOf(new Date());
  // The current quarter is not yet due (its deadline is after its end); the two before it are overdue.
  const current = periodContaining('QUARTER', today);
  const last = previousPeriod(current);
  const beforeLast = previousPeriod(last);
  const due = (p: Period) => dueDate(p, deadline);
  const at = (date: string) => `${date}T03:00:00Z`; // 10:00 in Vietnam, same calendar day

  let provinceId: string;
  const centres: Record<string, string> = {};

  type Rate = { centreId: string | null; periodCode: string | null; expected: number; submitted: number; onTime: number; late: number; missing: number };
  const RATES_OLD = `query($t: String!, $f: String!, $to: String) { reportingRates(templateCode: $t, periodFrom: $f, periodTo: $to, groupBy: [CENTRE, PERIOD]) {
    centreId periodCode expected submitted onTime late missing } }`;
  const RATES = `query($t: String!, $f: String!, $to: String) { reportingRates(templateCode: $t, periodFrom: $f, periodTo: $to, groupBy: [CENTRE, PERIOD]) {
    centreId periodCode expected notDue submitted onTime late returned missing submittedRate onTimeRate } }`;
  const DUE = `query($c: ID!) { dueReports(centreId: $c) { templateCode periodCode status dueDate daysLate } }`;

  async function rates(query: string, from: Period, to: Period = from): Promise<Rate[]> {
    const r = await api.gql<{ reportingRates: Rate[] }>(query, { t: TEMPLATE, f: from.code, to: to.code }, await api.login('so.chuyenvien'));
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.reportingRates;
  }
  const rowOf = (rows: Rate[], centre: string, period: Period) => rows.find((r) => r.centreId === centres[centre] && r.periodCode === period.code);

  /** A language centre of Thanh Hóa beside TH-NN-001, holding the given decisions. */
  async function centre(code: string, licences: { kind: string; validFrom: string }[]): Promise<void> {
    const { rows } = await owner.query(
      `INSERT INTO centre (province_id, code, name, search_text, type, ownership, admin_unit_id, supervising_unit_id, unit_path, supervising_unit_path, status, status_since, established_on)
       SELECT province_id, $1, $1, lower($1), 'LANGUAGE', 'PRIVATE', admin_unit_id, supervising_unit_id, unit_path, supervising_unit_path, 'ACTIVE', '2020-01-01', '2020-01-01'
       FROM centre WHERE code = 'TH-NN-001' RETURNING id, province_id AS "provinceId"`,
      [code],
    );
    centres[code] = rows[0].id;
    provinceId = rows[0].provinceId;
    for (const l of licences) {
      await owner.query(
        `INSERT INTO licence_record (province_id, centre_id, kind, decision_number, decided_on, issuer, valid_from) VALUES ($1, $2, $3, $4, $5, 'Sở', $5)`,
        [provinceId, centres[code], l.kind, `${code}-${l.kind}`, l.validFrom],
      );
    }
  }

  /** A submission with its whole timeline: each step is an action on a Vietnamese calendar day. */
  async function timeline(code: string, period: Period, steps: { action: 'SUBMITTED' | 'RETURNED' | 'ACCEPTED'; on: string; resubmitBy?: string }[]): Promise<string> {
    let status = 'DRAFT';
    let version = 1;
    let submittedAt: string | null = null;
    let number = 0;
    const { rows } = await owner.query(
      `INSERT INTO submission (province_id, centre_id, template_code, template_version, period_code, status) VALUES ($1, $2, $3, 1, $4, 'DRAFT') RETURNING id`,
      [provinceId, centres[code], TEMPLATE, period.code],
    );
    const id = rows[0].id;
    for (const step of steps) {
      const from = status;
      status = step.action;
      version++;
      if (step.action === 'SUBMITTED') {
        submittedAt = at(step.on); // every resubmission overwrites it: what the rates used to read
        number++;
        await owner.query(
          `INSERT INTO submission_version (province_id, centre_id, submission_id, number, template_version, "values", submitted_at) VALUES ($1, $2, $3, $4, 1, '{}', $5)`,
          [provinceId, centres[code], id, number, at(step.on)],
        );
      }
      await owner.query(
        `INSERT INTO submission_event (province_id, centre_id, submission_id, action, from_status, to_status, submission_version, at, resubmit_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [provinceId, centres[code], id, step.action, from, status, version, at(step.on), step.resubmitBy ?? null],
      );
    }
    await owner.query(`UPDATE submission SET status = $2, version = $3, submitted_at = $4 WHERE id = $1`, [id, status, version, submittedAt]);
    return id;
  }

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const all = (since: string) => ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'].map((kind) => ({ kind, validFrom: since }));
    // Permitted to operate only after the last quarter ended: not expected for it.
    await centre('CAL-LATE-PERMIT', [...all('2020-01-01').filter((l) => l.kind !== 'OPERATING_PERMISSION'), { kind: 'OPERATING_PERMISSION', validFrom: addDays(last.end, 10) }]);
    // No decision at all: never expected.
    await centre('CAL-NO-LICENCE', []);
    await centre('CAL-FULL', all('2020-01-01'));
    // On time, returned, resubmitted late (no resubmission deadline set), accepted.
    await timeline('CAL-FULL', beforeLast, [
      { action: 'SUBMITTED', on: addDays(due(beforeLast), -2) },
      { action: 'RETURNED', on: addDays(due(beforeLast), 1) },
      { action: 'SUBMITTED', on: addDays(due(beforeLast), 10) },
      { action: 'ACCEPTED', on: addDays(due(beforeLast), 12) },
    ]);
    // Submitted on time and returned: back with the centre, not submitted.
    await timeline('CAL-FULL', last, [
      { action: 'SUBMITTED', on: addDays(due(last), -1) },
      { action: 'RETURNED', on: addDays(due(last), 2) },
    ]);
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('defect 2: a centre is not expected before its operating permission, nor with no licence at all', async () => {
    const rows = await rates(RATES_OLD, last);
    for (const code of ['CAL-LATE-PERMIT', 'CAL-NO-LICENCE']) {
      const row = rowOf(rows, code, last);
      expect(row?.expected ?? 0).toBe(0);
    }
    const dueLate = await api.gql<{ dueReports: { periodCode: string }[] }>(DUE, { c: centres['CAL-LATE-PERMIT'] }, await api.login('so.chuyenvien'));
    expect(dueLate.data!.dueReports.map((d) => d.periodCode)).not.toContain(last.code);
  });

  it('defect 3: a report on time, returned and resubmitted late is on time in the rates as in dueReports', async () => {
    const row = rowOf(await rates(RATES_OLD, beforeLast), 'CAL-FULL', beforeLast)!;
    expect(row).toMatchObject({ expected: 1, submitted: 1, onTime: 1, late: 0, missing: 0 });
    const dueRows = await api.gql<{ dueReports: { periodCode: string; daysLate: number | null }[] }>(DUE, { c: centres['CAL-FULL'] }, await api.login('so.chuyenvien'));
    expect(dueRows.data!.dueReports.find((d) => d.periodCode === beforeLast.code)?.daysLate).toBe(0);
  });

  it('without grouping there is one row for the whole scope', async () => {
    const r = await api.gql<{ reportingRates: { expected: number }[] }>(`{ reportingRates(templateCode: "${TEMPLATE}", periodFrom: "${last.code}") { expected } }`, {}, await api.login('so.chuyenvien'));
    expect(r.data!.reportingRates).toHaveLength(1);
    expect(r.data!.reportingRates[0].expected).toBeGreaterThan(0);
  });

  it('defect 4: a period whose deadline is still ahead is not yet due, not missing', async () => {
    expect(due(current) > today).toBe(true);
    const row = rowOf(await rates(RATES_OLD, current), 'CAL-FULL', current)!;
    expect(row.missing).toBe(0);
    const full = rowOf(await rates(RATES, current), 'CAL-FULL', current) as Rate & { notDue: number; submittedRate: number | null };
    expect(full).toMatchObject({ expected: 1, notDue: 1, missing: 0, submitted: 0, submittedRate: null });
  });

  it('defect 5: a returned report is back with the centre, not submitted', async () => {
    const row = rowOf(await rates(RATES_OLD, last), 'CAL-FULL', last)!;
    expect(row.submitted).toBe(0);
    const full = rowOf(await rates(RATES, last), 'CAL-FULL', last) as Rate & { returned: number };
    expect(full).toMatchObject({ expected: 1, returned: 1, submitted: 0, missing: 0 });
  });

  it('a resubmission after a return with a resubmission deadline is judged against it, in both places', async () => {
    const earlier = previousPeriod(beforeLast);
    await timeline('CAL-FULL', earlier, [
      { action: 'SUBMITTED', on: addDays(due(earlier), -3) },
      { action: 'RETURNED', on: addDays(due(earlier), 1), resubmitBy: addDays(due(earlier), 5) },
      { action: 'SUBMITTED', on: addDays(due(earlier), 8) },
    ]);
    const row = rowOf(await rates(RATES, earlier), 'CAL-FULL', earlier)!;
    expect(row).toMatchObject({ expected: 1, submitted: 1, onTime: 0, late: 1 });
    const listed = await api.gql<{ dueReports: { periodCode: string; calendarStatus: string; daysLate: number }[] }>(
      `query($c: ID!) { dueReports(centreId: $c) { periodCode calendarStatus daysLate } }`, { c: centres['CAL-FULL'] }, await api.login('so.chuyenvien'));
    const item = listed.data!.dueReports.find((d) => d.periodCode === earlier.code);
    expect(item).toMatchObject({ calendarStatus: 'LATE', daysLate: 3 });
  });

  it('returnSubmission records the resubmission deadline, and refuses one in the past', async () => {
    const id = await timeline('CAL-NO-LICENCE', current, [{ action: 'SUBMITTED', on: today }]);
    const so = await api.login('so.chuyenvien');
    const RETURN = `mutation($id: ID!, $by: String) { returnSubmission(id: $id, comment: "Bổ sung số liệu", resubmitBy: $by) { id status events { action resubmitBy } } }`;
    const past = await api.gql(RETURN, { id, by: addDays(today, -1) }, so);
    expect(past.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const r = await api.gql<{ returnSubmission: { status: string; events: { action: string; resubmitBy: string | null }[] } }>(RETURN, { id, by: addDays(today, 7) }, so);
    expect(r.errors).toBeUndefined();
    expect(r.data!.returnSubmission.events.find((e) => e.action === 'RETURNED')?.resubmitBy).toBe(addDays(today, 7));
  });

  it('for the same centres, every report dueReports lists is counted the same way by reportingRates', async () => {
    const so = await api.login('so.chuyenvien');
    // TH-NN-006 has no recognised director: the calendar does not expect it, though it keeps filing.
    const { rows: ids } = await owner.query(`SELECT id, code FROM centre WHERE code IN ('TH-NN-001', 'TH-NN-006', 'TH-NN-008', 'CAL-FULL', 'CAL-LATE-PERMIT')`);
    expect(ids).toHaveLength(5);
    const oldest = periodContaining('QUARTER', addDays(today, -366));
    const rows = await rates(RATES, oldest, current);
    for (const { id, code } of ids) {
      const listed = await api.gql<{ dueReports: { templateCode: string; periodCode: string; status: string; calendarStatus: string; daysLate: number | null }[] }>(
        `query($c: ID!) { dueReports(centreId: $c) { templateCode periodCode status calendarStatus daysLate } }`, { c: id }, so);
      expect(listed.errors).toBeUndefined();
      const fromDue: Record<string, string> = {};
      for (const d of listed.data!.dueReports.filter((x) => x.templateCode === TEMPLATE && x.periodCode >= oldest.code && x.calendarStatus !== 'NOT_EXPECTED')) {
        expect(d.calendarStatus).toBe(classOfDue(d.status, d.daysLate));
        fromDue[d.periodCode] = d.calendarStatus;
      }
      const fromRates: Record<string, string> = {};
      for (const r of rows.filter((x) => x.centreId === id)) fromRates[r.periodCode!] = classOfRate(r as Rate & { notDue: number; returned: number });
      expect({ code, classes: fromRates }).toEqual({ code, classes: fromDue });
    }
  });
});

function classOfDue(status: string, daysLate: number | null): string {
  if (status === 'OVERDUE') return 'MISSING';
  if (status === 'NOT_STARTED' || status === 'DRAFT') return 'NOT_YET_DUE';
  if (status === 'RETURNED') return 'RETURNED';
  return daysLate ? 'LATE' : 'ON_TIME';
}

function classOfRate(r: { expected: number; notDue: number; onTime: number; late: number; returned: number; missing: number }): string {
  expect(r.expected).toBe(1);
  if (r.notDue) return 'NOT_YET_DUE';
  if (r.onTime) return 'ON_TIME';
  if (r.late) return 'LATE';
  if (r.returned) return 'RETURNED';
  return 'MISSING';
}
