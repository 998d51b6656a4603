// PostgreSQL test databases: each test file's own, copied from a template the global set-up migrated (and seeded)
// once per run. Every name starts with the prefix and the time it was made, so a run that died is cleaned up later
// (postgres-global-setup.ts).
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database.js';

export const TEST_DATABASE_PREFIX = 'tasdeed_t_';

/** A new database with the contents of `template`. */
export function copyDatabase(adminUrl: string, template: string): Promise<ScratchDatabase> {
  return createScratchDatabase(adminUrl, TEST_DATABASE_PREFIX, { template });
}
