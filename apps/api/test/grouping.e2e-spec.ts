import { Client } from 'pg';
import { bootApi, errorCode, TestApi } from './harness';

// Issue 12 item 5: everything grouped by what exists. A period is grouped on the structure valid on its end date
// (the areas' membership that day, the unit each report was filed on) unless `asOf` asks for another; compliance
// groups by commune, area or centre type; the reorganisations are events of org; another province sees none of it.
describe('grouping on the structure of a date (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let so: string;
  const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const IV = `query($q: IndicatorQuery!) { indicatorValues(query: $q) { numerator centreCount areaId areaName unitId unitName centreId periodCode coverage { expected } } }`;
  type IV = { numerator: number; centreCount: number; areaId: string | null; areaName: string | null; unitId: string | null; centreId: string | null; periodCode: string | null; coverage: { expected: number } };
  const RATES = `query($g: [IndicatorGroupBy!], $asOf: Date) { reportingRates(templateCode: "LANGUAGE_IT_QUARTERLY", periodFrom: "2025-Q3", periodTo: "2026-Q1", groupBy: $g, asOf: $asOf) { expected areaId centreId periodCode } }`;
  type Rate = { expected: number; areaId: string | null; centreId: string | null; periodCode: string | null };
  let areaId: string;
  let lamSon: string[];
  let dienBien: string[];

  async function iv(q: Record<string, unknown>, token = so): Promise<IV[]> {
    const r = await api.gql<{ indicatorValues: IV[] }>(IV, { q }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.indicatorValues;
  }
  async function rates(g: string[], asOf?: string, token = so): Promise<Rate[]> {
    const r = await api.gql<{ reportingRates: Rate[] }>(RATES, { g, asOf }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.reportingRates;
  }
  const centresOfWard = async (code: string) => (await owner.query(
    `SELECT c.id FROM centre c JOIN administrative_unit u ON u.code = $1 AND u.valid_to IS NULL AND c.unit_path LIKE u.path || '%'`, [code],
  )).rows.map((r: { id: string }) => r.id);

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    so = await api.login('so.quantri');
    // An area whose membership changed: Phường Lam Sơn from the reform, Phường Điện Biên instead from 1 Oct 2025.
    const { rows: wards } = await owner.query(`SELECT code, id FROM administrative_unit WHERE code IN ('TH-TP-02', 'TH-TP-01') AND valid_to IS NULL ORDER BY code DESC`);
    const SAVE = `mutation($i: SaveSupervisoryAreaInput!) { saveSupervisoryArea(input: $i) { id version units { code } } }`;
    const first = await api.gql<{ saveSupervisoryArea: { id: string; version: number } }>(SAVE, {
      i: { code: 'KV-DOI-THANH-VIEN', name: 'Khu vực đổi thành viên', validFrom: '2025-07-01', unitIds: [wards[0].id] },
    }, so);
    expect(first.errors).toBeUndefined();
    areaId = first.data!.saveSupervisoryArea.id;
    const second = await api.gql<{ saveSupervisoryArea: { units: { code: string }[] } }>(SAVE, {
      i: { id: areaId, code: 'KV-DOI-THANH-VIEN', name: 'Khu vực đổi thành viên', validFrom: '2025-10-01', unitIds: [wards[1].id], expectedVersion: 1 },
    }, so);
    expect(second.errors).toBeUndefined();
    expect(second.data!.saveSupervisoryArea.units.map((u) => u.code)).toEqual(['TH-TP-01']);
    lamSon = await centresOfWard('TH-TP-02');
    dienBien = await centresOfWard('TH-TP-01');
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  it('AREA: each period on the area\'s members on its end date; with asOf, every period on the members of that day', async () => {
    const q = { codes: ['CERTIFICATES_ISSUED'], periodFrom: '2025-Q3', periodTo: '2026-Q1' };
    const byCentre = await iv({ ...q, groupBy: ['CENTRE', 'PERIOD'] });
    const sum = (ids: string[], period: string) => byCentre.filter((r) => ids.includes(r.centreId!) && r.periodCode === period).reduce((n, r) => n + r.numerator, 0);
    // The wards' figures differ in both quarters, so a grouping on the wrong members cannot pass.
    for (const p of ['2025-Q3', '2026-Q1']) {
      expect(sum(lamSon, p)).toBeGreaterThan(0);
      expect(sum(dienBien, p)).toBeGreaterThan(0);
      expect(sum(lamSon, p)).not.toBe(sum(dienBien, p));
    }
    const row = (rows: IV[], period: string) => rows.find((r) => r.areaId === areaId && r.periodCode === period);

    const atPeriodEnd = await iv({ ...q, groupBy: ['AREA', 'PERIOD'] });
    expect(row(atPeriodEnd, '2025-Q3')!.numerator).toBe(sum(lamSon, '2025-Q3')); // ends 30 Sep: Lam Sơn
    expect(row(atPeriodEnd, '2026-Q1')!.numerator).toBe(sum(dienBien, '2026-Q1')); // ends 31 Mar: Điện Biên
    expect(row(atPeriodEnd, '2025-Q3')!.areaName).toBe('Khu vực đổi thành viên');

    const onToday = await iv({ ...q, groupBy: ['AREA', 'PERIOD'], asOf: TODAY });
    expect(row(onToday, '2025-Q3')!.numerator).toBe(sum(dienBien, '2025-Q3'));
    expect(row(onToday, '2026-Q1')!.numerator).toBe(sum(dienBien, '2026-Q1'));
    const onSeptember = await iv({ ...q, groupBy: ['AREA', 'PERIOD'], asOf: '2025-09-01' });
    expect(row(onSeptember, '2026-Q1')!.numerator).toBe(sum(lamSon, '2026-Q1'));
    // Before the reform the area had no member: nothing is grouped into it.
    expect(row(await iv({ ...q, groupBy: ['AREA', 'PERIOD'], asOf: '2025-06-30' }), '2025-Q3')).toBeUndefined();
  });

  it('the heat map\'s rates by AREA follow the same structure: expected reports of the members on the period end, or on asOf', async () => {
    const byCentre = await rates(['CENTRE', 'PERIOD']);
    const expected = (ids: string[], period: string) => byCentre.filter((r) => ids.includes(r.centreId!) && r.periodCode === period).reduce((n, r) => n + r.expected, 0);
    const row = (rows: Rate[], period: string) => rows.find((r) => r.areaId === areaId && r.periodCode === period)!;
    const atEnd = await rates(['AREA', 'PERIOD']);
    expect(row(atEnd, '2025-Q3').expected).toBe(expected(lamSon, '2025-Q3'));
    expect(row(atEnd, '2026-Q1').expected).toBe(expected(dienBien, '2026-Q1'));
    const onToday = await rates(['AREA', 'PERIOD'], TODAY);
    expect(row(onToday, '2025-Q3').expected).toBe(expected(dienBien, '2025-Q3'));
    expect(lamSon.length + dienBien.length).toBeGreaterThan(0);
    expect(expected(lamSon, '2025-Q3')).not.toBe(expected(dienBien, '2025-Q3'));
  });

  it('UNIT_LEVEL: a period before the reform is grouped on its districts; with asOf today on today\'s communes, with the same total', async () => {
    const q = { codes: ['CERTIFICATES_ISSUED'], periodCode: '2025-Q1' };
    const total = (await iv(q))[0].numerator;
    expect(total).toBeGreaterThan(0);
    const levelsOf = async (rows: IV[]) => (await owner.query(
      `SELECT DISTINCT level, valid_to IS NULL AS current FROM administrative_unit WHERE id = ANY($1::uuid[]) ORDER BY 1`,
      [rows.map((r) => r.unitId).filter(Boolean)],
    )).rows;
    const atEnd = await iv({ ...q, groupBy: ['UNIT_LEVEL'] });
    expect(await levelsOf(atEnd)).toEqual([{ level: 'DISTRICT', current: false }]);
    const today = await iv({ ...q, groupBy: ['UNIT_LEVEL'], asOf: TODAY });
    const levels = await levelsOf(today);
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((l: { level: string; current: boolean }) => l.current && l.level !== 'DISTRICT')).toBe(true);
    expect(atEnd.reduce((n, r) => n + r.numerator, 0)).toBe(total);
    expect(today.reduce((n, r) => n + r.numerator, 0)).toBe(total);
  });

  it('an invalid asOf is BAD_USER_INPUT with a Vietnamese message', async () => {
    const r = await api.gql(IV, { q: { codes: ['CERTIFICATES_ISSUED'], periodCode: '2025-Q1', groupBy: ['AREA'], asOf: '2025-13-40' } }, so);
    expect(['BAD_USER_INPUT', 'VALIDATION_FAILED']).toContain(errorCode(r));
  });

  it('complianceOverview groups by today\'s communes, areas and centre types, adding up to the overview', async () => {
    const Q = `query($g: ComplianceGroupBy) { complianceOverview(groupBy: $g) { centreCount byStatus { status centres }
      groups { unitId areaId centreType name centreCount compliant atRisk nonCompliant openFindings } } }`;
    type G = { unitId: string | null; areaId: string | null; centreType: string | null; name: string | null; centreCount: number; compliant: number; atRisk: number; nonCompliant: number };
    const get = async (g: string | null, token = so) => {
      const r = await api.gql<{ complianceOverview: { centreCount: number; byStatus: { status: string; centres: number }[]; groups: G[] } }>(Q, { g }, token);
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.complianceOverview;
    };
    expect((await get(null)).groups).toEqual([]);
    const byUnit = await get('UNIT_LEVEL');
    const add = (gs: G[], k: 'centreCount' | 'nonCompliant') => gs.reduce((n, g) => n + g[k], 0);
    expect(add(byUnit.groups, 'centreCount')).toBe(byUnit.centreCount);
    expect(add(byUnit.groups, 'nonCompliant')).toBe(byUnit.byStatus.find((s) => s.status === 'NON_COMPLIANT')!.centres);
    for (const g of byUnit.groups) expect(g.compliant + g.atRisk + g.nonCompliant).toBe(g.centreCount);
    // Today's units: every commune group is a unit in force today, under the province.
    const { rows: units } = await owner.query(`SELECT id, valid_to IS NULL AS current FROM administrative_unit WHERE id = ANY($1::uuid[])`, [byUnit.groups.map((g) => g.unitId).filter(Boolean)]);
    expect(units.length).toBeGreaterThan(3);
    expect(units.every((u: { current: boolean }) => u.current)).toBe(true);
    // An area's group is the sum of its communes' groups (the demo's areas do not overlap each other's communes).
    const byArea = await get('AREA');
    const { rows: members } = await owner.query(
      `SELECT m.unit_id FROM supervisory_area_member m JOIN supervisory_area a ON a.id = m.area_id
       WHERE a.code = 'KV-THO-XUAN' AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1)`, [TODAY],
    );
    const thoXuan = byArea.groups.find((g) => g.name === 'Khu vực Thọ Xuân')!;
    expect(thoXuan.centreCount).toBeGreaterThan(0);
    expect(thoXuan.centreCount).toBe(add(byUnit.groups.filter((g) => members.some((m: { unit_id: string }) => m.unit_id === g.unitId)), 'centreCount'));
    const byType = await get('CENTRE_TYPE');
    const { rows: types } = await owner.query(`SELECT count(DISTINCT type)::int AS n FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'TH' AND c.status <> 'DISSOLVED'`);
    expect(byType.groups.length).toBe(types[0].n);
    expect(add(byType.groups, 'centreCount')).toBe(byType.centreCount);
    // The area officer of Thọ Xuân: no centre of Bá Thước in any group.
    const officer = await get('AREA', await api.login('kv.thoxuan'));
    expect(officer.groups.filter((g) => g.name === 'Khu vực Bá Thước')).toEqual([]);
    expect(officer.groups.find((g) => g.name === 'Khu vực Thọ Xuân')!.centreCount).toBe(thoXuan.centreCount);
  });

  it('reorganisations: the province\'s events with legal basis and predecessor → successor units, one request', async () => {
    const Q = `{ reorganisations { id code name effectiveDate legalBasis successions { successor { id code name level validFrom } predecessors { id code name level validTo } } } }`;
    type Ev = { id: string; code: string; effectiveDate: string; legalBasis: string | null; successions: { successor: { id: string; validFrom: string }; predecessors: { id: string; validTo: string | null }[] }[] };
    const r = await api.gql<{ reorganisations: Ev[] }>(Q, {}, await api.login('xa.xuanhoa'));
    expect(r.errors).toBeUndefined();
    const { rows } = await owner.query(
      `SELECT r.id, r.code, to_char(r.effective_date, 'YYYY-MM-DD') AS date, r.legal_basis, (SELECT count(*)::int FROM unit_successor s WHERE s.reorganisation_id = r.id) AS links
       FROM reorganisation r JOIN administrative_unit p ON p.id = r.province_id WHERE p.code = 'TH' ORDER BY r.effective_date DESC, r.code`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(r.data!.reorganisations.map((e) => e.code)).toEqual(rows.map((x: { code: string }) => x.code));
    for (const e of r.data!.reorganisations) {
      const row = rows.find((x: { id: string }) => x.id === e.id);
      expect(e.effectiveDate).toBe(row.date);
      expect(e.legalBasis).toBe(row.legal_basis);
      expect(e.successions.reduce((n, s) => n + s.predecessors.length, 0)).toBe(row.links);
      for (const s of e.successions) {
        expect(s.successor.validFrom).toBe(e.effectiveDate);
        for (const p of s.predecessors) expect(p.validTo! < e.effectiveDate).toBe(true);
      }
    }
  });

  it('isolation: another province\'s Sở sees none of this province\'s areas, groups or reorganisation events', async () => {
    const bn = await api.login('bn.quantri');
    const { rows: thAreas } = await owner.query(`SELECT a.id FROM supervisory_area a JOIN administrative_unit p ON p.id = a.province_id WHERE p.code = 'TH'`);
    const { rows: thEvents } = await owner.query(`SELECT r.id FROM reorganisation r JOIN administrative_unit p ON p.id = r.province_id WHERE p.code = 'TH'`);
    const thAreaIds = thAreas.map((a: { id: string }) => a.id);
    expect(thAreaIds).toContain(areaId);
    const areas = await api.gql<{ supervisoryAreas: { id: string }[] }>(`{ supervisoryAreas { id } }`, {}, bn);
    expect(areas.errors).toBeUndefined();
    expect(areas.data!.supervisoryAreas.filter((a) => thAreaIds.includes(a.id))).toEqual([]);
    const ev = await api.gql<{ reorganisations: { id: string }[] }>(`{ reorganisations { id } }`, {}, bn);
    expect(ev.errors).toBeUndefined();
    expect(ev.data!.reorganisations.filter((e) => thEvents.some((t: { id: string }) => t.id === e.id))).toEqual([]);
    const values = await iv({ codes: ['CERTIFICATES_ISSUED'], periodFrom: '2025-Q3', periodTo: '2026-Q1', groupBy: ['AREA', 'PERIOD'], asOf: TODAY }, bn);
    expect(values.filter((v) => v.areaId && thAreaIds.includes(v.areaId))).toEqual([]);
    const byArea = await rates(['AREA', 'PERIOD'], TODAY, bn);
    expect(byArea.filter((v) => v.areaId && thAreaIds.includes(v.areaId))).toEqual([]);
    const compliance = await api.gql<{ complianceOverview: { groups: { areaId: string | null }[] } }>(`{ complianceOverview(groupBy: AREA) { groups { areaId } } }`, {}, bn);
    expect(compliance.errors).toBeUndefined();
    expect(compliance.data!.complianceOverview.groups.filter((g) => g.areaId && thAreaIds.includes(g.areaId))).toEqual([]);
    // Nor can it change them: saving this province's area is refused.
    const save = await api.gql(`mutation($i: SaveSupervisoryAreaInput!) { saveSupervisoryArea(input: $i) { id } }`, {
      i: { id: areaId, code: 'KV-DOI-THANH-VIEN', name: 'Chiếm', validFrom: '2026-01-01', unitIds: [areaId], expectedVersion: 2 },
    }, bn);
    expect(save.errors).toBeDefined();
  });
});
