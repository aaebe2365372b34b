import { inflateRawSync } from 'node:zlib';

/**
 * A pre-flight check of an uploaded .xlsx (a zip) before exceljs sees it: is it a well-formed zip, does it look
 * like a spreadsheet, and does it stay within an uncompressed-size budget (zip-bomb guard). Every entry is really
 * inflated with zlib's `maxOutputLength`, so lying size fields do not help a bomb. Never throws.
 */

export type ZipCheck =
  | { ok: true; entries: ZipEntryInfo[]; /** `<c>` elements in the worksheets (xl/worksheets/*.xml). */ worksheetCells: number }
  | { ok: false; reason: 'NOT_ZIP' | 'OLE' | 'CORRUPT' | 'UNSUPPORTED' | 'NOT_XLSX' | 'TOO_LARGE' };

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxEntries: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
/** An OLE2 compound file: a legacy .xls, or an encrypted (password-protected) .xlsx. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function checkZip(buf: Buffer, limits: ZipLimits): ZipCheck {
  try {
    return checkZipUnsafe(buf, limits);
  } catch {
    return { ok: false, reason: 'CORRUPT' };
  }
}

function checkZipUnsafe(buf: Buffer, limits: ZipLimits): ZipCheck {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) return { ok: false, reason: 'OLE' };
  if (buf.length < 22 || buf.readUInt32LE(0) !== SIG_LOCAL) return { ok: false, reason: 'NOT_ZIP' };

  // End of central directory: 22 bytes + a comment of up to 65535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'CORRUPT' };
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: 'UNSUPPORTED' }; // ZIP64
  if (count === 0) return { ok: false, reason: 'NOT_XLSX' };
  if (count > limits.maxEntries) return { ok: false, reason: 'TOO_LARGE' };
  if (cdOffset + cdSize > eocd) return { ok: false, reason: 'CORRUPT' };

  const entries: ZipEntryInfo[] = [];
  let worksheetCells = 0;
  let budget = limits.maxUncompressedBytes;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== SIG_CENTRAL) return { ok: false, reason: 'CORRUPT' };
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    if (flags & 0x1) return { ok: false, reason: 'UNSUPPORTED' }; // encrypted entry
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) {
      return { ok: false, reason: 'UNSUPPORTED' };
    }
    if (uncompressedSize > budget) return { ok: false, reason: 'TOO_LARGE' };

    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== SIG_LOCAL) return { ok: false, reason: 'CORRUPT' };
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > buf.length) return { ok: false, reason: 'CORRUPT' };
    const data = buf.subarray(dataStart, dataEnd);

    let actual: number;
    const worksheet = /^xl\/worksheets\/[^/]+\.xml$/.test(name);
    if (method === 0) {
      actual = data.length;
      if (worksheet) worksheetCells += countCellElements(data);
    } else if (method === 8) {
      try {
        // maxOutputLength makes zlib stop (RangeError) as soon as the budget is exceeded.
        const inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
        actual = inflated.length;
        if (worksheet) worksheetCells += countCellElements(inflated);
      } catch (e) {
        // (Checked by code/name, not instanceof: zlib's RangeError may come from another realm, e.g. under jest.)
        const err = e as { code?: unknown; name?: unknown };
        if (err.code === 'ERR_BUFFER_TOO_LARGE' || err.name === 'RangeError') return { ok: false, reason: 'TOO_LARGE' };
        return { ok: false, reason: 'CORRUPT' };
      }
    } else {
      return { ok: false, reason: 'UNSUPPORTED' };
    }
    if (actual > budget) return { ok: false, reason: 'TOO_LARGE' };
    if (actual !== uncompressedSize) return { ok: false, reason: 'CORRUPT' };
    budget -= actual;
    entries.push({ name, compressedSize, uncompressedSize });
  }

  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) return { ok: false, reason: 'NOT_XLSX' };
  return { ok: true, entries, worksheetCells };
}

const LT = 0x3c;
const C = 0x63;
/** Bytes that may follow the element name `c`: whitespace, `>` or `/` (so `<col`, `<cols`, `<cfRule` do not count). */
const AFTER_NAME = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);

/**
 * Counts `<c …>` cell elements of a worksheet's XML without parsing it: what exceljs would build a cell object
 * for, and so the measure of the work (and memory) a workbook costs before it is loaded. A prefixed element
 * (`<x:c>`) is not counted; the parse's time and memory budgets still bound such a file.
 */
export function countCellElements(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf(LT); i >= 0 && i < xml.length - 2; i = xml.indexOf(LT, i + 1)) {
    if (xml[i + 1] === C && AFTER_NAME.has(xml[i + 2])) n++;
  }
  return n;
}
