import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { periodFromCode, todayInVietnam, type ValueMap } from '@gdtx/domain';
import { centreRefsOf, ministryCodes } from '@gdtx/org';
import { Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { ReportingReader } from '@gdtx/reporting';
import { validateMinistryLayout, type LayoutColumn, type MinistryLayout } from './layouts';

/** One row of an export: who it is (ministry code, name, our code) and the value of each column. */
interface ExportRow {
  ministryCode: string | null;
  name: string;
  code: string;
  cells: (string | number | null)[];
}

export type RowMatch = 'MATCH' | 'DIFFERENT' | 'ONLY_HERE' | 'ONLY_THERE' | 'NO_CODE';

export interface Reconciliation {
  layoutCode: string;
  layoutVersion: number;
  periodCode: string;
  rows: {
    ministryCode: string | null;
    name: string;
    status: RowMatch;
    differences: { column: string; here: number | null; there: number | null }[];
  }[];
  counts: Record<RowMatch, number>;
}

const TITLE_ROWS = 3; // title, the "not the official layout" note (or blank), a blank row
const XLSX_LIMIT = 10 * 1024 * 1024;

/**
 * Exports in the ministry's layouts and the reconciliation with what the ministry's systems exported (issue 15
 * item 7, domain §K). The layouts are data (ministry_layout: shipped national versions, a province's own); the
 * values are the accepted reports (reporting's reader) under the caller's tenant context; the rows are matched by
 * the ministry's codes the Sở entered (org's `ministry_code`).
 */
@Injectable()
export class MinistryExchangeService {
  constructor(private readonly db: TenantDb) {}

  /** Every layout in its latest version, the province's own over the national one. */
  async layouts(ctx: TenantContext): Promise<MinistryLayout[]> {
    const rows: { provinceId: string | null; definition: MinistryLayout }[] = await this.db.run(ctx, (em) =>
      em.query(`SELECT province_id AS "provinceId", definition FROM ministry_layout ORDER BY code, (province_id IS NOT NULL), version`));
    const latest = new Map<string, MinistryLayout>();
    for (const r of rows) latest.set(r.definition.code, r.definition);
    return [...latest.values()];
  }

  async layout(ctx: TenantContext, code: string): Promise<MinistryLayout> {
    const found = (await this.layouts(ctx)).find((l) => l.code === code);
    if (!found) throw Errors.notFound({ vi: 'mẫu xuất cho hệ thống của Bộ', en: 'Ministry layout' }, code);
    return found;
  }

  /** A Sở's own version of a layout (the real template, or its own choice of columns for the CSDL statistics). */
  async saveLayout(ctx: TenantContext, definitionJson: string): Promise<MinistryLayout> {
    const provinceId = requireSo(ctx);
    let definition: unknown;
    try {
      definition = JSON.parse(definitionJson);
    } catch {
      throw Errors.validation([{ field: 'definitionJson', messageVi: 'Mẫu không phải JSON hợp lệ', messageEn: 'definitionJson is not valid JSON' }]);
    }
    const issues = validateMinistryLayout(definition);
    if (issues.length) throw Errors.validation(issues.map((i) => ({ field: 'definitionJson', messageVi: `Mẫu không hợp lệ: ${i}`, messageEn: i })));
    const layout = definition as MinistryLayout;
    return this.db.run(ctx, async (em) => {
      const [{ next }] = await em.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM ministry_layout WHERE code = $1`, [layout.code]);
      const saved = { ...layout, version: Number(next) };
      await em.query(`INSERT INTO ministry_layout (province_id, code, version, definition, created_by) VALUES ($1, $2, $3, $4, $5)`, [provinceId, saved.code, saved.version, JSON.stringify(saved), ctx.userId]);
      return saved;
    });
  }

  /** The workbook for the ministry's system: one sheet, the layout's header rows, one row per commune or centre. */
  async export(ctx: TenantContext, layoutCode: string, periodCode: string): Promise<{ buffer: Buffer; fileName: string }> {
    requireSo(ctx);
    const period = parsePeriod(periodCode);
    const layout = await this.layout(ctx, layoutCode);
    const rows = await this.rows(ctx, layout, period.code);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'gdtx-monitor';
    const ws = wb.addWorksheet(layout.sheetName.slice(0, 31));
    ws.getCell(1, 1).value = `${layout.nameVi} — ${period.labelVi}`;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    if (!layout.official) ws.getCell(2, 1).value = `Lưu ý: ${layout.noteVi}`;
    const depth = layout.columns[0].header.length;
    layout.columns.forEach((c, ci) => c.header.forEach((h, hi) => {
      const cell = ws.getCell(TITLE_ROWS + 1 + hi, ci + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    }));
    mergeHeaders(ws, layout.columns, TITLE_ROWS + 1);
    rows.forEach((r, ri) => r.cells.forEach((v, ci) => (ws.getCell(TITLE_ROWS + depth + 1 + ri, ci + 1).value = v)));
    layout.columns.forEach((c, ci) => (ws.getColumn(ci + 1).width = 'identity' in c.source && c.source.identity === 'NAME' ? 36 : 14));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { buffer, fileName: `${layout.code}_${period.code}.xlsx` };
  }

  /** Differences per commune or centre between this platform and a workbook exported by the ministry's system. */
  async reconcile(ctx: TenantContext, layoutCode: string, periodCode: string, file: Buffer): Promise<Reconciliation> {
    requireSo(ctx);
    const period = parsePeriod(periodCode);
    const layout = await this.layout(ctx, layoutCode);
    if (file.length > XLSX_LIMIT) throw Errors.badInput('Tệp quá lớn (tối đa 10 MB)', 'File too large (10 MB at most)', { field: 'file' });
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as never);
    } catch {
      throw Errors.badInput('Tệp không phải Excel (.xlsx) đọc được', 'Not a readable .xlsx workbook', { field: 'file' });
    }
    const ws = wb.worksheets[0];
    const codeColumn = layout.columns.findIndex((c) => 'identity' in c.source && c.source.identity === 'MINISTRY_CODE');
    const firstHeader = layout.columns[0].header[0].trim();
    let headerRow = 0;
    for (let r = 1; ws && r <= Math.min(ws.rowCount, 20); r++) if (cellText(ws.getCell(r, 1).value) === firstHeader) { headerRow = r; break; }
    if (!ws || !headerRow) {
      throw Errors.badInput(
        `Không thấy hàng tiêu đề của mẫu "${layout.nameVi}" (ô đầu tiên phải là "${firstHeader}"): tệp có đúng mẫu này không?`,
        `The layout's header row was not found (first cell "${firstHeader}")`, { field: 'file' });
    }
    const theirs = new Map<string, (number | null)[]>();
    for (let r = headerRow + layout.columns[0].header.length; r <= ws.rowCount; r++) {
      const code = cellText(ws.getCell(r, codeColumn + 1).value);
      if (!code) continue;
      theirs.set(code, layout.columns.map((_, ci) => cellNumber(ws.getCell(r, ci + 1).value)));
    }
    const ours = await this.rows(ctx, layout, period.code);
    const out: Reconciliation['rows'] = [];
    const seen = new Set<string>();
    for (const row of ours) {
      if (!row.ministryCode) {
        out.push({ ministryCode: null, name: row.name, status: 'NO_CODE', differences: [] });
        continue;
      }
      seen.add(row.ministryCode);
      const there = theirs.get(row.ministryCode);
      if (!there) {
        out.push({ ministryCode: row.ministryCode, name: row.name, status: 'ONLY_HERE', differences: [] });
        continue;
      }
      const differences = layout.columns
        .map((c, ci) => ({ c, here: typeof row.cells[ci] === 'number' ? (row.cells[ci] as number) : null, there: there[ci], ci }))
        .filter(({ c, here, there: t }) => 'sum' in c.source && here !== t)
        .map(({ c, here, there: t }) => ({ column: c.header.filter(Boolean).join(' · '), here, there: t }));
      out.push({ ministryCode: row.ministryCode, name: row.name, status: differences.length ? 'DIFFERENT' : 'MATCH', differences });
    }
    for (const [code] of theirs) if (!seen.has(code)) out.push({ ministryCode: code, name: '', status: 'ONLY_THERE', differences: [] });
    const counts = { MATCH: 0, DIFFERENT: 0, ONLY_HERE: 0, ONLY_THERE: 0, NO_CODE: 0 } as Record<RowMatch, number>;
    for (const r of out) counts[r.status]++;
    const order: RowMatch[] = ['DIFFERENT', 'ONLY_HERE', 'ONLY_THERE', 'NO_CODE', 'MATCH'];
    out.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.name.localeCompare(b.name, 'vi'));
    return { layoutCode: layout.code, layoutVersion: layout.version, periodCode: period.code, rows: out, counts };
  }

  /** The export's rows: the accepted reports of the layout's template in the period, by commune or by centre. */
  private async rows(ctx: TenantContext, layout: MinistryLayout, periodCode: string): Promise<ExportRow[]> {
    return this.db.run(ctx, async (em) => {
      const reports = await ReportingReader.acceptedValues(em, layout.templateCode, periodCode);
      const centres = new Map((await centreRefsOf(em, [...new Set(reports.map((r) => r.centreId))])).map((c) => [c.id, c]));
      const groups = new Map<string, { ministryCode: string | null; name: string; code: string; values: ValueMap[] }>();
      if (layout.rowsPer === 'CENTRE') {
        const codes = new Map((await ministryCodes(em, 'CENTRE', todayInVietnam())).map((c) => [c.id, c]));
        for (const r of reports) {
          const c = codes.get(r.centreId);
          groups.set(r.centreId, { ministryCode: c?.ministryCode ?? null, name: c?.name ?? centres.get(r.centreId)?.name ?? '', code: c?.code ?? '', values: [r.values] });
        }
      } else {
        // The commune of the report's centre as registered (an ended commune's row has the code entered for it, if any).
        const units = new Map((await ministryCodes(em, 'UNIT', null)).map((u) => [u.id, u]));
        for (const r of reports) {
          const unit = units.get(centres.get(r.centreId)?.unitId ?? '');
          const key = unit?.id ?? `centre:${r.centreId}`;
          const g = groups.get(key) ?? { ministryCode: unit?.ministryCode ?? null, name: unit?.name ?? centres.get(r.centreId)?.name ?? '', code: unit?.code ?? '', values: [] };
          g.values.push(r.values);
          groups.set(key, g);
        }
      }
      return [...groups.values()]
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
        .map((g) => ({
          ministryCode: g.ministryCode, name: g.name, code: g.code,
          cells: layout.columns.map((c) => cellOf(c, g)),
        }));
    });
  }
}

function cellOf(c: LayoutColumn, g: { ministryCode: string | null; name: string; code: string; values: ValueMap[] }): string | number | null {
  const s = c.source;
  if ('identity' in s) return s.identity === 'MINISTRY_CODE' ? g.ministryCode : s.identity === 'NAME' ? g.name : g.code;
  let total = 0;
  let any = false;
  for (const v of g.values) for (const key of s.sum) if (typeof v[key] === 'number') { total += v[key] as number; any = true; }
  return any ? total : null;
}

/** Adjacent equal texts of a header row are merged across; a text with only empty cells below it spans down. */
function mergeHeaders(ws: ExcelJS.Worksheet, columns: readonly LayoutColumn[], top: number): void {
  const depth = columns[0].header.length;
  const prefix = (ci: number, hi: number) => columns[ci].header.slice(0, hi).join('|');
  for (let hi = 0; hi < depth; hi++) {
    for (let ci = 0; ci < columns.length; ) {
      const text = columns[ci].header[hi];
      if (text === '') { ci++; continue; } // under a cell that spans down
      let end = ci;
      while (end + 1 < columns.length && columns[end + 1].header[hi] === text && prefix(end + 1, hi) === prefix(ci, hi)) end++;
      const emptyBelow = columns.slice(ci, end + 1).every((c) => c.header.slice(hi + 1).every((h) => h === ''));
      const bottom = emptyBelow ? top + depth - 1 : top + hi;
      if (end > ci || bottom > top + hi) ws.mergeCells(top + hi, ci + 1, bottom, end + 1);
      ci = end + 1;
    }
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

function cellNumber(v: ExcelJS.CellValue): number | null {
  const value = typeof v === 'object' && v !== null && 'result' in v ? v.result : v;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value.replace(/\./g, '').replace(',', '.')))) return Number(value.replace(/\./g, '').replace(',', '.'));
  return null;
}

function requireSo(ctx: TenantContext): string {
  if (ctx.scope !== 'province' || !ctx.provinceId) throw Errors.forbidden('Ministry exports are the Sở’s', 'Xuất và đối chiếu với hệ thống của Bộ chỉ dành cho Sở');
  return ctx.provinceId;
}

function parsePeriod(code: string) {
  try {
    return periodFromCode(code);
  } catch {
    throw Errors.badInput(`Mã kỳ không hợp lệ: ${code}`, `Malformed period code: ${code}`, { field: 'periodCode' });
  }
}
