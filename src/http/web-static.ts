// Serves the built web portal (dist/web, made by `npm run build:web`) from the same server as the API.
//
// - Vite names everything under /assets/ by its content hash, so those files are cached for a year, immutable.
// - index.html is revalidated on every visit (no-cache + ETag), so a new release is picked up at once; so are the
//   service worker (sw.js: the browser then installs a new build's worker at once) and the web app manifest
//   (application/manifest+json). The worker sits at the root, so its scope is the whole portal without a
//   Service-Worker-Allowed header.
// - Any other GET that is not a file and not a server path (/api, /docs, /health, /ready, /metrics, /dev) answers
//   index.html: the portal's router decides what to show (SPA fallback), with status 404 when the path is none
//   of the portal's pages (PORTAL_PATHS). Server paths fall through to the app's
//   JSON 404 so an API client never receives a web page.
// - The build writes .br and .gz twins of text files; they are sent to browsers that accept them.
// - If the portal has not been built, a short page says how to build it. The check happens per request, so
//   building while the server runs is enough.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { stat } from 'node:fs/promises';
import path from 'node:path';

export interface WebAppOptions {
  /** The folder `npm run build:web` writes: `<repo>/dist/web`. */
  distDir: string;
}

/** Paths the server owns; the portal never answers for them. */
export const SERVER_PATH_PREFIXES = ['/api', '/docs', '/health', '/ready', '/metrics', '/dev'] as const;

/**
 * The portal's pages (web/src/routes/index.tsx): these answer 200; any other path answers the portal's "not
 * found" page with status 404. A page added there is added here too (web-static.test.ts checks both lists).
 */
export const PORTAL_PATHS: readonly RegExp[] = [
  /^\/$/, /^\/sign-in$/, /^\/dashboard$/, /^\/violations$/, /^\/payments$/, /^\/receipts\/[^/]+$/, /^\/settings\/notifications$/,
  /^\/bills$/, /^\/bills\/[^/]+$/, /^\/readings$/, /^\/pay\/result\/[^/]+$/,
  /^\/staff$/, /^\/staff\/violations\/new$/, /^\/staff\/bill-runs$/, /^\/staff\/notifications$/, /^\/staff\/collections$/,
  /^\/prepaid$/, /^\/staff\/prepaid$/, /^\/requests$/, /^\/requests\/new$/, /^\/requests\/[^/]+$/, /^\/staff\/requests$/, /^\/staff\/requests\/[^/]+$/,
  /^\/kiosk$/, /^\/kiosk\/result\/[^/]+$/, /^\/staff\/reports$/, /^\/staff\/reports\/[^/]+$/, /^\/staff\/counter$/, /^\/staff\/counter\/day$/,
];

export function isPortalPath(pathname: string): boolean {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return PORTAL_PATHS.some((pattern) => pattern.test(trimmed));
}

const HASHED_ASSETS = '/assets/';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;
/** A missing file with one of these endings is a 404, not the portal: a browser asked for a script, not a page. */
const FILE_LIKE = /\.(?:js|mjs|css|map|json|txt|xml|webmanifest|ico|png|jpe?g|gif|svg|webp|avif|woff2?|ttf|pdf)$/i;
/** The cache-control each file's reply was given, for the onSend hook in registerWebApp. */
const CACHE_CONTROL = new WeakMap<FastifyReply, string>();
/** Files that name the current build: the browser asks the server each time whether they changed. */
const REVALIDATED = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/i;

export function isServerPath(pathname: string): boolean {
  return SERVER_PATH_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export async function registerWebApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const root = path.resolve(options.distDir);

  await app.register(async (scope) => {
    // `serve: false` only adds reply.sendFile, in this scope alone; the route below decides what to send.
    await scope.register(fastifyStatic, { serve: false, preCompressed: true });
    // @fastify/static (8.3) sends a file that has no compressed twin with its default `public, max-age=0`, dropping
    // the options given to sendFile, when the browser accepts br or gzip: the header chosen here is put back.
    scope.addHook('onSend', async (_request, reply) => {
      const cacheControl = CACHE_CONTROL.get(reply);
      if (cacheControl) void reply.header('cache-control', cacheControl);
    });

    scope.get('/*', { schema: { hide: true }, config: { rateLimit: false } }, async (request, reply) => {
      const pathname = decodePathname(request.url);
      if (pathname === null) return reply.callNotFound();
      if (isServerPath(pathname)) return reply.callNotFound();
      if (!(await isFile(path.join(root, 'index.html')))) return sendNotBuilt(reply);

      const file = await fileInside(root, pathname);
      if (file) return sendStatic(reply, root, file);
      // Browsers ask for /favicon.ico on pages that name no icon (the server-rendered verification page, a PDF).
      if (pathname === '/favicon.ico' && (await isFile(path.join(root, 'favicon.svg')))) return sendStatic(reply.type('image/svg+xml'), root, 'favicon.svg');
      if (pathname.startsWith(HASHED_ASSETS) || FILE_LIKE.test(pathname)) return reply.callNotFound();
      // A path the portal has no page for still gets the portal (its "page not found", in the person's language),
      // but with status 404, so crawlers, link checkers and monitors are not told it exists.
      if (!isPortalPath(pathname)) void reply.code(404);
      return sendStatic(reply, root, 'index.html');
    });
  });
}

function sendStatic(reply: FastifyReply, root: string, file: string): FastifyReply {
  if (COMPRESSIBLE.test(file)) void reply.header('vary', 'accept-encoding');
  const cacheControl = `/${file}`.startsWith(HASHED_ASSETS)
    ? `public, max-age=${ONE_YEAR_SECONDS}, immutable`
    : REVALIDATED.has(file)
      ? 'no-cache'
      : 'public, max-age=3600'; // favicon.svg, the icons: not hashed, rarely changed.
  void reply.header('cache-control', cacheControl);
  CACHE_CONTROL.set(reply, cacheControl);
  return reply.sendFile(file, root, { cacheControl: false, dotfiles: 'deny', index: false });
}

/** The URL's path, percent-decoded; null when it cannot be decoded or hides a NUL byte. */
function decodePathname(url: string): string | null {
  const raw = url.split('?')[0] ?? '/';
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

/** The path relative to root when it names a regular file inside root (no `..` escape, no dotfiles). */
async function fileInside(root: string, pathname: string): Promise<string | null> {
  const absolute = path.resolve(root, `.${path.posix.normalize(pathname)}`);
  if (!absolute.startsWith(root + path.sep)) return null;
  const relative = path.relative(root, absolute);
  if (relative.split(path.sep).some((segment) => segment.startsWith('.'))) return null;
  return (await isFile(absolute)) ? relative.split(path.sep).join('/') : null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function sendNotBuilt(reply: FastifyReply): FastifyReply {
  return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tasdeed: web portal not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.6">
<h1>The web portal has not been built yet</h1>
<p>Build it once, then reload this page:</p>
<pre style="background:#f1f5f9; padding: 1rem; border-radius: .5rem"><code>npm run build:web</code></pre>
<p>The API is running: see <a href="/docs">/docs</a>.</p>
<div lang="ar" dir="rtl">
<h2>لم يتم بناء بوابة الويب بعد</h2>
<p>شغّل الأمر <code>npm run build:web</code> مرة واحدة ثم أعد تحميل الصفحة.</p>
</div>
</body>
</html>
`;
