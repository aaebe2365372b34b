import { modifiedZScore, median, OUTLIER_DEFAULTS } from './outliers';

describe('outliers: the modified z-score (Iglewicz–Hoaglin), worked examples', () => {
  it('a steady series: a value far above its history is an outlier, a usual one is not', () => {
    // New learners of a language centre, six earlier quarters.
    const history = [118, 124, 120, 131, 115, 122];
    // median 121, |x − 121| = 3, 3, 1, 10, 6, 1 → MAD = 3; z(480) = 0.6745 · 359 / 3 = 80.72.
    expect(median(history)).toBe(121);
    expect(modifiedZScore(480, history)).toEqual({ score: 80.72, median: 121, n: 6, method: 'MAD', outlier: true });
    // z(126) = 0.6745 · 5 / 3 = 1.12: usual.
    expect(modifiedZScore(126, history)).toMatchObject({ score: 1.12, outlier: false });
    // Below too: z(12) = 0.6745 · −109 / 3 = −24.51.
    expect(modifiedZScore(12, history)).toMatchObject({ score: -24.51, outlier: true });
  });

  it('the threshold is 3.5 by default: 3.49 is not flagged, 3.51 is', () => {
    const history = [10, 12, 14, 16, 18]; // median 14, MAD 2
    // z = 0.6745 · (x − 14) / 2 → x = 24.37 gives 3.499…, x = 24.41 gives 3.51.
    expect(modifiedZScore(24.37, history).outlier).toBe(false);
    expect(modifiedZScore(24.41, history).outlier).toBe(true);
    expect(OUTLIER_DEFAULTS).toEqual({ threshold: 3.5, minHistory: 4 });
  });

  it('a zero-heavy series (most periods 0): MAD is 0, the mean absolute deviation stands in', () => {
    // Foreign teachers of a small centre: mostly none, twice 2.
    const history = [0, 0, 0, 2, 0, 0, 2, 0];
    // median 0, MAD 0; MeanAD = 4 / 8 = 0.5; z(2) = 2 / (1.253314 · 0.5) = 3.19: usual for this centre.
    expect(modifiedZScore(2, history)).toEqual({ score: 3.19, median: 0, n: 8, method: 'MEAN_AD', outlier: false });
    // z(9) = 9 / 0.626657 = 14.36: flagged; 0 is never flagged in a mostly-zero series.
    expect(modifiedZScore(9, history)).toMatchObject({ score: 14.36, outlier: true });
    expect(modifiedZScore(0, history)).toMatchObject({ score: 0, outlier: false });
  });

  it('no spread at all, or too little history: no score, nothing flagged', () => {
    expect(modifiedZScore(5, [0, 0, 0, 0, 0])).toEqual({ score: null, median: 0, n: 5, method: 'NO_SPREAD', outlier: false });
    expect(modifiedZScore(500, [100, 120, 110])).toEqual({ score: null, median: 110, n: 3, method: 'TOO_FEW', outlier: false });
    expect(modifiedZScore(500, [])).toEqual({ score: null, median: null, n: 0, method: 'TOO_FEW', outlier: false });
  });

  it('its own outliers do not hide a new one (robust, unlike the mean and standard deviation)', () => {
    // One earlier typo (1,200 instead of 120) in the history.
    const history = [118, 124, 1200, 131, 115, 122];
    // median 123, MAD = median(5, 1, 1077, 8, 8, 1) = 6.5; z(480) = 0.6745 · 357 / 6.5 = 37.05.
    expect(modifiedZScore(480, history)).toMatchObject({ score: 37.05, outlier: true });
    // The classic z-score would be (480 − 301.67) / 402.9 = 0.44: hidden.
  });
});
