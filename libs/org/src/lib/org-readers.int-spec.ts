// Defect 10 / Build 3: the SQL that org's readers run (migration 1733000300000) and the pure rules of
// libs/domain centre-state.ts are one definition; this property test checks them against each other on
// generated licence and status histories (future-dated ones included). Real PostgreSQL, a cloned database.
import fc from 'fast-check';
import { Client } from 'pg';
import { addDays, centreStatusOn, CentreTypes, LicenceKinds, licenceStatusOn } from '@gdtx/domain';
import type { CentreStatus, CentreType } from '@gdtx/domain';
import { createTestDatabase, TestDatabase } from '@gdtx/platform/testing';
import {
  centreStatesOn, isCentreActiveOn, isCentreLicensedOn, licenceStatusOfCentreOn, requiredLicenceKinds,
  requiresOperatingPermission, statusOfCentreOn, unitPathOf,
} from './org.readers';
import type { CallerTx } from './org.readers';
import { readCentreCalendarFacts } from './calendar-facts.reader';

let db: TestDatabase;
let owner: Client;
let tx: CallerTx;
let centre: { id: string; province_id: string };

beforeAll(async () => {
  db = await createTestDatabase();
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  tx = { query: async (sql, params) => (await owner.query(sql, params as unknown[])).rows };
  centre = (await owner.query(`SELECT id, province_id FROM centre WHERE code = 'TH-NN-001'`)).rows[0];
});
afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

const day = fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2020-01-01', d));
const licence = fc.record({
  kind: fc.constantFrom(...LicenceKinds),
  validFrom: day,
  length: fc.option(fc.integer({ min: 0, max: 1500 })),
  state: fc.constantFrom('IN_FORCE', 'IN_FORCE', 'SUPERSEDED', 'REVOKED'),
}).map(({ length, ...r }) => ({ ...r, validTo: length === null ? null : addDays(r.validFrom, length) }));
const statuses = fc.uniqueArray(
  fc.record({ status: fc.constantFrom<CentreStatus>('ACTIVE', 'NOT_ENROLLING', 'SUSPENDED', 'DISSOLVED'), from: day }),
  { selector: (s) => s.from, maxLength: 5 },
);

describe('org readers agree with the pure date rules of libs/domain', () => {
  it('status and licence status on any date, SQL = TypeScript (property, generated histories)', async () => {
    const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
    console.log(`org readers property seed: ${seed} (replay with FC_SEED=${seed})`);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<CentreType>(...CentreTypes), fc.array(licence, { maxLength: 6 }), statuses, fc.array(day, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 120 }),
        async (type, licences, history, dates, window) => {
          await owner.query('BEGIN');
          try {
            await owner.query(`DELETE FROM licence_record WHERE centre_id = $1`, [centre.id]);
            await owner.query(`DELETE FROM centre_status_history WHERE centre_id = $1`, [centre.id]);
            await owner.query(`UPDATE centre SET type = $2 WHERE id = $1`, [centre.id, type]);
            for (const l of licences) {
              await owner.query(
                `INSERT INTO licence_record (province_id, centre_id, kind, decision_number, decided_on, issuer, valid_from, valid_to, state)
                 VALUES ($1,$2,$3,'1/QĐ',$4,'Sở',$4,$5,$6)`,
                [centre.province_id, centre.id, l.kind, l.validFrom, l.validTo, l.state],
              );
            }
            const sorted = [...history].sort((a, b) => a.from.localeCompare(b.from));
            const records = sorted.map((s, i) => ({ ...s, to: sorted[i + 1] ? addDays(sorted[i + 1].from, -1) : null }));
            for (const s of records) {
              await owner.query(
                `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5)`,
                [centre.province_id, centre.id, s.status, s.from, s.to],
              );
            }
            const required = await requiredLicenceKinds(tx, type);
            for (const on of dates) {
              const expectedLicence = licenceStatusOn(required, licences, on, window);
              const expectedStatus = centreStatusOn(records, on)?.status ?? null;
              expect(await licenceStatusOfCentreOn(tx, centre.id, on, { expiringWithinDays: window })).toBe(expectedLicence);
              expect(await statusOfCentreOn(tx, centre.id, on)).toBe(expectedStatus);
              const [state] = await centreStatesOn(tx, on, [centre.id], { expiringWithinDays: window });
              expect(state.licenceStatus).toBe(expectedLicence);
              if (expectedStatus) expect(state.status).toBe(expectedStatus);
              expect(await isCentreActiveOn(tx, centre.id, on)).toBe(expectedStatus === 'ACTIVE' || expectedStatus === 'NOT_ENROLLING');
              expect(await isCentreLicensedOn(tx, centre.id, on)).toBe(['VALID', 'EXPIRING'].includes(licenceStatusOn(required, licences, on)));
            }
            // The calendar's facts come from the same histories and the same licence_requirement.
            const [{ facts }] = await readCentreCalendarFacts(tx, { centreIds: [centre.id] });
            expect(facts.requiredLicenceKinds).toEqual(required);
            expect(facts.statusHistory).toEqual(records);
            expect(facts.licences).toHaveLength(licences.length);
          } finally {
            await owner.query('ROLLBACK');
          }
        },
      ),
      { numRuns: Number(process.env['FC_RUNS'] ?? 100), seed },
    );
  });

  it('the set-based form (all centres) gives the same answer as asking one centre at a time', async () => {
    const on = '2026-06-30';
    const all = await centreStatesOn(tx, on);
    expect(all.length).toBeGreaterThan(10);
    for (const s of all.slice(0, 15)) {
      expect(await licenceStatusOfCentreOn(tx, s.centreId, on)).toBe(s.licenceStatus);
    }
  });

  it('one statement of which types need an operating permission: licence_requirement', async () => {
    const needing = [];
    for (const t of CentreTypes) if (await requiresOperatingPermission(tx, t)) needing.push(t);
    expect(needing.sort()).toEqual(['IT', 'LANGUAGE', 'LANGUAGE_IT', 'LIFE_SKILLS']);
  });

  it('unitPathOf gives the unit path, NOT_FOUND for an unknown unit', async () => {
    const [u] = (await owner.query(`SELECT id, path FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH'`)).rows;
    expect(await unitPathOf(tx, u.id)).toBe(u.path);
    await expect(unitPathOf(tx, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
