/**
 * Calendar dates as 'YYYY-MM-DD' strings, computed in UTC so the result never depends on the machine's time
 * zone (the browser of a user in Hà Nội and a server in UTC must agree on due dates).
 */
export type IsoDate = string;

const MILLISECONDS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year: no daylight saving. */
const VIETNAM_UTC_OFFSET_HOURS = 7;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2023-02-29' is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function assertIsoDate(value: string, what = 'date'): void {
  if (!isIsoDate(value)) throw new RangeError(`Invalid ${what} '${value}': expected a real date as YYYY-MM-DD`);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function isoDate(year: number, month: number, day: number): IsoDate {
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  assertIsoDate(date);
  return date;
}

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  assertIsoDate(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (UTC). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day) / MILLISECONDS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** `to - from` in days (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareIsoDates(left: IsoDate, right: IsoDate): number {
  assertIsoDate(left);
  assertIsoDate(right);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function minIsoDate(left: IsoDate, right: IsoDate): IsoDate {
  return compareIsoDates(left, right) <= 0 ? left : right;
}

export function maxIsoDate(left: IsoDate, right: IsoDate): IsoDate {
  return compareIsoDates(left, right) >= 0 ? left : right;
}

/**
 * @description The calendar date in Vietnam of an instant. Use it to turn a submission timestamp into the
 * `submittedOn` date for daysLate(): 23:30 on the due day in Hà Nội is 16:30 UTC the same day, but 06:00
 * the next morning is 23:00 UTC of the due day — only the Vietnamese date tells them apart correctly.
 * @example vietnamDateOf('2025-01-17T18:30:00Z') // '2025-01-18'
 */
export function vietnamDateOf(instant: Date | string | number): IsoDate {
  return vietnamWallClock(instant).toISOString().slice(0, 10);
}

/**
 * @description The wall-clock time in Vietnam of an instant, as a Date whose UTC fields hold it (what a spreadsheet
 * cell or an "HH:mm" label needs: they have no time zone). The one place the UTC+7 offset is applied.
 * @example vietnamWallClock('2025-01-17T18:30:00Z').toISOString() // '2025-01-18T01:30:00.000Z'
 */
export function vietnamWallClock(instant: Date | string | number): Date {
  const time = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  if (Number.isNaN(time)) throw new RangeError(`Invalid instant '${String(instant)}'`);
  return new Date(time + VIETNAM_UTC_OFFSET_HOURS * 3_600_000);
}

/**
 * @description A date as Vietnamese text writes it, dd/mm/yyyy (issue 16: every generated text).
 * @example vietnameseDate('2026-10-05') // '05/10/2026'
 */
export function vietnameseDate(date: IsoDate): string {
  assertIsoDate(date);
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
