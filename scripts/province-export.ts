// `npm run province:export -- <provinceCode> <file.zip>`: one province's rows as an archive (scripts/province-archive.ts,
// docs/operations.md). DATABASE_URL: a superuser or BYPASSRLS connection to the source database.
import { writeFileSync } from 'node:fs';
import { describeError, exportProvince } from './province-archive';

async function main(): Promise<void> {
  const [code, file] = process.argv.slice(2);
  const url = process.env['DATABASE_URL'];
  if (!code || !file || !url) {
    console.error('Cách dùng / usage: DATABASE_URL=postgres://… npm run province:export -- <mã tỉnh / province code> <tệp / file.zip>');
    process.exit(2);
  }
  const started = Date.now();
  const { archive, manifest } = await exportProvince(url, code);
  writeFileSync(file, archive, { mode: 0o600 });
  const rows = manifest.tables.reduce((n, t) => n + t.rowCount, 0);
  console.log(
    `Đã xuất tỉnh ${manifest.province.code} (${manifest.province.name}) / exported: ${manifest.tables.length} bảng / tables, ${rows} dòng / rows, ` +
      `${archive.length} byte → ${file} (${Date.now() - started} ms; migration ${manifest.lastMigration})`,
  );
}

main().catch((e) => {
  console.error(describeError(e));
  process.exit(1);
});
