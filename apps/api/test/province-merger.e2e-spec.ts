import { Client } from 'pg';
import { connectAsAppRole } from '@gdtx/platform/testing';
import { bootApi, errorCode, TestApi } from './harness';

// Province mergers (issue 12 item 4; docs/adr/0015-province-mergers.md). The demo of today's world records
// Bắc Giang + Bắc Ninh → Bắc Ninh from 2025-07-01: Bắc Giang's centres came under Bắc Ninh, its earlier reports stay
// Bắc Giang's rows, read by Bắc Ninh through its lineage (the RLS rule), changed by nobody.
describe('province mergers (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let bn: string;
  let bg: string;
  let th: string;
  const MERGED_ON = '2025-07-01';

  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as T[];

  /** Runs `text` as the app role with the session settings of `scope` (what applyScope sets), then rolls back. */
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

  /** A pre-merger period in which both Bắc Ninh and Bắc Giang have accepted language/IT reports (the demo is relative to today). */
  async function prePeriodWithBoth(): Promise<string> {
    const [row] = await sql<{ period_code: string }>(
      `SELECT period_code FROM submission WHERE template_code = 'LANGUAGE_IT_QUARTERLY' AND status = 'ACCEPTED' AND period_code < '2025-Q3'
       GROUP BY period_code HAVING count(DISTINCT province_id) FILTER (WHERE province_id IN ($1, $2)) = 2 ORDER BY period_code DESC LIMIT 1`,
      [bn, bg],
    );
    expect(row).toBeDefined();
    return row.period_code;
  }

  describe('the demo merger', () => {
    it('is recorded once: Bắc Giang ended on 30 Jun 2025, succeeded by Bắc Ninh, which keeps its id', async () => {
      const [m] = await sql(`SELECT province_id, absorbed_province_id, to_char(effective_date, 'YYYY-MM-DD') AS d, legal_basis FROM province_merger`);
      expect(m).toEqual({ province_id: bn, absorbed_province_id: bg, d: MERGED_ON, legal_basis: expect.stringContaining('202/2025/QH15') });
      const units = await sql<{ id: string; valid_to: string | null }>(`SELECT id, to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM administrative_unit WHERE id IN ($1, $2)`, [bn, bg]);
      expect(Object.fromEntries(units.map((u) => [u.id, u.valid_to]))).toEqual({ [bn]: null, [bg]: '2025-06-30' });
      expect(await sql(`SELECT 1 FROM unit_successor WHERE predecessor_id = $1 AND successor_id = $2`, [bg, bn])).toHaveLength(1);
    });

    it("moved Bắc Giang's centres to Bắc Ninh on the date with their history; their reports keep the province they were written with", async () => {
      const centres = await sql<{ code: string; province_id: string; spans: string[] }>(
        `SELECT c.code, c.province_id, array_agg(h.province_id || '@' || h.valid_from || '..' || coalesce(h.valid_to::text, '') ORDER BY h.valid_from) AS spans
         FROM centre c JOIN centre_unit_history h ON h.centre_id = c.id WHERE c.code LIKE 'BG-%' GROUP BY c.code, c.province_id ORDER BY c.code`,
      );
      expect(centres.map((c) => c.code)).toEqual(['BG-NN-001', 'BG-TH-001']);
      for (const c of centres) {
        expect(c.province_id).toBe(bn);
        expect(c.spans.at(-2)).toMatch(new RegExp(`^${bg}@.*\\.\\.2025-06-30$`));
        expect(c.spans.at(-1)).toBe(`${bn}@${MERGED_ON}..`);
      }
      const reports = await sql<{ province_id: string; pre: boolean; n: number }>(
        `SELECT s.province_id, s.period_code < '2025-Q3' AS pre, count(*)::int AS n FROM submission s JOIN centre c ON c.id = s.centre_id
         WHERE c.code LIKE 'BG-%' GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      // Before the merger Bắc Giang's, after it Bắc Ninh's: never the other way round.
      expect(reports.filter((r) => (r.province_id === bg) !== r.pre)).toEqual([]);
      expect(reports.find((r) => r.province_id === bg)?.n).toBeGreaterThan(0);
      expect(reports.find((r) => r.province_id === bn)?.n).toBeGreaterThan(0);
    });
  });

  describe("Bắc Ninh's Sở reads Bắc Giang's history; a Thanh Hóa user never does", () => {
    it("Bắc Ninh's Sở sees Bắc Giang's centres, its pre-merger reports and its units as of before the merger", async () => {
      const token = await api.login('bn.quantri');
      const period = await prePeriodWithBoth();
      const r = await api.gql<{ submissions: { totalCount: number; nodes: { centreCode: string }[] }; before: { code: string; level: string }[]; mergers: unknown[] }>(
        `query($p: String) {
           submissions(filter: { periodId: $p, templateCode: "LANGUAGE_IT_QUARTERLY" }, first: 50) { totalCount nodes { centreCode } }
           before: administrativeUnits(asOf: "2025-06-30") { code level }
           mergers: provinceMergers { absorbedName survivorName effectiveDate legalBasis centresMoved }
         }`,
        { p: period }, token,
      );
      expect(r.errors).toBeUndefined();
      const codes = r.data!.submissions.nodes.map((n) => n.centreCode);
      expect(codes.filter((c) => c.startsWith('BG-')).length).toBeGreaterThan(0);
      expect(codes.filter((c) => c.startsWith('BN-')).length).toBeGreaterThan(0);
      // The old provinces answer as of a date before the merger: both provinces and their units.
      expect(r.data!.before.filter((u) => u.level === 'PROVINCE').map((u) => u.code).sort()).toEqual(['BG', 'BN']);
      expect(r.data!.before.map((u) => u.code)).toContain('BG-TP');
      expect(r.data!.mergers).toEqual([{ absorbedName: 'Tỉnh Bắc Giang', survivorName: 'Tỉnh Bắc Ninh', effectiveDate: MERGED_ON, legalBasis: expect.stringContaining('202/2025'), centresMoved: 2 }]);
      const centres = await api.gql<{ centres: { nodes: { code: string }[] } }>(`{ centres(first: 50) { nodes { code } } }`, {}, token);
      expect(centres.data!.centres.nodes.map((c) => c.code).filter((c) => c.startsWith('BG-')).sort()).toEqual(['BG-NN-001', 'BG-TH-001']);
      // Today: one province, Bắc Giang's units re-created under it.
      const today = await api.gql<{ administrativeUnits: { code: string; level: string }[] }>(`{ administrativeUnits { code level } }`, {}, token);
      expect(today.data!.administrativeUnits.filter((u) => u.level === 'PROVINCE').map((u) => u.code)).toEqual(['BN']);
      expect(today.data!.administrativeUnits.map((u) => u.code)).toContain('BG-TP');
    });

    it('a Thanh Hóa user sees none of them (GraphQL)', async () => {
      const token = await api.login('so.quantri');
      const [pre] = await sql<{ id: string }>(`SELECT id FROM submission WHERE province_id = $1 LIMIT 1`, [bg]);
      const [centre] = await sql<{ id: string }>(`SELECT id FROM centre WHERE code = 'BG-NN-001'`);
      const r = await api.gql<{ provinceMergers: unknown[]; administrativeUnits: { code: string }[] }>(
        `{ provinceMergers { id } administrativeUnits(asOf: "2025-06-30") { code } }`, {}, token);
      expect(r.data!.provinceMergers).toEqual([]);
      expect(r.data!.administrativeUnits.filter((u) => u.code.startsWith('BG') || u.code.startsWith('BN'))).toEqual([]);
      expect(errorCode(await api.gql(`query($id: ID!) { submission(id: $id) { id } }`, { id: pre.id }, token))).toBe('NOT_FOUND');
      expect(errorCode(await api.gql(`query($id: ID!) { centre(id: $id) { id } }`, { id: centre.id }, token))).toBe('NOT_FOUND');
      const list = await api.gql<{ submissions: { nodes: { centreCode: string }[] } }>(`{ submissions(first: 200) { nodes { centreCode } } }`, {}, token);
      expect(list.data!.submissions.nodes.filter((n) => n.centreCode.startsWith('BG-') || n.centreCode.startsWith('BN-'))).toEqual([]);
    });

    it('below the service layer: the lineage in the session is what lets Bắc Ninh read; Thanh Hóa reads nothing of either', async () => {
      const COUNT = `SELECT (SELECT count(*) FROM submission WHERE province_id = $1)::int AS submissions,
                            (SELECT count(*) FROM fact_value WHERE province_id = $1)::int AS facts,
                            (SELECT count(*) FROM administrative_unit WHERE province_id = $1)::int AS units,
                            (SELECT count(*) FROM centre_unit_history WHERE province_id = $1)::int AS spans`;
      const bnScope = { scope: 'province', province_id: bn, province_lineage: bg };
      const seen = (await asApp<Record<string, number>>(bnScope, COUNT, [bg]))[0];
      for (const n of Object.values(seen)) expect(n).toBeGreaterThan(0);
      // Without the lineage the same Sở session sees nothing of Bắc Giang: the rule reads app.province_lineage.
      expect((await asApp({ scope: 'province', province_id: bn }, COUNT, [bg]))[0]).toEqual({ submissions: 0, facts: 0, units: 0, spans: 0 });
      // Thanh Hóa, even claiming Bắc Giang as its lineage? No: a lineage is set by the server from org's records; as
      // set for Thanh Hóa (none) it reads neither Bắc Giang nor Bắc Ninh.
      const thScope = { scope: 'province', province_id: th, province_lineage: '' };
      for (const p of [bg, bn]) expect((await asApp(thScope, COUNT, [p]))[0]).toEqual({ submissions: 0, facts: 0, units: 0, spans: 0 });
      expect(await asApp(thScope, `SELECT id FROM centre WHERE code LIKE 'BG-%' OR code LIKE 'BN-%'`)).toEqual([]);
      expect(await asApp(thScope, `SELECT id FROM province_merger`)).toEqual([]);
    });

    it("Bắc Ninh cannot change Bắc Giang's pre-merger report: read-only history (writes stay with the province itself)", async () => {
      const [pre] = await sql<{ id: string; version: number; status: string }>(
        `SELECT id, version, status FROM submission WHERE province_id = $1 AND status = 'ACCEPTED' ORDER BY period_code DESC LIMIT 1`, [bg]);
      const token = await api.login('bn.quantri');
      const seen = await api.gql<{ submission: { id: string; status: string } }>(`query($id: ID!) { submission(id: $id) { id status } }`, { id: pre.id }, token);
      expect(seen.data!.submission).toEqual({ id: pre.id, status: 'ACCEPTED' });
      const reopen = await api.gql(`mutation($id: ID!) { reopenSubmission(id: $id, reason: "Điều chỉnh số liệu sau sáp nhập") { id status } }`, { id: pre.id }, token);
      expect(reopen.errors).toBeDefined();
      expect(errorCode(reopen)).toBe('NOT_FOUND'); // the row is read, but no write policy lets it be locked for a change
      expect(reopen.errors![0].message).toMatch(/[ạ-ỹà-ỵđ]/i);
      expect(await sql(`SELECT version, status FROM submission WHERE id = $1`, [pre.id])).toEqual([{ version: pre.version, status: pre.status }]);
      // And as SQL under Bắc Ninh's scope with its lineage: the row is read, never updated.
      const bnScope = { scope: 'province', province_id: bn, province_lineage: bg };
      expect(await asApp(bnScope, `SELECT id FROM submission WHERE id = $1`, [pre.id])).toHaveLength(1);
      expect(await asApp(bnScope, `UPDATE submission SET status = 'RETURNED' WHERE id = $1 RETURNING id`, [pre.id])).toEqual([]);
      expect(await asApp(bnScope, `UPDATE centre_unit_history SET valid_to = valid_to WHERE province_id = $1 RETURNING id`, [bg])).toEqual([]);
    });
  });

  it("for a pre-merger period the new province's totals equal the sum of its predecessors' totals as of then", async () => {
    const token = await api.login('bn.quantri');
    const period = await prePeriodWithBoth();
    const Q = `query($q: IndicatorQuery!) { indicatorValues(query: $q) { code numerator centreCount } }`;
    const total = async (unitId?: string) => {
      const r = await api.gql<{ indicatorValues: { code: string; numerator: number; centreCount: number }[] }>(
        Q, { q: { codes: ['CERTIFICATES_ISSUED'], periodCode: period, ...(unitId ? { unitId } : {}) } }, token);
      expect(r.errors).toBeUndefined();
      return r.data!.indicatorValues[0];
    };
    const whole = await total();
    const bnOld = await total(bn); // Bắc Ninh's own unit tree: as of then, the old Bắc Ninh
    const bgOld = await total(bg); // Bắc Giang as of then
    expect(bnOld.centreCount).toBeGreaterThan(0);
    expect(bgOld.centreCount).toBeGreaterThan(0);
    expect(whole.numerator).toBe(bnOld.numerator + bgOld.numerator);
    expect(whole.centreCount).toBe(bnOld.centreCount + bgOld.centreCount);
    // And each part is what was reported: the accepted reports of the province's own rows.
    const [facts] = await sql<{ bn: number; bg: number }>(
      `SELECT coalesce(sum(value) FILTER (WHERE province_id = $2), 0)::float8 AS bn, coalesce(sum(value) FILTER (WHERE province_id = $3), 0)::float8 AS bg
       FROM fact_value WHERE period_code = $1 AND value_key = 'certificates_issued'`,
      [period, bn, bg],
    );
    expect({ bn: bnOld.numerator, bg: bgOld.numerator }).toEqual(facts);
    // Thanh Hóa's total of the same period holds none of it.
    const thToken = await api.login('so.quantri');
    const thTotal = await api.gql<{ indicatorValues: { numerator: number }[] }>(Q, { q: { codes: ['CERTIFICATES_ISSUED'], periodCode: period } }, thToken);
    const [thFacts] = await sql<{ n: number }>(`SELECT coalesce(sum(value), 0)::float8 AS n FROM fact_value WHERE period_code = $1 AND value_key = 'certificates_issued' AND province_id = $2`, [period, th]);
    expect(thTotal.data!.indicatorValues[0].numerator).toBe(thFacts.n);
  });

  describe("the absorbed province's users", () => {
    it("are locked by the merger; Bắc Ninh's Sở admin moves one, whose audit stays; Thanh Hóa cannot", async () => {
      const [bgAdmin] = await sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'bg.quantri'`);
      await expect(api.login('bg.quantri')).rejects.toThrow(/UNAUTHENTICATED|không đúng/);
      const MOVE = `mutation($id: ID!) { moveUserFromMergedProvince(userId: $id) { username provinceId active } }`;
      const th = await api.gql(MOVE, { id: bgAdmin.id }, await api.login('so.quantri'));
      expect(['NOT_FOUND', 'VALIDATION_FAILED']).toContain(errorCode(th));
      expect(await sql(`SELECT province_id FROM app_user WHERE id = $1`, [bgAdmin.id])).toEqual([{ province_id: bg }]);
      // Bắc Ninh's admin sees the locked account in its list, then moves it.
      const bnToken = await api.login('bn.quantri');
      const users = await api.gql<{ users: { nodes: { username: string; active: boolean }[] } }>(`{ users(first: 100) { nodes { username active } } }`, {}, bnToken);
      expect(users.data!.users.nodes.find((u) => u.username === 'bg.quantri')).toEqual({ username: 'bg.quantri', active: false });
      const moved = await api.gql<{ moveUserFromMergedProvince: { username: string; provinceId: string; active: boolean } }>(MOVE, { id: bgAdmin.id }, bnToken);
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.moveUserFromMergedProvince).toEqual({ username: 'bg.quantri', provinceId: bn, active: true });
      const me = await api.gql<{ me: { provinceId: string } }>(`{ me { provinceId } }`, {}, await api.login('bg.quantri'));
      expect(me.data!.me.provinceId).toBe(bn);
      expect(await sql(`SELECT province_id, actor_user_id FROM audit_event WHERE action = 'USER_MOVED_BY_MERGER' AND entity_id = $1 ORDER BY province_id`, [bgAdmin.id]))
        .toEqual(expect.arrayContaining([{ province_id: bg, actor_user_id: expect.any(String) }, { province_id: bn, actor_user_id: expect.any(String) }]));
      // A user of Bắc Ninh is not "moved" (not from a merged province).
      const [bnUser] = await sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'bn.quantri'`);
      expect(errorCode(await api.gql(MOVE, { id: bnUser.id }, bnToken))).toBe('VALIDATION_FAILED');
    });
  });

  describe('recordProvinceMerger', () => {
    const RECORD = `mutation($i: RecordProvinceMergerInput!) { recordProvinceMerger(input: $i) { mergerId unitsCreated centresMoved } }`;
    const counts = () => sql(`SELECT (SELECT count(*) FROM province_merger)::int AS m, (SELECT count(*) FROM reorganisation)::int AS r, (SELECT count(*) FROM administrative_unit)::int AS u`);

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

    it('is FORBIDDEN to anyone but a SYSTEM_ADMIN, and writes nothing', async () => {
      const before = await counts();
      for (const who of ['bn.quantri', 'so.quantri', 'so.chuyenvien', 'gd.gdtx']) {
        const r = await api.gql(RECORD, { i: { absorbedProvinceId: th, survivorProvinceId: bn, effectiveDate: '2026-01-01', legalBasis: 'NQ thử' } }, await api.login(who));
        expect(errorCode(r)).toBe('FORBIDDEN');
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses bad input with VALIDATION_FAILED and a Vietnamese message, writing nothing', async () => {
      const token = await api.login('admin');
      const before = await counts();
      const cases: [Record<string, string>, string][] = [
        [{ absorbedProvinceId: bn, survivorProvinceId: bn }, 'absorbedProvinceId'], // into itself
        [{ absorbedProvinceId: bg, survivorProvinceId: th }, 'absorbedProvinceId'], // already absorbed
        [{ absorbedProvinceId: bn, survivorProvinceId: bg }, 'survivorProvinceId'], // into an absorbed one (a cycle)
        [{ absorbedProvinceId: th, survivorProvinceId: bn, effectiveDate: '1999-12-31' }, 'effectiveDate'],
        [{ absorbedProvinceId: th, survivorProvinceId: bn, effectiveDate: '2099-01-01' }, 'effectiveDate'],
        [{ absorbedProvinceId: th, survivorProvinceId: bn, legalBasis: '   ' }, 'legalBasis'],
        [{ absorbedProvinceId: th, survivorProvinceId: '00000000-0000-4000-8000-000000000000' }, 'survivorProvinceId'],
      ];
      // A province whose centre code Bắc Ninh already uses: a conflict to resolve before merging.
      const clash = await smallProvince('YT', 'BN-NN-001', 'yt.quantri');
      cases.push([{ absorbedProvinceId: clash.province, survivorProvinceId: bn }, 'absorbedProvinceId']);
      const before2 = await counts();
      for (const [input, field] of cases) {
        const r = await api.gql<unknown>(RECORD, { i: { effectiveDate: '2026-01-01', legalBasis: 'NQ thử', ...input } }, token);
        expect(errorCode(r)).toBe('VALIDATION_FAILED');
        expect(r.errors![0].message).toMatch(/[ạ-ỹà-ỵđ]/i);
        expect(JSON.stringify(r.errors![0].extensions)).toContain(field);
      }
      expect(await counts()).toEqual(before2);
      expect(before2.map((c) => c['m'])).toEqual(before.map((c) => c['m']));
    });

    it("records a merger for a SYSTEM_ADMIN: the survivor's open sessions see the new lineage at once, the absorbed province's users are locked", async () => {
      const { province: x, centre } = await smallProvince('XT', 'XT-NN-001', 'xt.quantri');
      const xtToken = await api.login('xt.quantri');
      const bnToken = await api.login('bn.quantri');
      const CENTRE = `query($id: ID!) { centre(id: $id) { code } }`;
      expect(errorCode(await api.gql(CENTRE, { id: centre }, bnToken))).toBe('NOT_FOUND'); // cached session, before

      const r = await api.gql<{ recordProvinceMerger: { unitsCreated: number; centresMoved: number } }>(
        RECORD, { i: { absorbedProvinceId: x, survivorProvinceId: bn, effectiveDate: '2026-01-01', legalBasis: 'Nghị quyết thử nghiệm' } }, await api.login('admin'));
      expect(r.errors).toBeUndefined();
      expect(r.data!.recordProvinceMerger).toMatchObject({ unitsCreated: 1, centresMoved: 1 });
      // The same tokens: Bắc Ninh's session now carries both predecessors; the absorbed province's session has ended.
      expect((await api.gql<{ centre: { code: string } }>(CENTRE, { id: centre }, bnToken)).data!.centre.code).toBe('XT-NN-001');
      expect(errorCode(await api.gql(`{ me { username } }`, {}, xtToken))).toBe('UNAUTHENTICATED');
      const mergers = await api.gql<{ provinceMergers: { absorbedName: string }[] }>(`{ provinceMergers { absorbedName } }`, {}, bnToken);
      expect(mergers.data!.provinceMergers.map((m) => m.absorbedName).sort()).toEqual(['Tỉnh Bắc Giang', 'Tỉnh Thử XT']);
      expect(await sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'PROVINCE_MERGER_RECORDED' AND province_id IN ($1, $2)`, [x, bn])).toEqual([{ n: 2 }]);
      // Recording it again is refused (already absorbed).
      const again = await api.gql(RECORD, { i: { absorbedProvinceId: x, survivorProvinceId: bn, effectiveDate: '2026-01-01', legalBasis: 'lại' } }, await api.login('admin'));
      expect(errorCode(again)).toBe('VALIDATION_FAILED');
      // Thanh Hóa still sees nothing of it.
      expect(errorCode(await api.gql(CENTRE, { id: centre }, await api.login('so.quantri')))).toBe('NOT_FOUND');
    });
  });
});
