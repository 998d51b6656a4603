// The built portal the browser tests load: dist/web, rebuilt when any file under web/ is newer than it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WEB_SOURCE = path.join(REPO_ROOT, 'web');
const WEB_INDEX = path.join(REPO_ROOT, 'dist', 'web', 'index.html');

/** Builds the portal when dist/web is missing or older than any file under web/ (`npm test` builds it first). */
export function ensureWebBuilt(): void {
  if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= newestMtime(WEB_SOURCE)) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    // The production build `npm run build:web` makes: under vitest NODE_ENV is `test`, which would give Vite a
    // development build (React's development copy, no service worker).
    env: { ...process.env, NODE_ENV: 'production' },
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
