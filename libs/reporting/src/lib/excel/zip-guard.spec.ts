import { randomBytes } from 'node:crypto';
import { buildTableWorkbook } from './table-workbook';
import { MINIMAL_XLSX_PARTS, makeZip } from './__fixtures__/workbook-helpers';
import { checkZip } from './zip-guard';

const LIMITS = { maxUncompressedBytes: 1024 * 1024, maxEntries: 100 };

describe('checkZip', () => {
  it('accepts a real xlsx and lists its parts', async () => {
    const buf = await buildTableWorkbook('Bảng', [{ key: 'a', headerVi: 'A' }], [{ a: 1 }]);
    const r = checkZip(buf, { maxUncompressedBytes: 50 * 1024 * 1024, maxEntries: 1000 });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
  });

  it('rejects non-zip input: random bytes, CSV text, empty buffer', () => {
    expect(checkZip(randomBytes(4096), LIMITS)).toEqual({ ok: false, reason: 'NOT_ZIP' });
    expect(checkZip(Buffer.from('Mã;Tên trung tâm;Số học viên\n1;GDTX Huế;2279\n', 'utf8'), LIMITS)).toEqual({ ok: false, reason: 'NOT_ZIP' });
    expect(checkZip(Buffer.alloc(0), LIMITS)).toEqual({ ok: false, reason: 'NOT_ZIP' });
  });

  it('recognises a legacy .xls / encrypted workbook (OLE2)', () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(1024)]);
    expect(checkZip(ole, LIMITS)).toEqual({ ok: false, reason: 'OLE' });
  });

  it('rejects a truncated zip and random bytes behind a zip signature', async () => {
    const buf = await buildTableWorkbook('Bảng', [{ key: 'a', headerVi: 'A' }], [{ a: 1 }]);
    for (const cut of [30, 100, Math.floor(buf.length / 2), buf.length - 10]) {
      expect(checkZip(buf.subarray(0, cut), LIMITS).ok).toBe(false);
    }
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(2000)]);
    expect(checkZip(fake, LIMITS)).toEqual({ ok: false, reason: 'CORRUPT' });
  });

  it('rejects a zip that is not a spreadsheet', () => {
    expect(checkZip(makeZip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]), LIMITS)).toEqual({
      ok: false,
      reason: 'NOT_XLSX',
    });
  });

  it('stops a zip bomb by actual inflated size, even when the headers lie', () => {
    const zeros = Buffer.alloc(2 * 1024 * 1024);
    const honest = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    expect(honest.length).toBeLessThan(10 * 1024);
    expect(checkZip(honest, LIMITS)).toEqual({ ok: false, reason: 'TOO_LARGE' });

    const lying = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 100 }]);
    expect(checkZip(lying, LIMITS)).toEqual({ ok: false, reason: 'TOO_LARGE' });
  });

  it('rejects sizes that do not match the headers', () => {
    const lying = makeZip([...MINIMAL_XLSX_PARTS, { name: 'xl/styles.xml', data: Buffer.alloc(5000), declaredSize: 100 }]);
    expect(checkZip(lying, LIMITS)).toEqual({ ok: false, reason: 'CORRUPT' });
  });

  it('caps the number of entries', () => {
    const many = makeZip(Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x'), method: 0 as const })));
    expect(checkZip(many, LIMITS)).toEqual({ ok: false, reason: 'TOO_LARGE' });
  });

  it('accepts stored (uncompressed) entries', () => {
    const z = makeZip(MINIMAL_XLSX_PARTS.map((e) => ({ ...e, method: 0 as const })));
    expect(checkZip(z, LIMITS).ok).toBe(true);
  });
});
