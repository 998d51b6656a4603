// A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
// PostgreSQL named by TEST_DATABASE_URL when the `postgres` project runs. Dropped when the file is done.
import { openDatabase, migrateDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createScratchDatabase } from '../../src/db/scratch-database.js';

export interface TestDatabase extends DatabaseHandle {
  /** A connection string another process can use (PostgreSQL only). */
  url?: string;
  destroy(): Promise<void>;
}

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TASDEED_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(handle);
    return { ...handle, destroy: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TASDEED_TEST_DB=postgres needs TEST_DATABASE_URL');
  const scratch = await createScratchDatabase(adminUrl, 'tasdeed_t_');
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: 20 });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: scratch.url,
    destroy: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}
