// The replica test's own PostgreSQL clusters and PgBouncer (issue 14 item 1): a primary and a streaming replica
// initdb'ed in temporary directories on their own ports, never the machine's service (which refuses replication
// connections), and a PgBouncer in transaction mode in front of the primary. PostgreSQL and PgBouncer refuse to run
// as root: as root they run as the `postgres` system user, which owns the directories.
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../faults/fault-kit';

const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

/** Run as: the postgres system user when we are root, else ourselves. */
function runAs(): { uid?: number; gid?: number } {
  if (!process.getuid || process.getuid() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function ownedDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const who = runAs();
  if (who.uid !== undefined) chownSync(dir, who.uid, who.gid!);
  return dir;
}

function run(bin: string, args: string[]): void {
  const r = spawnSync(bin, args, { ...runAs(), encoding: 'utf8', cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout || r.error?.message}`);
}

export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** Everything the kit started, stopped at process exit even if a suite's afterAll never ran. */
const started = new Set<{ stopNow(): void }>();
process.once('exit', () => { for (const s of started) s.stopNow(); });

export class PgCluster {
  readonly dir: string;
  readonly data: string;

  private constructor(readonly port: number, readonly role: 'primary' | 'replica') {
    this.dir = ownedDir(`gdtx-${role}-`);
    this.data = join(this.dir, 'data');
  }

  /** A new primary that streams WAL to replicas: wal_level replica, replication connections trusted from loopback. */
  static async primary(port: number): Promise<PgCluster> {
    const c = new PgCluster(port, 'primary');
    run(join(PG_BIN, 'initdb'), ['-D', c.data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    appendFileSync(join(c.data, 'postgresql.conf'), [
      '', `port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${c.dir}'`,
      'wal_level = replica', 'max_wal_senders = 5', 'hot_standby = on', 'max_connections = 100',
      // Test clusters: durability is not what is measured, speed is.
      'fsync = off', 'full_page_writes = off', 'shared_buffers = 32MB', '',
    ].join('\n'));
    appendFileSync(join(c.data, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 trust\n');
    await c.start();
    return c;
  }

  /** A streaming hot standby of `primary`: pg_basebackup -R writes standby.signal and primary_conninfo. */
  static async replicaOf(primary: PgCluster, port: number): Promise<PgCluster> {
    const c = new PgCluster(port, 'replica');
    run(join(PG_BIN, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', c.data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    // The copied configuration is the primary's: its own port and socket directory come last, so they win.
    appendFileSync(join(c.data, 'postgresql.conf'), `\nport = ${port}\nunix_socket_directories = '${c.dir}'\n`);
    await c.start();
    return c;
  }

  url(db: string, user = 'postgres'): string {
    return `postgres://${user}@127.0.0.1:${this.port}/${db}`;
  }

  async start(): Promise<void> {
    run(join(PG_BIN, 'pg_ctl'), ['-D', this.data, '-l', join(this.dir, 'log'), '-w', '-t', '60', 'start']);
    started.add(this);
    await waitUntil(() => portAnswers(this.port), 30_000, `${this.role} on ${this.port}`, 50);
  }

  /** Immediate stop and the directory removed. */
  async destroy(): Promise<void> {
    this.stopNow();
    rmSync(this.dir, { recursive: true, force: true });
  }

  stopNow(): void {
    if (!started.delete(this)) return;
    spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', this.data, '-m', 'immediate', '-w', 'stop'], { ...runAs(), stdio: 'ignore', cwd: tmpdir() });
  }

  log(): string {
    try {
      return readFileSync(join(this.dir, 'log'), 'utf8');
    } catch {
      return '';
    }
  }
}

/** PgBouncer in transaction mode: one server connection per transaction, so nothing may live in a session. */
export class Pgbouncer {
  readonly dir = ownedDir('gdtx-pgbouncer-');
  private proc: ChildProcess | null = null;

  constructor(readonly port: number, private readonly target: PgCluster, private readonly binary: string, private readonly users: readonly string[]) {}

  url(db: string, user: string, password?: string): string {
    return `postgres://${user}${password ? `:${encodeURIComponent(password)}` : ''}@127.0.0.1:${this.port}/${db}`;
  }

  async start(): Promise<void> {
    const ini = join(this.dir, 'pgbouncer.ini');
    writeFileSync(ini, [
      '[databases]', `* = host=127.0.0.1 port=${this.target.port}`, '',
      '[pgbouncer]', `listen_addr = 127.0.0.1`, `listen_port = ${this.port}`, `unix_socket_dir = ${this.dir}`,
      'auth_type = trust', `auth_file = ${join(this.dir, 'userlist.txt')}`,
      'pool_mode = transaction', 'default_pool_size = 20', 'max_client_conn = 500',
      // What node-postgres sends at startup that PgBouncer does not track itself.
      'ignore_startup_parameters = extra_float_digits,options', `logfile = ${join(this.dir, 'log')}`,
      // The test reads SHOW POOLS / SHOW STATS on the admin console (database `pgbouncer`) as postgres.
      'admin_users = postgres', 'stats_users = postgres', '',
    ].join('\n'));
    // auth_type trust checks no password but only admits the users listed here.
    writeFileSync(join(this.dir, 'userlist.txt'), this.users.map((u) => `"${u}" ""`).join('\n') + '\n');
    const who = runAs();
    if (who.uid !== undefined) {
      chownSync(ini, who.uid, who.gid!);
      chownSync(join(this.dir, 'userlist.txt'), who.uid, who.gid!);
    }
    this.proc = spawn(this.binary, [ini], { ...who, stdio: 'ignore', cwd: tmpdir() });
    started.add(this);
    await waitUntil(() => portAnswers(this.port), 15_000, `pgbouncer on ${this.port}`, 50);
  }

  stopNow(): void {
    started.delete(this);
    if (this.proc && this.proc.exitCode === null) this.proc.kill('SIGKILL');
    this.proc = null;
  }

  async destroy(): Promise<void> {
    this.stopNow();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
