/**
 * Exact arithmetic for threshold checks and the percentages shown in reasons.
 *
 * Recognition thresholds are legal cut-offs ("có ít nhất 90%"), so a rate of exactly 90.0% must pass and
 * 89.9% must fail, whatever binary floating point would make of `literate / population`. Every comparison
 * here is done on integers (BigInt): `num / den >= pct / 100`  ⇔  `num · 100 · 10^k >= pct · 10^k · den`,
 * where `pct` is a decimal percentage with at most {@link MAX_PCT_DECIMALS} decimals.
 */

export const MAX_PCT_DECIMALS = 6;

export type Locale = 'vi' | 'en';

/** Throws a RangeError unless `value` is a non-negative safe integer (domain §E.1: counts are integers ≥ 0). */
export function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A decimal percentage as the exact fraction `n / d` (d = 10^decimals). */
export interface PctFraction {
  n: bigint;
  d: bigint;
}

/** Parses a percentage such as 90, 87.5 or 33.333 into an exact fraction; rejects NaN, negatives, > 6 decimals. */
export function pctFraction(pct: number): PctFraction {
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0) {
    throw new RangeError(`a percentage must be a finite number ≥ 0, got ${String(pct)}`);
  }
  const text = String(pct);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) {
    throw new RangeError(`percentage ${text} cannot be represented exactly (use at most ${MAX_PCT_DECIMALS} decimals)`);
  }
  const frac = match[2] ?? '';
  if (frac.length > MAX_PCT_DECIMALS) {
    throw new RangeError(`percentage ${text} has more than ${MAX_PCT_DECIMALS} decimals`);
  }
  return { n: BigInt(match[1] + frac), d: 10n ** BigInt(frac.length) };
}

/**
 * Exact test `num / den >= pct %`. `den` must be > 0 (a zero denominator has no rate: callers decide).
 */
export function ratioAtLeastPct(num: number, den: number, pct: number): boolean {
  assertCount(num, 'numerator');
  assertCount(den, 'denominator');
  if (den === 0) throw new RangeError('denominator must be > 0');
  const { n, d } = pctFraction(pct);
  return BigInt(num) * 100n * d >= n * BigInt(den);
}

/** `num / den` as a JavaScript number, or null when den = 0. For display and storage, never for thresholds. */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/** num/den as a percentage scaled by 10^decimals, rounded half-up or floored, computed exactly. */
function scaledPct(num: number, den: number, decimals: number, mode: 'round' | 'floor'): bigint {
  const scale = 10n ** BigInt(decimals);
  const top = BigInt(num) * 100n * scale;
  const bottom = BigInt(den);
  return mode === 'floor' ? top / bottom : (2n * top + bottom) / (2n * bottom);
}

function renderScaled(scaled: bigint, decimals: number, locale: Locale): string {
  const scale = 10n ** BigInt(decimals);
  const whole = (scaled / scale).toString();
  if (decimals === 0) return `${whole}%`;
  const frac = (scaled % scale).toString().padStart(decimals, '0');
  return `${whole}${locale === 'vi' ? ',' : '.'}${frac}%`;
}

/**
 * Formats num/den as a percentage ("89,9%" in Vietnamese, "89.9%" in English), exactly, with one decimal
 * rounded half-up. When `belowPct` is given and num/den is below it, the text never reaches it: 89.96%
 * against 90% is shown as "89,96%" (floored, with as many extra decimals as needed), never "90,0%".
 */
export function formatPct(num: number, den: number, locale: Locale, belowPct?: number): string {
  assertCount(num, 'numerator');
  assertCount(den, 'denominator');
  if (den === 0) return '—';
  const rounded = scaledPct(num, den, 1, 'round');
  if (belowPct === undefined || ratioAtLeastPct(num, den, belowPct)) return renderScaled(rounded, 1, locale);
  const { n, d } = pctFraction(belowPct);
  for (let decimals = 1; decimals <= MAX_PCT_DECIMALS + 2; decimals++) {
    const shown = decimals === 1 ? rounded : scaledPct(num, den, decimals, 'floor');
    // shown / 10^decimals < n / d ?
    if (shown * d < n * 10n ** BigInt(decimals)) return renderScaled(shown, decimals, locale);
  }
  return renderScaled(scaledPct(num, den, MAX_PCT_DECIMALS + 2, 'floor'), MAX_PCT_DECIMALS + 2, locale);
}

/** Formats a threshold percentage as written in law: "90%", "87,5%" (vi) / "87.5%" (en). */
export function formatThreshold(pct: number, locale: Locale): string {
  const text = String(pct);
  return `${locale === 'vi' ? text.replace('.', ',') : text}%`;
}
