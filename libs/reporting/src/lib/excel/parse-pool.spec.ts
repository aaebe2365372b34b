import { buildWorkbook } from './build-workbook';
import { parseWorkbook } from './parse-workbook';
import { WorkbookParsePool } from './parse-pool';
import { countCellElements } from './zip-guard';
import { FIXTURE_EXPECTED, FIXTURE_META, GDTX_FIXTURE_TEMPLATE as T, fixtureValues } from './__fixtures__/gdtx-report.fixture';
import { editWorkbook, sheet, withExtraCells } from './__fixtures__/workbook-helpers';
import type { ParseResult } from './types';

const codes = (r: ParseResult) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('workbook parsing in worker threads, with budgets', () => {
  let good: Buffer;
  let heavy: Buffer;
  const pools: WorkbookParsePool[] = [];
  const pool = (o: Partial<ConstructorParameters<typeof WorkbookParsePool>[0]> = {}) => {
    const p = new WorkbookParsePool({ workers: 2, timeoutMs: 20_000, memoryMb: 256, maxQueued: 20, ...o });
    pools.push(p);
    return p;
  };

  beforeAll(async () => {
    good = await buildWorkbook(T, fixtureValues(), FIXTURE_META);
    heavy = await withExtraCells(good, 354_390);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('gives the same result as the parse on the calling thread, for a good file and one with cell problems', async () => {
    const p = pool();
    const ok = await p.parse(good, T, FIXTURE_EXPECTED);
    expect(ok).toEqual(await parseWorkbook(good, T, FIXTURE_EXPECTED));
    expect(ok.ok).toBe(true);
    const broken = await editWorkbook(good, (wb) => {
      const ws = sheet(wb, wb.worksheets.find((w) => w.state !== 'veryHidden' && w.name !== '_meta' && w.name !== 'Hướng dẫn')!.name);
      ws.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === 'number') cell.value = 'không phải số';
      }));
    });
    const off = await p.parse(broken, T, FIXTURE_EXPECTED);
    expect(off).toEqual(await parseWorkbook(broken, T, FIXTURE_EXPECTED));
  }, 30_000);

  it('refuses the 354,390 extra cells of issue 13 by its cell budget, in the worker and on the calling thread', async () => {
    expect(heavy.length).toBeLessThan(5 * 1024 * 1024);
    const r = await pool().parse(heavy, T, FIXTURE_EXPECTED);
    expect(codes(r)).toEqual(['WORKBOOK_TOO_COMPLEX']);
    expect(!r.ok && r.errors[0].messageVi).toMatch(/vượt quá giới hạn 50\.000 ô/);
    expect(codes(await parseWorkbook(heavy, T, FIXTURE_EXPECTED))).toEqual(['WORKBOOK_TOO_COMPLEX']);
  }, 30_000);

  it('stops a parse over its time budget and one over its memory budget, and the pool keeps working', async () => {
    // The worker that ran over is terminated; a fresh one answers the next upload (a quick one: a cold worker's
    // first exceljs load may itself take a while on a loaded machine).
    const notAWorkbook = Buffer.from('TT;Chỉ tiêu\n1;2\n');
    const slow = pool({ workers: 1, timeoutMs: 500 });
    const timedOut = await slow.parse(heavy, T, FIXTURE_EXPECTED, { maxCells: 10_000_000 });
    expect(codes(timedOut)).toEqual(['WORKBOOK_TOO_COMPLEX']);
    expect(!timedOut.ok && timedOut.errors[0].messageVi).toMatch(/mất hơn 0.5 giây/);
    expect(codes(await slow.parse(notAWorkbook, T, FIXTURE_EXPECTED))).toEqual(['CORRUPT_FILE']);

    const small = pool({ workers: 1, memoryMb: 24 });
    const outOfMemory = await small.parse(heavy, T, FIXTURE_EXPECTED, { maxCells: 10_000_000 });
    expect(codes(outOfMemory)).toEqual(['WORKBOOK_TOO_COMPLEX']);
    expect(!outOfMemory.ok && outOfMemory.errors[0].messageVi).toMatch(/giới hạn bộ nhớ/);
    expect(codes(await small.parse(notAWorkbook, T, FIXTURE_EXPECTED))).toEqual(['CORRUPT_FILE']);
  }, 60_000);

  it('refuses at once when too many uploads wait for a worker', async () => {
    const busy = pool({ workers: 1, maxQueued: 1 });
    const results = await Promise.all([1, 2, 3, 4].map(() => busy.parse(good, T, FIXTURE_EXPECTED)));
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    expect(results.some((r) => !r.ok && r.errors[0].messageVi.includes('nhiều tệp Excel cùng lúc'))).toBe(true);
  }, 30_000);

  it('counts cell elements, not columns or conditional formats', () => {
    expect(countCellElements(Buffer.from('<cols><col min="1"/></cols><row><c r="A1"><v>1</v></c><c r="B1"/><c>\n</c></row><cfRule/>'))).toBe(3);
  });
});
