import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { connectAsAppRole, connectAsJobsRole } from '@gdtx/platform/testing';
import { bootApi, errorCode, TestApi } from './harness';

// Issue 2's must-show, over HTTP against the booted API and real PostgreSQL.
describe('tenancy core (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await bootApi({ GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COST: '3000' });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    // Today's world (issue 12): units valid today (communes directly under the province), and the districts that
    // ended on 30 Jun 2025 by their code with the suffix '@2025' (e.g. 'TH-TX@2025').
    const { rows } = await owner.query(
      `SELECT code, id FROM centre UNION ALL SELECT code, id FROM administrative_unit WHERE valid_to IS NULL
       UNION ALL SELECT code || '@2025', id FROM administrative_unit WHERE level = 'DISTRICT' AND valid_to = '2025-06-30'`,
    );
    for (const r of rows) ids[r.code] = r.id;
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  const CENTRES = `query($f: CentreFilter, $first: Int) { centres(filter: $f, first: $first) { totalCount nodes { id code name } } }`;

  describe('login per role', () => {
    it.each([
      ['admin', 'SYSTEM_ADMIN', 'province'],
      ['so.quantri', 'SO_ADMIN', 'province'],
      ['so.chuyenvien', 'SO_SPECIALIST', 'province'],
      ['so.lanhdao', 'SO_LEADER', 'province'],
      ['so.thanhtra', 'INSPECTOR', 'province'],
      ['xa.xuanhoa', 'SUPERVISOR', 'unit'],
      ['kv.thoxuan', 'SUPERVISOR', 'area'],
      ['phong.thoxuan', 'SUPERVISOR', 'area'],
      ['gd.gdtx', 'CENTRE_DIRECTOR', 'centre'],
      ['cb.gdtx', 'CENTRE_STAFF', 'centre'],
    ])('%s logs in as %s with %s scope', async (username, role, scope) => {
      const token = await api.login(username);
      const r = await api.gql<{ me: { role: string; scope: string; username: string } }>(`{ me { role scope username } }`, {}, token);
      expect(r.errors).toBeUndefined();
      expect(r.data!.me).toEqual({ role, scope, username });
    });

    it('refuses a wrong password with UNAUTHENTICATED and a Vietnamese message', async () => {
      const r = await api.gql(`mutation { login(input: { username: "gd.gdtx", password: "sai-mat-khau" }) { accessToken } }`);
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0].message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    });

    it('refuses an unknown user the same way as a wrong password', async () => {
      const r = await api.gql(`mutation { login(input: { username: "khong.ton.tai", password: "x" }) { accessToken } }`);
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0].message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    });
  });

  describe('centre director', () => {
    it('sees only their own centre in centres', async () => {
      const token = await api.login('gd.hoasen');
      const r = await api.gql<{ centres: { totalCount: number; nodes: { id: string }[] } }>(CENTRES, {}, token);
      expect(r.data!.centres.totalCount).toBe(1);
      expect(r.data!.centres.nodes.map((n) => n.id)).toEqual([ids['TH-NN-004']]);
    });

    it('gets NOT_FOUND for another centre by id, and for a centre of another province', async () => {
      const token = await api.login('gd.hoasen');
      for (const other of ['TH-NN-001', 'TH-GDTX', 'BN-NN-001']) {
        const r = await api.gql(`query($id: ID!) { centre(id: $id) { id name } }`, { id: ids[other] }, token);
        expect(errorCode(r)).toBe('NOT_FOUND');
        expect(r.data).toBeNull();
      }
    });

    it('cannot create, update or license centres (FORBIDDEN) and nothing is written', async () => {
      const token = await api.login('gd.hoasen');
      const before = await countRows('centre');
      const r = await api.gql(
        `mutation($u: ID!) { createCentre(input: { code: "X-1", name: "Trung tâm giả", type: LANGUAGE, ownership: PRIVATE, adminUnitId: $u }) { id } }`,
        { u: ids['TH-TX-01'] }, token,
      );
      expect(errorCode(r)).toBe('FORBIDDEN');
      const r2 = await api.gql(
        `mutation($c: ID!) { recordLicence(input: { centreId: $c, kind: DIRECTOR_RECOGNITION, decisionNumber: "1/QĐ", decidedOn: "2026-01-01", issuer: "Tự cấp", validFrom: "2026-01-01" }) { id } }`,
        { c: ids['TH-NN-004'] }, token,
      );
      expect(errorCode(r2)).toBe('FORBIDDEN');
      expect(await countRows('centre')).toBe(before);
    });
  });

  // Centres whose unit or supervising unit lies under any of the paths (what the RLS rule gives a unit or area scope).
  async function centresUnder(paths: string[]): Promise<string[]> {
    const { rows } = await owner.query(
      `SELECT id FROM centre c WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE c.unit_path LIKE p || '%' OR c.supervising_unit_path LIKE p || '%') ORDER BY id`,
      [paths],
    );
    return rows.map((r: { id: string }) => r.id);
  }
  const areaPaths = async (code: string): Promise<string[]> =>
    (await owner.query(
      `SELECT u.path FROM supervisory_area a JOIN supervisory_area_member m ON m.area_id = a.id AND m.valid_to IS NULL
       JOIN administrative_unit u ON u.id = m.unit_id WHERE a.code = $1`,
      [code],
    )).rows.map((r: { path: string }) => r.path);
  const centreIds = async (token: string) =>
    (await api.gql<{ centres: { totalCount: number; nodes: { id: string }[] } }>(CENTRES, { first: 200 }, token)).data!.centres.nodes.map((n) => n.id).sort();

  describe('commune officer (UBND xã Xuân Hòa, after the 2025 reform)', () => {
    it('sees exactly the centres of its commune', async () => {
      const { rows: [unit] } = await owner.query(`SELECT u.path, u.parent_id = u.province_id AS direct FROM app_user a JOIN administrative_unit u ON u.id = a.unit_id WHERE a.username = 'xa.xuanhoa'`);
      expect(unit.direct).toBe(true); // a commune directly under the province
      const expected = await centresUnder([unit.path]);
      expect(expected.length).toBeGreaterThanOrEqual(2); // its TTHTCĐ and the language centre Tuổi Trẻ Thọ Xuân
      expect(await centreIds(await api.login('xa.xuanhoa'))).toEqual(expected);
    });

    it('cannot open a centre outside the commune', async () => {
      const token = await api.login('xa.xuanhoa');
      for (const other of ['TH-NN-001', 'TH-NN-004', 'BN-NN-001']) {
        expect(errorCode(await api.gql(`query($id: ID!) { centre(id: $id) { id } }`, { id: ids[other] }, token))).toBe('NOT_FOUND');
      }
    });
  });

  describe('area officer (Khu vực Thọ Xuân)', () => {
    it('sees exactly the centres of the area\'s communes, read-only', async () => {
      const paths = await areaPaths('KV-THO-XUAN');
      expect(paths.length).toBeGreaterThanOrEqual(4);
      const expected = await centresUnder(paths);
      expect(expected).toContain(ids['TH-NN-004']);
      expect(expected).not.toContain(ids['TH-NN-001']);
      const token = await api.login('kv.thoxuan');
      expect(await centreIds(token)).toEqual(expected);
      const me = await api.gql<{ me: { scope: string; scopeName: string; permissions: string[]; scopeEndedOn: string | null } }>(`{ me { scope scopeName permissions scopeEndedOn } }`, {}, token);
      expect(me.data!.me).toMatchObject({ scope: 'area', scopeName: 'Khu vực Thọ Xuân', scopeEndedOn: null });
      expect(me.data!.me.permissions).not.toContain('REPORT_REVIEW');
    });
  });

  describe('legacy district office (Phòng GDĐT Thọ Xuân, dissolved 1 Jul 2025)', () => {
    it('keeps read-only access to the former district: its scope ended on 30 Jun 2025', async () => {
      const token = await api.login('phong.thoxuan');
      const me = await api.gql<{ me: { scope: string; scopeEndedOn: string; permissions: string[] } }>(`{ me { scope scopeEndedOn permissions } }`, {}, token);
      expect(me.data!.me).toMatchObject({ scope: 'area', scopeEndedOn: '2025-06-30' });
      expect(me.data!.me.permissions).not.toContain('REPORT_REVIEW');
      // The centres that were in the district, wherever the reform placed them; none elsewhere.
      const seen = await centreIds(token);
      expect(seen).toContain(ids['TH-NN-004']);
      expect(seen).toContain(ids['TH-TX-GDNN']);
      expect(seen).not.toContain(ids['TH-NN-001']);
      expect(seen).not.toContain(ids['TH-HH-GDNN']);
      expect(errorCode(await api.gql(`query($id: ID!) { centre(id: $id) { id } }`, { id: ids['TH-NN-001'] }, token))).toBe('NOT_FOUND');
    });
  });

  describe('province roles', () => {
    it('see every centre of their province and nothing of another province', async () => {
      const token = await api.login('so.chuyenvien');
      const r = await api.gql<{ centres: { totalCount: number; nodes: { id: string }[] } }>(CENTRES, { first: 200 }, token);
      const { rows } = await owner.query(`SELECT c.id FROM centre c JOIN administrative_unit p ON p.id = c.province_id WHERE p.code = 'TH'`);
      expect(r.data!.centres.totalCount).toBe(rows.length);
      const bnIds = new Set([ids['BN-NN-001'], ids['BN-NN-002']]);
      expect(r.data!.centres.nodes.some((n) => bnIds.has(n.id))).toBe(false);
      const other = await api.gql(`query($id: ID!) { centre(id: $id) { id } }`, { id: ids['BN-NN-002'] }, token);
      expect(errorCode(other)).toBe('NOT_FOUND');
    });

    it('the Bắc Ninh admin sees only Bắc Ninh (with the centres Bắc Giang brought into it on 1 Jul 2025, ADR 0015)', async () => {
      const token = await api.login('bn.quantri');
      const r = await api.gql<{ centres: { totalCount: number; nodes: { code: string }[] } }>(CENTRES, {}, token);
      expect(r.data!.centres.nodes.map((n) => n.code).sort()).toEqual(['BG-NN-001', 'BG-TH-001', 'BN-NN-001', 'BN-NN-002']);
    });

    it('search ignores Vietnamese diacritics', async () => {
      const token = await api.login('so.chuyenvien');
      const r = await api.gql<{ centres: { nodes: { name: string }[] } }>(CENTRES, { f: { search: 'trung tam ngoai ngu hoa sen' } }, token);
      expect(r.data!.centres.nodes.map((n) => n.name)).toEqual(['Trung tâm Ngoại ngữ Hoa Sen']);
    });

    it('filters by licence status (expired director recognition)', async () => {
      const token = await api.login('so.chuyenvien');
      const r = await api.gql<{ centres: { nodes: { code: string }[] } }>(CENTRES, { f: { licenceStatus: 'EXPIRED' } }, token);
      expect(r.data!.centres.nodes.map((n) => n.code)).toContain('TH-NN-002');
      const missing = await api.gql<{ centres: { nodes: { code: string }[] } }>(CENTRES, { f: { licenceStatus: 'MISSING' } }, token);
      expect(missing.data!.centres.nodes.map((n) => n.code)).toContain('TH-NN-006');
    });
  });

  describe('row-level security below the service layer', () => {
    async function asApp<T>(scope: Record<string, string>, sql: string, params: unknown[] = []): Promise<T[]> {
      const c = await connectAsAppRole(api.db.ownerUrl);
      try {
        await c.query('BEGIN');
        for (const [k, v] of Object.entries(scope)) await c.query(`SELECT set_config($1, $2, true)`, [`app.${k}`, v]);
        const { rows } = await c.query(sql, params);
        await c.query('COMMIT');
        return rows as T[];
      } finally {
        await c.end();
      }
    }
    const provinceOf = async (code: string) => (await owner.query(`SELECT province_id FROM centre WHERE code = $1`, [code])).rows[0].province_id as string;

    it('the app role is not a superuser and cannot bypass RLS', async () => {
      const c = await connectAsAppRole(api.db.ownerUrl);
      const { rows } = await c.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
      await c.end();
      expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    });

    it('the app role cannot take the system scope itself; only the jobs role can (issue 13, Build 5)', async () => {
      const tables = ['centre', 'licence_record', 'app_user', 'submission', 'fact_value', 'notification', 'outbox_job'];
      for (const t of tables) {
        // What SQL injected into a request could try: claim the system scope on the request's own connection.
        expect({ table: t, rows: await asApp({ scope: 'system' }, `SELECT 1 FROM ${t} LIMIT 1`) }).toEqual({ table: t, rows: [] });
      }
      const refusedWrite = await asApp({ scope: 'system' }, `UPDATE centre SET name = name || ' (x)' RETURNING id`);
      expect(refusedWrite).toEqual([]);
      const c = await connectAsJobsRole(api.db.ownerUrl);
      try {
        const { rows: [role] } = await c.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
        expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
        await c.query('BEGIN');
        await c.query(`SELECT set_config('app.scope', 'system', true)`);
        const { rows: [seen] } = await c.query(`SELECT app_scope() AS scope, (SELECT count(*)::int FROM centre) AS centres`);
        await c.query('ROLLBACK');
        const { rows: [all] } = await owner.query(`SELECT count(*)::int AS n FROM centre`);
        expect(seen).toEqual({ scope: 'system', centres: all.n });
      } finally {
        await c.end();
      }
    });

    it('a job that carries a province sees and changes that province only; a global job sees every province (issue 13, Build 5)', async () => {
      const th = await provinceOf('TH-GDTX');
      const { rows: [bn] } = await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'BN'`);
      // Bắc Giang (absorbed by Bắc Ninh, ADR 0015) keeps its pre-merger reports under its own id.
      const { rows: [bg] } = await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'BG'`);
      const c = await connectAsJobsRole(api.db.ownerUrl);
      const asJob = async (province: string | null, sql: string) => {
        await c.query('BEGIN');
        await c.query(`SELECT set_config('app.scope', 'system', true), set_config('app.province_id', $1, true)`, [province ?? '']);
        const { rows } = await c.query(sql);
        await c.query('ROLLBACK');
        return rows;
      };
      try {
        const provincesSeen = async (province: string | null) =>
          (await asJob(province, `SELECT DISTINCT province_id FROM centre UNION SELECT DISTINCT province_id FROM submission`)).map((r) => r.province_id).sort();
        expect(await provincesSeen(th)).toEqual([th]);
        expect(await provincesSeen(null)).toEqual([th, bn.id, bg.id].sort());
        // Writes too: a Thanh Hóa job cannot touch a Bắc Ninh centre.
        expect(await asJob(th, `UPDATE centre SET name = name WHERE province_id = '${bn.id}' RETURNING id`)).toEqual([]);
        expect((await asJob(null, `UPDATE centre SET name = name WHERE province_id = '${bn.id}' RETURNING id`)).length).toBeGreaterThan(0);
        // Derived rows that only jobs write (fact_value, user_totp): a Thanh Hóa job cannot insert Bắc Ninh's.
        const { rows: [bnCentre] } = await owner.query(`SELECT id, unit_path FROM centre WHERE province_id = $1 LIMIT 1`, [bn.id]);
        const { rows: [bnUser] } = await owner.query(`SELECT id FROM app_user WHERE province_id = $1 AND id NOT IN (SELECT user_id FROM user_totp) LIMIT 1`, [bn.id]);
        const insertFact = `INSERT INTO fact_value (year, province_id, centre_id, submission_id, centre_type, ownership, unit_path, template_code,
            period_code, period_type, period_start, period_end, school_year, value_key, value)
          VALUES (2025, '${bn.id}', '${bnCentre.id}', gen_random_uuid(), 'GDNN_GDTX', 'PUBLIC', '${bnCentre.unit_path}', 'probe', 'HK1-2025-2026',
            'SEMESTER', '2025-09-01', '2026-01-15', '2025-2026', 'probe_key', 1) RETURNING province_id`;
        const insertTotp = `INSERT INTO user_totp (user_id, province_id, secret) VALUES ('${bnUser.id}', '${bn.id}', 'probe') RETURNING province_id`;
        const refused = async (province: string, sql: string) => {
          try {
            await asJob(province, sql);
            return 'written';
          } catch (e) {
            await c.query('ROLLBACK');
            return (e as { code?: string }).code;
          }
        };
        expect(await refused(th, insertFact)).toBe('42501'); // new row violates row-level security policy
        expect(await refused(th, insertTotp)).toBe('42501');
        expect(await asJob(bn.id, insertFact)).toEqual([{ province_id: bn.id }]); // its own province's job may
        expect(await asJob(bn.id, insertTotp)).toEqual([{ province_id: bn.id }]);
        expect(await asJob(null, insertFact)).toEqual([{ province_id: bn.id }]); // and a global one
      } finally {
        await c.end();
      }
    });

    it('with no scope, a direct read returns no rows at all', async () => {
      expect(await asApp({}, `SELECT id FROM centre`)).toEqual([]);
      expect(await asApp({}, `SELECT id FROM licence_record`)).toEqual([]);
      expect(await asApp({}, `SELECT id FROM app_user`)).toEqual([]);
    });

    it('an area scope sees through the RLS rule only the rows of centres in its communes, and writes none elsewhere', async () => {
      const paths = await areaPaths('KV-THO-XUAN');
      const province = await provinceOf('TH-NN-004');
      const scope = { scope: 'area', province_id: province, area_paths: paths.join(',') };
      const mine = await centresUnder(paths);
      expect((await asApp<{ id: string }>(scope, `SELECT id FROM centre ORDER BY id`)).map((r) => r.id)).toEqual(mine);
      for (const table of ['licence_record', 'submission']) {
        const seen = await asApp<{ centre_id: string }>(scope, `SELECT DISTINCT centre_id FROM ${table}`);
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((r) => mine.includes(r.centre_id))).toBe(true);
      }
      const outside = (await owner.query(`SELECT id FROM centre WHERE NOT (id = ANY ($1::uuid[]))`, [mine])).rows.map((r: { id: string }) => r.id);
      expect(await asApp(scope, `SELECT id FROM submission WHERE centre_id = ANY ($1::uuid[])`, [outside])).toEqual([]);
      // An area scope without paths sees nothing (never "everything").
      expect(await asApp({ scope: 'area', province_id: province }, `SELECT id FROM centre`)).toEqual([]);
      expect(await asApp({ scope: 'area', province_id: province, area_paths: '' }, `SELECT id FROM submission`)).toEqual([]);
    });

    it('a supervisor (unit scope) sees through the RLS rule only the rows of centres in its subtree, and every policy calls the rule', async () => {
      const { rows: [sup] } = await owner.query(
        `SELECT u.province_id, a.path FROM app_user u JOIN administrative_unit a ON a.id = u.unit_id WHERE u.username = 'xa.xuanhoa'`,
      );
      const scope = { scope: 'unit', province_id: sup.province_id, unit_path: sup.path };
      const mine = (await owner.query(
        `SELECT id FROM centre WHERE province_id = $1 AND (unit_path LIKE $2 || '%' OR supervising_unit_path LIKE $2 || '%') ORDER BY id`,
        [sup.province_id, sup.path],
      )).rows.map((r: { id: string }) => r.id);
      expect(mine.length).toBeGreaterThan(0);
      expect((await asApp<{ id: string }>(scope, `SELECT id FROM centre ORDER BY id`)).map((r) => r.id)).toEqual(mine);
      // Centre-owned rows (licences, submissions) through app_sees_centre: only those centres, even when asked by id.
      for (const table of ['licence_record', 'submission', 'centre_status_history']) {
        const seen = await asApp<{ centre_id: string }>(scope, `SELECT DISTINCT centre_id FROM ${table}`);
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((r) => mine.includes(r.centre_id))).toBe(true);
      }
      const outside = (await owner.query(`SELECT id FROM centre WHERE NOT (id = ANY ($1::uuid[]))`, [mine])).rows.map((r: { id: string }) => r.id);
      expect(outside.length).toBeGreaterThan(0);
      expect(await asApp(scope, `SELECT id FROM licence_record WHERE centre_id = ANY ($1::uuid[])`, [outside])).toEqual([]);
      expect(await asApp(scope, `SELECT id FROM submission WHERE centre_id = ANY ($1::uuid[])`, [outside])).toEqual([]);
      // Nor can it write a row for a centre outside its subtree (the same rule in WITH CHECK).
      await expect(
        asApp(scope, `UPDATE submission SET updated_at = now() WHERE centre_id = ANY ($1::uuid[]) RETURNING id`, [outside]),
      ).resolves.toEqual([]);
      // The rule has one place: no tenant policy states the province or subtree test itself.
      const { rows: inline } = await owner.query(
        `SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'
           AND (coalesce(qual, '') || coalesce(with_check, '')) ~ '(province_id = |unit_path ~~|FROM centre)'`,
      );
      // Platform's kernel tables sit below org (the arrows point one way, in SQL too), so they cannot call org's rule;
      // they hold province-wide rows only and state the province test themselves.
      const platformKernel = ['outbox', 'outbox_job', 'audit_event'];
      expect(inline.map((r: { tablename: string }) => r.tablename).filter((t: string) => !platformKernel.includes(t))).toEqual([]);
    });

    it('a centre scope reads only its own rows, even asking for another centre explicitly', async () => {
      const scope = { scope: 'centre', province_id: await provinceOf('TH-NN-004'), centre_id: ids['TH-NN-004'] };
      const centres = await asApp<{ id: string }>(scope, `SELECT id FROM centre`);
      expect(centres.map((r) => r.id)).toEqual([ids['TH-NN-004']]);
      expect(await asApp(scope, `SELECT id FROM licence_record WHERE centre_id = $1`, [ids['TH-NN-001']])).toEqual([]);
      expect((await asApp(scope, `SELECT id FROM licence_record`)).length).toBeGreaterThan(0);
    });

    it('a province scope never reads another province', async () => {
      const scope = { scope: 'province', province_id: await provinceOf('TH-GDTX') };
      const foreign = await asApp(scope, `SELECT id FROM centre WHERE code LIKE 'BN-%'`);
      expect(foreign).toEqual([]);
    });

    it('a centre scope cannot write into another centre (WITH CHECK)', async () => {
      const scope = { scope: 'centre', province_id: await provinceOf('TH-NN-004'), centre_id: ids['TH-NN-004'] };
      await expect(
        asApp(scope, `UPDATE centre SET name = 'hijacked' WHERE id = $1 RETURNING id`, [ids['TH-NN-001']]),
      ).resolves.toEqual([]);
      await expect(
        asApp(scope, `INSERT INTO licence_record (province_id, centre_id, kind, decision_number, decided_on, issuer, valid_from)
                      VALUES ($1, $2, 'ESTABLISHMENT', 'x', '2026-01-01', 'x', '2026-01-01')`, [scope.province_id, ids['TH-NN-001']]),
      ).rejects.toThrow(/row-level security/);
      const { rows } = await owner.query(`SELECT name FROM centre WHERE id = $1`, [ids['TH-NN-001']]);
      expect(rows[0].name).not.toBe('hijacked');
    });
  });

  describe('bad input', () => {
    it('a tampered token is UNAUTHENTICATED', async () => {
      const token = await api.login('so.chuyenvien');
      const [h, p, s] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'SYSTEM_ADMIN' })).toString('base64url');
      const r = await api.gql(`{ me { role } }`, {}, `${h}.${forged}.${s}`);
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
    });

    it('an expired token is UNAUTHENTICATED with a Vietnamese message', async () => {
      const token = await api.login('so.chuyenvien');
      const { iat: _iat, exp: _exp, ...claims } = jwt.decode(token) as Record<string, unknown>;
      const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, process.env['JWT_SECRET']!);
      const r = await api.gql(`{ me { role } }`, {}, expired);
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0].message).toMatch(/hết hạn/);
    });

    it('a malformed id is BAD_USER_INPUT', async () => {
      const token = await api.login('so.chuyenvien');
      const r = await api.gql(`{ centre(id: "not-a-uuid") { id } }`, {}, token);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
    });

    it('an unknown enum value is BAD_USER_INPUT', async () => {
      const token = await api.login('so.chuyenvien');
      const r = await api.gql(`{ centres(filter: { type: SPACESHIP }) { totalCount } }`, {}, token);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toMatch(/không hợp lệ/);
    });

    it('an over-deep query is refused with BAD_USER_INPUT', async () => {
      // This suite runs with GRAPHQL_MAX_DEPTH=4 (production default: 10): the schema has no cycles deep enough
      // to exceed 10, so the limit is lowered to prove it is enforced.
      const token = await api.login('so.chuyenvien');
      const ok = await api.gql(`{ centres { nodes { licences { id } } } }`, {}, token);
      expect(ok.errors).toBeUndefined();
      const deep = await api.gql(`{ centres { edges { node { adminUnit { id } } } } }`, {}, token);
      expect(errorCode(deep)).toBe('BAD_USER_INPUT');
      expect(deep.errors![0].message).toMatch(/quá sâu/);
    });

    it('an over-costly query is refused with BAD_USER_INPUT and a Vietnamese message', async () => {
      const token = await api.login('so.chuyenvien');
      const one = `centres(first: 200) { nodes { id code name licences { id kind decisionNumber issuer validTo } statusHistory { status validFrom } adminUnit { id name } } }`;
      const query = `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: ${one}`).join(' ')} }`;
      const r = await api.gql(query, {}, token);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toMatch(/phức tạp|bí danh/);
    });

    it('an oversized string is VALIDATION_FAILED with field details, and nothing is written', async () => {
      const token = await api.login('so.quantri');
      const before = await countRows('centre');
      const r = await api.gql(
        `mutation($u: ID!, $n: String!) { createCentre(input: { code: "TH-NEW-1", name: $n, type: LANGUAGE, ownership: PRIVATE, adminUnitId: $u }) { id } }`,
        { u: ids['TH-TX-01'], n: 'Trung tâm '.repeat(2000) }, token,
      );
      expect(errorCode(r)).toBe('VALIDATION_FAILED');
      const fields = r.errors![0].extensions!['fields'] as { field: string; messageVi: string }[];
      expect(fields.map((f) => f.field)).toContain('name');
      expect(await countRows('centre')).toBe(before);
    });
  });

  describe('admin mutations', () => {
    it('a Sở admin creates a centre, records a licence, changes status; a stale update gets CONFLICT', async () => {
      const token = await api.login('so.quantri');
      const created = await api.gql<{ createCentre: { id: string; licenceStatus: string; version: number } }>(
        `mutation($u: ID!) { createCentre(input: { code: "TH-NN-099", name: "Trung tâm Ngoại ngữ Thử Nghiệm", type: LANGUAGE, ownership: PRIVATE, adminUnitId: $u, establishedOn: "2026-01-10" }) { id licenceStatus version } }`,
        { u: ids['TH-TX-01'] }, token,
      );
      expect(created.errors).toBeUndefined();
      const id = created.data!.createCentre.id;
      expect(created.data!.createCentre.licenceStatus).toBe('MISSING');
      for (const kind of ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION']) {
        const r = await api.gql(
          `mutation($c: ID!, $k: LicenceKind!) { recordLicence(input: { centreId: $c, kind: $k, decisionNumber: "99/QĐ-SGDĐT", decidedOn: "2026-01-10", issuer: "Sở GDĐT Thanh Hóa", validFrom: "2026-01-10", validTo: "2031-01-09" }) { id state } }`,
          { c: id, k: kind }, token,
        );
        expect(r.errors).toBeUndefined();
      }
      const after = await api.gql<{ centre: { licenceStatus: string; licences: unknown[] } }>(`query($id: ID!) { centre(id: $id) { licenceStatus licences { kind } } }`, { id }, token);
      expect(after.data!.centre.licenceStatus).toBe('VALID');
      expect(after.data!.centre.licences).toHaveLength(3);

      const status = await api.gql<{ changeCentreStatus: { status: string; statusHistory: { status: string }[] } }>(
        `mutation($c: ID!) { changeCentreStatus(input: { centreId: $c, status: NOT_ENROLLING, effectiveFrom: "2026-06-01", reason: "Không tuyển sinh" }) { status statusHistory { status } } }`,
        { c: id }, token,
      );
      expect(status.data!.changeCentreStatus.status).toBe('NOT_ENROLLING');
      expect(status.data!.changeCentreStatus.statusHistory.map((s) => s.status)).toEqual(['NOT_ENROLLING', 'ACTIVE']);

      const stale = await api.gql(`mutation($c: ID!) { updateCentre(input: { id: $c, expectedVersion: 1, name: "Tên cũ" }) { id } }`, { c: id }, token);
      expect(errorCode(stale)).toBe('CONFLICT');
      const audits = await owner.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [id]);
      expect(audits.rows.map((a) => a.action)).toEqual(['CENTRE_CREATED', 'CENTRE_STATUS_CHANGED']);
    });

    it('a Sở admin creates a commune supervisor who then logs in with unit scope', async () => {
      const token = await api.login('so.quantri');
      // Thị trấn Bút Sơn (today directly under the province), where the GDNN-GDTX centre of former Hoằng Hóa sits.
      const r = await api.gql<{ createUser: { role: string; scope: string } }>(
        `mutation($u: ID!) { createUser(input: { username: "xa.butson", password: "MatKhau@2026", fullName: "Cán bộ VHXH Bút Sơn", role: SUPERVISOR, unitId: $u }) { role scope } }`,
        { u: ids['TH-HH-01'] }, token,
      );
      expect(r.data!.createUser).toEqual({ role: 'SUPERVISOR', scope: 'unit' });
      const sup = await api.login('xa.butson', 'MatKhau@2026');
      const centres = await api.gql<{ centres: { nodes: { code: string }[] } }>(CENTRES, { first: 200 }, sup);
      expect(centres.data!.centres.nodes.map((c) => c.code)).toContain('TH-HH-GDNN');
      expect(centres.data!.centres.nodes.map((c) => c.code)).not.toContain('TH-TX-GDNN');
    });

    it('a Sở admin defines an area and creates an area supervisor; another province cannot use or see it', async () => {
      const token = await api.login('so.quantri');
      const SAVE = `mutation($i: SaveSupervisoryAreaInput!) { saveSupervisoryArea(input: $i) { id code name version units { code } } }`;
      const saved = await api.gql<{ saveSupervisoryArea: { id: string; version: number; units: { code: string }[] } }>(
        SAVE, { i: { code: 'KV-HOANG-HOA', name: 'Khu vực Hoằng Hóa', validFrom: '2026-01-01', unitIds: [ids['TH-HH-01'], ids['TH-HH-02']] } }, token,
      );
      expect(saved.errors).toBeUndefined();
      expect(saved.data!.saveSupervisoryArea.units.map((u) => u.code).sort()).toEqual(['TH-HH-01', 'TH-HH-02']);
      const areaId = saved.data!.saveSupervisoryArea.id;
      const created = await api.gql<{ createUser: { scope: string; scopeName: string } }>(
        `mutation($a: ID!) { createUser(input: { username: "kv.hoanghoa", password: "MatKhau@2026", fullName: "Cán bộ khu vực", role: SUPERVISOR, areaId: $a }) { scope scopeName } }`,
        { a: areaId }, token,
      );
      expect(created.data!.createUser).toEqual({ scope: 'area', scopeName: 'Khu vực Hoằng Hóa' });
      const seen = await api.gql<{ centres: { nodes: { code: string }[] } }>(CENTRES, { first: 200 }, await api.login('kv.hoanghoa', 'MatKhau@2026'));
      expect(seen.data!.centres.nodes.map((c) => c.code)).toContain('TH-HH-GDNN');
      expect(seen.data!.centres.nodes.map((c) => c.code)).not.toContain('TH-TX-GDNN');
      // Bắc Ninh's admin neither sees the area nor can change it or give it to a user.
      const bn = await api.login('bn.quantri');
      const list = await api.gql<{ supervisoryAreas: { code: string }[] }>(`{ supervisoryAreas { code } }`, {}, bn);
      expect(list.data!.supervisoryAreas).toEqual([]);
      const hijack = await api.gql(SAVE, { i: { id: areaId, expectedVersion: 1, code: 'KV-HOANG-HOA', name: 'X', validFrom: '2026-02-01', unitIds: [ids['TH-HH-01']] } }, bn);
      expect(['NOT_FOUND', 'VALIDATION_FAILED']).toContain(errorCode(hijack));
      const steal = await api.gql(
        `mutation($a: ID!) { createUser(input: { username: "bn.kv", password: "MatKhau@2026", fullName: "Người lạ", role: SUPERVISOR, areaId: $a }) { id } }`,
        { a: areaId }, bn,
      );
      expect(errorCode(steal)).toBe('NOT_FOUND');
      const { rows } = await owner.query(`SELECT name FROM supervisory_area WHERE id = $1`, [areaId]);
      expect(rows[0].name).toBe('Khu vực Hoằng Hóa');
      // An area officer cannot define areas.
      expect(errorCode(await api.gql(SAVE, { i: { code: 'KV-X', name: 'X', validFrom: '2026-01-01', unitIds: [ids['TH-HH-01']] } }, await api.login('kv.thoxuan')))).toBe('FORBIDDEN');
    });
  });

  describe('tokens', () => {
    const LOGIN = `mutation { login(input: { username: "so.lanhdao", password: "Demo@2026" }) { accessToken refreshToken } }`;
    const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;

    it('rotates refresh tokens and detects reuse', async () => {
      const first = (await api.gql<{ login: { refreshToken: string } }>(LOGIN)).data!.login;
      const second = await api.gql<{ refreshToken: { refreshToken: string; accessToken: string } }>(REFRESH, { t: first.refreshToken });
      expect(second.errors).toBeUndefined();
      const reuse = await api.gql(REFRESH, { t: first.refreshToken });
      expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
      // Reuse ended the whole family: the newer token is dead too.
      const after = await api.gql(REFRESH, { t: second.data!.refreshToken.refreshToken });
      expect(errorCode(after)).toBe('UNAUTHENTICATED');
    });

    it('logout ends the session: the access token and the refresh token stop working', async () => {
      const s = (await api.gql<{ login: { accessToken: string; refreshToken: string } }>(LOGIN)).data!.login;
      expect((await api.gql(`{ me { id } }`, {}, s.accessToken)).errors).toBeUndefined();
      const out = await api.gql(`mutation($t: String) { logout(refreshToken: $t) }`, { t: s.refreshToken }, s.accessToken);
      expect(out.errors).toBeUndefined();
      expect(errorCode(await api.gql(`{ me { id } }`, {}, s.accessToken))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(REFRESH, { t: s.refreshToken }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('administrative units over time', () => {
    const Q = `query($asOf: Date, $p: ID) { administrativeUnits(asOf: $asOf, parentId: $p) { name level validTo successorIds predecessorIds } }`;
    type U = { name: string; level: string; successorIds: string[]; predecessorIds: string[] };

    it('before 1 Jul 2025 the district holds the old communes; today the merged commune is directly under the province', async () => {
      const token = await api.login('so.chuyenvien');
      const before = await api.gql<{ administrativeUnits: U[] }>(Q, { asOf: '2025-06-30', p: ids['TH-HH@2025'] }, token);
      const names = before.data!.administrativeUnits.map((u) => u.name);
      expect(names).toEqual(expect.arrayContaining(['Xã Hoằng Châu', 'Xã Hoằng Phụ']));
      expect(names).not.toContain('Xã Hoằng Tiến');
      expect(before.data!.administrativeUnits.find((u) => u.name === 'Xã Hoằng Châu')!.successorIds).toHaveLength(1);
      const province = await provinceIdOf('TH');
      const now = await api.gql<{ administrativeUnits: U[] }>(Q, { p: province }, token);
      const nowNames = now.data!.administrativeUnits.map((u) => u.name);
      expect(nowNames).toContain('Xã Hoằng Tiến');
      expect(nowNames).not.toContain('Xã Hoằng Châu');
      expect(now.data!.administrativeUnits.find((u) => u.name === 'Xã Hoằng Tiến')!.predecessorIds).toHaveLength(2);
    });

    it('the demo is today\'s province: no unit valid today is a district, and the districts are in the history', async () => {
      const token = await api.login('so.chuyenvien');
      const today = (await api.gql<{ administrativeUnits: U[] }>(Q, {}, token)).data!.administrativeUnits;
      expect(today.filter((u) => u.level === 'DISTRICT')).toEqual([]);
      // 22 communes and wards before the reform; Hoằng Châu + Hoằng Phụ, Xuân Tín + Thọ Lập, Lũng Niêm + Thành Sơn merged.
      expect(today.filter((u) => ['COMMUNE', 'WARD', 'SPECIAL_ZONE'].includes(u.level))).toHaveLength(19);
      const old = (await api.gql<{ administrativeUnits: U[] }>(Q, { asOf: '2023-09-30' }, token)).data!.administrativeUnits;
      expect(old.filter((u) => u.level === 'DISTRICT').map((u) => u.name)).toEqual(expect.arrayContaining(['Huyện Thọ Xuân', 'Huyện Hoằng Hóa']));
      const { rows } = await owner.query(`SELECT r.code FROM reorganisation r JOIN administrative_unit p ON p.id = r.province_id WHERE p.code = 'TH' ORDER BY r.code`);
      expect(rows.map((r: { code: string }) => r.code)).toEqual(['NQ-1686-2025', 'NQ-1686-2025-TOAN-TINH']);
    });
  });

  describe('health', () => {
    it('liveness and readiness answer', async () => {
      expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${api.url}/health`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { info: { database: { status: string } } }).info.database.status).toBe('up');
    });
  });

  async function provinceIdOf(code: string): Promise<string> {
    return (await owner.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = $1`, [code])).rows[0].id;
  }

  async function countRows(table: string): Promise<number> {
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0].n;
  }
});
