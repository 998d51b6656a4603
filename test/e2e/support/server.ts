// The whole Tasdeed server, started in this process as `tasdeed serve --demo` would start it: an in-memory
// database, migrated and seeded with the demo data, the simulators, the API and the built web portal.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTasdeed } from '../../../src/server.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WEB_SOURCE = path.join(REPO_ROOT, 'web');
const WEB_INDEX = path.join(REPO_ROOT, 'dist', 'web', 'index.html');

export interface ServerUnderTest {
  url: string;
  /** The demo wiring (simulators), for tests that make the outside world misbehave. */
  services: Record<string, unknown>;
  close(): Promise<void>;
}

export async function startServerUnderTest(): Promise<ServerUnderTest> {
  ensureWebBuilt();
  const running = await startTasdeed({ port: 0, host: '127.0.0.1', dataDir: 'memory://', demo: true, config: { LOG_LEVEL: 'silent' } });
  const home = await getOnce(`${running.url}/`);
  if (!(home.contentType ?? '').includes('text/html')) {
    await running.close();
    throw new Error(`the server does not serve the web portal at / (${home.status} ${home.contentType}): registerWebApp from src/http/web-static.ts must be wired into src/http/app.ts`);
  }
  return { url: running.url, services: running.deps.services ?? {}, close: () => running.close() };
}

/**
 * A GET on a connection of its own, closed after the answer. fetch would leave the connection idle in its pool, and
 * the test's next fetch, after launching Chromium (a minute on a loaded machine), could reuse it just as the server
 * drops it for idleness: one such set-up failed with ECONNRESET.
 */
function getOnce(url: string): Promise<{ status: number; contentType: string | undefined }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** Builds the portal when dist/web is missing or older than any file under web/ (`npm test` builds it first). */
export function ensureWebBuilt(): void {
  if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= newestMtime(WEB_SOURCE)) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}
