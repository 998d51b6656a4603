// Every analytical report runs in one read-only REPEATABLE READ transaction: all its queries see one snapshot (the
// rows and the totals agree even while payments post), and it never blocks a payment. A read-only transaction takes
// only ACCESS SHARE locks, which conflict with no INSERT or UPDATE (only with ALTER/DROP TABLE), and PostgreSQL's MVCC
// means readers never wait for writers nor writers for readers. A statement timeout bounds a runaway query, and the
// queries are filtered on indexed columns (analytics.store.ts), so a report is also safe to point at a read replica.
// (Embedded PGlite has a single connection: there, as for every other query, a report runs between other statements.)
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';

const STATEMENT_TIMEOUT = '60s';

export async function readOnlySnapshot<T>(ctx: Ctx, work: (db: Executor) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = '${STATEMENT_TIMEOUT}'`));
    return work(tx);
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
