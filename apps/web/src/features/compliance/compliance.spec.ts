import { canResolveByHand, findingDueDate, findingFilterFromParams, isoDatesToVietnamese, unitsWithin } from './compliance';

const U1 = '11111111-1111-4111-8111-111111111111';

describe('findingFilterFromParams', () => {
  it('defaults to open findings and keeps the known filters', () => {
    expect(findingFilterFromParams(new URLSearchParams(''))).toEqual({ status: 'OPEN' });
    expect(findingFilterFromParams(new URLSearchParams(`status=RESOLVED&severity=HIGH&rule=LICENCE_EXPIRED&unit=${U1}&centre=${U1}`))).toEqual({
      status: 'RESOLVED', severity: 'HIGH', ruleCode: 'LICENCE_EXPIRED', unitId: U1, centreId: U1,
    });
  });
  it('status=ALL shows both; unknown values are dropped', () => {
    expect(findingFilterFromParams(new URLSearchParams('status=ALL'))).toEqual({});
    expect(findingFilterFromParams(new URLSearchParams('status=OPEN&severity=huge&rule=DROP_TABLE&unit=12&centre=x'))).toEqual({ status: 'OPEN' });
  });
});

describe('findingDueDate', () => {
  it('reads the remediation deadline, else the report due date', () => {
    expect(findingDueDate({ remediationDue: '2026-11-30', inspectedOn: '2026-10-01' })).toBe('2026-11-30');
    expect(findingDueDate({ dueDate: '2026-07-15', regularDueDate: '2026-07-10' })).toBe('2026-07-15');
    expect(findingDueDate({ remediationDue: null, dueDate: '2026-07-15' })).toBe('2026-07-15');
  });
  it('none for other evidence or malformed values', () => {
    expect(findingDueDate({ validTo: '2026-01-01' })).toBeNull();
    expect(findingDueDate({ dueDate: '15/07/2026' })).toBeNull();
    expect(findingDueDate(null)).toBeNull();
    expect(findingDueDate(['2026-01-01'])).toBeNull();
  });
});

describe('isoDatesToVietnamese', () => {
  it('rewrites every ISO date as dd/mm/yyyy and leaves the rest', () => {
    expect(isoDatesToVietnamese('Quá hạn khắc phục 30 ngày (hạn 2026-10-02): Thiếu hồ sơ')).toBe('Quá hạn khắc phục 30 ngày (hạn 02/10/2026): Thiếu hồ sơ');
    expect(isoDatesToVietnamese('Từ 2026-01-05 đến 2026-02-01')).toBe('Từ 05/01/2026 đến 01/02/2026');
    expect(isoDatesToVietnamese('Quý 2026-Q1, mã 123-45-67')).toBe('Quý 2026-Q1, mã 123-45-67');
  });
});

describe('canResolveByHand', () => {
  it('only open inspection findings', () => {
    expect(canResolveByHand({ ruleCode: 'INSPECTION_FINDING', status: 'OPEN' })).toBe(true);
    expect(canResolveByHand({ ruleCode: 'INSPECTION_REMEDIATION_OVERDUE', status: 'OPEN' })).toBe(true);
    expect(canResolveByHand({ ruleCode: 'INSPECTION_FINDING', status: 'RESOLVED' })).toBe(false);
    expect(canResolveByHand({ ruleCode: 'LICENCE_EXPIRED', status: 'OPEN' })).toBe(false);
  });
});

describe('unitsWithin', () => {
  const units = [
    { id: 'p', parentId: null }, { id: 'd1', parentId: 'p' }, { id: 'c1', parentId: 'd1' }, { id: 'c2', parentId: 'd1' },
    { id: 'd2', parentId: 'p' }, { id: 'c3', parentId: 'd2' }, { id: 'loop', parentId: 'loop' },
  ];
  it('keeps the root and its descendants', () => {
    expect(unitsWithin(units, 'd1').map((u) => u.id)).toEqual(['d1', 'c1', 'c2']);
    expect(unitsWithin(units, 'c3').map((u) => u.id)).toEqual(['c3']);
  });
  it('everything without a root; a cycle does not hang', () => {
    expect(unitsWithin(units, null)).toHaveLength(7);
    expect(unitsWithin(units, 'zzz')).toEqual([]);
  });
});
