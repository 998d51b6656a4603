// A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
// PostgreSQL named by TEST_DATABASE_URL when the `postgres` project runs. Dropped when the file is done.
//
// Neither runs initdb or the migrations per file: the project's global set-up made them once per run, as a PGlite
// snapshot (dumpDataDir, loaded here with loadDataDir) or a PostgreSQL template database (copied here with
// CREATE DATABASE … TEMPLATE). `{ seeded: 'demo' }` starts from a demo data set seeded once the same way (seeds.ts).
// A PGlite database a file is done with is put back as its snapshot had it and given to the worker's next file
// (pglite-reuse.ts); `destroy()` gives it back, `close()` closes it.
// Without a global set-up (a config that has none) the file does the work itself, with the same result.
import { inject } from 'vitest';
import { openDatabase, migrateDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database.js';
import { reusedPglite } from './pglite-reuse.js';
import { copyDatabase, TEST_DATABASE_PREFIX } from './template-database.js';
import { runSeed, type SeedName, type SeededData, type Snapshots } from './seeds.js';

export interface TestDatabase extends DatabaseHandle {
  /** A connection string another process can use (PostgreSQL only). */
  url?: string;
  /** What the seed named in `createTestDatabase({ seeded })` returned (its people, with their ids). */
  seeded?: SeededData;
  destroy(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Start from a demo data set seeded once per run (see seeds.ts for what each holds) instead of an empty one. */
  seeded?: SeedName;
}

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TASDEED_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const snapshots = providedSnapshots();
  if (testDatabaseKind() === 'pglite') {
    if (snapshots?.kind === 'pglite') {
      const source = options.seeded ? snapshots.seeds[options.seeded] : { file: snapshots.migrated, data: undefined };
      const handle = await reusedPglite(source.file);
      return { ...handle, seeded: structuredClone(source.data), destroy: () => handle.release() };
    }
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(handle);
    const seeded = options.seeded ? await runSeed(handle, options.seeded) : undefined;
    return { ...handle, seeded, destroy: () => handle.close() };
  }

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TASDEED_TEST_DB=postgres needs TEST_DATABASE_URL');
  let scratch: ScratchDatabase;
  let seeded: SeededData | undefined;
  let migrated = false;
  if (snapshots?.kind === 'postgres') {
    const source = options.seeded ? snapshots.seeds[options.seeded] : { database: snapshots.migrated, data: undefined };
    scratch = await copyDatabase(adminUrl, source.database);
    seeded = structuredClone(source.data);
    migrated = true;
  } else {
    scratch = await createScratchDatabase(adminUrl, TEST_DATABASE_PREFIX);
  }
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: 20 });
  if (!migrated) {
    await migrateDatabase(handle);
    if (options.seeded) seeded = await runSeed(handle, options.seeded);
  }
  return {
    ...handle,
    url: scratch.url,
    seeded,
    destroy: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

function providedSnapshots(): Snapshots | undefined {
  try {
    return inject('tasdeedSnapshots');
  } catch {
    return undefined; // not inside a vitest worker (a child process that imports the test support)
  }
}
