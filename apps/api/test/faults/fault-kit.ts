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
