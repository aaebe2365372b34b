// The body of a workbook-parsing worker thread (see parse-pool.ts): parses one workbook per message, in order.
import { parentPort } from 'node:worker_threads';
import { parseWorkbook } from './parse-workbook';
import type { ParseTask } from './parse-pool';

if (!parentPort) throw new Error('parse-worker.ts runs as a worker thread only');
const port = parentPort;
port.on('message', (task: ParseTask) => {
  const buffer = Buffer.from(task.buffer.buffer, task.buffer.byteOffset, task.buffer.byteLength);
  parseWorkbook(buffer, task.template, task.expected, task.limits).then(
    (result) => port.postMessage({ id: task.id, result }),
    // parseWorkbook never rejects; should it ever, the pool answers with its "unreadable" problem.
    (e: unknown) => port.postMessage({ id: task.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
port.postMessage({ ready: true });
