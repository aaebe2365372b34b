import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Issue 13, Build 8: the API's memory grew from ~310 to ~690 MB under 30 s of load and stayed there, while the V8
// heap stayed at ~95 MB (scripts/bench/memory.ts). The holder is glibc's allocator, not JavaScript: every login
// runs argon2id (19 MiB, identity's argon2Options) on a libuv thread; after the first block is freed glibc raises its
// mmap threshold, so later blocks come from that thread's arena and stay resident after free. The runtime images
// fix the threshold and the number of arenas; this test runs concurrent argon2id verifications in a child process
// with exactly the environment the images set, and bounds what stays resident.

const deployDir = __dirname;
const repoRoot = resolve(deployDir, '..');

/** ENV of the runtime stage (after the last FROM) of a Dockerfile. */
export function runtimeEnv(dockerfile: string): Record<string, string> {
  const text = readFileSync(join(deployDir, dockerfile), 'utf8');
  const stage = text.slice(text.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const line of stage.split('\n')) {
    const m = /^ENV\s+(.+)$/.exec(line.trim());
    if (!m) continue;
    for (const pair of m[1].split(/\s+/)) {
      const i = pair.indexOf('=');
      if (i > 0) env[pair.slice(0, i)] = pair.slice(i + 1);
    }
  }
  return env;
}

// The same cost as libs/identity/src/lib/auth.service.ts (argon2Options).
const CHILD = `
const argon2 = require('argon2');
(async () => {
  const opts = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
  const hash = await argon2.hash('x', opts);
  global.gc();
  const before = process.memoryUsage().rss;
  for (let round = 0; round < 6; round++) await Promise.all(Array.from({ length: 8 }, () => argon2.verify(hash, 'y')));
  global.gc();
  await new Promise((r) => setTimeout(r, 200));
  process.stdout.write(JSON.stringify({ growthMB: (process.memoryUsage().rss - before) / 2 ** 20 }));
})();
`;

function residentGrowthMB(env: Record<string, string>): number {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MALLOC_'))) as Record<string, string>;
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', CHILD], { cwd: repoRoot, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout).growthMB as number;
}

describe('native memory after logins (the runtime images)', () => {
  it.each(['Dockerfile.api', 'Dockerfile.worker'])('%s fixes the mmap threshold and bounds the arenas', (file) => {
    const env = runtimeEnv(file);
    expect(Number(env['MALLOC_MMAP_THRESHOLD_'])).toBeGreaterThan(0);
    expect(Number(env['MALLOC_MMAP_THRESHOLD_'])).toBeLessThan(19456 * 1024); // below one argon2id block
    expect(Number(env['MALLOC_ARENA_MAX'])).toBeGreaterThan(0);
  });

  it('`npm start` gives its own process the images\' values (scripts/malloc-env.js): one setting, checked equal', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script of the repository, not a library
    const { MALLOC_ENV } = require(join(repoRoot, 'scripts/malloc-env.js')) as { MALLOC_ENV: Record<string, string> };
    for (const file of ['Dockerfile.api', 'Dockerfile.worker']) {
      const env = runtimeEnv(file);
      for (const [k, v] of Object.entries(MALLOC_ENV)) expect(`${file} ${k}=${env[k]}`).toBe(`${file} ${k}=${v}`);
    }
    // A script run without them runs again with them (glibc reads them only at process start), with its arguments,
    // its exit code, and a value the user set left alone.
    const dir = mkdtempSync(join(tmpdir(), 'gdtx-malloc-'));
    try {
      const script = join(dir, 'probe.js');
      writeFileSync(
        script,
        `require(${JSON.stringify(join(repoRoot, 'scripts/malloc-env.js'))}).ensureMallocEnv(() => {
           process.stdout.write(JSON.stringify({ pid: process.pid, ppid: process.ppid, args: process.argv.slice(2), arenas: process.env.MALLOC_ARENA_MAX, threshold: process.env.MALLOC_MMAP_THRESHOLD_ }));
           process.exit(7);
         });`,
      );
      const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MALLOC_'))) as Record<string, string>;
      const run = (env: Record<string, string>) => spawnSync(process.execPath, [script, 'a', 'b c'], { env: { ...base, ...env }, encoding: 'utf8', timeout: 30_000 });
      const r = run({});
      expect(r.status).toBe(7);
      const seen = JSON.parse(r.stdout);
      expect(seen).toMatchObject({ args: ['a', 'b c'], arenas: MALLOC_ENV['MALLOC_ARENA_MAX'], threshold: MALLOC_ENV['MALLOC_MMAP_THRESHOLD_'] });
      expect(seen.pid).not.toBe(r.pid); // run again in a child of the process spawnSync started
      expect(seen.ppid).toBe(r.pid);
      const mine = run({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' });
      expect(JSON.parse(mine.stdout)).toMatchObject({ arenas: '4', threshold: '65536' });
      expect(JSON.parse(mine.stdout).pid).toBe(mine.pid); // already set: no second process
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('48 concurrent argon2id verifications leave less than one block resident with the image environment', () => {
    // Without it: ~76 MB stay resident on this machine (4 libuv threads × one 19 MiB block each).
    const growth = residentGrowthMB(runtimeEnv('Dockerfile.api'));
    expect(growth).toBeLessThan(19);
  }, 90_000);
});
