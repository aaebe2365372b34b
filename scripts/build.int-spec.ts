import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { createTestDatabase, TestDatabase } from '@gdtx/platform/testing';

// Issue 14, slice C: `npm run build` emits JavaScript (scripts/build.js) and the images run it. This builds into a
// directory of its own under tmp/ (inside the repository, so node_modules resolves), then boots the compiled API
// and the compiled worker as the images do (NODE_ENV=production, no transpiler loaded) on a cloned database.
const root = join(__dirname, '..');
const out = join(root, 'tmp', `build-test-${process.pid}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function filesUnder(dir: string, acc: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) filesUnder(full, acc);
    else acc.push(full);
  }
  return acc;
}

async function until<T>(probe: () => Promise<T | false>, ms: number, what: string, child: ChildProcess, stderr: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what}: the process exited (${child.exitCode}): ${stderr().slice(-1500)}`);
    const v = await probe().catch(() => false as const);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms: ${stderr().slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the emitting build (scripts/build.js)', () => {
  let db: TestDatabase;
  const children: ChildProcess[] = [];
  const start = (entry: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(out, entry)], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    children.push(child);
    return { child, stderr: () => err };
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.js', '--clean', '--out', relative(root, out)], { cwd: root, stdio: 'pipe', timeout: 60_000 });
    db = await createTestDatabase();
  }, 90_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await db?.drop();
    rmSync(out, { recursive: true, force: true });
  });

  it('emits JavaScript for the API, the worker, the libraries and the operator scripts, with no alias left to resolve', () => {
    for (const f of ['apps/api/src/main.js', 'apps/worker/src/main.js', 'scripts/migrate.js', 'libs/platform/src/index.js', 'libs/reporting/src/lib/excel/parse-worker.js']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const js = filesUnder(out).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(200);
    expect(JSON.parse(readFileSync(join(out, 'BUILD.json'), 'utf8')).files).toBe(js.length);
    // The documents' embedded fonts travel with the compiled code (the PDF needs no font installed on the machine).
    for (const font of ['LiberationSerif-Regular.ttf', 'LiberationSerif-Bold.ttf', 'LiberationSerif-Italic.ttf', 'LiberationSerif-BoldItalic.ttf', 'LICENSE-LiberationFonts.txt']) {
      expect(readFileSync(join(out, 'libs/documents/assets/fonts', font))).toEqual(readFileSync(join(root, 'libs/documents/assets/fonts', font)));
    }
    // No test is shipped, and every @gdtx/* import became a relative require.
    expect(js.filter((f) => /\.(spec|int-spec|e2e-spec)\.js$/.test(f))).toEqual([]);
    const aliased = js.filter((f) => /require\("@gdtx\//.test(readFileSync(f, 'utf8')));
    expect(aliased.map((f) => relative(out, f))).toEqual([]);
    // Decorator metadata is emitted (Nest's dependency injection reads it).
    expect(readFileSync(join(out, 'libs/identity/src/lib/auth.service.js'), 'utf8')).toMatch(/design:paramtypes/);
  });

  it('boots the compiled API in production mode: ready, and a login and `me` answer', async () => {
    const port = await freePort();
    const { child, stderr } = start('apps/api/src/main.js', {
      DATABASE_URL: db.ownerUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), JWT_SECRET: randomBytes(32).toString('hex'),
      APP_DB_PASSWORD: 'gdtx_app_dev_password', JOBS_DB_PASSWORD: 'gdtx_app_dev_password', QUEUE_PREFIX: `gdtx-build-${randomBytes(4).toString('hex')}`,
    });
    const t0 = Date.now();
    await until(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok, 45_000, 'compiled API ready', child, stderr);
    const readyMs = Date.now() - t0;
    expect(readyMs).toBeLessThan(45_000);
    const post = async (query: string, token?: string) =>
      (await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }),
      })).json() as Promise<{ data?: Record<string, Record<string, unknown>>; errors?: unknown[] }>;
    const login = await post(`mutation { login(input: { username: "so.chuyenvien", password: "Demo@2026" }) { accessToken } }`);
    expect(login.errors).toBeUndefined();
    // A PDF from the compiled code: its font is found beside it in dist/ (libs/documents/assets/fonts).
    const pdf = await fetch(`http://127.0.0.1:${port}/api/documents/province-summary/2024-2025.pdf`, { headers: { authorization: `Bearer ${login.data!['login']['accessToken'] as string}` } });
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationSerif/);
    const me = await post('{ me { username role } }', login.data!['login']['accessToken'] as string);
    expect(me.data?.['me']).toEqual({ username: 'so.chuyenvien', role: 'SO_SPECIALIST' });
    // Production: introspection refused.
    expect((await post('{ __schema { types { name } } }')).errors).toBeDefined();
  }, 60_000);

  it('boots the compiled worker: its metrics port answers', async () => {
    const port = await freePort();
    const token = randomBytes(16).toString('hex');
    const { child, stderr } = start('apps/worker/src/main.js', {
      DATABASE_URL: db.ownerUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn', METRICS_PORT: String(port), METRICS_TOKEN: token, JWT_SECRET: randomBytes(32).toString('hex'),
      APP_DB_PASSWORD: 'gdtx_app_dev_password', JOBS_DB_PASSWORD: 'gdtx_app_dev_password', QUEUE_PREFIX: `gdtx-build-${randomBytes(4).toString('hex')}`,
    });
    const body = await until(async () => {
      const r = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      return r.ok && (await r.text());
    }, 45_000, 'compiled worker metrics', child, stderr);
    expect(body).toMatch(/^gdtx_process_resident_memory_bytes \d/m);
  }, 60_000);
});
