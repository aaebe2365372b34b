import { formatPct, formatThreshold, pctFraction, ratioAtLeastPct } from './exact';

describe('exact percentage arithmetic', () => {
  it('compares against decimal thresholds exactly', () => {
    expect(ratioAtLeastPct(7, 8, 87.5)).toBe(true);
    expect(ratioAtLeastPct(874, 1000, 87.5)).toBe(false);
    expect(ratioAtLeastPct(1, 3, 33.333333)).toBe(true);
    expect(ratioAtLeastPct(0, 5, 0)).toBe(true);
    expect(() => ratioAtLeastPct(1, 0, 90)).toThrow(RangeError);
  });

  it('rejects thresholds that are not exact decimals', () => {
    expect(pctFraction(90)).toEqual({ n: 90n, d: 1n });
    expect(pctFraction(87.5)).toEqual({ n: 875n, d: 10n });
    expect(() => pctFraction(1 / 3)).toThrow(RangeError);
    expect(() => pctFraction(Number.NaN)).toThrow(RangeError);
    expect(() => pctFraction(-1)).toThrow(RangeError);
  });

  it('formats with a Vietnamese decimal comma and never rounds a failing rate up to the threshold', () => {
    expect(formatPct(899, 1000, 'vi')).toBe('89,9%');
    expect(formatPct(899, 1000, 'en')).toBe('89.9%');
    expect(formatPct(2, 3, 'vi')).toBe('66,7%');
    expect(formatPct(89996, 100000, 'vi')).toBe('90,0%');
    expect(formatPct(89996, 100000, 'vi', 90)).toBe('89,99%');
    expect(formatPct(8999999, 10000000, 'en', 90)).toBe('89.99%');
    expect(formatPct(1, 0, 'vi')).toBe('—');
    expect(formatThreshold(87.5, 'vi')).toBe('87,5%');
    expect(formatThreshold(90, 'en')).toBe('90%');
  });
});
