// Issue 16 item 9, "a lighter web": the built web app is served compressed (brotli, else gzip, as the browser
// accepts) from files the build precompressed, its content-hashed assets cached for a year, index.html
// revalidated every time, so a release is seen at once and nothing is downloaded twice.
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { bootApi, type TestApi } from './harness';

const DIST = join(__dirname, '../../web/dist');

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly the headers given (fetch would add and undo its own Accept-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web app is served compressed and cached by content hash', () => {
  let api: TestApi;
  let index: string;
  let assets: string[];

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('apps/web/dist is missing: run "npx vite build" in apps/web (npm test does it)');
    index = readFileSync(join(DIST, 'index.html'), 'utf8');
    assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    api = await bootApi();
  });
  afterAll(async () => api?.close());

  it('index.html (any client route) is revalidated on every visit', async () => {
    for (const path of ['/', '/dashboard', '/reports/x/y/z']) {
      const res = await get(`${api.url}${path}`, { 'accept-encoding': 'br, gzip' });
      expect({ path, status: res.status, cache: res.headers['cache-control'] }).toEqual({ path, status: 200, cache: 'no-cache' });
      expect(res.body.toString('utf8')).toContain('<div id="root">');
    }
  });

  it('each script and style of the first page: brotli when accepted, else gzip, else plain; same bytes; cached a year', async () => {
    expect(assets.length).toBeGreaterThanOrEqual(3);
    let plainBytes = 0;
    let brBytes = 0;
    for (const path of assets) {
      const original = readFileSync(join(DIST, path));
      const br = await get(`${api.url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect({ path, status: br.status, encoding: br.headers['content-encoding'] }).toEqual({ path, status: 200, encoding: 'br' });
      expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(String(br.headers['vary'])).toMatch(/accept-encoding/i);
      expect(String(br.headers['content-type'])).toMatch(path.endsWith('.css') ? /text\/css/ : /javascript/);

      const gz = await get(`${api.url}${path}`, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).equals(original)).toBe(true);

      const plain = await get(`${api.url}${path}`);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(original)).toBe(true);

      plainBytes += original.length;
      brBytes += br.body.length;
    }
    // The first page's scripts and style shrink to well under a third (measured: docs/performance.md).
    expect(brBytes).toBeLessThan(plainBytes / 3);
    console.log(`first page assets: ${assets.length} files, ${(plainBytes / 1024).toFixed(0)} KiB plain, ${(brBytes / 1024).toFixed(0)} KiB brotli`);
  });

  it('an asset that does not exist is a 404, not the web app; a malformed path keeps the error envelope', async () => {
    const res = await get(`${api.url}/assets/no-such-file-123.js`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(404);
    expect(res.body.toString('utf8')).not.toContain('<div id="root">');
    for (const path of ['/assets/%zz.js', '/api/%zz']) {
      const bad = await get(`${api.url}${path}`, { 'accept-encoding': 'br', accept: 'application/json' });
      expect({ path, status: bad.status }).toEqual({ path, status: expect.any(Number) });
      expect(bad.status).toBeGreaterThanOrEqual(400);
      const body = JSON.parse(bad.body.toString('utf8')) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toEqual(expect.any(String));
    }
  });
});
