/**
 * Registers the service worker that keeps the app shell for offline use (ADR 0018). Only the built app has one
 * (vite.config.ts writes dist/sw.js); the dev server has none.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After the page has loaded: its own scripts come first on a slow connection.
  window.addEventListener('load', () => {
    // updateViaCache 'all': the browser's check for a new release on each navigation reads /sw.js from its HTTP
    // cache while that is fresh (an hour, apps/api/src/bootstrap.ts), not from a poor connection every time.
    navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'all' }).catch(() => {
      // No service worker (private mode, old browser): the app works as before, without offline reloads.
    });
  });
}
