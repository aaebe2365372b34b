import { excelDate, exportFileName, toSheet, type ExportColumn } from './exportTable';

interface Row { name: string; count: number | null; rate: number | null; due: string; at: string | null; code: string }

const columns: ExportColumn<Row>[] = [
  { header: 'Trung tâm', value: (r) => r.name },
  { header: 'Số báo cáo', value: (r) => r.count, kind: 'number' },
  { header: 'Tỷ lệ nộp', value: (r) => r.rate, kind: 'percent' },
  { header: 'Hạn nộp', value: (r) => r.due, kind: 'date' },
  { header: 'Ngày nộp', value: (r) => r.at, kind: 'datetime' },
  { header: 'Mã', value: (r) => r.code },
];

const rows: Row[] = [
  { name: 'Trung tâm GDTX tỉnh Thanh Hóa', count: 1234, rate: 87.5, due: '2026-01-15', at: '2026-01-14T17:30:00.000Z', code: '007' },
  { name: 'TT Hoa Sen', count: null, rate: null, due: '2026-01-15', at: null, code: '' },
];

describe('table rows → Excel sheet', () => {
  const sheet = toSheet('Báo cáo chờ duyệt', 'Trạng thái: Đã nộp', columns, rows);

  it('keeps the headers and the order of the columns shown', () => {
    expect(sheet.title).toBe('Báo cáo chờ duyệt');
    expect(sheet.subtitle).toBe('Trạng thái: Đã nộp');
    expect(sheet.headers).toEqual(['Trung tâm', 'Số báo cáo', 'Tỷ lệ nộp', 'Hạn nộp', 'Ngày nộp', 'Mã']);
    expect(sheet.rows).toHaveLength(2);
  });

  it('writes numbers as numbers, percentages as fractions, dates as dates and codes as text', () => {
    const [first, second] = sheet.rows;
    expect(first[0]).toBe('Trung tâm GDTX tỉnh Thanh Hóa');
    expect(first[1]).toBe(1234);
    expect(first[2]).toBeCloseTo(0.875);
    expect(first[3]).toEqual(new Date('2026-01-15T00:00:00Z'));
    // 17:30 UTC is 00:30 the next day in Vietnam: the cell shows the Vietnamese wall-clock time.
    expect(first[4]).toEqual(new Date('2026-01-15T00:30:00Z'));
    expect(first[5]).toBe('007');
    expect(second.slice(1, 5)).toEqual([null, null, new Date('2026-01-15T00:00:00Z'), null]);
  });

  it('gives each kind its Vietnamese number format', () => {
    expect(sheet.numFmts).toEqual([undefined, '#,##0', '0.0%', 'dd/mm/yyyy', 'dd/mm/yyyy hh:mm', undefined]);
    expect(toSheet('x', '', [{ header: 'Giá trị', value: (r: { v: number }) => r.v, kind: 'number' }], [{ v: 1.25 }]).numFmts).toEqual(['#,##0.0#']);
  });

  it('sizes columns to their content within limits', () => {
    expect(sheet.widths[0]).toBe('Trung tâm GDTX tỉnh Thanh Hóa'.length + 2);
    expect(sheet.widths[5]).toBe(10); // at least 8 characters plus the margin
    const long = toSheet('x', '', [{ header: 'Nội dung', value: (r: { v: string }) => r.v }], [{ v: 'a'.repeat(200) }]);
    expect(long.widths).toEqual([60]);
  });

  it('turns a number given as text into a number and refuses garbage', () => {
    const s = toSheet('x', '', [{ header: 'n', value: (r: { v: string }) => r.v, kind: 'number' }], [{ v: '42' }, { v: 'abc' }]);
    expect(s.rows).toEqual([[42], [null]]);
  });

  it('makes an ASCII file name from a Vietnamese title', () => {
    expect(exportFileName('Chỉ tiêu hoạt động — Đơn vị')).toBe('chi-tieu-hoat-dong-don-vi.xlsx');
    expect(exportFileName('!!!')).toBe('bang.xlsx');
  });

  it('reads calendar days without shifting them', () => {
    expect(excelDate('2026-03-01', false)?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(excelDate('2026-02-28T20:00:00Z', false)?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(excelDate('not a date', true)).toBeNull();
  });
});
