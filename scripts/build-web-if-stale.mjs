// `npm start` builds the portal only when it has to: when dist/web is missing, or any file under web/ (or the
// dependencies' lock file) is newer than the last build. A second start then goes straight to the server.
// Plain JavaScript so the check itself costs no TypeScript loader (a few milliseconds, not a second).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = path.join(root, 'dist', 'web', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestMtime(path.join(root, 'web')), statSync(path.join(root, 'package-lock.json')).mtimeMs);
if (existsSync(built) && statSync(built).mtimeMs >= sources) {
  process.stdout.write('Portal up to date (dist/web); not rebuilding.\n');
} else {
  process.stdout.write('Building the portal (web/ changed since the last build)…\n');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
