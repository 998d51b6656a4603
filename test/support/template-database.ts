// PostgreSQL test databases: each test file's own, copied from a template the global set-up migrated (and seeded)
// once per run. Every name starts with the prefix and the time it was made, so a run that died is cleaned up later
// (postgres-global-setup.ts). createScratchDatabase (src/db/scratch-database.ts) makes the empty ones.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';

export const TEST_DATABASE_PREFIX = 'tasdeed_t_';

/** A new database with the contents of `template` (which nobody may be connected to while it is copied). */
export async function copyDatabase(adminUrl: string, template: string): Promise<ScratchDatabase> {
  const name = `${TEST_DATABASE_PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
