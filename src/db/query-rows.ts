import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.js';

/**
 * Runs raw SQL and returns its rows. PGlite and node-postgres both answer `{ rows }`; bigint columns come back as
 * numbers from one and strings from the other, so bulk queries cast them to text and parse them with BigInt.
 */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
