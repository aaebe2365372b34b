// What every benchmark script shares: percentiles, timing, a GraphQL client, free ports, a process's RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** The p-th percentile (nearest rank) of `xs`. */
export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

export interface Stats { p50: number; p95: number; mean: number; n: number }

export function stats(xs: readonly number[]): Stats {
  return { p50: round2(pct(xs, 50)), p95: round2(pct(xs, 95)), mean: round2(xs.reduce((a, b) => a + b, 0) / xs.length), n: xs.length };
}

/** Milliseconds `fn` takes (high-resolution clock). */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Runs each kind `rounds` times after `warmup` rounds, interleaved round by round so that drift (the other core's
 * work, autovacuum) hits every kind alike. Returns the milliseconds of each kind.
 */
export async function interleaved(kinds: Record<string, () => Promise<unknown>>, rounds: number, warmup: number): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < warmup; i++) for (const fn of Object.values(kinds)) await fn();
  for (let i = 0; i < rounds; i++) for (const [k, fn] of Object.entries(kinds)) times[k].push(await timed(fn));
  return times;
}

export type GraphqlData = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A GraphQL client of one API's /graphql: throws on any error in the answer. */
export function graphqlClient(graphqlUrl: string) {
  return async (query: string, token?: string, variables?: Record<string, unknown>): Promise<GraphqlData> => {
    const res = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: GraphqlData; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data!;
  };
}

/** The access token of a demo user (every demo account's password is Demo@2026). */
export async function demoLogin(gql: ReturnType<typeof graphqlClient>, username: string): Promise<string> {
  const data = await gql(`mutation($u:String!,$p:String!){login(input:{username:$u,password:$p}){accessToken}}`, undefined, { u: username, p: 'Demo@2026' });
  return data.login.accessToken as string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process in MB (from /proc; Linux). */
export function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
}

const root = join(__dirname, '../..');

export type BenchProcess = ChildProcess & { stderrText: () => string };

/** A child process of the compiled build (dist/…), its stderr's tail kept for the error message. */
export function startCompiled(script: string, env: Record<string, string>): BenchProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', script], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + String(d)).slice(-4000)));
  return Object.assign(child, { stderrText: () => err });
}

/** Until the API on `port` answers /health/ready (90 s at most; fails at once if it exits). */
export async function waitReady(port: number, child: BenchProcess): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited ${child.exitCode}: ${child.stderrText()}`);
    if (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false)) return;
    if (Date.now() - t0 > 90_000) throw new Error(`API not ready in 90 s: ${child.stderrText()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM, and wait for the exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
}
