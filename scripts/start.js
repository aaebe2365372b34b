#!/usr/bin/env node
// `npm start`: with DATABASE_URL, use that database; without it, start an embedded PostgreSQL under .data/.
// Then migrate, seed the demo province once, build the web app if needed, and serve everything on :3000.
const path = require('path');
const fs = require('fs');
const { execSync } = require('child_process');
const root = path.join(__dirname, '..');
process.chdir(root);
require('./register');

async function main() {
  let embedded = null;
  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
    embedded = await startEmbeddedPostgres(port);
    process.env.DATABASE_URL = embedded.url('gdtx');
    // No public default secret (issue 13): the embedded demo keeps random ones of its own, per data directory.
    const secrets = require('./demo-secrets').demoSecrets(path.join(root, '.data/secrets.json'));
    process.env.JWT_SECRET ||= secrets.JWT_SECRET;
    process.env.APP_DB_PASSWORD ||= secrets.APP_DB_PASSWORD;
    process.env.JOBS_DB_PASSWORD ||= secrets.JOBS_DB_PASSWORD;
    process.env.QUEUE_DB_PASSWORD ||= secrets.QUEUE_DB_PASSWORD;
  } else if (!process.env.JWT_SECRET) {
    console.error(
      'Thiếu JWT_SECRET: khi dùng DATABASE_URL của riêng bạn, hãy đặt JWT_SECRET (≥ 32 ký tự ngẫu nhiên, ví dụ `openssl rand -hex 32`).\n' +
        'JWT_SECRET is not set: with your own DATABASE_URL, set a random JWT_SECRET of at least 32 characters.',
    );
    process.exit(1);
  }
  const { prepareDatabase } = require('./db-setup.ts');
  // Migrations hold a session-level advisory lock: through PgBouncer (transaction mode) they use the direct connection.
  await prepareDatabase(process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL, { seed: process.env.SEED_DEMO !== 'false', log: (m) => console.log(m) });

  const webDir = path.join(root, 'apps/web');
  if (fs.existsSync(path.join(webDir, 'index.html')) && !fs.existsSync(path.join(webDir, 'dist/index.html'))) {
    console.log('Đang build giao diện web… / building the web app');
    execSync('npx vite build --logLevel warn', { cwd: webDir, stdio: 'inherit' });
  }

  const stop = async () => {
    if (embedded) await embedded.pg.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  require('../apps/api/src/main.ts');
}

async function startEmbeddedPostgres(port) {
  const { startEmbeddedPostgres: start } = require('./embedded-pg');
  return start({ dataDir: path.join(root, '.data/pg'), port });
}

// The API runs in this process: it needs glibc's settings from the start (scripts/malloc-env.js).
require('./malloc-env').ensureMallocEnv(() =>
  main().catch((e) => {
    console.error(e && e.message ? e.message : e);
    process.exit(1);
  }),
);
