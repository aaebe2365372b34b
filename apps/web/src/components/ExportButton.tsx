import { useState } from 'react';
import { App, Button } from 'antd';
import { exportFileName, toSheet, type ExportColumn, type SheetSpec } from '../exportTable';
import { useI18n } from '../i18n';

/** Writes a sheet description to an .xlsx file in the browser (exceljs loaded on first use only). */
async function writeWorkbook(sheet: SheetSpec, exportedAtLabel: string): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const ws = wb.addWorksheet(sheet.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), { views: [{ state: 'frozen', ySplit: 3 }] });
  const columnCount = Math.max(1, sheet.headers.length);
  ws.columns = sheet.widths.map((width, i) => ({ width, style: sheet.numFmts[i] ? { numFmt: sheet.numFmts[i] } : {} }));

  ws.getCell(1, 1).value = sheet.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = [sheet.subtitle, exportedAtLabel].filter(Boolean).join(' · ');
  ws.getCell(2, 1).font = { italic: true, color: { argb: 'FF434343' } };
  if (columnCount > 1) {
    ws.mergeCells(1, 1, 1, columnCount);
    ws.mergeCells(2, 1, 2, columnCount);
  }
  const header = ws.getRow(3);
  sheet.headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6EEF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8C8C8C' } } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  sheet.rows.forEach((values, r) => {
    const row = ws.getRow(4 + r);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      if (sheet.numFmts[i]) cell.numFmt = sheet.numFmts[i]!;
    });
  });
  if (sheet.headers.length) ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: columnCount } };
  const buffer = await wb.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

function saveBlob(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

/**
 * "Xuất Excel" for any table: writes the rows and columns the table shows, with the title and the filter or
 * period in the first rows. `title` also names the button for screen readers (several tables on a page).
 */
export function ExportButton<T>({ title, subtitle, columns, rows, fileName, testId }: {
  title: string;
  subtitle?: string;
  columns: readonly ExportColumn<T>[];
  rows: readonly T[];
  fileName?: string;
  testId?: string;
}) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const sheet = toSheet(title, subtitle ?? '', columns, rows);
      saveBlob(await writeWorkbook(sheet, t('export.exportedAt', { time: formatDateTime(new Date().toISOString()) })), fileName ?? exportFileName(title));
    } catch {
      void message.error(t('export.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" loading={busy} disabled={!rows.length} onClick={() => void run()} aria-label={`${t('export.button')}: ${title}`} data-testid={testId}>
      {t('export.button')}
    </Button>
  );
}
