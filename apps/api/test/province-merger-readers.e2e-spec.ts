import { Client } from 'pg';
import { Secret, TOTP } from 'otpauth';
import { addDays, todayInVietnam } from '@gdtx/domain';
import { ComplianceEvaluationService } from '@gdtx/compliance';
import { NotificationService } from '@gdtx/notify';
import { ProvinceMergerService } from '@gdtx/org';
import { systemContext } from '@gdtx/platform';
import { connectAsAppRole, connectAsJobsRole } from '@gdtx/platform/testing';
import { bootApi, DEMO_PASSWORD, errorCode, TestApi } from './harness';

// The readers of a merged province (issue 12 item 4, the gaps of ADR 0015): every reader that answers about the past
// follows the lineage (Bắc Ninh's Sở answers for Bắc Giang's history; Bắc Giang stays answerable "as of" before the
// merger), a merger recorded ahead of its date takes effect on the date, the second factor moves with the account,
// and a Thanh Hóa user sees none of it. Every figure is checked against SQL of the rows themselves.
describe('province mergers: the readers (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let bn: string;
  let bg: string;
  let th: string;
  const BEFORE = '2025-06-30';
  const TEMPLATE = 'LANGUAGE_IT_QUARTERLY';

  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];

  async function asApp<T = Record<string, unknown>>(scope: Record<string, string>, text: string, params: unknown[] = []): Promise<T[]> {
    const c = await connectAsAppRole(api.db.ownerUrl);
    try {
      await c.query('BEGIN');
      for (const [k, v] of Object.entries(scope)) await c.query(`SELECT set_config($1, $2, true)`, [`app.${k}`, v]);
      const { rows } = await c.query(text, params);
      await c.query('ROLLBACK');
      return rows as T[];
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const provinces = await sql<{ code: string; id: string }>(`SELECT code, id FROM administrative_unit WHERE level = 'PROVINCE'`);
    const byCode = new Map(provinces.map((p) => [p.code, p.id]));
    [bn, bg, th] = [byCode.get('BN')!, byCode.get('BG')!, byCode.get('TH')!];
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** The latest pre-merger quarter with accepted language/IT reports of both Bắc Ninh and Bắc Giang. */
  async function prePeriodWithBoth(): Promise<{ code: string; end: string }> {
    const [row] = await sql<{ code: string; end: string }>(
      `SELECT s.period_code AS code, to_char(p.end_date, 'YYYY-MM-DD') AS end FROM submission s JOIN reporting_period p ON p.code = s.period_code
       WHERE s.template_code = $3 AND s.status = 'ACCEPTED' AND p.end_date < '2025-07-01'
       GROUP BY s.period_code, p.end_date HAVING count(DISTINCT s.province_id) FILTER (WHERE s.province_id IN ($1, $2)) = 2 ORDER BY p.end_date DESC LIMIT 1`,
      [bn, bg, TEMPLATE],
    );
    expect(row).toBeDefined();
    return row;
  }

  /** Centres placed in a province's tree on a date by their unit history (the independent answer). */
  const centresPlacedIn = async (province: string, on: string) =>
    (await sql<{ id: string }>(
      `SELECT DISTINCT h.centre_id AS id FROM centre_unit_history h JOIN administrative_unit u ON u.id = h.admin_unit_id
       WHERE u.path LIKE '/' || $1::text || '/%' AND h.valid_from <= $2 AND (h.valid_to IS NULL OR h.valid_to >= $2)`,
      [province, on],
    )).map((r) => r.id).sort();

  const RATES = `query($t: String!, $p: String!, $u: ID, $g: [IndicatorGroupBy!]) {
    reportingRates(templateCode: $t, periodFrom: $p, unitId: $u, groupBy: $g) { centreId unitId expected notDue submitted onTime late returned missing accepted } }`;
  type Rate = { centreId: string | null; unitId: string | null; expected: number; notDue: number; submitted: number; onTime: number; late: number; returned: number; missing: number; accepted: number };
  const COUNTS = ['expected', 'notDue', 'submitted', 'onTime', 'late', 'returned', 'missing', 'accepted'] as const;

  describe('reporting rates and the heat map', () => {
    it("Bắc Giang as of then: its rate of a pre-merger quarter finds its centres of then (placed by their unit history)", async () => {
      const token = await api.login('bn.quantri');
      const period = await prePeriodWithBoth();
      const r = await api.gql<{ reportingRates: Rate[] }>(RATES, { t: TEMPLATE, p: period.code, u: bg, g: ['CENTRE'] }, token);
      expect(r.errors).toBeUndefined();
      const rows = r.data!.reportingRates;
      const bgCentres = await centresPlacedIn(bg, period.end);
      expect(bgCentres.length).toBeGreaterThan(0);
      // Every centre of the rate was Bắc Giang's at the quarter's end (none of Bắc Ninh's own).
      expect(rows.map((x) => x.centreId!).every((id) => bgCentres.includes(id))).toBe(true);
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM submission WHERE template_code = $1 AND period_code = $2 AND status = 'ACCEPTED' AND province_id = $3`, [TEMPLATE, period.code, bg]);
      expect(n).toBeGreaterThan(0);
      expect(rows.reduce((s, x) => s + x.accepted, 0)).toBe(n);
    });

    it("Bắc Ninh's rate of a pre-merger quarter is the sum of its predecessors' (Bắc Ninh then + Bắc Giang then)", async () => {
      const token = await api.login('bn.quantri');
      const period = await prePeriodWithBoth();
      const rate = async (u: string | null) => {
        const r = await api.gql<{ reportingRates: Rate[] }>(RATES, { t: TEMPLATE, p: period.code, u }, token);
        expect(r.errors).toBeUndefined();
        expect(r.data!.reportingRates).toHaveLength(1);
        return r.data!.reportingRates[0];
      };
      const [whole, bnThen, bgThen] = [await rate(null), await rate(bn), await rate(bg)];
      for (const k of COUNTS) expect(whole[k]).toBe(bnThen[k] + bgThen[k]);
      const accepted = await sql<{ province_id: string; n: number }>(
        `SELECT province_id, count(*)::int AS n FROM submission WHERE template_code = $1 AND period_code = $2 AND status = 'ACCEPTED' AND province_id IN ($3, $4) GROUP BY 1`,
        [TEMPLATE, period.code, bn, bg]);
      const of = (p: string) => accepted.find((a) => a.province_id === p)?.n ?? 0;
      expect(bnThen.accepted).toBe(of(bn));
      expect(bgThen.accepted).toBe(of(bg));
      // The heat map (by centre and period): both predecessors' centres of then, each once.
      const heat = await api.gql<{ reportingRates: Rate[] }>(RATES, { t: TEMPLATE, p: period.code, g: ['CENTRE', 'PERIOD'] }, token);
      const ids = heat.data!.reportingRates.map((x) => x.centreId!);
      expect(new Set(ids).size).toBe(ids.length);
      const then = [...(await centresPlacedIn(bn, period.end)), ...(await centresPlacedIn(bg, period.end))];
      expect(ids.every((id) => then.includes(id))).toBe(true);
      // …and exactly the centres each predecessor's own heat map lists for then.
      const byCentre = async (u: string) =>
        (await api.gql<{ reportingRates: Rate[] }>(RATES, { t: TEMPLATE, p: period.code, u, g: ['CENTRE'] }, token)).data!.reportingRates.map((x) => x.centreId!);
      const predecessors = [...(await byCentre(bn)), ...(await byCentre(bg))];
      expect(predecessors.length).toBeGreaterThan(0);
      expect([...ids].sort()).toEqual([...predecessors].sort());
      expect(heat.data!.reportingRates.reduce((s, x) => s + x.expected, 0)).toBe(whole.expected);
      // By unit: Bắc Giang's centres of then sit under Bắc Giang's old units, not under Bắc Ninh's re-created ones.
      const byUnit = await api.gql<{ reportingRates: Rate[] }>(RATES, { t: TEMPLATE, p: period.code, g: ['UNIT_LEVEL'] }, token);
      const oldBgUnits = (await sql<{ id: string }>(`SELECT id FROM administrative_unit WHERE province_id = $1`, [bg])).map((u) => u.id);
      expect(byUnit.data!.reportingRates.filter((x) => x.unitId && oldBgUnits.includes(x.unitId)).reduce((s, x) => s + x.expected, 0)).toBe(bgThen.expected);
    });

    it('a Thanh Hóa user: Bắc Giang is not found, and no rate of its own counts a centre of Bắc Ninh or Bắc Giang', async () => {
      const token = await api.login('so.quantri');
      const period = await prePeriodWithBoth();
      expect(errorCode(await api.gql(RATES, { t: TEMPLATE, p: period.code, u: bg }, token))).toBe('NOT_FOUND');
      const own = await api.gql<{ reportingRates: Rate[] }>(RATES, { t: TEMPLATE, p: period.code, g: ['CENTRE'] }, token);
      const foreign = (await sql<{ id: string }>(`SELECT id FROM centre WHERE province_id IN ($1, $2)`, [bn, bg])).map((c) => c.id);
      expect(own.data!.reportingRates.length).toBeGreaterThan(0);
      expect(own.data!.reportingRates.filter((x) => foreign.includes(x.centreId!))).toEqual([]);
    });
  });

  describe('compliance', () => {
    const OVERVIEW = `query($u: ID, $d: Date) { complianceOverview(unitId: $u, asOf: $d) { centreCount byStatus { status centres } } }`;
    const CENTRE = `query($c: ID!, $d: Date) { centreCompliance(centreId: $c, asOf: $d) { centreCode openFindingCount } }`;
    const openFindings = async (centre: string, on: string) =>
      (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM finding WHERE centre_id = $1 AND opened_on <= $2 AND (closed_on IS NULL OR closed_on > $2)`, [centre, on]))[0].n;

    it("Bắc Ninh's overview counts Bắc Giang's centres; Bắc Giang as of before the merger has its own; a Bắc Giang centre's compliance reads its findings", async () => {
      const token = await api.login('bn.quantri');
      const today = todayInVietnam();
      const now = await api.gql<{ complianceOverview: { centreCount: number } }>(OVERVIEW, {}, token);
      expect(now.errors).toBeUndefined();
      const [{ n: inOperation }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM centre c JOIN org_centre_statuses_on($2::date) st ON st.centre_id = c.id WHERE c.province_id = $1 AND st.status <> 'DISSOLVED'`, [bn, today]);
      expect(now.data!.complianceOverview.centreCount).toBe(inOperation);
      const then = await api.gql<{ complianceOverview: { centreCount: number } }>(OVERVIEW, { u: bg, d: BEFORE }, token);
      expect(then.errors).toBeUndefined();
      const bgThen = await centresPlacedIn(bg, BEFORE);
      expect(bgThen.length).toBeGreaterThan(0);
      expect(then.data!.complianceOverview.centreCount).toBe(bgThen.length);
      const [centre] = await sql<{ id: string; code: string }>(`SELECT id, code FROM centre WHERE code = 'BG-NN-001'`);
      for (const d of [BEFORE, today]) {
        const c = await api.gql<{ centreCompliance: { centreCode: string; openFindingCount: number } }>(CENTRE, { c: centre.id, d }, token);
        expect(c.errors).toBeUndefined();
        expect(c.data!.centreCompliance).toEqual({ centreCode: 'BG-NN-001', openFindingCount: await openFindings(centre.id, d) });
      }
    });

    it('a Thanh Hóa user reads neither (NOT_FOUND), and its overview counts none of their centres', async () => {
      const token = await api.login('so.quantri');
      const [centre] = await sql<{ id: string }>(`SELECT id FROM centre WHERE code = 'BG-NN-001'`);
      expect(errorCode(await api.gql(OVERVIEW, { u: bg, d: BEFORE }, token))).toBe('NOT_FOUND');
      expect(errorCode(await api.gql(CENTRE, { c: centre.id, d: BEFORE }, token))).toBe('NOT_FOUND');
      const own = await api.gql<{ complianceOverview: { centreCount: number } }>(OVERVIEW, {}, token);
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM centre c JOIN org_centre_statuses_on($2::date) st ON st.centre_id = c.id WHERE c.province_id = $1 AND st.status <> 'DISSOLVED'`, [th, todayInVietnam()]);
      expect(own.data!.complianceOverview.centreCount).toBe(n);
    });
  });

  describe('literacy', () => {
    const STATUS = `query($u: ID!, $y: Int!, $d: Date) { literacyStatus(unitId: $u, year: $y, asOf: $d) { unitName asOf communes children { unitId name } } }`;
    const baseUnits = async (province: string, on: string) =>
      (await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM administrative_unit WHERE province_id = $1 AND level IN ('COMMUNE', 'WARD', 'SPECIAL_ZONE') AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)`,
        [province, on]))[0].n;

    it("after the merger Bắc Ninh's communes include Bắc Giang's; before it the two provinces answer separately", async () => {
      const token = await api.login('bn.quantri');
      // 2024-25 ends on 30 Sep 2025, after the merger: judged on Bắc Ninh's units of then, Bắc Giang's among them.
      const after = await api.gql<{ literacyStatus: { communes: number; children: { name: string }[] } }>(STATUS, { u: bn, y: 2025, d: '2025-09-30' }, token);
      expect(after.errors).toBeUndefined();
      expect(after.data!.literacyStatus.communes).toBe(await baseUnits(bn, '2025-09-30'));
      const bgCity = (await sql<{ name: string }>(`SELECT name FROM administrative_unit WHERE code = 'BG-TP' AND province_id = $1`, [bg]))[0].name;
      expect(after.data!.literacyStatus.children.map((c) => c.name)).toContain(bgCity);
      // 2023-24, as of before the merger: Bắc Ninh then, and Bắc Giang then (read by Bắc Ninh through its lineage).
      const bnThen = await api.gql<{ literacyStatus: { communes: number; children: { name: string }[] } }>(STATUS, { u: bn, y: 2024, d: '2024-09-30' }, token);
      expect(bnThen.errors).toBeUndefined();
      expect(bnThen.data!.literacyStatus.communes).toBe(await baseUnits(bn, '2024-09-30'));
      expect(bnThen.data!.literacyStatus.children.map((c) => c.name)).not.toContain(bgCity);
      const bgThen = await api.gql<{ literacyStatus: { communes: number; children: { name: string }[] } }>(STATUS, { u: bg, y: 2024, d: '2024-09-30' }, token);
      expect(bgThen.errors).toBeUndefined();
      expect(bgThen.data!.literacyStatus.communes).toBe(await baseUnits(bg, '2024-09-30'));
      expect(bgThen.data!.literacyStatus.communes).toBeGreaterThan(0);
      expect(after.data!.literacyStatus.communes).toBe(bnThen.data!.literacyStatus.communes + bgThen.data!.literacyStatus.communes);
    });

    it('a Thanh Hóa user cannot ask about Bắc Giang or Bắc Ninh', async () => {
      const token = await api.login('so.quantri');
      for (const u of [bg, bn]) expect(errorCode(await api.gql(STATUS, { u, y: 2024, d: '2024-09-30' }, token))).toBe('NOT_FOUND');
    });
  });

  describe("dueReports and the submissions list of Bắc Ninh's Sở", () => {
    const DUE = `query($c: ID!) { dueReports(centreId: $c) { periodCode status submissionId } }`;

    it("a Bắc Giang centre's due reports are Bắc Ninh's to read, each naming the report SQL holds for it", async () => {
      const token = await api.login('bn.quantri');
      const [centre] = await sql<{ id: string }>(`SELECT id FROM centre WHERE code = 'BG-NN-001'`);
      const r = await api.gql<{ dueReports: { periodCode: string; status: string; submissionId: string | null }[] }>(DUE, { c: centre.id }, token);
      expect(r.errors).toBeUndefined();
      expect(r.data!.dueReports.length).toBeGreaterThan(0);
      const held = await sql<{ id: string; period_code: string }>(`SELECT id, period_code FROM submission WHERE centre_id = $1`, [centre.id]);
      for (const d of r.data!.dueReports.filter((x) => x.submissionId)) {
        expect(held.find((h) => h.id === d.submissionId)?.period_code).toBe(d.periodCode);
      }
      expect(r.data!.dueReports.filter((x) => x.submissionId).length).toBe(held.filter((h) => r.data!.dueReports.some((d) => d.periodCode === h.period_code)).length);
      // The list of a pre-merger period: both predecessors' reports, as many as SQL holds.
      const period = await prePeriodWithBoth();
      const list = await api.gql<{ submissions: { totalCount: number } }>(
        `query($p: String) { submissions(filter: { periodId: $p, templateCode: "${TEMPLATE}" }, first: 1) { totalCount } }`, { p: period.code }, token);
      const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM submission WHERE template_code = $1 AND period_code = $2 AND province_id IN ($3, $4)`, [TEMPLATE, period.code, bn, bg]);
      expect(list.data!.submissions.totalCount).toBe(n);
    });

    it("a Thanh Hóa user: NOT_FOUND for the centre's due reports", async () => {
      const [centre] = await sql<{ id: string }>(`SELECT id FROM centre WHERE code = 'BG-NN-001'`);
      expect(errorCode(await api.gql(DUE, { c: centre.id }, await api.login('so.quantri')))).toBe('NOT_FOUND');
    });
  });

  it('as the app role: Thanh Hóa sees no unit history, centre, finding or merger of Bắc Ninh or Bắc Giang', async () => {
    const seen = await asApp<Record<string, number>>({ scope: 'province', province_id: th },
      `SELECT (SELECT count(*) FROM org_centre_unit_span WHERE province_id = ANY ($1::uuid[]))::int AS spans,
              (SELECT count(*) FROM centre WHERE province_id = ANY ($1::uuid[]))::int AS centres,
              (SELECT count(*) FROM finding WHERE province_id = ANY ($1::uuid[]))::int AS findings,
              (SELECT count(*) FROM province_merger)::int AS mergers`, [[bn, bg]]);
    expect(seen[0]).toEqual({ spans: 0, centres: 0, findings: 0, mergers: 0 });
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM finding WHERE province_id = ANY ($1::uuid[])`, [[bn, bg]]);
    const bnSees = await asApp<{ n: number }>({ scope: 'province', province_id: bn, province_lineage: bg }, `SELECT count(*)::int AS n FROM finding WHERE province_id = ANY ($1::uuid[])`, [[bn, bg]]);
    expect(bnSees[0].n).toBe(n);
  });

  describe("the survivor's system jobs read the moved centres' history, and write only their own province", () => {
    it("the nightly compliance evaluation of a Bắc Giang centre (as Bắc Ninh's job) finds its licences and its reports", async () => {
      const [centre] = await sql<{ id: string; type: string }>(`SELECT id, type FROM centre WHERE code = 'BG-NN-001'`);
      // Independently: every licence kind its type needs has a decision in force today, all of them Bắc Giang's rows.
      const missingKinds = await sql(
        `SELECT r.kind FROM licence_requirement r WHERE r.centre_type = $2
           AND NOT EXISTS (SELECT 1 FROM licence_record l WHERE l.centre_id = $1 AND l.kind = r.kind AND l.state = 'IN_FORCE' AND l.valid_from <= current_date AND (l.valid_to IS NULL OR l.valid_to >= current_date))`,
        [centre.id, centre.type]);
      expect(missingKinds).toEqual([]);
      expect(await sql(`SELECT DISTINCT province_id FROM licence_record WHERE centre_id = $1`, [centre.id])).toEqual([{ province_id: bg }]);
      await api.app.get(ComplianceEvaluationService).evaluateCentre(systemContext(bn, 'test'), centre.id);
      const open = await sql<{ rule_code: string; subject_key: string }>(`SELECT rule_code, subject_key FROM finding WHERE centre_id = $1 AND status = 'OPEN' ORDER BY 1, 2`, [centre.id]);
      expect(open.filter((f) => f.rule_code === 'LICENCE_MISSING')).toEqual([]);
      // A report it is told is missing is one no province holds for it; at least one is (2025-Q4 in the demo).
      const held = (await sql<{ period_code: string; status: string }>(`SELECT period_code, status FROM submission WHERE centre_id = $1`, [centre.id]));
      const missing = open.filter((f) => f.rule_code === 'REPORT_MISSING').map((f) => f.subject_key.split(':')[1]);
      expect(missing.length).toBeGreaterThan(0);
      for (const p of missing) expect(held.filter((h) => h.period_code === p && h.status !== 'DRAFT')).toEqual([]);
    });

    it("the deadline reminders reach a Bắc Giang centre's director (its reports are owed to Bắc Ninh)", async () => {
      const [centre] = await sql<{ id: string }>(`SELECT id FROM centre WHERE code = 'BG-NN-001'`);
      await sql(`INSERT INTO app_user (province_id, username, password_hash, full_name, role, centre_id)
                 SELECT $1, 'gd.bgnn', password_hash, 'Giám đốc Thử', 'CENTRE_DIRECTOR', $2 FROM app_user WHERE username = 'so.quantri'`, [bn, centre.id]);
      // The day after an overdue report's due date, as Bắc Ninh's Sở sees it (a user session, with the lineage).
      const due = await api.gql<{ dueReports: { periodCode: string; status: string; dueDate: string }[] }>(
        `query($c: ID!) { dueReports(centreId: $c) { periodCode status dueDate } }`, { c: centre.id }, await api.login('bn.quantri'));
      const overdue = due.data!.dueReports.filter((d) => d.status === 'OVERDUE').sort((a, b) => b.dueDate.localeCompare(a.dueDate))[0];
      expect(overdue).toBeDefined();
      await api.app.get(NotificationService).deadlineReminders(addDays(overdue.dueDate, 1));
      const got = await sql<{ kind: string; province_id: string; event_key: string }>(
        `SELECT n.kind, n.province_id, n.event_key FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'gd.bgnn'`);
      expect(got.filter((n) => n.kind === 'REPORT_OVERDUE' && n.event_key.includes(`:${overdue.periodCode}:`))).toHaveLength(1);
      expect(got.every((n) => n.province_id === bn)).toBe(true);
    });

    it('as the jobs role: a job of Bắc Ninh carrying the lineage reads Bắc Giang\'s rows and can write none of them', async () => {
      const c = await connectAsJobsRole(api.db.ownerUrl);
      try {
        await c.query('BEGIN');
        for (const [k, v] of Object.entries({ scope: 'system', province_id: bn, province_lineage: bg })) await c.query(`SELECT set_config($1, $2, true)`, [`app.${k}`, v]);
        const { rows: [seen] } = await c.query(`SELECT (SELECT count(*) FROM licence_record WHERE province_id = $1)::int AS licences, (SELECT count(*) FROM fact_value WHERE province_id = $1)::int AS facts`, [bg]);
        expect(seen.licences).toBeGreaterThan(0);
        expect(seen.facts).toBeGreaterThan(0);
        await c.query('SAVEPOINT s');
        await expect(c.query(`INSERT INTO fact_value SELECT * FROM fact_value WHERE province_id = $1 LIMIT 1`, [bg])).rejects.toThrow(/row-level security/);
        await c.query('ROLLBACK TO SAVEPOINT s');
        expect((await c.query(`DELETE FROM fact_value WHERE province_id = $1`, [bg])).rowCount).toBe(0);
        expect((await c.query(`UPDATE licence_record SET state = state WHERE province_id = $1`, [bg])).rowCount).toBe(0);
        expect((await c.query(`UPDATE finding SET status = status WHERE province_id = $1`, [bg])).rowCount).toBe(0);
        expect((await c.query(`UPDATE user_totp SET last_step = last_step WHERE province_id = $1`, [bg])).rowCount).toBe(0);
        await c.query('ROLLBACK');
      } finally {
        await c.end();
      }
    });
  });

  describe('the second factor of a moved user', () => {
    it("moves with the account: the same secret guards the login in the new province, whose Sở admin can reset it", async () => {
      const secret = new Secret({ size: 20 }).base32;
      const [user] = await sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'bg.quantri'`);
      await sql(`INSERT INTO user_totp (user_id, province_id, secret, confirmed_at) VALUES ($1, $2, $3, now())`, [user.id, bg, secret]);
      const bnToken = await api.login('bn.quantri');
      const moved = await api.gql(`mutation($id: ID!) { moveUserFromMergedProvince(userId: $id) { provinceId } }`, { id: user.id }, bnToken);
      expect(moved.errors).toBeUndefined();
      expect(await sql(`SELECT province_id FROM user_totp WHERE user_id = $1`, [user.id])).toEqual([{ province_id: bn }]);
      const LOGIN = `mutation($c: String) { login(input: { username: "bg.quantri", password: "${DEMO_PASSWORD}", totpCode: $c }) { accessToken } }`;
      const missing = await api.gql(LOGIN, { c: null });
      expect(missing.errors?.[0].extensions?.['reason']).toBe('TOTP_REQUIRED');
      const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
      const ok = await api.gql<{ login: { accessToken: string } }>(LOGIN, { c: code });
      expect(ok.errors).toBeUndefined();
      // Thanh Hóa's admin cannot reset it; Bắc Ninh's can (the secret is now of Bắc Ninh).
      expect(errorCode(await api.gql(`mutation($id: ID!) { resetUserTotp(userId: $id) }`, { id: user.id }, await api.login('so.quantri')))).toBe('NOT_FOUND');
      const reset = await api.gql<{ resetUserTotp: boolean }>(`mutation($id: ID!) { resetUserTotp(userId: $id) }`, { id: user.id }, bnToken);
      expect(reset.data).toEqual({ resetUserTotp: true });
      expect(await sql(`SELECT 1 FROM user_totp WHERE user_id = $1`, [user.id])).toEqual([]);
    });
  });

  describe('a merger recorded ahead of its date', () => {
    /** A small province with one ward, one language centre and one Sở admin, written as the owner. */
    async function smallProvince(code: string, centreCode: string, username: string): Promise<{ province: string; centre: string }> {
      const [{ id: x }] = await sql<{ id: string }>(`SELECT gen_random_uuid() AS id`);
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('app.scope', 'system', true)`);
      await owner.query(`INSERT INTO administrative_unit (id, province_id, level, code, name, path, valid_from) VALUES ($1::uuid, $1::uuid, 'PROVINCE', $2, 'Tỉnh Thử ' || $2, '/' || $1::text || '/', '2020-01-01')`, [x, code]);
      const [{ id: ward }] = await sql<{ id: string }>(
        `INSERT INTO administrative_unit (province_id, parent_id, level, code, name, path, valid_from) VALUES ($1::uuid, $1::uuid, 'WARD', $2 || '-01', 'Phường Thử', '/' || $1::text || '/w/', '2020-01-01') RETURNING id`, [x, code]);
      await owner.query(`UPDATE administrative_unit SET path = '/' || $1::text || '/' || id || '/' WHERE id = $2`, [x, ward]);
      const [{ id: centre }] = await sql<{ id: string }>(
        `INSERT INTO centre (province_id, code, name, search_text, type, ownership, admin_unit_id, supervising_unit_id, unit_path, supervising_unit_path, status, status_since)
         SELECT $1::uuid, $3, 'Trung tâm Ngoại ngữ Thử', 'trung tam ngoai ngu thu', 'LANGUAGE', 'PRIVATE', w.id, $1::uuid, w.path, '/' || $1::text || '/', 'ACTIVE', '2021-01-01'
         FROM administrative_unit w WHERE w.id = $2 RETURNING id`, [x, ward, centreCode]);
      await owner.query(`INSERT INTO centre_unit_history (province_id, centre_id, admin_unit_id, supervising_unit_id, valid_from) VALUES ($1, $2, $3, $1, '2021-01-01')`, [x, centre, ward]);
      await owner.query(`INSERT INTO app_user (province_id, username, password_hash, full_name, role) SELECT $1, $2, password_hash, 'Quản trị Thử', 'SO_ADMIN' FROM app_user WHERE username = 'so.quantri'`, [x, username]);
      await owner.query('COMMIT');
      return { province: x, centre };
    }

    it('leaves the centres, the users and the lineage as they are until the date; on the date the daily job moves the centres, once', async () => {
      const { province: x, centre } = await smallProvince('FT', 'FT-NN-001', 'ft.quantri');
      const today = todayInVietnam();
      const tomorrow = addDays(today, 1);
      const r = await api.gql<{ recordProvinceMerger: { unitsCreated: number; centresMoved: number } }>(
        `mutation($i: RecordProvinceMergerInput!) { recordProvinceMerger(input: $i) { unitsCreated centresMoved } }`,
        { i: { absorbedProvinceId: x, survivorProvinceId: bn, effectiveDate: tomorrow, legalBasis: 'Nghị quyết thử (hiệu lực ngày mai)' } }, await api.login('admin'));
      expect(r.errors).toBeUndefined();
      expect(r.data!.recordProvinceMerger).toEqual({ unitsCreated: 1, centresMoved: 0 });
      // Until the date: the centre is the absorbed province's, on its own unit; its users work; Bắc Ninh does not see it.
      expect(await sql(`SELECT province_id FROM centre WHERE id = $1`, [centre])).toEqual([{ province_id: x }]);
      expect(await sql(`SELECT province_id, valid_to FROM centre_unit_history WHERE centre_id = $1`, [centre])).toEqual([{ province_id: x, valid_to: null }]);
      const ftToken = await api.login('ft.quantri');
      expect((await api.gql<{ centre: { code: string } }>(`query($id: ID!) { centre(id: $id) { code } }`, { id: centre }, ftToken)).data!.centre.code).toBe('FT-NN-001');
      expect(errorCode(await api.gql(`query($id: ID!) { centre(id: $id) { code } }`, { id: centre }, await api.login('bn.quantri')))).toBe('NOT_FOUND');
      const standing = async (on: string) => (await sql<{ lineage: string[]; merged_into: string | null }>(`SELECT lineage::text[] AS lineage, merged_into FROM org_province_standing($1, $2)`, [bn, on]))[0];
      expect((await standing(today)).lineage).not.toContain(x);
      expect((await standing(tomorrow)).lineage).toContain(x);
      // The daily job, today: nothing is due yet.
      const mergers = api.app.get(ProvinceMergerService);
      expect(await mergers.applyDue(today)).toEqual({ mergers: 0, centresMoved: 0 });
      // On the date: the centre comes under Bắc Ninh, its unit history closed the day before and re-opened on the re-created ward.
      expect(await mergers.applyDue(tomorrow)).toEqual({ mergers: 1, centresMoved: 1 });
      expect(await sql(`SELECT province_id FROM centre WHERE id = $1`, [centre])).toEqual([{ province_id: bn }]);
      const spans = await sql<{ province_id: string; f: string; t: string | null; code: string }>(
        `SELECT h.province_id, to_char(h.valid_from, 'YYYY-MM-DD') AS f, to_char(h.valid_to, 'YYYY-MM-DD') AS t, u.code FROM centre_unit_history h
         JOIN administrative_unit u ON u.id = h.admin_unit_id WHERE h.centre_id = $1 ORDER BY h.valid_from`, [centre]);
      expect(spans).toEqual([{ province_id: x, f: '2021-01-01', t: today, code: 'FT-01' }, { province_id: bn, f: tomorrow, t: null, code: 'FT-01' }]);
      expect(await sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'PROVINCE_MERGER_APPLIED' AND province_id IN ($1, $2)`, [x, bn])).toEqual([{ n: 2 }]);
      // Once: a second run moves nothing.
      expect(await mergers.applyDue(tomorrow)).toEqual({ mergers: 0, centresMoved: 0 });
      // Thanh Hóa sees none of it.
      expect(errorCode(await api.gql(`query($id: ID!) { centre(id: $id) { code } }`, { id: centre }, await api.login('so.quantri')))).toBe('NOT_FOUND');
    });
  });
});
