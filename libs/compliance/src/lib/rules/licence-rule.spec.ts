import fc from 'fast-check';
import { addDays, licenceStatusOn } from '@gdtx/domain';
import { licenceFindings, LicenceFact } from './licence';

// Defect 10: compliance's licence findings and the licence status shown everywhere else (org's readers, the
// centre list, the overview) are one rule. With the alert windows [90, 30, 7], the findings name exactly the
// status that licenceStatusOn gives with the largest window.
describe('compliance licence findings follow the one licence-status rule', () => {
  const kinds = ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'] as const;
  const date = fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2020-01-01', d));
  const record: fc.Arbitrary<LicenceFact> = fc.record({
    kind: fc.constantFrom(...kinds),
    decisionNumber: fc.constantFrom('1/QĐ', '2/QĐ'),
    validFrom: date,
    length: fc.option(fc.integer({ min: 0, max: 1500 })),
    state: fc.constantFrom('IN_FORCE', 'IN_FORCE', 'SUPERSEDED', 'REVOKED'),
  }).map(({ length, ...r }) => ({ ...r, validTo: length === null ? null : addDays(r.validFrom, length) }));

  it('LICENCE_MISSING / EXPIRED / EXPIRING per kind ⇔ the status of that kind (property)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), date, fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 3 }), (licences, on, windows) => {
        const drafts = licenceFindings(kinds, licences, on, { licenceExpiryAlertDays: windows });
        const largest = Math.max(...windows);
        for (const kind of kinds) {
          const status = licenceStatusOn([kind], licences, on, largest);
          const found = drafts.filter((d) => d.subjectKey === kind).map((d) => d.ruleCode);
          expect(found).toEqual(status === 'VALID' ? [] : [`LICENCE_${status}`]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('90 days left is inside the 90-day window (the same boundary as the centre list)', () => {
    const on = '2026-01-01';
    const licences: LicenceFact[] = [{ kind: 'DIRECTOR_RECOGNITION', decisionNumber: '3/QĐ', validFrom: '2020-01-01', validTo: addDays(on, 90), state: 'IN_FORCE' }];
    expect(licenceFindings(['DIRECTOR_RECOGNITION'], licences, on, { licenceExpiryAlertDays: [90, 30, 7] }).map((d) => d.ruleCode)).toEqual(['LICENCE_EXPIRING']);
    expect(licenceStatusOn(['DIRECTOR_RECOGNITION'], licences, on)).toBe('EXPIRING');
  });
});
