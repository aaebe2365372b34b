#!/usr/bin/env node
// `npm run bench`: generates a large province and measures dashboards, freshness, rebuild and submission
// throughput in one run; writes docs/performance.md. Not part of `npm test`.
const path = require('path');
process.chdir(path.join(__dirname, '..'));
require('./register');
require('./bench/run.ts');
