const { PDFParse } = require('pdf-parse');
const fs = require('fs');
(async () => {
  const p = new PDFParse({ data: fs.readFileSync(process.argv[2]) });
  const t = await p.getText(); console.log(t.text.slice(0, 1500));
  try { const s = await p.getScreenshot({ scale: 1.2, partial: [1,2] }); s.pages.forEach((pg, i) => fs.writeFileSync(`/tmp/docs-smoke/p${i+1}.png`, pg.data)); console.log('shots', s.pages.length); } catch (e) { console.log('noshot', e.message); }
  await p.destroy();
})();
