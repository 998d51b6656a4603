// The whole Tasdeed server, started in this process as `tasdeed serve --demo` would start it: an in-memory
// database, migrated and seeded with the demo data, the simulators, the API and the built web portal.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { inject } from 'vitest';
import { startTasdeed } from '../../../src/server.js';
import type { DatabaseHandle } from '../../../src/db/client.js';
import type { Ctx } from '../../../src/platform/context.js';
import { reusedPglite } from '../../support/pglite-reuse.js';
import { waitUntil } from '../../support/wait.js';
import { demoDatabaseFailureFile } from './demo-database-global-setup.js';
import { SERVER_CONFIG } from './server-config.js';
import { ensureWebBuilt } from './web-build.js';

export { ensureWebBuilt, REPO_ROOT } from './web-build.js';

export interface ServerUnderTest {
  url: string;
  /** The demo wiring (simulators), for tests that make the outside world misbehave. */
  services: Record<string, unknown>;
  /** The server's own database, clock and settings, for set-up no API offers (reference data of a module). */
  ctx: Ctx;
  close(): Promise<void>;
}

export async function startServerUnderTest(): Promise<ServerUnderTest> {
  ensureWebBuilt();
  const running = await startTasdeed({ port: 0, host: '127.0.0.1', dataDir: 'memory://', database: await demoDatabase(), demo: true, config: SERVER_CONFIG });
  const home = await getOnce(`${running.url}/`);
  if (!(home.contentType ?? '').includes('text/html')) {
    await running.close();
    throw new Error(`the server does not serve the web portal at / (${home.status} ${home.contentType}): registerWebApp from src/http/web-static.ts must be wired into src/http/app.ts`);
  }
  const { database, clock, config } = running.deps;
  return { url: running.url, services: running.deps.services ?? {}, ctx: { db: database.db, clock, config }, close: async () => { await running.close(); } };
}

/**
 * The demo database made once for the run (demo-database-global-setup.ts), waited for if its child process is still
 * at work; none outside vitest: the server seeds its own. Each file's server gets one as the snapshot has it: the
 * previous file's, put back (test/support/pglite-reuse.ts), or a fresh load of the tarball. Loading it cost each
 * file ~1.4 s and 2 s of CPU; closing the server gives it back for the next file of this worker.
 */
async function demoDatabase(): Promise<DatabaseHandle | undefined> {
  let file: string | undefined;
  try {
    file = inject('tasdeedDemoDatabase');
  } catch {
    return undefined;
  }
  if (!file) return undefined;
  const failed = demoDatabaseFailureFile(file);
  await waitUntil(() => existsSync(file) || existsSync(failed), 'the demo database of the browser tests (demo-database.build.ts)', { intervalMs: 100 });
  if (existsSync(failed)) throw new Error(`the browser tests' demo database could not be made: ${readFileSync(failed, 'utf8')}`);
  const database = await reusedPglite(file);
  return { ...database, close: () => database.release() };
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
