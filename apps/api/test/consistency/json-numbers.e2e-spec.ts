import fc from 'fast-check';
import { Client } from 'pg';
import { findShippedTemplate, isComputedKey } from '@gdtx/domain';
import { bootApi, TestApi } from '../harness';
import { oraclePeriods, plusDays, vietnamDay } from './oracle';
import { storedNonNumbers } from './stored-numbers';
import { fcParams, insertWorld, readBase, VALUE_KEYS } from './world';

// Issue 11, Must show (f): every stored number is a JSON number. Random values of every JSON kind go through the
// write boundary (saveSubmissionDraft, as a centre director would send them): a value that is not a JSON integer
// under an integer key is refused with VALIDATION_FAILED naming exactly those keys and nothing is stored; the
// others are stored as JSON numbers (jsonb_typeof). Then every number stored anywhere — the demo data included —
// is a JSON number.
describe('consistency (f): every stored number is a JSON number', () => {
  let api: TestApi;
  let owner: Client;
  let token: string;
  let centreId: string;
  const today = vietnamDay(new Date());
  const TEMPLATE = 'GDTX_SEMESTER';
  const periods = oraclePeriods('SEMESTER', plusDays(today, -900), today).map((p) => p.code);
  const GRID_KEY = 'exam_by_type.it_basic.candidates';
  // Computed fields (the staff total and the rates from GDTX v2 on, which new reports use) are never read from the
  // input: what is sent for them is ignored and derived (computed-fields.e2e-spec.ts), so they are not sent here.
  const KEYS = [...VALUE_KEYS[TEMPLATE], GRID_KEY].filter((key) => !isComputedKey(findShippedTemplate(TEMPLATE)!, key));

  const SAVE = `mutation($input: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $input) { submission { id version } } }`;

  beforeAll(async () => {
    api = await bootApi();
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    const base = await readBase(owner);
    const w = await insertWorld(owner, base, { centres: [{ type: 'PROVINCIAL_GDTX', licences: [{ kind: 'ESTABLISHMENT', validFrom: '2019-01-01', state: 'IN_FORCE' }], statuses: [{ status: 'ACTIVE', from: '2019-01-01' }], reports: [] }] }, today);
    centreId = w.centres[0].id;
    // Its director, with the demo director's password (copied hash: no hashing in the test).
    await owner.query(
      `INSERT INTO app_user (province_id, username, password_hash, full_name, role, centre_id)
       SELECT province_id, 'cs.giamdoc', password_hash, 'Giám đốc (kiểm thử nhất quán)', 'CENTRE_DIRECTOR', $1 FROM app_user WHERE username = 'gd.gdtx'`,
      [centreId],
    );
    token = await api.login('cs.giamdoc');
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  type Sent = { kind: 'int'; v: number } | { kind: 'bad'; v: unknown };
  const valueArb: fc.Arbitrary<Sent> = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 5000 }).map((v): Sent => ({ kind: 'int', v })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 5000 }).map((v): Sent => ({ kind: 'bad', v: String(v) })) }, // "1100" (defect 1)
    { weight: 1, arbitrary: fc.double({ min: 0.01, max: 5000, noNaN: true }).filter((v) => !Number.isInteger(v)).map((v): Sent => ({ kind: 'bad', v })) },
    { weight: 1, arbitrary: fc.boolean().map((v): Sent => ({ kind: 'bad', v })) },
    // Blank text means "not filled in" at the write boundary (value-parser.ts), so it is not a wrong value.
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }).filter((v) => v.trim() !== '').map((v): Sent => ({ kind: 'bad', v })) },
    { weight: 1, arbitrary: fc.array(fc.integer(), { maxLength: 2 }).map((v): Sent => ({ kind: 'bad', v })) },
  );

  it('the write boundary stores integers as JSON numbers and refuses anything else naming exactly the fields', async () => {
    const versions = new Map<string, number>();
    let refused = 0;
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...periods), fc.dictionary(fc.constantFrom(...KEYS), valueArb, { minKeys: 1, maxKeys: 6 }), async (periodCode, sent) => {
        const values = Object.fromEntries(Object.entries(sent).map(([k, s]) => [k, s.v]));
        const badKeys = Object.entries(sent).filter(([, s]) => s.kind === 'bad').map(([k]) => k).sort();
        const before = await owner.query(`SELECT "values", version FROM submission WHERE centre_id = $1 AND period_code = $2`, [centreId, periodCode]);
        const r = await api.gql<{ saveSubmissionDraft: { submission: { id: string; version: number } } }>(
          SAVE, { input: { centreId, templateCode: TEMPLATE, periodCode, values, expectedVersion: versions.get(periodCode) } }, token);
        const after = await owner.query(`SELECT "values", version, (SELECT jsonb_object_agg(key, jsonb_typeof(value)) FROM jsonb_each("values")) AS types FROM submission WHERE centre_id = $1 AND period_code = $2`, [centreId, periodCode]);
        if (badKeys.length) {
          refused++;
          expect(r.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
          const fields = ((r.errors![0].extensions!['fields'] ?? []) as { field: string }[]).map((f) => f.field);
          expect([...new Set(fields)].sort()).toEqual(badKeys);
          // Nothing stored: the same row (or still none) as before.
          expect(after.rows.map((a) => ({ values: a.values, version: a.version }))).toEqual(before.rows);
        } else {
          stored++;
          expect(r.errors).toBeUndefined();
          versions.set(periodCode, r.data!.saveSubmissionDraft.submission.version);
          for (const [k, s] of Object.entries(sent)) {
            expect({ k, type: after.rows[0].types[k], v: after.rows[0].values[k] }).toEqual({ k, type: 'number', v: s.v });
          }
        }
      }),
      fcParams(),
    );
    expect(refused).toBeGreaterThan(0);
    expect(stored).toBeGreaterThan(0);
  }, 600_000);

  it('every number stored in the database (demo data and what the property saved) is a JSON number', async () => {
    const { checked, bad } = await storedNonNumbers(owner);
    expect(checked).toBeGreaterThan(1000);
    expect(bad).toEqual([]);
  });
});
