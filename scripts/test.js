#!/usr/bin/env node
// `npm test`: the whole suite. Uses DATABASE_URL / REDIS_URL when set, else the local services
// (PostgreSQL 127.0.0.1:5432 as postgres, Redis 127.0.0.1:6379). Where no PostgreSQL answers and this is
// not CI, it starts the embedded one. Builds the test template database once, then runs jest.
const path = require('path');
const fs = require('fs');
const { spawnSync, execSync } = require('child_process');
const root = path.join(__dirname, '..');
process.chdir(root);
require('./register');
const { Client } = require('pg');

async function canConnect(url) {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

function adminUrlFrom(url) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** The suites that start redis-server binaries of their own: the fault suite and the Redis-outage test. */
function runsOwnRedis(args) {
  const paths = args.filter((a) => !a.startsWith('-'));
  return paths.length === 0 || paths.some((a) => /faults|redis-outage|apps\/api\/test\/?$|^apps\/?$|^apps\/api\/?$/.test(a));
}

/** The suites that put PgBouncer in front of a PostgreSQL of their own: the replica test. */
function runsPgbouncer(args) {
  const paths = args.filter((a) => !a.startsWith('-'));
  return paths.length === 0 || paths.some((a) => /replica|apps\/api\/test\/?$|^apps\/?$|^apps\/api\/?$/.test(a));
}

/** The browser tests run when no paths are given (the whole suite) or when a path names apps/web. */
function runsBrowserTests(args) {
  const paths = args.filter((a) => !a.startsWith('-'));
  return paths.length === 0 || paths.some((a) => a.includes('apps/web'));
}

async function main() {
  // Before anything slow: a run that includes the browser tests needs Debian's Chromium (installed here as root,
  // else one line says what to run).
  if (runsBrowserTests(process.argv.slice(2))) {
    const { ensureChromium } = require('./ensure-chromium');
    const chromium = ensureChromium();
    if (!chromium.ok) {
      console.error(chromium.message);
      process.exit(1);
    }
  }
  if (runsOwnRedis(process.argv.slice(2))) {
    const { ensureRedisServer } = require('./ensure-redis');
    const redis = ensureRedisServer();
    if (!redis.ok) {
      console.error(redis.message);
      process.exit(1);
    }
  }
  if (runsPgbouncer(process.argv.slice(2))) {
    const { ensurePgbouncer } = require('./ensure-pgbouncer');
    const pgbouncer = ensurePgbouncer();
    if (!pgbouncer.ok) {
      console.error(pgbouncer.message);
      process.exit(1);
    }
  }
  let adminUrl = process.env.DATABASE_URL ? adminUrlFrom(process.env.DATABASE_URL) : 'postgres://postgres@127.0.0.1:5432/postgres';
  let embedded = null;
  if (!(await canConnect(adminUrl))) {
    if (process.env.CI) {
      console.error(`PostgreSQL is not reachable at ${adminUrl} (CI must use the real service)`);
      process.exit(1);
    }
    console.log('Không có PostgreSQL tại 127.0.0.1:5432, dùng PostgreSQL nhúng / starting embedded PostgreSQL for tests');
    const { startEmbeddedPostgres } = require('./embedded-pg');
    embedded = await startEmbeddedPostgres({ dataDir: path.join(root, '.data/pg-test'), port: 54339 });
    adminUrl = embedded.url('postgres');
  }
  const started = Date.now();
  const { prepareTestTemplate } = require('./prepare-test-db.ts');
  await prepareTestTemplate(adminUrl);
  console.log(`test template database ready in ${Date.now() - started} ms`);

  const webDir = path.join(root, 'apps/web');
  if (fs.existsSync(path.join(webDir, 'index.html')) && process.env.SKIP_WEB_BUILD !== '1') {
    execSync('npx vite build --logLevel warn', { cwd: webDir, stdio: 'inherit' });
  }

  const env = {
    ...process.env,
    GDTX_TEST_ADMIN_URL: adminUrl,
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL || 'silent',
  };
  const jest = (extra) => spawnSync('npx', ['jest', '--config', 'jest.config.js', ...extra], { stdio: 'inherit', env }).status ?? 1;
  let status;
  if (process.argv.length > 2) {
    status = jest(process.argv.slice(2));
  } else {
    // The whole suite in two runs: everything else on two workers, then the browser tests on their own, so
    // Chromium never competes with parallel API suites for this machine's two cores.
    const main = jest(['--testPathIgnorePatterns', '/node_modules/', '/dist/', '/apps/web/e2e/']);
    const browser = jest(['--runInBand', 'apps/web/e2e']);
    status = main || browser;
  }
  if (embedded) await embedded.pg.stop().catch(() => undefined);
  process.exit(status);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
