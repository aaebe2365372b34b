#!/usr/bin/env node
// `npm run bench`: (1) scripts/bench/run.ts generates the demo province's 2,000 centres × 10 school years in the
// database gdtx_bench and measures dashboards against their raw-SQL floor, freshness, the rebuild and submission
// throughput (the top of docs/performance.md); (2) scripts/bench/growth.ts adds provinces of the same size up to
// BENCH_SCALES (1,4,16) and measures how each figure grows, on the compiled build (so it builds first).
// Not part of `npm test`. `npm run bench -- --only run` or `--only growth` runs one half.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (only !== 'growth') run(['-r', './scripts/register.js', 'scripts/bench/run.ts']);
if (only !== 'run') {
  run(['scripts/build.js']);
  run(['-r', './scripts/register.js', 'scripts/bench/growth.ts']);
}
