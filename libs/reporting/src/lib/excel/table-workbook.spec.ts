import { buildTableWorkbook } from './table-workbook';
import { loadWorkbook } from './__fixtures__/workbook-helpers';

describe('buildTableWorkbook', () => {
  const columns = [
    { key: 'name', headerVi: 'Tên trung tâm' },
    { key: 'candidates', headerVi: 'Số thí sinh dự thi', numFmt: '#,##0' },
    { key: 'rate', headerVi: 'Tỷ lệ đạt', numFmt: '0.0%', width: 12 },
    { key: 'onTime', headerVi: 'Nộp đúng hạn' },
    { key: 'submittedAt', headerVi: 'Ngày nộp' },
  ];
  const rows = [
    { name: 'Trung tâm GDNN-GDTX huyện Phong Điền', candidates: 2279, rate: 0.996, onTime: true, submittedAt: new Date(Date.UTC(2024, 6, 5)) },
    { name: 'Trung tâm GDTX tỉnh Thừa Thiên Huế', candidates: 1500, rate: 0.9813, onTime: false, submittedAt: null },
    { name: '=HYPERLINK("http://evil")', candidates: { formula: '1+1' }, rate: undefined, onTime: null },
  ];

  it('writes a readable sheet: title, bold frozen header, autofilter, Vietnamese number formats', async () => {
    const wb = await loadWorkbook(await buildTableWorkbook('Kết quả thi cấp chứng chỉ: học kỳ II', columns, rows));
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Kết quả thi cấp chứng chỉ - học');
    expect(ws.name.length).toBeLessThanOrEqual(31);
    expect(ws.getCell('A1').value).toBe('Kết quả thi cấp chứng chỉ: học kỳ II');
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(2, c).value)).toEqual(columns.map((c) => c.headerVi));
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe('A2:E5');

    expect(ws.getCell('A3').value).toBe('Trung tâm GDNN-GDTX huyện Phong Điền');
    expect(ws.getCell('B3').value).toBe(2279);
    expect(ws.getCell('B3').numFmt).toBe('#,##0');
    expect(ws.getCell('C3').value).toBe(0.996);
    expect(ws.getCell('C3').numFmt).toBe('0.0%');
    expect(ws.getCell('D3').value).toBe('Có');
    expect(ws.getCell('D4').value).toBe('Không');
    expect(ws.getCell('E3').value).toEqual(new Date(Date.UTC(2024, 6, 5)));
    expect(ws.getCell('E4').value).toBeNull();

    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual('Trung tâm GDNN-GDTX huyện Phong Điền'.length);
    expect(ws.getColumn(3).width).toBe(12);
  });

  it('never turns row data into formulas', async () => {
    const wb = await loadWorkbook(await buildTableWorkbook('Danh sách', columns, rows));
    const ws = wb.worksheets[0];
    expect(ws.getCell('A5').value).toBe('=HYPERLINK("http://evil")'); // a string cell, not a formula
    expect(ws.getCell('A5').type).toBe(3); // ValueType.String
    expect(ws.getCell('B5').value).toBe('{"formula":"1+1"}');
    expect(ws.getCell('C5').value).toBeNull();
  });

  it('handles an empty table', async () => {
    const wb = await loadWorkbook(await buildTableWorkbook('Không có dữ liệu', columns, []));
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe('Tên trung tâm');
    expect(ws.rowCount).toBe(2);
  });
});
