import type { ValueMap } from '@gdtx/domain';
import { buildWorkbook } from './build-workbook';
import { parseWorkbook } from './parse-workbook';
import { FIXTURE_EXPECTED, FIXTURE_META, GDTX_FIXTURE_TEMPLATE as T, fixtureValues } from './__fixtures__/gdtx-report.fixture';
import { editWorkbook, sheet } from './__fixtures__/workbook-helpers';
import { planWorkbook } from './layout';

async function parseOk(buf: Buffer): Promise<ValueMap> {
  const r = await parseWorkbook(buf, T, FIXTURE_EXPECTED);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors, null, 2)}`);
  return r.values;
}

describe('Excel round trip (build → upload unchanged → same values)', () => {
  it('returns exactly the values it was built from: scalars, grids, booleans, dates, choices, Vietnamese text, nulls', async () => {
    const values = fixtureValues();
    const buf = await buildWorkbook(T, values, FIXTURE_META);
    const parsed = await parseOk(buf);
    expect(parsed).toStrictEqual(values);
    // Spot checks that the fixture really exercises each kind of value.
    expect(parsed['exam_candidates']).toBe(2279);
    expect(parsed['teaches_upper_secondary']).toBe(true);
    expect(parsed['report_date']).toBe('2024-06-15');
    expect(parsed['facility_condition']).toBe('FAIR');
    expect(parsed['labs']).toBeNull();
    expect(parsed['learners.g12.male']).toBeNull();
    expect(parsed['learners.g11.male']).toBe(0);
  });

  it('returns the identity from _meta', async () => {
    const r = await parseWorkbook(await buildWorkbook(T, fixtureValues(), FIXTURE_META), T, FIXTURE_EXPECTED);
    expect(r.ok && r.meta).toEqual(FIXTURE_META);
  });

  it('round-trips other values too: false, other choices, decimals, zero, long multi-line text', async () => {
    const values: ValueMap = {
      ...fixtureValues(),
      teaches_upper_secondary: false,
      facility_condition: 'POOR',
      operating_budget: 0.1,
      exam_pass_rate: 100,
      exam_councils: 0,
      report_date: '2000-02-29',
      exam_notes: 'Dòng 1: Kỳ thi ứng dụng CNTT cơ bản.\nDòng 2: "Chứng chỉ" — cấp ngày 05/07.\nĐặc biệt: ăn, ở, đi lại; ỡ ợ ử ữ ự.',
      preparer_name: null,
    };
    expect(await parseOk(await buildWorkbook(T, values, FIXTURE_META))).toStrictEqual(values);
  });

  it('round-trips a blank form to all nulls, and fills keys missing from the input with null', async () => {
    const allNull = Object.fromEntries(planWorkbook(T).cells.map((c) => [c.key, null]));
    expect(await parseOk(await buildWorkbook(T, {}, FIXTURE_META))).toStrictEqual(allNull);

    const partial: ValueMap = { exam_candidates: 2279, 'learners.g10.female': 287 };
    expect(await parseOk(await buildWorkbook(T, partial, FIXTURE_META))).toStrictEqual({ ...allNull, ...partial });
  });

  it('is deterministic: the same file parsed twice gives identical results (including key order)', async () => {
    const buf = await buildWorkbook(T, fixtureValues(), FIXTURE_META);
    const a = await parseWorkbook(buf, T, FIXTURE_EXPECTED);
    const b = await parseWorkbook(Buffer.from(buf), T, FIXTURE_EXPECTED);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('survives being re-saved by a spreadsheet program without changes', async () => {
    const buf = await editWorkbook(await buildWorkbook(T, fixtureValues(), FIXTURE_META), () => undefined);
    expect(await parseOk(buf)).toStrictEqual(fixtureValues());
  });
});

describe('editing the downloaded workbook', () => {
  let original: Buffer;
  beforeAll(async () => {
    original = await buildWorkbook(T, fixtureValues(), FIXTURE_META);
  });

  it('changes exactly the edited value', async () => {
    const buf = await editWorkbook(original, (wb) => {
      sheet(wb, 'Thi cấp chứng chỉ').getCell('C7').value = 2301;
    });
    expect(await parseOk(buf)).toStrictEqual({ ...fixtureValues(), exam_candidates: 2301 });
  });

  it('reads what users typically type: text numbers with thousands dots, Có/Không, dd/mm/yyyy, cleared cells', async () => {
    const buf = await editWorkbook(original, (wb) => {
      const general = sheet(wb, 'Thông tin chung');
      general.getCell('C7').value = '01/07/2024';
      general.getCell('C8').value = 'không';
      general.getCell('C9').value = 'Tốt';
      const exam = sheet(wb, 'Thi cấp chứng chỉ');
      exam.getCell('C7').value = '2.279';
      exam.getCell('C8').value = ' 2270 ';
      exam.getCell('C10').value = null;
      const learners = sheet(wb, 'Học viên GDTX cấp THPT');
      learners.getCell('C7').value = '1.234,5';
      learners.getCell('C13').value = 305;
      learners.getCell('D13').value = '   ';
      sheet(wb, 'Cơ sở vật chất - phòng học').getCell('C7').value = { richText: [{ text: '4' }] };
    });
    expect(await parseOk(buf)).toStrictEqual({
      ...fixtureValues(),
      report_date: '2024-07-01',
      teaches_upper_secondary: false,
      facility_condition: 'GOOD',
      exam_candidates: 2279,
      exam_certified: 2270,
      exam_notes: null,
      operating_budget: 1234.5,
      'learners.g12.male': 305,
      'learners.g12.female': null,
      labs: 4,
    });
  });

  it('accepts a pass rate typed as 99,6% (Excel stores 0.996 with a percent format)', async () => {
    const buf = await editWorkbook(original, (wb) => {
      const c = sheet(wb, 'Thi cấp chứng chỉ').getCell('C9');
      c.value = 0.996;
      c.numFmt = '0.0%';
    });
    expect((await parseOk(buf))['exam_pass_rate']).toBe(99.6);
  });

  it('ignores edits outside the input cells (labels, help, other sheets) and removed protection', async () => {
    const buf = await editWorkbook(original, (wb) => {
      const exam = sheet(wb, 'Thi cấp chứng chỉ');
      exam.unprotect();
      exam.getCell('E7').value = 'ghi chú của trung tâm';
      exam.getCell('F7').value = { formula: 'C7*2', result: 4558 };
      exam.getCell('C20').value = '=HYPERLINK("http://evil")';
      sheet(wb, 'Hướng dẫn').getCell('C30').value = 'xyz';
    });
    expect(await parseOk(buf)).toStrictEqual(fixtureValues());
  });
});
