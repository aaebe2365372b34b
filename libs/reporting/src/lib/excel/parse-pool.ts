import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TemplateDefinition } from '@gdtx/domain';
import { CORRUPT_MESSAGES, fileProblem } from './messages';
import type { ExpectedWorkbookIdentity, ParseLimits, ParseResult } from './types';

/**
 * Workbooks off the event loop (issue 13): an upload is parsed in a worker thread of a small pool, so a legal but
 * heavy workbook (970 KB, 354,390 extra cells: 3.1 s of exceljs) never stalls the API's other requests, and with
 * budgets, so it cannot take the process's memory either:
 *
 * - cells: 50,000 in all worksheets, counted in the XML before exceljs loads it (ParseLimits.maxCells);
 * - time: 5 s of wall clock per workbook from the moment a worker takes it (WORKBOOK_PARSE_TIMEOUT_MS); the parse is
 *   single-threaded, so this also bounds its CPU time. Past it the worker is terminated;
 * - memory: 256 MB of V8 old generation per worker (resourceLimits, WORKBOOK_PARSE_MEMORY_MB); past it the worker
 *   dies alone (ERR_WORKER_OUT_OF_MEMORY), not the API;
 * - concurrency: 2 workers (WORKBOOK_PARSE_WORKERS); further uploads wait their turn in a queue of 20, and beyond
 *   that are refused at once. Idle workers are kept (unref'd) for the next upload.
 *
 * A budget exceeded is a file problem (WORKBOOK_TOO_COMPLEX) with a Vietnamese message, so the endpoint answers as it
 * does for any refused file: 422 with the problems.
 */
export interface ParseTask {
  id: number;
  buffer: Uint8Array;
  template: TemplateDefinition;
  expected: ExpectedWorkbookIdentity;
  limits?: ParseLimits;
}

export interface ParsePoolOptions {
  workers: number;
  timeoutMs: number;
  memoryMb: number;
  maxQueued: number;
}

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

export function parsePoolOptionsFromEnv(): ParsePoolOptions {
  return {
    workers: envInt('WORKBOOK_PARSE_WORKERS', 2),
    timeoutMs: envInt('WORKBOOK_PARSE_TIMEOUT_MS', 5000),
    memoryMb: envInt('WORKBOOK_PARSE_MEMORY_MB', 256),
    maxQueued: envInt('WORKBOOK_PARSE_QUEUE', 20),
  };
}

interface Pending {
  task: ParseTask;
  resolve(result: ParseResult): void;
}

interface PoolWorker {
  worker: Worker;
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

const tooComplex = (vi: string, en: string): ParseResult => ({ ok: false, errors: [fileProblem('WORKBOOK_TOO_COMPLEX', vi, en)] });

export class WorkbookParsePool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ParsePoolOptions) {}

  /** Uploads being parsed or waiting for a worker (the health test watches it). */
  get inFlight(): number {
    return this.queue.length + this.workers.filter((w) => w.current).length;
  }

  parse(buffer: Buffer, template: TemplateDefinition, expected: ExpectedWorkbookIdentity, limits?: ParseLimits): Promise<ParseResult> {
    if (this.closed) throw new Error('workbook parse pool is closed');
    if (this.queue.length >= this.options.maxQueued) {
      return Promise.resolve(
        tooComplex(
          'Máy chủ đang xử lý nhiều tệp Excel cùng lúc. Vui lòng tải lên lại sau ít phút.',
          `Too many workbooks waiting to be parsed (${this.queue.length}); try again shortly.`,
        ),
      );
    }
    // A copy: the worker gets its own bytes (the request's buffer may be a slice of a shared pool).
    const task: ParseTask = { id: this.nextId++, buffer: new Uint8Array(buffer), template, expected, limits };
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.splice(0).map((w) => w.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      const free = this.workers.find((w) => w.ready && !w.current);
      if (!free) {
        if (this.workers.length < this.options.workers) this.spawn();
        return;
      }
      const pending = this.queue.shift()!;
      free.current = pending;
      free.worker.ref();
      free.timer = setTimeout(() => this.fail(free, tooComplex(
        `Tệp Excel quá phức tạp: đọc tệp mất hơn ${this.options.timeoutMs / 1000} giây nên đã dừng. Hãy tải lại mẫu Excel từ hệ thống và chỉ nhập số liệu vào các ô của mẫu.`,
        `Parsing the workbook took longer than ${this.options.timeoutMs} ms and was stopped.`,
      )), this.options.timeoutMs);
      free.worker.postMessage(pending.task);
    }
  }

  private spawn(): void {
    const worker = new Worker(workerBootstrap(), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    const entry: PoolWorker = { worker, ready: false, current: null, timer: null };
    this.workers.push(entry);
    worker.unref();
    worker.on('message', (msg: { ready?: true; id?: number; result?: ParseResult; error?: string }) => {
      if (msg.ready) {
        entry.ready = true;
        return this.dispatch();
      }
      const current = entry.current;
      if (!current || current.task.id !== msg.id) return;
      this.settle(entry);
      current.resolve(msg.result ?? unreadable(msg.error ?? 'no result'));
      this.dispatch();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.fail(entry, tooComplex(
          'Tệp Excel quá lớn để đọc (vượt giới hạn bộ nhớ dành cho một tệp). Hãy tải lại mẫu Excel từ hệ thống và chỉ nhập số liệu vào các ô của mẫu.',
          `Parsing the workbook exceeded its ${this.options.memoryMb} MB memory budget.`,
        ));
      } else {
        this.fail(entry, unreadable(e.message));
      }
    });
    worker.on('exit', () => {
      // An exit we did not ask for (a crash): its upload gets an answer and the slot is freed.
      if (this.workers.includes(entry)) this.fail(entry, unreadable('parse worker exited'));
    });
  }

  /** Ends a worker's current upload with `result` and replaces the worker (it may be mid-parse or broken). */
  private fail(entry: PoolWorker, result: ParseResult): void {
    const current = entry.current;
    this.settle(entry);
    const i = this.workers.indexOf(entry);
    if (i >= 0) this.workers.splice(i, 1);
    void entry.worker.terminate();
    current?.resolve(result);
    if (!this.closed) this.dispatch();
  }

  private settle(entry: PoolWorker): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.current = null;
    entry.worker.unref();
  }
}

function unreadable(detail: string): ParseResult {
  const [vi, en] = CORRUPT_MESSAGES['UNREADABLE'];
  return { ok: false, errors: [fileProblem('CORRUPT_FILE', vi, `${en} (${detail})`)] };
}

/**
 * The worker's entry: the compiled parse-worker.js next to this file when there is one, else the TypeScript source
 * through @swc-node/register (how the API runs: scripts/register.js; a worker thread does not inherit the main
 * thread's require hooks), with the workspace's tsconfig for the path aliases.
 */
function workerBootstrap(): string {
  const compiled = join(__dirname, 'parse-worker.js');
  if (existsSync(compiled)) return `require(${JSON.stringify(compiled)});`;
  const source = join(__dirname, 'parse-worker.ts');
  let dir = __dirname;
  while (!existsSync(join(dir, 'tsconfig.base.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const project = join(dir, 'tsconfig.base.json');
  return [
    `process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || ${JSON.stringify(project)};`,
    `require('@swc-node/register');`,
    `require(${JSON.stringify(source)});`,
  ].join('\n');
}

let shared: WorkbookParsePool | null = null;

/** The process's pool, created on the first upload. */
export function workbookParsePool(): WorkbookParsePool {
  shared ??= new WorkbookParsePool(parsePoolOptionsFromEnv());
  return shared;
}

/**
 * parseWorkbook in a worker thread of the process's pool, with its budgets: the same ParseResult for the same file
 * (a budget exceeded is the WORKBOOK_TOO_COMPLEX problem). What the upload endpoint calls.
 */
export function parseWorkbookOffThread(
  buffer: Buffer,
  template: TemplateDefinition,
  expected: ExpectedWorkbookIdentity,
  limits?: ParseLimits,
): Promise<ParseResult> {
  return workbookParsePool().parse(buffer, template, expected, limits);
}
