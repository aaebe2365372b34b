import { currentDecision, licenceFindings, LicenceFact } from './licence';
import { DEFAULT_PARAMETERS } from './parameters';

const required = ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'] as const;
const est: LicenceFact = { kind: 'ESTABLISHMENT', decisionNumber: '1/QĐ', validFrom: '2018-01-01', validTo: null, state: 'IN_FORCE' };
const op: LicenceFact = { kind: 'OPERATING_PERMISSION', decisionNumber: '2/QĐ', validFrom: '2018-03-01', validTo: null, state: 'IN_FORCE' };
const dir = (validTo: string | null, extra: Partial<LicenceFact> = {}): LicenceFact => ({ kind: 'DIRECTOR_RECOGNITION', decisionNumber: '3/QĐ', validFrom: '2018-04-01', validTo, state: 'IN_FORCE', ...extra });

describe('licence completeness and expiry', () => {
  it('complete and far from expiry: no finding', () => {
    expect(licenceFindings(required, [est, op, dir('2028-06-30')], '2026-01-01', DEFAULT_PARAMETERS)).toEqual([]);
  });

  it('an expired director recognition is LICENCE_EXPIRED (CRITICAL, above any late report) with the dates as evidence', () => {
    const [f] = licenceFindings(required, [est, op, dir('2025-08-31')], '2026-11-22', DEFAULT_PARAMETERS);
    expect(f).toMatchObject({ ruleCode: 'LICENCE_EXPIRED', subjectKey: 'DIRECTOR_RECOGNITION', severity: 'CRITICAL' });
    expect(f.evidence).toMatchObject({ validTo: '2025-08-31', daysSinceExpiry: 448 });
    expect(f.titleVi).toContain('Quyết định công nhận giám đốc');
    expect(f.titleEn).toMatch(/^Director recognition decision no\. .* expired on \d{2}\/\d{2}\/\d{4} \(\d+ days ago\)$/);
  });

  it('a missing required decision is LICENCE_MISSING; a superseded or revoked one does not count', () => {
    const drafts = licenceFindings(required, [est, { ...op, state: 'REVOKED' }], '2026-01-01', DEFAULT_PARAMETERS);
    expect(drafts.map((d) => [d.ruleCode, d.subjectKey])).toEqual([['LICENCE_MISSING', 'OPERATING_PERMISSION'], ['LICENCE_MISSING', 'DIRECTOR_RECOGNITION']]);
    expect(licenceFindings(['ESTABLISHMENT'], [est], '2026-01-01', DEFAULT_PARAMETERS)).toEqual([]);
  });

  it('alerts at 90, 30 and 7 days with rising severity; 91 days is no alert; the day itself is still 0 days left', () => {
    const at = (asOf: string) => licenceFindings(required, [est, op, dir('2026-12-31')], asOf, DEFAULT_PARAMETERS);
    expect(at('2026-10-01')).toEqual([]); // 91 days
    expect(at('2026-10-02')[0]).toMatchObject({ ruleCode: 'LICENCE_EXPIRING', severity: 'LOW', evidence: { daysLeft: 90, alertDays: 90 } });
    expect(at('2026-11-30')[0]).toMatchObject({ severity: 'LOW', evidence: { daysLeft: 31, alertDays: 90 } });
    expect(at('2026-12-01')[0]).toMatchObject({ severity: 'MEDIUM', evidence: { daysLeft: 30, alertDays: 30 } });
    expect(at('2026-12-23')[0]).toMatchObject({ severity: 'MEDIUM', evidence: { daysLeft: 8, alertDays: 30 } });
    expect(at('2026-12-24')[0]).toMatchObject({ severity: 'HIGH', evidence: { daysLeft: 7, alertDays: 7 } });
    expect(at('2026-12-31')[0]).toMatchObject({ ruleCode: 'LICENCE_EXPIRING', evidence: { daysLeft: 0 } });
    expect(at('2027-01-01')[0]).toMatchObject({ ruleCode: 'LICENCE_EXPIRED' });
  });

  it('a renewed recognition covers the date: the latest end wins', () => {
    const renewed = dir('2030-01-01', { decisionNumber: '9/QĐ', validFrom: '2025-08-01' });
    expect(currentDecision([dir('2025-08-31'), renewed], 'DIRECTOR_RECOGNITION', '2026-01-01')?.decisionNumber).toBe('9/QĐ');
    expect(licenceFindings(required, [est, op, dir('2025-08-31'), renewed], '2026-01-01', DEFAULT_PARAMETERS)).toEqual([]);
  });

  it('thresholds are parameters: a single 60-day window', () => {
    const drafts = licenceFindings(required, [est, op, dir('2026-12-31')], '2026-11-15', { licenceExpiryAlertDays: [60] });
    expect(drafts[0]).toMatchObject({ severity: 'LOW', evidence: { alertDays: 60, daysLeft: 46 } });
  });
});
