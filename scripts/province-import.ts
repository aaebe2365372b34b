// `npm run province:import -- <file.zip>`: loads a province archive into DATABASE_URL (a superuser or BYPASSRLS
// connection), all or nothing: checksums and the migration level are verified before anything is written.
import { readFileSync } from 'node:fs';
import { describeError, importProvince } from './province-archive';

async function main(): Promise<void> {
  const [file] = process.argv.slice(2);
  const url = process.env['DATABASE_URL'];
  if (!file || !url) {
    console.error('Cách dùng / usage: DATABASE_URL=postgres://… npm run province:import -- <tệp / file.zip>');
    process.exit(2);
  }
  const started = Date.now();
  const { manifest, inserted, renumbered } = await importProvince(url, readFileSync(file));
  const rows = Object.values(inserted).reduce((n, c) => n + c, 0);
  const moved = Object.entries(renumbered).map(([key, n]) => `${key}: ${n}`);
  console.log(
    `Đã nhập tỉnh ${manifest.province.code} (${manifest.province.name}) / imported: ${Object.keys(inserted).length} bảng / tables, ${rows} dòng / rows ` +
      `(${Date.now() - started} ms)${moved.length ? `; đánh số lại / renumbered ${moved.join(', ')}` : ''}`,
  );
}

main().catch((e) => {
  console.error(describeError(e));
  process.exit(1);
});
