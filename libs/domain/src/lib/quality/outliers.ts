/**
 * Outliers of reported values (issue 15 item 4): a value is compared with the centre's own earlier periods and
 * with its peers (the same field, period and centre type) by the modified z-score of Iglewicz and Hoaglin,
 *   z = 0.6745 · (x − median) / MAD,   MAD = median |xᵢ − median|,
 * robust to the outliers it looks for (unlike mean and standard deviation). |z| > 3.5 is their recommended
 * threshold. One function, used by the API (the director's informational warnings, the Sở's data-quality page).
 *
 * Zero-heavy and flat series (DHIS2 warns that min–max bands mislead there, and this product uses none): when at
 * least half the history is one value (most often 0), MAD is 0 and the score would be infinite for any other value.
 * Then the mean absolute deviation around the median stands in (z = (x − median) / (1.253314 · MeanAD), the same
 * scale for normal data), so an occasional non-zero value in a mostly-zero series scores by how far it is from the
 * usual spread instead of always. A history with no spread at all (every value equal) gives no score: nothing to
 * compare with, so nothing is flagged. Fewer than `minHistory` values give no score either.
 */
export interface OutlierOptions {
  /** |z| above which a value is flagged. */
  threshold: number;
  /** Values needed before a score is given (earlier periods, or peers). */
  minHistory: number;
}

export const OUTLIER_DEFAULTS: OutlierOptions = Object.freeze({ threshold: 3.5, minHistory: 4 });

export type OutlierMethod = 'MAD' | 'MEAN_AD' | 'NO_SPREAD' | 'TOO_FEW';

export interface OutlierScore {
  /** The modified z-score (positive: above the usual values), null when there is nothing to compare with. */
  score: number | null;
  median: number | null;
  /** How many values it was compared with. */
  n: number;
  method: OutlierMethod;
  outlier: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The modified z-score of `value` against `history` (see the module comment for the zero-heavy rule). */
export function modifiedZScore(value: number, history: readonly number[], options: OutlierOptions = OUTLIER_DEFAULTS): OutlierScore {
  const n = history.length;
  if (n < options.minHistory) return { score: null, median: n ? median(history) : null, n, method: 'TOO_FEW', outlier: false };
  const m = median(history);
  const deviations = history.map((x) => Math.abs(x - m));
  const mad = median(deviations);
  let score: number;
  let method: OutlierMethod;
  if (mad > 0) {
    score = (0.6745 * (value - m)) / mad;
    method = 'MAD';
  } else {
    const meanAd = deviations.reduce((a, b) => a + b, 0) / n;
    if (meanAd === 0) return { score: null, median: m, n, method: 'NO_SPREAD', outlier: false };
    score = (value - m) / (1.253314 * meanAd);
    method = 'MEAN_AD';
  }
  const rounded = Math.round(score * 100) / 100;
  return { score: rounded, median: m, n, method, outlier: Math.abs(score) > options.threshold };
}
