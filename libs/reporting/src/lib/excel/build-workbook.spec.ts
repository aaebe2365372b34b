import type ExcelJS from 'exceljs';
import type { TemplateDefinition } from '@gdtx/domain';
import { buildWorkbook } from './build-workbook';
import { FIXTURE_META, GDTX_FIXTURE_TEMPLATE as T, fixtureValues } from './__fixtures__/gdtx-report.fixture';
import { loadWorkbook, sheet } from './__fixtures__/workbook-helpers';
import { planWorkbook } from './layout';

describe('buildWorkbook', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await loadWorkbook(await buildWorkbook(T, fixtureValues(), FIXTURE_META));
  });

  it('has the instructions sheet first, one sheet per section, and a very hidden _meta sheet last', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      'Hướng dẫn',
      'Thông tin chung',
      'Thi cấp chứng chỉ',
      'Học viên GDTX cấp THPT',
      'Cơ sở vật chất - phòng học',
      '_meta',
    ]);
    expect(wb.worksheets.map((ws) => ws.state)).toEqual(['visible', 'visible', 'visible', 'visible', 'visible', 'veryHidden']);
  });

  it('protects every sheet (no password: protection guards against accidents, it is not security)', () => {
    for (const ws of wb.worksheets) {
      // exceljs keeps the parsed <sheetProtection> on the worksheet but does not declare it in its typings.
      const protection = (ws as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
      expect(protection).toMatchObject({ sheet: true });
      expect(protection).not.toHaveProperty('hashValue');
    }
  });

  it('unlocks and shades exactly the input cells; labels and headers stay locked', () => {
    const plan = planWorkbook(T);
    const inputs = new Set(plan.cells.map((c) => `${c.sheet}!${c.address}`));
    for (const c of plan.cells) {
      const cell = sheet(wb, c.sheet).getCell(c.address);
      expect(cell.protection).toMatchObject({ locked: false });
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } });
    }
    let lockedChecked = 0;
    for (const sp of plan.sections) {
      sheet(wb, sp.sheet).eachRow((row) =>
        row.eachCell((cell) => {
          if (inputs.has(`${sp.sheet}!${cell.address}`)) return;
          expect(cell.protection?.locked).not.toBe(false);
          lockedChecked++;
        }),
      );
    }
    expect(lockedChecked).toBeGreaterThan(40);
    sheet(wb, 'Hướng dẫn').eachRow((row) => row.eachCell((cell) => expect(cell.protection?.locked).not.toBe(false)));
  });

  it('draws the scalar block as TT | Chỉ tiêu | Giá trị | Đơn vị | Hướng dẫn with a bold header', () => {
    const ws = sheet(wb, 'Thi cấp chứng chỉ');
    expect(ws.getCell('A1').value).toBe('Thi cấp chứng chỉ');
    expect(ws.getCell('A2').value).toBe('Trung tâm GDNN-GDTX huyện Phong Điền — Báo cáo hoạt động học kỳ của trung tâm GDTX — Học kỳ II năm học 2023-2024');
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(5, c).value)).toEqual(['TT', 'Chỉ tiêu', 'Giá trị', 'Đơn vị', 'Hướng dẫn / ghi chú']);
    expect(ws.getCell('B5').font?.bold).toBe(true);
    expect(ws.getCell('B7').value).toBe('Số thí sinh dự thi');
    expect(ws.getCell('C7').value).toBe(2279);
    expect(ws.getCell('C7').numFmt).toBe('#,##0');
    expect(ws.getCell('D7').value).toBe('người');
    expect(ws.getCell('E7').value).toBe('Tính cả thí sinh tự do.');
    expect(ws.getCell('C6').value).toBe(10);
    expect(ws.getCell('C8').value).toBe(2270);
  });

  it('sets readable column widths', () => {
    const ws = sheet(wb, 'Thi cấp chứng chỉ');
    expect(ws.getColumn(1).width).toBe(6);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(40);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(14);
    expect(ws.getColumn(5).width).toBeGreaterThanOrEqual(40);
  });

  it('draws grids as row labels × column labels with the value cells in the body', () => {
    const ws = sheet(wb, 'Học viên GDTX cấp THPT');
    expect(ws.getCell('B9').value).toBe('Số học viên theo khối lớp và giới tính (đơn vị: người)');
    expect(ws.getCell('B10').value).toBe('Khối lớp');
    expect(ws.getCell('C10').value).toBe('Nam');
    expect(ws.getCell('D10').value).toBe('Nữ');
    expect(ws.getCell('C10').font?.bold).toBe(true);
    expect(['B11', 'B12', 'B13'].map((a) => ws.getCell(a).value)).toEqual(['Lớp 10', 'Lớp 11', 'Lớp 12']);
    expect(ws.getCell('C11').value).toBe(312);
    expect(ws.getCell('D12').value).toBe(265);
    expect(ws.getCell('C13').value).toBeNull(); // saved null stays empty
  });

  it('pre-fills booleans, choices, dates and Vietnamese text as a user would see them', () => {
    const ws = sheet(wb, 'Thông tin chung');
    expect(ws.getCell('C6').value).toBe('Nguyễn Thị Hồng Nhung — Phó Giám đốc');
    expect(ws.getCell('C7').value).toEqual(new Date(Date.UTC(2024, 5, 15)));
    expect(ws.getCell('C7').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('C8').value).toBe('Có');
    expect(ws.getCell('C9').value).toBe('Khá');
  });

  it('puts data validation on every input cell', () => {
    const general = sheet(wb, 'Thông tin chung');
    expect(general.getCell('C6').dataValidation).toMatchObject({ type: 'textLength', operator: 'lessThanOrEqual', formulae: [200] });
    expect(general.getCell('C7').dataValidation).toMatchObject({
      type: 'date',
      formulae: [new Date(Date.UTC(1900, 2, 1)), new Date(Date.UTC(2100, 11, 31))],
    });
    expect(general.getCell('C8').dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(general.getCell('C9').dataValidation).toMatchObject({ type: 'list', formulae: ['"Tốt,Khá,Xuống cấp"'] });
    const exam = sheet(wb, 'Thi cấp chứng chỉ');
    expect(exam.getCell('C7').dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      showErrorMessage: true,
      promptTitle: 'Số thí sinh dự thi',
    });
    expect(exam.getCell('C9').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    const learners = sheet(wb, 'Học viên GDTX cấp THPT');
    expect(learners.getCell('D13').dataValidation).toMatchObject({ type: 'whole', formulae: [0] });
    expect(learners.getCell('C7').dataValidation).toMatchObject({ type: 'decimal' });
  });

  it('keeps Excel limits on validation titles and moves long choice lists to _meta', async () => {
    const longChoices = Array.from({ length: 30 }, (_, i) => ({
      value: `C${i}`,
      labelVi: `Lựa chọn số ${i}, có dấu phẩy`,
      labelEn: `Choice ${i}`,
    }));
    const t: TemplateDefinition = {
      ...T,
      sections: [
        {
          code: 's',
          titleVi: 'Mục thử',
          titleEn: 'Test',
          fields: [
            {
              code: 'long_choice',
              labelVi: 'Một chỉ tiêu có tên rất dài vượt quá ba mươi hai ký tự cho phép',
              labelEn: 'x',
              type: 'choice',
              choices: longChoices,
            },
          ],
        },
      ],
    };
    const b = await loadWorkbook(await buildWorkbook(t, {}, FIXTURE_META));
    const dv = sheet(b, 'Mục thử').getCell('C6').dataValidation;
    expect(dv.type).toBe('list');
    expect(dv.formulae).toEqual(["'_meta'!$H$1:$H$30"]);
    expect(dv.promptTitle!.length).toBeLessThanOrEqual(32);
    expect(sheet(b, '_meta').getCell('H30').value).toBe('Lựa chọn số 29, có dấu phẩy');
  });

  it('writes the identity and the key → cell map to _meta', () => {
    const meta = sheet(wb, '_meta');
    expect(meta.getCell('B1').value).toBe('gdtx-monitor/report-workbook');
    expect(meta.getCell('C1').value).toBe('1');
    const rows: Record<string, unknown> = {};
    for (let r = 2; r <= 9; r++) rows[String(meta.getCell(r, 1).value)] = meta.getCell(r, 2).value;
    expect(rows).toEqual({
      centreId: FIXTURE_META.centreId,
      centreName: FIXTURE_META.centreName,
      templateCode: 'TEST_GDTX_SEMESTER',
      templateVersion: '3',
      periodCode: '2023-2024-HK2',
      periodLabelVi: 'Học kỳ II năm học 2023-2024',
      submissionVersion: '2',
      generatedAt: '2024-06-20T03:15:00.000Z',
    });
    const mapRows: string[][] = [];
    for (let r = 11; meta.getCell(r, 1).value; r++) mapRows.push([1, 2, 3, 4, 5, 6].map((c) => String(meta.getCell(r, c).value ?? '')));
    expect(mapRows[0]).toEqual(['key', 'sheet', 'cell', 'type', 'anchor1', 'anchor2']);
    expect(mapRows).toContainEqual(['exam_candidates', 'Thi cấp chứng chỉ', 'C7', 'integer', 'B7', '']);
    expect(mapRows).toContainEqual(['learners.g12.female', 'Học viên GDTX cấp THPT', 'D13', 'integer', 'B13', 'D10']);
    expect(mapRows).toHaveLength(1 + planWorkbook(T).cells.length);
  });

  it('writes Vietnamese instructions with the identity of the file', () => {
    const ws = sheet(wb, 'Hướng dẫn');
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts[0]).toBe('Báo cáo hoạt động học kỳ của trung tâm GDTX');
    expect(texts).toContain('Trung tâm GDNN-GDTX huyện Phong Điền');
    expect(texts).toContain('Học kỳ II năm học 2023-2024');
    expect(texts).toContain('20/06/2024 10:15'); // generatedAt in Vietnam time (UTC+7)
    expect(texts.some((t) => t.includes('ô nền vàng'))).toBe(true);
    expect(texts.some((t) => t.includes('=, +, -, @'))).toBe(true);
  });

  it('builds a blank form when there are no saved values', async () => {
    const b = await loadWorkbook(await buildWorkbook(T, {}, { ...FIXTURE_META, submissionVersion: null }));
    for (const c of planWorkbook(T).cells) expect(sheet(b, c.sheet).getCell(c.address).value).toBeNull();
    expect(sheet(b, '_meta').getCell('B8').value).toBe('');
  });
});
