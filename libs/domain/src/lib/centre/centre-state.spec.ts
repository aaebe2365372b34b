import fc from 'fast-check';
import { addDays } from '../periods/iso-date';
import {
  centreStatusOn, DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS, isLicensedOn, licenceKindStatusOn, licenceStatusOn, todayInVietnam,
} from './centre-state';
import type { LicenceDecisionRecord } from './centre-state';

describe('the one clock', () => {
  it('is the calendar date in Vietnam, not the UTC date', () => {
    expect(todayInVietnam(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01');
    expect(todayInVietnam(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
    // 00:30 in Hà Nội on 1 January is still 31 December in UTC.
    expect(todayInVietnam(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
  });
});

describe('status on a date', () => {
  const history = [
    { status: 'ACTIVE' as const, from: '2018-01-01', to: '2026-12-31' },
    { status: 'SUSPENDED' as const, from: '2027-01-01', to: null },
  ];
  it('a future-dated change is not in force before its date, and is from it', () => {
    expect(centreStatusOn(history, '2026-12-02')?.status).toBe('ACTIVE');
    expect(centreStatusOn(history, '2026-12-31')?.status).toBe('ACTIVE');
    expect(centreStatusOn(history, '2027-01-01')?.status).toBe('SUSPENDED');
    expect(centreStatusOn(history, '2017-12-31')).toBeNull();
  });
});

describe('the licence-status rule (one rule, window as a parameter)', () => {
  const est = { kind: 'ESTABLISHMENT', validFrom: '2018-01-01', validTo: null, state: 'IN_FORCE' };
  const op = (validTo: string | null, state = 'IN_FORCE') => ({ kind: 'OPERATING_PERMISSION', validFrom: '2019-01-01', validTo, state });
  const required = ['ESTABLISHMENT', 'OPERATING_PERMISSION'];

  it('MISSING > EXPIRED > EXPIRING > VALID over the required kinds', () => {
    expect(licenceStatusOn(required, [est], '2026-01-01')).toBe('MISSING');
    expect(licenceStatusOn(required, [est, op('2025-12-31')], '2026-01-01')).toBe('EXPIRED');
    expect(licenceStatusOn(required, [est, op('2026-03-01')], '2026-01-01')).toBe('EXPIRING');
    expect(licenceStatusOn(required, [est, op(null)], '2026-01-01')).toBe('VALID');
    expect(licenceStatusOn(required, [est, op(null, 'REVOKED')], '2026-01-01')).toBe('MISSING');
    expect(licenceStatusOn([], [], '2026-01-01')).toBe('VALID');
  });

  it('EXPIRING is inclusive of the window, and the window is a parameter', () => {
    const on = '2026-01-01';
    expect(licenceStatusOn(required, [est, op(addDays(on, 90))], on)).toBe('EXPIRING');
    expect(licenceStatusOn(required, [est, op(addDays(on, 91))], on)).toBe('VALID');
    expect(licenceStatusOn(required, [est, op(addDays(on, 31))], on, 30)).toBe('VALID');
    expect(licenceStatusOn(required, [est, op(addDays(on, 30))], on, 30)).toBe('EXPIRING');
    expect(licenceStatusOn(required, [est, op(on)], on, 0)).toBe('EXPIRING');
    expect(DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS).toBe(90);
  });

  it('a renewal in force wins over the one that ended; licensed means VALID or EXPIRING', () => {
    const renewed = { kind: 'OPERATING_PERMISSION', validFrom: '2025-06-01', validTo: null, state: 'IN_FORCE' };
    expect(licenceKindStatusOn([op('2025-12-31'), renewed], 'OPERATING_PERMISSION', '2026-01-01').decision).toBe(renewed);
    expect(isLicensedOn(required, [est, op('2026-03-01')], '2026-01-01')).toBe(true);
    expect(isLicensedOn(required, [est, op('2025-03-01')], '2026-01-01')).toBe(false);
  });

  it('the centre status is the worst of its kinds (property)', () => {
    const date = fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2020-01-01', d));
    const record: fc.Arbitrary<LicenceDecisionRecord> = fc.record({
      kind: fc.constantFrom('ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'),
      validFrom: date,
      length: fc.option(fc.integer({ min: 0, max: 1500 })),
      state: fc.constantFrom('IN_FORCE', 'IN_FORCE', 'SUPERSEDED', 'REVOKED'),
    }).map(({ length, ...r }) => ({ ...r, validTo: length === null ? null : addDays(r.validFrom, length) }));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), date, fc.integer({ min: 0, max: 120 }), (licences, on, window) => {
        const kinds = ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'];
        const each = kinds.map((k) => licenceKindStatusOn(licences, k, on, window).status);
        const worst = (['MISSING', 'EXPIRED', 'EXPIRING'] as const).find((s) => each.includes(s)) ?? 'VALID';
        expect(licenceStatusOn(kinds, licences, on, window)).toBe(worst);
      }),
      { numRuns: 200 },
    );
  });
});
