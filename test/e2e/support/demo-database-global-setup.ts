// Once per run, before any browser file: the demo database as `tasdeed serve --demo` leaves it once settled
// (initdb, migrations, seedDemo at today's date, then the demo's own SMS and emails sent to the simulators and its
// events handled), dumped to a tarball that every browser file's server starts from (support/server.ts). Each file
// thus pays neither initdb and the 40-person seed (about 12 s of CPU) nor the ~200 messages, receipt PDFs among
// them, that a fresh demo sends in its first seconds, in the background of the file's own tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { queryRows } from '../../../src/db/query-rows.js';
import { startTasdeed } from '../../../src/server.js';
import { waitUntil } from '../../support/wait.js';
import { SERVER_CONFIG } from './server-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    tasdeedDemoDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'tasdeed-e2e-demo-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
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
      const file = join(dir, 'demo.tar');
      writeFileSync(file, new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer()));
      project.provide('tasdeedDemoDatabase', file);
    } finally {
      await running.close();
    }
  } catch (error) {
    removeDir();
    throw error;
  }
  return removeDir;
}
