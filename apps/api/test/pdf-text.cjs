// Reads a PDF on stdin and prints its text (pdf-parse v2, pdf.js underneath). A child process because pdf.js
// loads its worker with a dynamic import(), which jest's module sandbox refuses (official-documents.e2e-spec.ts).
const { PDFParse } = require('pdf-parse');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    process.stdout.write(JSON.stringify((await parser.getText()).text));
  } finally {
    await parser.destroy();
  }
});
