import { GraphQLScalarType, Kind } from 'graphql';
import { AppError } from '../errors/app-error';

/**
 * `Date`: a calendar day as ISO `YYYY-MM-DD` (the wire format the web always sent as String), checked at the schema
 * edge so that an impossible date ("2026-02-30", "-1", "2026-13-01") is BAD_USER_INPUT with a Vietnamese message
 * before any resolver runs, never a PostgreSQL error (issue 13). Years 1000–9999: PostgreSQL and the web's date
 * pickers agree on those, and no record of this product is older.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function invalidDate(value: unknown): AppError {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : JSON.stringify(value)?.slice(0, 40) ?? String(value);
  return new AppError(
    'BAD_USER_INPUT',
    `Ngày ${shown} không hợp lệ: cần một ngày có thật theo định dạng YYYY-MM-DD (ví dụ 2026-09-05)`,
    `Invalid date ${shown}: expected a real calendar date as YYYY-MM-DD`,
    { reason: 'INVALID_DATE' },
  );
}

function parse(value: unknown): string {
  if (!isCalendarDate(value)) throw invalidDate(value);
  return value;
}

/** What the services return for a day: a `YYYY-MM-DD` string, a timestamp string or a Date at local midnight. */
function serialize(value: unknown): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (typeof value === 'string' && isCalendarDate(value.slice(0, 10))) return value.slice(0, 10);
  throw new TypeError(`Date cannot represent ${String(value).slice(0, 40)}`);
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Ngày theo lịch, định dạng ISO YYYY-MM-DD (a calendar date)',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize,
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw invalidDate(ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : ast.kind);
    return parse(ast.value);
  },
});
