/**
 * Numbers and dates the Vietnamese way, as the web app shows them (apps/web/src/i18n.tsx: Intl 'vi-VN', at most two
 * decimals): 1.234,5 — thousands '.', decimals ','; a unit follows after a space ("89,9 %").
 */
const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

export function formatNumberVi(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : NUMBER.format(value);
}

/** A value with its unit ("89,9 %", "495 người"); '—' when there is no value. */
export function formatQuantityVi(value: number | null | undefined, unit?: string | null): string {
  const n = formatNumberVi(value);
  return n === '—' || !unit ? n : `${n} ${unit}`;
}

function vietnamParts(at: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: VIETNAM_TZ, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "Thanh Hóa, ngày 03 tháng 12 năm 2026". Decree 30/2020 (appendix I): days below 10 and the months 1 and 2 take a
 * leading zero (ngày 03, tháng 01, tháng 02); the other months do not (tháng 3 … tháng 12).
 */
export function placeAndDateVi(place: string, at: Date): string {
  const { year, month, day } = vietnamParts(at);
  return `${place}, ngày ${two(day)} tháng ${month <= 2 ? two(month) : String(month)} năm ${year}`;
}

/** "14:05 ngày 03/12/2026" in Vietnam's time. */
export function dateTimeVi(at: Date): string {
  const { year, month, day, hour, minute } = vietnamParts(at);
  return `${two(hour)}:${two(minute)} ngày ${two(day)}/${two(month)}/${year}`;
}

/** A calendar date 'YYYY-MM-DD' as "03/12/2026". */
export function calendarDateVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Capitals the Vietnamese way (toLocaleUpperCase keeps the diacritics; NFC so no letter splits in two). */
export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi-VN').normalize('NFC');
}
