// The first visit's JavaScript must stay under 250 kB gzipped (pages are split off with React.lazy), so the portal
// opens quickly on a phone on a slow connection. Measured on the real build, with the same gzip a server would use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureWebBuilt, REPO_ROOT } from './support/server.js';

const LIMIT_BYTES = 250 * 1024;
const DIST = path.join(REPO_ROOT, 'dist', 'web');

describe('web bundle', () => {
  it('loads under 250 kB of gzipped JavaScript before the first page chunk', () => {
    ensureWebBuilt();
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((total, file) => total + gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(LIMIT_BYTES);
  });

  it('keeps the pages out of the main bundle', () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const main = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const code = readFileSync(path.join(DIST, main), 'utf8');
    // Each page is its own chunk that the router imports lazily.
    expect(code).toMatch(/import\("\.\/QuickPayPage-[\w-]+\.js"\)/);
  });
});
