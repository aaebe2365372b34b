#!/usr/bin/env node
// The emitting build (issue 14, slice C): compiles the TypeScript of the apps, the libraries and the operator
// scripts to JavaScript under dist/, mirroring the source tree (dist/apps/api/src/main.js, dist/libs/…,
// dist/scripts/migrate.js), so that production runs compiled files instead of transpiling at start-up.
//
// It compiles with the very transform `scripts/register.js` applies at run time (@swc-node/register's options
// derived from tsconfig.base.json: decorator metadata, class fields, CommonJS), so compiled and transpiled code
// behave alike; the @gdtx/* path aliases are rewritten to relative requires at compile time (swc's jsc.paths),
// so dist/ needs no resolver. Type-checking stays with `tsc --noEmit` (the nx build target runs both).
// Tests, benchmarks and the web app are not compiled. A library's assets/ folder (the documents' embedded fonts)
// is copied as it is, to the same place relative to the compiled code. Each file is written to a temporary name and renamed, so
// two builds at once (nx runs api and worker in parallel) never leave a half-written file.
//
//   node scripts/build.js            → dist/ (prints the file count and the time)
//   node scripts/build.js --out DIR  → another directory (the build test)
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('fs');
const { dirname, join, relative, resolve } = require('path');

const root = resolve(__dirname, '..');
const outArg = process.argv.indexOf('--out');
const outDir = resolve(root, outArg > 0 ? process.argv[outArg + 1] : 'dist');

const SOURCES = ['apps/api/src', 'apps/worker/src', 'libs', 'scripts'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'bench', 'e2e', 'test', '__fixtures__']);
const ASSET_DIR = 'assets';
const isSource = (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(f);

function walk(dir, files = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(full, files);
    } else if (isSource(name)) files.push(full);
  }
  return files;
}

function main() {
  const started = Date.now();
  const ts = require('typescript');
  const { transformSync } = require('@swc-node/core');
  const { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } = require('@swc-node/register/read-default-tsconfig');
  const options = readDefaultTsConfig(join(root, 'tsconfig.base.json'));
  options.module = ts.ModuleKind.CommonJS; // as @swc-node/register forces
  options.sourceMap = true;
  const files = SOURCES.flatMap((d) => walk(join(root, d)));
  for (const file of files) {
    const swcOptions = tsCompilerOptionsToSwcConfig(options, file);
    swcOptions.sourcemap = true;
    const { code, map } = transformSync(readFileSync(file, 'utf8'), file, swcOptions);
    const rel = relative(root, file).replace(/\.ts$/, '.js');
    const target = join(outDir, rel);
    mkdirSync(dirname(target), { recursive: true });
    const base = target.split('/').pop();
    atomicWrite(target, `${code}\n//# sourceMappingURL=${base}.map\n`);
    if (map) {
      const parsed = JSON.parse(map);
      parsed.sources = [relative(dirname(target), file)];
      atomicWrite(`${target}.map`, JSON.stringify(parsed));
    }
  }
  const assets = copyLibraryAssets();
  // A marker with what was built (the build test and the images read it).
  atomicWrite(join(outDir, 'BUILD.json'), JSON.stringify({ files: files.length, assets, builtAt: new Date().toISOString() }) + '\n');
  console.log(`build: ${files.length} files → ${relative(root, outDir) || '.'}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** libs/<lib>/assets/** → <out>/libs/<lib>/assets/** (files read at run time, e.g. fonts); returns how many. */
function copyLibraryAssets() {
  let count = 0;
  const copyTree = (from, to) => {
    for (const name of readdirSync(from)) {
      const src = join(from, name);
      const dst = join(to, name);
      if (statSync(src).isDirectory()) copyTree(src, dst);
      else {
        mkdirSync(to, { recursive: true });
        atomicWrite(dst, readFileSync(src));
        count++;
      }
    }
  };
  for (const lib of readdirSync(join(root, 'libs'))) {
    const dir = join(root, 'libs', lib, ASSET_DIR);
    if (statSync(join(root, 'libs', lib)).isDirectory() && existsSync(dir)) copyTree(dir, join(outDir, 'libs', lib, ASSET_DIR));
  }
  return count;
}

function atomicWrite(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

if (process.argv.includes('--clean')) rmSync(outDir, { recursive: true, force: true });
main();
