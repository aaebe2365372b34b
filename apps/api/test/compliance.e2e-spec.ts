// Issue 5 (compliance): findings from the demo data (expired director recognition, the dormant language centres of
// seed 004, late and missing reports), area isolation per role, idempotent evaluation through the job, inspections
// with overdue remediation, unlicensed-operator cases.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { addDays, vietnamDateOf } from '@gdtx/domain';
import { jobIdFor, JobQueues, systemContext } from '@gdtx/platform';
import { ComplianceEvaluationService } from '@gdtx/compliance';
import { bootApi, errorCode, TestApi } from './harness';

const FINDINGS = `query($f: FindingFilter, $first: Int) { findings(filter: $f, first: $first) { totalCount nodes { id centreCode centreName ruleCode subjectKey severity status titleVi legalBasisVi evidence foundOn } } }`;
const CENTRE_COMPLIANCE = `query($id: ID!) { centreCompliance(centreId: $id) { centreCode status openFindingCount openFindings { id ruleCode severity titleVi evidence } } }`;
type FindingRow = { id: string; centreCode: string; ruleCode: string; subjectKey: string; severity: string; status: string; titleVi: string; legalBasisVi: string; evidence: Record<string, unknown>; foundOn: string };

describe('compliance (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const today = vietnamDateOf(new Date());

  beforeAll(async () => {
    api = await bootApi({
      REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
      RUN_WORKERS_IN_PROCESS: 'true',
      QUEUE_PREFIX: `gdtx-e2e-compliance-${randomBytes(4).toString('hex')}`,
      OUTBOX_POLL_MS: '20',
    });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const centreId = async (code: string) => (await owner.query(`SELECT id FROM centre WHERE code = $1`, [code])).rows[0].id as string;
  // Units valid today (after the 2025 reform communes keep their codes, directly under the province).
  const unitId = async (code: string) => (await owner.query(`SELECT id FROM administrative_unit WHERE code = $1 AND valid_to IS NULL`, [code])).rows[0].id as string;
  const unitOf = async (username: string) => (await owner.query(`SELECT unit_id FROM app_user WHERE username = $1`, [username])).rows[0].unit_id as string;
  // Centres in today's communes of a former district (their codes keep the district's prefix).
  const centresOfFormerDistrict = async (code: string) => (await owner.query(
    `SELECT c.code FROM centre c JOIN administrative_unit u ON c.unit_path LIKE u.path || '%' WHERE u.valid_to IS NULL AND u.code LIKE $1 || '-%'`, [code],
  )).rows.map((r) => r.code as string);
  async function findings(token: string, f: Record<string, unknown> = {}): Promise<FindingRow[]> {
    const r = await api.gql<{ findings: { nodes: FindingRow[] } }>(FINDINGS, { f, first: 200 }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.findings.nodes;
  }

  it('demo data: the expired director recognition of TH-NN-002 is an open CRITICAL finding (above any late report) with dates and legal basis', async () => {
    const token = await api.login('so.chuyenvien');
    const expired = await findings(token, { ruleCode: 'LICENCE_EXPIRED', status: 'OPEN' });
    const nn002 = expired.find((f) => f.centreCode === 'TH-NN-002')!;
    expect(nn002).toMatchObject({ subjectKey: 'DIRECTOR_RECOGNITION', severity: 'CRITICAL' });
    expect(nn002.evidence).toMatchObject({ validTo: '2025-08-31' });
    expect(nn002.legalBasisVi).toContain('Nghị định 125/2024/NĐ-CP');
    const c = await api.gql<{ centreCompliance: { status: string; openFindings: { ruleCode: string }[] } }>(CENTRE_COMPLIANCE, { id: await centreId('TH-NN-002') }, token);
    expect(c.data!.centreCompliance.status).toBe('NON_COMPLIANT');
    expect(c.data!.centreCompliance.openFindings.map((f) => f.ruleCode)).toContain('LICENCE_EXPIRED');
  });

  it('demo data: the NOT_ENROLLING language centres (seed 004, Bắc Ninh included) are dormant findings; missing and late reports are timeliness findings', async () => {
    const th = await findings(await api.login('so.chuyenvien'), { ruleCode: 'DORMANT_CENTRE', status: 'OPEN' });
    expect(th.map((f) => f.centreCode).sort()).toEqual(['TH-NN-003', 'TH-NN-005', 'TH-NNTH-002']);
    expect(th.every((f) => (f.evidence['reasons'] as string[]).includes('NOT_ENROLLING'))).toBe(true);
    const bn = await findings(await api.login('bn.quantri'), { ruleCode: 'DORMANT_CENTRE' });
    expect(bn.map((f) => f.centreCode)).toEqual(['BN-NN-001']);
    expect(bn[0].titleVi).toContain('không tuyển sinh từ 2022-06-01');

    const token = await api.login('so.chuyenvien');
    const missing = await findings(token, { ruleCode: 'REPORT_MISSING', status: 'OPEN' });
    const late = await findings(token, { ruleCode: 'REPORT_LATE', status: 'OPEN' });
    expect(missing.length).toBeGreaterThan(0);
    expect(late.length).toBeGreaterThan(0);
    expect(late[0].evidence['days']).toBeGreaterThan(0);
    expect(late[0].titleVi).toMatch(/Nộp muộn \d+ ngày/);
  });

  it('isolation: a supervisor sees only their area, a director only their centre, Bắc Ninh only Bắc Ninh', async () => {
    const all = await findings(await api.login('so.chuyenvien'));
    const inTP = await centresOfFormerDistrict('TH-TP');
    expect(inTP.length).toBeGreaterThan(0);
    expect(all.some((f) => inTP.includes(f.centreCode))).toBe(true);

    // The area officer of Khu vực Thọ Xuân (today's communes of the former district).
    const thoXuan = await findings(await api.login('kv.thoxuan'));
    const inTX = (await owner.query(
      `SELECT c.code FROM centre c JOIN supervisory_area_member m ON m.valid_to IS NULL JOIN supervisory_area a ON a.id = m.area_id AND a.code = 'KV-THO-XUAN'
       JOIN administrative_unit u ON u.id = m.unit_id WHERE c.unit_path LIKE u.path || '%' OR c.supervising_unit_path LIKE u.path || '%'`,
    )).rows.map((r) => r.code as string);
    expect(thoXuan.length).toBeGreaterThan(0);
    expect(thoXuan.map((f) => f.centreCode)).toContain('TH-NN-005');
    expect(thoXuan.every((f) => inTX.includes(f.centreCode))).toBe(true);
    expect(thoXuan.some((f) => inTP.includes(f.centreCode))).toBe(false);
    const other = await api.gql(CENTRE_COMPLIANCE, { id: await centreId('TH-NN-002') }, await api.login('kv.thoxuan'));
    expect(errorCode(other)).toBe('NOT_FOUND');
    // The commune officer of Xuân Hòa: only its commune's centres (the dormant language centre Tuổi Trẻ Thọ Xuân).
    const xuanHoa = await findings(await api.login('xa.xuanhoa'));
    expect(xuanHoa.map((f) => f.centreCode)).toContain('TH-NN-005');
    expect(xuanHoa.every((f) => inTX.includes(f.centreCode))).toBe(true);
    expect(xuanHoa.some((f) => f.centreCode === 'TH-NN-004')).toBe(false);

    const lamson = await findings(await api.login('gd.lamson'));
    expect(new Set(lamson.map((f) => f.centreCode))).toEqual(lamson.length ? new Set(['TH-NN-001']) : new Set());
    expect(errorCode(await api.gql(CENTRE_COMPLIANCE, { id: await centreId('TH-NN-002') }, await api.login('gd.lamson')))).toBe('NOT_FOUND');

    const bn = await findings(await api.login('bn.quantri'));
    expect(bn.length).toBeGreaterThan(0);
    // Bắc Ninh's own centres and those Bắc Giang brought into it on 1 Jul 2025 (ADR 0015).
    expect(bn.every((f) => f.centreCode.startsWith('BN-') || f.centreCode.startsWith('BG-'))).toBe(true);
    expect(all.some((f) => f.centreCode.startsWith('BN-'))).toBe(false);
  });

  it('an expired director recognition recorded for Hoa Sen: compliance\'s job for org\'s licence event opens a finding and the director is notified', async () => {
    const hoasen = await centreId('TH-NN-004');
    const specialist = await api.login('so.chuyenvien');
    const recorded = await api.gql(
      `mutation($i: RecordLicenceInput!) { recordLicence(input: $i) { id state } }`,
      { i: { centreId: hoasen, kind: 'DIRECTOR_RECOGNITION', decisionNumber: '77/QĐ-SGDĐT', decidedOn: addDays(today, -400), issuer: 'Sở Giáo dục và Đào tạo',
        holderName: 'Đỗ Thị Mai', validFrom: addDays(today, -400), validTo: addDays(today, -10) } },
      specialist,
    );
    expect(recorded.errors).toBeUndefined();
    // libs/org emits `licence.recorded` through the outbox with the licence; compliance has its own job for it.
    const queues = api.app.get(JobQueues, { strict: false });
    const licenceId = (recorded.data as { recordLicence: { id: string } }).recordLicence.id;
    const jobId = jobIdFor('licence.recorded>compliance', `licence:${licenceId}:recorded`);

    // Wait for the whole job (evaluation, then notifications), not just the finding.
    const deadline = Date.now() + 20000;
    while ((await (await queues.findJob(jobId))?.getState()) !== 'completed') {
      if (Date.now() > deadline) throw new Error(`${jobId} did not complete`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const director = await api.login('gd.hoasen');
    type Status = { status: string; openFindings: { ruleCode: string; evidence: Record<string, unknown> }[] };
    const status = (await api.gql<{ centreCompliance: Status }>(CENTRE_COMPLIANCE, { id: hoasen }, director)).data!.centreCompliance;
    const finding = status.openFindings.find((f) => f.ruleCode === 'LICENCE_EXPIRED');
    expect(finding?.evidence).toMatchObject({ kind: 'DIRECTOR_RECOGNITION', validTo: addDays(today, -10), daysSinceExpiry: 10 });
    expect(status.status).toBe('NON_COMPLIANT');

    const n = await api.gql<{ notifications: { nodes: { kind: string; titleVi: string; centreId: string }[] } }>(
      `{ notifications(first: 50) { nodes { kind titleVi centreId } } }`, {}, director,
    );
    const licence = n.data!.notifications.nodes.filter((x) => x.kind === 'LICENCE_EXPIRY' && x.centreId === hoasen);
    expect(licence).toHaveLength(1);
    expect(licence[0].titleVi).toContain('Quyết định công nhận giám đốc số 77/QĐ-SGDĐT đã hết hiệu lực');
    // HIGH: the area officer of Thọ Xuân and the Sở specialist are told too; the dissolved district office is not
    // (its scope ended on 30 Jun 2025), nor the commune officer of another commune.
    const told = async (user: string) =>
      (await api.gql<{ notifications: { nodes: { titleVi: string }[] } }>(`{ notifications(first: 100) { nodes { titleVi } } }`, {}, await api.login(user)))
        .data!.notifications.nodes.some((x) => x.titleVi.includes('77/QĐ-SGDĐT'));
    expect(await told('kv.thoxuan')).toBe(true);
    expect(await told('phong.thoxuan')).toBe(false);
    expect(await told('xa.xuanhoa')).toBe(false);
  });

  it('evaluating twice (job and service) adds no finding and no notification', async () => {
    const snapshot = async () => ({
      findings: (await owner.query(`SELECT id, status, severity, evidence::text FROM finding ORDER BY id`)).rows,
      notifications: Number((await owner.query(`SELECT count(*) FROM notification`)).rows[0].count),
    });
    const service = api.app.get(ComplianceEvaluationService, { strict: false });
    const provinceId = (await owner.query(`SELECT province_id FROM centre WHERE code = 'TH-NN-002'`)).rows[0].province_id;
    await service.evaluateAll(provinceId, today);
    const first = await snapshot();
    await service.evaluateAll(provinceId, today);
    expect(await snapshot()).toEqual(first);
    const dup = await owner.query(`SELECT centre_id, rule_code, subject_key FROM finding GROUP BY 1,2,3 HAVING count(*) > 1`);
    expect(dup.rows).toEqual([]);
    const r = await service.evaluateCentre(systemContext(provinceId, 'test'), await centreId('TH-NN-002'), today);
    expect(r).toMatchObject({ opened: 0, reopened: 0, updated: 0, resolved: 0 });
  });

  it('recordInspection with a remediation deadline passed opens an overdue finding; resolveFinding closes both with the note', async () => {
    const lamson = await centreId('TH-NN-001');
    const inspector = await api.login('so.thanhtra');
    const REC = `mutation($i: RecordInspectionInput!) { recordInspection(input: $i) { id inspectorName findings { id remediationDue } openFindings { id ruleCode severity subjectKey evidence } } }`;
    const input = {
      centreId: lamson, inspectedOn: addDays(today, -60), kind: 'UNSCHEDULED', conclusionVi: 'Kiểm tra đột xuất hồ sơ giáo viên nước ngoài',
      findings: [{ category: 'FOREIGN_TEACHERS', descriptionVi: 'Thiếu giấy phép lao động của 01 giáo viên nước ngoài', severity: 'MEDIUM', remediationDue: addDays(today, -30) }],
    };
    expect(errorCode(await api.gql(REC, { i: input }, await api.login('gd.lamson')))).toBe('FORBIDDEN');
    const bad = await api.gql(REC, { i: { ...input, findings: [{ ...input.findings[0], descriptionVi: '' }] } }, inspector);
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    const early = await api.gql(REC, { i: { ...input, findings: [{ ...input.findings[0], remediationDue: addDays(today, -61) }] } }, inspector);
    expect(errorCode(early)).toBe('VALIDATION_FAILED');
    const r = await api.gql<{ recordInspection: { id: string; inspectorName: string; findings: { id: string }[]; openFindings: { id: string; ruleCode: string; severity: string; subjectKey: string; evidence: Record<string, unknown> }[] } }>(REC, { i: input }, inspector);
    expect(r.errors).toBeUndefined();
    const insp = r.data!.recordInspection;
    expect(insp.inspectorName).toBe('Phạm Thu Trang');
    const subject = insp.findings[0].id;
    const overdue = insp.openFindings.find((f) => f.ruleCode === 'INSPECTION_REMEDIATION_OVERDUE' && f.subjectKey === subject)!;
    expect(overdue).toMatchObject({ severity: 'HIGH', evidence: { daysOverdue: 30 } });
    expect(insp.openFindings.some((f) => f.ruleCode === 'INSPECTION_FINDING' && f.subjectKey === subject)).toBe(true);

    // The centre's inspections list it (latest first, with its findings); another province cannot list them.
    const LIST = `query($c: ID!) { inspections(centreId: $c) { id inspectedOn kind conclusionVi findings { id severity remediationDue } } }`;
    const listed = await api.gql<{ inspections: { id: string; inspectedOn: string; findings: { id: string }[] }[] }>(LIST, { c: lamson }, await api.login('so.chuyenvien'));
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.inspections.find((i) => i.id === insp.id)).toMatchObject({ inspectedOn: input.inspectedOn, kind: 'UNSCHEDULED', findings: [{ id: subject, severity: 'MEDIUM' }] });
    expect(errorCode(await api.gql(LIST, { c: lamson }, await api.login('bn.quantri')))).toBe('NOT_FOUND');

    const RESOLVE = `mutation($id: ID!, $note: String!) { resolveFinding(id: $id, note: $note) { status resolution resolutionNote resolvedOn } }`;
    const done = await api.gql<{ resolveFinding: { status: string; resolution: string; resolutionNote: string } }>(RESOLVE, { id: overdue.id, note: 'Đã bổ sung giấy phép lao động' }, inspector);
    expect(done.data!.resolveFinding).toMatchObject({ status: 'RESOLVED', resolution: 'REMEDIATED', resolutionNote: 'Đã bổ sung giấy phép lao động' });
    const after = await api.gql<{ centreCompliance: { openFindings: { subjectKey?: string; ruleCode: string }[] } }>(
      `query($id: ID!) { centreCompliance(centreId: $id) { openFindings { ruleCode subjectKey } } }`, { id: lamson }, inspector,
    );
    expect(after.data!.centreCompliance.openFindings.filter((f) => f.subjectKey === subject)).toEqual([]);
    // A finding computed from data cannot be closed by hand.
    const expired = (await findings(inspector, { ruleCode: 'LICENCE_EXPIRED', status: 'OPEN' }))[0];
    expect(errorCode(await api.gql(RESOLVE, { id: expired.id, note: 'x' }, inspector))).toBe('CONFLICT');
  });

  it('unlicensed operators: a commune officer reports in its commune only; an area officer cannot; the province sees it, Bắc Ninh does not; closing sets days open', async () => {
    const supervisor = await api.login('xa.xuanhoa');
    const commune = await unitOf('xa.xuanhoa');
    const REPORT = `mutation($i: ReportUnlicensedOperatorInput!) { reportUnlicensedOperator(input: $i) { id status daysOpen unitName legalBasisVi version } }`;
    const r = await api.gql<{ reportUnlicensedOperator: { id: string; status: string; daysOpen: number; legalBasisVi: string; version: number } }>(
      REPORT, { i: { unitId: commune, operatorName: 'Lớp tiếng Anh tại nhà ông N.V.A', activityVi: 'Dạy tiếng Anh cho 30 học sinh khi chưa được cấp phép', foundOn: addDays(today, -12) } }, supervisor,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.reportUnlicensedOperator).toMatchObject({ status: 'OPEN', daysOpen: 12 });
    expect(r.data!.reportUnlicensedOperator.legalBasisVi).toContain('Nghị định 04/2021/NĐ-CP');
    const outside = await api.gql(REPORT, { i: { unitId: await unitId('TH-TX-01'), operatorName: 'X', activityVi: 'Y', foundOn: today } }, supervisor);
    expect(errorCode(outside)).toBe('FORBIDDEN');
    const monitor = await api.gql(REPORT, { i: { unitId: commune, operatorName: 'X', activityVi: 'Y', foundOn: today } }, await api.login('kv.thoxuan'));
    expect(errorCode(monitor)).toBe('FORBIDDEN');

    const LIST = `{ unlicensedOperatorCases { totalCount nodes { id operatorName } } }`;
    const so = await api.gql<{ unlicensedOperatorCases: { nodes: { id: string }[] } }>(LIST, {}, await api.login('so.chuyenvien'));
    expect(so.data!.unlicensedOperatorCases.nodes.map((n) => n.id)).toContain(r.data!.reportUnlicensedOperator.id);
    const bn = await api.gql<{ unlicensedOperatorCases: { totalCount: number } }>(LIST, {}, await api.login('bn.quantri'));
    expect(bn.data!.unlicensedOperatorCases.totalCount).toBe(0);

    const UPDATE = `mutation($i: UpdateUnlicensedOperatorCaseInput!) { updateUnlicensedOperatorCase(input: $i) { status closedOn daysOpen fineVnd version } }`;
    const closed = await api.gql<{ updateUnlicensedOperatorCase: { status: string; closedOn: string; daysOpen: number; fineVnd: number } }>(
      UPDATE, { i: { id: r.data!.reportUnlicensedOperator.id, status: 'CLOSED', note: 'Đã xử phạt và đình chỉ', fineVnd: 30000000, closedOn: addDays(today, -2), expectedVersion: 1 } },
      await api.login('so.thanhtra'),
    );
    expect(closed.data!.updateUnlicensedOperatorCase).toMatchObject({ status: 'CLOSED', closedOn: addDays(today, -2), daysOpen: 10, fineVnd: 30000000 });
    expect(errorCode(await api.gql(UPDATE, { i: { id: r.data!.reportUnlicensedOperator.id, status: 'OPEN', expectedVersion: 1 } }, supervisor))).toBe('CONFLICT');
  });

  it('complianceOverview: counts by status add up to the centres, rules counted, worst centres first', async () => {
    const token = await api.login('so.chuyenvien');
    const Q = `query($u: ID) { complianceOverview(unitId: $u) { centreCount byStatus { status centres } byRule { ruleCode findings centres } worstCentres { centreCode status highFindings openFindings } } }`;
    type O = { centreCount: number; byStatus: { status: string; centres: number }[]; byRule: { ruleCode: string; findings: number }[]; worstCentres: { centreCode: string; status: string; highFindings: number }[] };
    const province = (await api.gql<{ complianceOverview: O }>(Q, {}, token)).data!.complianceOverview;
    expect(province.byStatus.reduce((s, x) => s + x.centres, 0)).toBe(province.centreCount);
    expect(province.byRule.find((r) => r.ruleCode === 'DORMANT_CENTRE')?.findings).toBe(3);
    expect(province.worstCentres[0].status).toBe('NON_COMPLIANT');
    // The commune of Xuân Hòa holds one of the three dormant centres (Tuổi Trẻ Thọ Xuân); its officer sees that much.
    const tx = (await api.gql<{ complianceOverview: O }>(Q, { u: await unitOf('xa.xuanhoa') }, token)).data!.complianceOverview;
    expect(tx.centreCount).toBeLessThan(province.centreCount);
    expect(tx.byRule.find((r) => r.ruleCode === 'DORMANT_CENTRE')?.findings).toBe(1);
    const sup = (await api.gql<{ complianceOverview: O }>(Q, {}, await api.login('xa.xuanhoa'))).data!.complianceOverview;
    expect(sup.centreCount).toBe(tx.centreCount);
    // asOf: a finding is open on the dates its condition held (opened_on), not only from the day it was computed:
    // the director recognition of TH-NN-002 ended on 2025-08-31, so it was already expired a year ago.
    const QA = `query($a: Date) { complianceOverview(asOf: $a) { asOf centreCount byRule { ruleCode } byStatus { status centres } } }`;
    const past = (await api.gql<{ complianceOverview: { asOf: string; centreCount: number; byRule: { ruleCode: string }[]; byStatus: { status: string; centres: number }[] } }>(QA, { a: addDays(today, -365) }, token)).data!.complianceOverview;
    expect(past.byRule.map((r) => r.ruleCode)).toContain('LICENCE_EXPIRED');
    expect(past.byStatus.reduce((s, x) => s + x.centres, 0)).toBe(past.centreCount);
    expect(past.byStatus.find((x) => x.status === 'COMPLIANT')!.centres).toBeLessThan(past.centreCount);
    expect(errorCode(await api.gql(QA, { a: '2026-13-01' }, token))).toBe('BAD_USER_INPUT');
  });
});
