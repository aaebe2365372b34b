import { findShippedTemplate, parseReportValues, S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
import type { TemplateDefinition, ValueMap } from '@gdtx/domain';
import { buildWorkbook } from './build-workbook';
import { parseWorkbook } from './parse-workbook';
import { planWorkbook } from './layout';
import { editWorkbook, loadWorkbook, sheet } from './__fixtures__/workbook-helpers';
import type { WorkbookMeta } from './types';

const v2 = findShippedTemplate('GDTX_SEMESTER', 2) as TemplateDefinition;
const v1 = findShippedTemplate('GDTX_SEMESTER', 1) as TemplateDefinition;
const meta = (template: TemplateDefinition): WorkbookMeta => ({
  centreId: '00000000-0000-4000-8000-000000000001', centreName: 'Trung tâm GDTX tỉnh Thanh Hóa', templateCode: template.code,
  templateVersion: template.version, periodCode: '2024-2025-S1', periodLabelVi: 'Học kỳ I năm học 2024-2025', submissionVersion: 3,
  generatedAt: '2024-12-01T03:00:00.000Z',
});
const expected = (template: TemplateDefinition) => ({ centreId: meta(template).centreId, templateCode: template.code, templateVersion: template.version, periodCode: '2024-2025-S1' });
const cellOf = (template: TemplateDefinition, key: string) => planWorkbook(template).cells.find((c) => c.key === key)!;

/** What the server stores from an upload: the cells read, through the write boundary (which derives computed fields). */
async function uploaded(template: TemplateDefinition, buf: Buffer): Promise<ValueMap> {
  const r = await parseWorkbook(buf, template, expected(template));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const parsed = parseReportValues(template, r.values);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.values;
}

describe('computed cells in the workbook (GDTX v2)', () => {
  const stored = parseReportValues(v2, S0_THANH_HOA_2020_2021_VALUES);
  const values = stored.ok ? stored.values : {};

  it('are locked grey formula cells over the input cells, with the derived value as cached result', async () => {
    const wb = await loadWorkbook(await buildWorkbook(v2, values, meta(v2)));
    const rate = cellOf(v2, 'exam_pass_rate');
    const cell = sheet(wb, rate.sheet).getCell(rate.address);
    const candidates = cellOf(v2, 'exam_candidates').address;
    const certified = cellOf(v2, 'exam_certified').address;
    expect(cell.value).toEqual({
      formula: `IF(COUNT(${certified},${candidates})=0,"",IFERROR(ROUND(((100*${certified})/${candidates}),1),""))`,
      result: 99.6,
    });
    expect(cell.protection?.locked).not.toBe(false); // locked is Excel's default
    expect(cell.dataValidation?.type).toBeUndefined();
    const total = cellOf(v2, 'staff_total');
    expect((sheet(wb, total.sheet).getCell(total.address).value as { result: number }).result).toBe(56);
    // An input cell stays unlocked and yellow.
    expect(sheet(wb, rate.sheet).getCell(candidates).protection?.locked).toBe(false);
  });

  it('round-trip: an unchanged download uploads back to the same stored values', async () => {
    expect(await uploaded(v2, await buildWorkbook(v2, values, meta(v2)))).toStrictEqual(values);
  });

  it('ignores what was typed over a computed cell (a number, text, another formula) and derives it from the figures', async () => {
    const rate = cellOf(v2, 'exam_pass_rate');
    const total = cellOf(v2, 'staff_total');
    const candidates = cellOf(v2, 'exam_candidates');
    const buf = await editWorkbook(await buildWorkbook(v2, values, meta(v2)), (wb) => {
      const exam = sheet(wb, rate.sheet);
      exam.unprotect();
      exam.getCell(rate.address).value = 77;
      exam.getCell(candidates.address).value = 4540;
      exam.getCell(cellOf(v2, 'exam_by_type.it_basic.candidates').address).value = 4540;
      const staff = sheet(wb, total.sheet);
      staff.unprotect();
      staff.getCell(total.address).value = { formula: 'HYPERLINK("http://evil")', result: 1 };
    });
    const after = await uploaded(v2, buf);
    expect(after['exam_pass_rate']).toBe(50); // 2270 / 4540 — derived, not the 77 typed…
    const buf2 = await editWorkbook(buf, (wb) => { sheet(wb, rate.sheet).getCell(rate.address).value = 'abc'; });
    expect((await uploaded(v2, buf2))['exam_pass_rate']).toBe(50); // …and text there is no problem either
    expect(after['staff_total']).toBe(56);
  });

  it('a computed cell typed over with a wrong rate: the derived one is stored', async () => {
    const rate = cellOf(v2, 'exam_pass_rate');
    const buf = await editWorkbook(await buildWorkbook(v2, values, meta(v2)), (wb) => {
      const exam = sheet(wb, rate.sheet);
      exam.unprotect();
      exam.getCell(rate.address).value = 12.3;
    });
    expect((await uploaded(v2, buf))['exam_pass_rate']).toBe(99.6);
  });

  it('version 1 keeps typed rates: a yellow input cell, read back as typed', async () => {
    const typed = { ...S0_THANH_HOA_2020_2021_VALUES, exam_pass_rate: 99.5 } as ValueMap;
    const wb = await loadWorkbook(await buildWorkbook(v1, typed, meta(v1)));
    const rate = cellOf(v1, 'exam_pass_rate');
    expect(sheet(wb, rate.sheet).getCell(rate.address).value).toBe(99.5);
    expect(sheet(wb, rate.sheet).getCell(rate.address).protection?.locked).toBe(false);
    expect((await uploaded(v1, await buildWorkbook(v1, typed, meta(v1))))['exam_pass_rate']).toBe(99.5);
  });
});
