// One statement made of parts owned by different modules: each owner builds the data-modifying CTEs that write its
// own tables (`payments_new AS (INSERT … RETURNING …)`), and the caller joins them under one WITH with a final
// SELECT. The statement is one round trip and atomic on its own (no BEGIN/COMMIT around it), which is what makes a
// posting cost one trip to the database instead of eight. Parts see each other only through RETURNING: they run
// on one snapshot, so a part never reads another part's rows from the table itself.
import { sql, type SQL } from 'drizzle-orm';
import { hasSqlState } from './sql-state.js';

export interface StatementPart {
  /** The CTE's name, prefixed with its owner's table (`ledger_transactions_new`), unique in the statement. */
  name: string;
  sql: SQL;
}

export function withParts(parts: StatementPart[], main: SQL): SQL {
  const names = new Set<string>();
  for (const part of parts) {
    if (names.has(part.name)) throw new Error(`statement part ${part.name} appears twice`);
    names.add(part.name);
  }
  const ctes = sql.join(parts.map((part) => sql`${sql.identifier(part.name)} AS (${part.sql})`), sql`, `);
  return sql`WITH ${ctes} ${main}`;
}

/** SQLSTATE of tasdeed_refuse(reason) (migration 0025): a guard of a one-statement write did not hold. */
export const REFUSED_SQLSTATE = 'TS409';

/** A boolean SQL expression that is true, or refuses (rolls back) the whole statement with `reason`. */
export function refuseUnless(condition: SQL, reason: string): SQL {
  return sql`(CASE WHEN ${condition} THEN true ELSE tasdeed_refuse(${reason}) END)`;
}

/** True when `error` is a refusal by tasdeed_refuse. */
export function isRefusal(error: unknown): boolean {
  return hasSqlState(error, REFUSED_SQLSTATE);
}
