// Once per run, before any browser file: the demo database `tasdeed serve --demo` would make on first start
// (initdb, migrations, seedDemo at today's date), dumped to a tarball that every browser file's server starts from
// (support/server.ts) instead of paying initdb and the 40-person seed each time, about 12 s of CPU a file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../../src/config.js';
import { migrateDatabase, openDatabase } from '../../../src/db/client.js';
import { seedDemo } from '../../../src/db/seed/index.js';
import { systemClock } from '../../../src/platform/clock.js';
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
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(handle);
      await seedDemo({ db: handle.db, clock: systemClock, config: loadConfig(process.env, SERVER_CONFIG) });
      const client = (handle.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
      const file = join(dir, 'demo.tar');
      writeFileSync(file, new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer()));
      project.provide('tasdeedDemoDatabase', file);
    } finally {
      await handle.close();
    }
  } catch (error) {
    removeDir();
    throw error;
  }
  return removeDir;
}
