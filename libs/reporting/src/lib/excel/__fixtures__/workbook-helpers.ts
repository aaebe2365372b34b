import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** Test helpers: load a workbook buffer with exceljs, edit it the way a user's spreadsheet program would, save. */

export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

export async function saveWorkbook(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function editWorkbook(buf: Buffer, edit: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Buffer> {
  const wb = await loadWorkbook(buf);
  await edit(wb);
  return saveWorkbook(wb);
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

export interface RawZipEntry {
  name: string;
  data: Buffer;
  /** 0 = stored, 8 = deflate (default). */
  method?: 0 | 8;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
}

/** A minimal zip writer (CRC left at 0: the guard does not check it) for hostile-archive tests. */
export function makeZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

export const MINIMAL_XLSX_PARTS: RawZipEntry[] = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
];

/**
 * A workbook with `count` extra numeric cells on an added sheet (issue 13's stalling upload: a 970 KB file with
 * 354,390 extra cells, under the 5 MB limit). Written with exceljs' streaming writer, so building it stays cheap.
 */
export async function withExtraCells(buf: Buffer, count: number, columns = 300): Promise<Buffer> {
  return editWorkbook(buf, (wb) => {
    const ws = wb.addWorksheet('Thêm');
    for (let row = 1, left = count; left > 0; row++) {
      const n = Math.min(columns, left);
      ws.addRow(Array.from({ length: n }, (_, i) => (row * columns + i) % 997));
      left -= n;
    }
  });
}
