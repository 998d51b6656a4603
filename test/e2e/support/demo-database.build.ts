// A child process of demo-database-global-setup.ts (run as `node --import tsx demo-database.build.ts <file>`): makes
// the browser tests' demo database as `tasdeed serve --demo` leaves it once settled (initdb, migrations, seedDemo at
// today's date, then the demo's own SMS and emails sent to the simulators and its events handled), and writes it to
// <file> as a tarball, whole or not at all (written beside it, then renamed). It runs in a process of its own so that
// the other projects' set-ups, in vitest's main process, go on beside it on the other core.
import { renameSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../src/db/query-rows.js';
import { startTasdeed } from '../../../src/server.js';
import { waitUntil } from '../../support/wait.js';
import { SERVER_CONFIG } from './server-config.js';

const file = process.argv[2];
if (!file) throw new Error('usage: demo-database.build.ts <tarball to write>');

const running = await startTasdeed({ port: 0, host: '127.0.0.1', dataDir: 'memory://', demo: true, config: SERVER_CONFIG });
try {
  const db = running.deps.database.db;
  await waitUntil(async () => {
    const [left] = await queryRows<{ busy: number }>(db, sql`
      SELECT ((SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending') AND available_at <= now())
            + (SELECT count(*) FROM outbox WHERE status = 'pending' AND available_at <= now()))::int AS busy`);
    return left!.busy === 0;
  }, 'the demo’s first messages sent and its events handled', { intervalMs: 100 });
  const client = (db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
  writeFileSync(`${file}.part`, new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer()));
  renameSync(`${file}.part`, file);
} finally {
  await running.close();
}
