// The web app's service worker (issue 16 item 8, docs/web.md "Offline drafts", ADR 0018). Built into dist/sw.js by
// vite.config.ts, which puts the build's file list where __GDTX_SW_MANIFEST__ stands; served at /sw.js by the API
// (apps/api/src/bootstrap.ts) without caching, so a release is picked up on the next visit.
//
// It keeps the app shell (index.html and the hashed scripts and styles) so a reload without a connection still
// opens the app. It never touches the API: GraphQL, /api (downloads, uploads), /health, /metrics and the queue
// dashboard go to the network as if it were not there (no response of one user is ever cached for another). The
// report's data for offline use lives in IndexedDB, per user (src/offline/offlineStore.ts).
/* eslint-env serviceworker */
/* global __GDTX_SW_MANIFEST__ */
const MANIFEST = __GDTX_SW_MANIFEST__;
const CACHE = `gdtx-shell-${MANIFEST.build}`;
/** The cache key of index.html (every client route is the same page). */
const SHELL = '/';
/** The API's paths: the same list the API uses for its index.html fallback (apps/api/src/bootstrap.ts). */
const API_PATH = /^\/(graphql|health|metrics|api|admin\/queues)(\/|$)/;
/** On a connection that hangs rather than fails, the kept shell after this long. */
const NAVIGATION_TIMEOUT_MS = 5000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Hashed files the page loaded already come from the HTTP cache (immutable for a year).
      await cache.addAll([SHELL, ...MANIFEST.files.map((file) => `/${file}`)]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('gdtx-shell-') && name !== CACHE) await caches.delete(name);
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || API_PATH.test(url.pathname)) return;
  if (request.mode === 'navigate' && !/\.[a-z0-9]+$/i.test(url.pathname)) event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

/** A client route: the network first (a fresh index.html names the current release), the kept shell when offline. */
async function page(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('navigation timed out')), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) await cache.put(SHELL, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(SHELL);
    if (kept) return kept;
    throw error;
  }
}

/** A hashed file never changes: the kept copy, else the network (kept for next time). */
async function asset(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
