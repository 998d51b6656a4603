// The portal's service worker, hand-written. The build (web/vite.config.ts, serviceWorker plugin) prepends two
// constants: VERSION, a hash of the build, and PRECACHE, the app shell (index.html, the hashed scripts, styles and
// fonts, the manifest and icons). It makes the portal installable and lets its pages open with no network:
//
// - install: the shell is fetched into a cache named after the build; activate deletes every older build's cache.
// - a page (navigation) goes to the network first, so a signed-in person always sees the server's current portal;
//   when the network fails, the cached index.html answers and the portal's router shows the page (the counter then
//   works from its IndexedDB journal).
// - the shell's files answer from the cache; other hashed /assets/ files are cached when first fetched.
// - server paths (/api, /docs, /health, /ready, /metrics, /dev) are never answered or cached here: money and
//   identity always come from the server, or the page learns that it is offline.
/* global VERSION, PRECACHE */

const CACHE_PREFIX = 'tasdeed-shell-';
const CACHE = `${CACHE_PREFIX}${VERSION}`;
const SERVER_PATHS = ['/api', '/docs', '/health', '/ready', '/metrics', '/dev'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: past the browser's HTTP cache, so the shell is this build's files, not an older copy.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      // A new build takes over at once; pages already open keep the code they loaded.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SERVER_PATHS.some((prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageOrShell(request));
    return;
  }
  event.respondWith(cachedOrFetched(request, url));
});

async function pageOrShell(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match('/index.html', { cacheName: CACHE });
    if (shell) return shell;
    throw error;
  }
}

async function cachedOrFetched(request, url) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  // Hashed files never change under their name: one fetched online (a font, an image) is kept for offline use.
  if (response.ok && url.pathname.startsWith('/assets/')) await cache.put(request, response.clone());
  return response;
}
