import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The text of a PDF as pdf-parse (pdf.js) extracts it, in a child process (pdf-text.cjs says why). */
export function pdfText(buffer: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text.cjs')], { maxBuffer: 32 * 1024 * 1024 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout) as string));
    child.stdin!.end(buffer);
  });
}
