// Shared by the fault suites (issue 13): a Redis and a PostgreSQL the tests start themselves on their own
// ports — never the machine's shared 6379/5432 — and stop by their own handles.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort(base: number): number {
  return base + Math.floor(Math.random() * 2000);
}

export async function waitUntil<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** A redis-server of the test's own, with append-only persistence in its own directory. */
export class OwnRedis {
  private proc: ChildProcess | null = null;
  readonly dir = mkdtempSync(join(tmpdir(), 'gdtx-fault-redis-'));

  constructor(readonly port: number) {
    if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('redis-server is not installed (scripts/ensure-redis.js installs it for npm test)');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it; `fresh` first empties its data directory (the lost-data case: a failover, a lost volume). */
  async start(opts: { fresh?: boolean } = {}): Promise<void> {
    if (opts.fresh) {
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true });
    }
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''];
    this.proc = spawn('redis-server', args, { stdio: 'ignore' });
    await waitUntil(() => portAnswers(this.port), 10_000, `redis on ${this.port}`, 50);
  }

  /** SIGKILL: no shutdown, no final save, as a crash. */
  async kill(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** An embedded PostgreSQL of the test's own (scripts/embedded-pg-control.js in a child process), on its own port. */
export class OwnPostgres {
  private proc: ChildProcess | null = null;
  private lines: string[] = [];
  private waiters: ((line: string) => void)[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'gdtx-fault-pg-'));
  adminUrl = '';

  constructor(readonly port: number) {}

  url(db: string): string {
    const u = new URL(this.adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  }

  async boot(): Promise<void> {
    const root = join(__dirname, '../../../..');
    const proc = spawn(process.execPath, ['scripts/embedded-pg-control.js', join(this.dir, 'data'), String(this.port)], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
    this.proc = proc;
    let buffered = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const waiter = this.waiters.shift();
        if (waiter) waiter(line);
        else this.lines.push(line);
      }
    });
    const ready = await this.next(90_000);
    if (!ready.startsWith('ready ')) throw new Error(`embedded PostgreSQL did not start: ${ready}`);
    this.adminUrl = ready.slice('ready '.length);
  }

  async stop(): Promise<void> {
    await this.command('stop', 'stopped');
  }

  async start(): Promise<void> {
    await this.command('start', 'started');
  }

  async quit(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (p && p.exitCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.stdin!.end('quit\n');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (p.exitCode === null) p.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async command(command: string, answer: string): Promise<void> {
    this.proc!.stdin!.write(`${command}\n`);
    const line = await this.next(60_000);
    if (line !== answer) throw new Error(`embedded PostgreSQL: ${command} answered ${line}`);
  }

  private next(timeoutMs: number): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('embedded PostgreSQL did not answer')), timeoutMs);
      this.waiters.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  }
}
