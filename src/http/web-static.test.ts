import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServerPath, registerWebApp } from './web-static.js';

const INDEX = '<!doctype html><html lang="ar" dir="rtl"><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("portal");'.repeat(100);

let dist: string;
let app: FastifyInstance;

async function appServing(distDir: string): Promise<FastifyInstance> {
  const instance = Fastify();
  // The real app answers unknown paths with its JSON 404; the portal must leave server paths to it.
  instance.setNotFoundHandler((request, reply) => reply.status(404).send({ code: 'not_found', message: { ar: 'غير موجود', en: 'Not found' }, path: request.url }));
  instance.get('/api/v1/ping', async () => ({ pong: true }));
  await registerWebApp(instance, { distDir });
  return instance;
}

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'tasdeed-web-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), SCRIPT);
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(path.join(dist, 'sw.js'), 'const VERSION = "v1";');
  writeFileSync(path.join(dist, 'manifest.webmanifest'), '{"name":"Tasdeed"}');
  writeFileSync(path.join(dist, '.env'), 'SECRET=1');
  app = await appServing(dist);
});

afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('registerWebApp', () => {
  it('serves hashed assets cached for a year', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe(SCRIPT);
  });

  it('sends the pre-compressed twin to a browser that accepts it', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length);
  });

  it('answers the portal for the root and for any page path, revalidated on every visit', async () => {
    for (const url of ['/', '/dashboard', '/sign-in?next=%2Fdashboard', '/receipts/R-2026-000123']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(INDEX);
    }
  });

  it('answers the portal with status 404 for a path that is none of its pages, and the icon for /favicon.ico', async () => {
    for (const url of ['/no-such-page', '/bills/a/b', '/staff/nothing', '/pay/result']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.body).toBe(INDEX);
    }
    for (const url of ['/pay/result/pay_01JDEMO0000000000000000000', '/bills?account=E-1&year=2025', '/bills/bill_1', '/staff/bill-runs', '/settings/notifications/']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    const icon = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/image\/svg\+xml/);
  });

  it('lists every page of the portal’s router among its 200 paths', async () => {
    const { readFileSync } = await import('node:fs');
    const router = readFileSync(new URL('../../web/src/routes/index.tsx', import.meta.url), 'utf8');
    const paths = [...router.matchAll(/path="([^"*]+)"/g)].map((m) => `/${m[1]!.replace(/:[A-Za-z]+/g, 'x')}`);
    expect(paths.length).toBeGreaterThan(10);
    const { isPortalPath } = await import('./web-static.js');
    for (const page of paths) expect(isPortalPath(page), page).toBe(true);
  });

  it('leaves server paths to the app: an unknown API path is the JSON 404, never the portal', async () => {
    for (const url of ['/api/v1/nothing', '/api', '/docs/nothing', '/health/x', '/metrics/x', '/dev/x', '/ready/x']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json()).toEqual({ pong: true });
  });

  it('answers 404 for a missing asset rather than a web page where a script was expected', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/index-old.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/robots.txt' })).statusCode).toBe(404);
  });

  it('never serves files outside the build or dotfiles', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/.env']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body, url).not.toContain('SECRET');
      expect(response.body, url).not.toContain('"dependencies"');
    }
  });

  it('serves other files with a short cache', async () => {
    for (const headers of [{}, { 'accept-encoding': 'br, gzip' }]) {
      const response = await app.inject({ method: 'GET', url: '/favicon.svg', headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=3600');
    }
  });

  it('serves the service worker and the manifest revalidated on every visit, with their content types', async () => {
    // A browser accepts br and gzip; the worker has no compressed twin.
    const worker = await app.inject({ method: 'GET', url: '/sw.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect(worker.headers['cache-control']).toBe('no-cache');
    // At the root its scope is the whole portal already: no header widens it.
    expect(worker.headers['service-worker-allowed']).toBeUndefined();
    const manifest = await app.inject({ method: 'GET', url: '/manifest.webmanifest', headers: { 'accept-encoding': 'gzip' } });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(manifest.json()).toEqual({ name: 'Tasdeed' });
  });

  it('says how to build the portal when it has not been built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'tasdeed-web-empty-'));
    const bare = await appServing(path.join(empty, 'missing'));
    try {
      const response = await bare.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build:web');
      expect((await bare.inject({ method: 'GET', url: '/api/v1/ping' })).statusCode).toBe(200);
      // Built while the server runs: picked up without a restart.
      mkdirSync(path.join(empty, 'missing'));
      writeFileSync(path.join(empty, 'missing', 'index.html'), INDEX);
      expect((await bare.inject({ method: 'GET', url: '/' })).body).toBe(INDEX);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('knows which paths are the server’s', () => {
    expect(isServerPath('/api')).toBe(true);
    expect(isServerPath('/api/v1/dues')).toBe(true);
    expect(isServerPath('/apiary')).toBe(false);
    expect(isServerPath('/developers')).toBe(false);
    expect(isServerPath('/dev/knet')).toBe(true);
  });
});
