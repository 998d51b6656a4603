// The in-memory PGlite databases of a test worker, kept from one file to the next. Loading a snapshot (a 44 MB data
// folder: initdb's three databases and a 16 MB WAL segment) cost each file about a second and 1.5 s of CPU; a
// database a file is done with is instead put back as the snapshot had it, in a few milliseconds, and given to the
// next file of the same worker that asks for that snapshot.
//
// "As the snapshot had it": every table's rows (deleted, then the snapshot's copied back), every sequence's value,
// and a fresh session (DISCARD ALL: settings, prepared statements, temporary tables, advisory locks). A database
// whose schema a file changed (a table, column, index, constraint, trigger, function, role or database setting
// added, dropped or altered) is not put back but closed; so is one a file closed. A file sees its database only
// through its own handle: once given back, that handle refuses every query, so a timer a file left running cannot
// write into the next file's data.
import { openAsBlob } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgliteHandle, type DatabaseHandle } from '../../src/db/client.js';

export interface ReusedDatabase extends DatabaseHandle {
  /** Gives the database back to the worker for the next file (closing it instead when it can no longer be reused). */
  release(): Promise<void>;
}

/** What a snapshot holds, read from a database loaded from it: enough to put a used one back. */
interface Baseline {
  /** Empties every table and sets every sequence back (run with triggers off, in the put-back's transaction). */
  reset: string;
  /** The tables that had rows, with them (COPY's binary format), copied back after the reset. */
  rows: Map<string, Blob>;
  schema: string;
}

// The schemas a file's data and schema live in: all but PostgreSQL's own.
const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

// At most this many idle databases per snapshot in a worker (a file may hold two at once); more are closed.
const IDLE_PER_SNAPSHOT = 2;

const idle = new Map<string, PGlite[]>();
const baselines = new Map<string, Promise<Baseline>>();

export async function reusedPglite(snapshotFile: string): Promise<ReusedDatabase> {
  let client: PGlite | undefined;
  for (let kept = idle.get(snapshotFile)?.pop(); kept; kept = idle.get(snapshotFile)?.pop()) {
    if (await putBack(kept, await baselineOf(snapshotFile, kept))) {
      client = kept;
      break;
    }
    await kept.close().catch(() => undefined);
  }
  if (!client) {
    client = new PGlite({ loadDataDir: await openAsBlob(snapshotFile) });
    await client.waitReady;
    await baselineOf(snapshotFile, client);
  }
  return lend(snapshotFile, client);
}

/** A handle that answers only until it is given back; closing it closes the database (a file that cuts it). */
function lend(snapshotFile: string, client: PGlite): ReusedDatabase {
  let given = false;
  const refuse = () => {
    throw new Error('this test database was given back when its file finished: a query came after (a timer left running?)');
  };
  const lent = new Proxy(client, {
    get(target, property) {
      if (given) refuse();
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const handle = pgliteHandle(lent, { inMemory: true });
  return {
    ...handle,
    close: async () => {
      given = true;
      await client.close();
    },
    release: async () => {
      if (given) return;
      given = true;
      if (client.closed) return;
      const kept = idle.get(snapshotFile) ?? [];
      idle.set(snapshotFile, kept);
      if (kept.length < IDLE_PER_SNAPSHOT) kept.push(client);
      else await client.close();
    },
  };
}

function baselineOf(snapshotFile: string, loaded: PGlite): Promise<Baseline> {
  let baseline = baselines.get(snapshotFile);
  if (!baseline) {
    baseline = readBaseline(loaded);
    baselines.set(snapshotFile, baseline);
    baseline.catch(() => baselines.delete(snapshotFile));
  }
  return baseline;
}

async function readBaseline(client: PGlite): Promise<Baseline> {
  const relations = async (kinds: string) => (await client.query<{ name: string }>(`
    SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN (${kinds}) AND ${USER_NAMESPACE} ORDER BY 1`)).rows.map((row) => row.name);
  const tables = await relations(`'r', 'p'`);
  const rows = new Map<string, Blob>();
  for (const table of tables) {
    const [{ any } = { any: false }] = (await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT FROM ${table}) AS any`)).rows;
    if (!any) continue;
    const copied = await client.query(`COPY ${table} TO '/dev/blob' WITH (FORMAT binary)`);
    if (!copied.blob) throw new Error(`COPY ${table} gave no rows back`);
    rows.set(table, copied.blob);
  }
  const setvals: string[] = [];
  for (const sequence of await relations(`'S'`)) {
    const [state] = (await client.query<{ setval: string }>(
      `SELECT format('setval(%L::regclass, %s, %s)', $1::text, last_value, is_called::text) AS setval FROM ${sequence}`, [sequence])).rows;
    setvals.push(state!.setval);
  }
  const reset = [
    // Triggers and foreign keys are the data's own rules, not the tests': the append-only audit log's trigger
    // refuses DELETE, and the tables are emptied in no particular order.
    'SET LOCAL session_replication_role = replica;',
    ...tables.map((table) => `DELETE FROM ${table};`),
    ...(setvals.length ? [`SELECT ${setvals.join(', ')};`] : []),
  ].join(' ');
  return { reset, rows, schema: await schemaOf(client) };
}

/** Puts a database back as its snapshot had it; false when it cannot be (its schema was changed, or it fails). */
async function putBack(client: PGlite, baseline: Baseline): Promise<boolean> {
  if (client.closed) return false;
  try {
    // A transaction a file left open (or broken) ends here; "no transaction in progress" is only a warning.
    await client.exec('ROLLBACK');
    await client.exec('DISCARD ALL');
    if ((await schemaOf(client)) !== baseline.schema) return false;
    await client.exec('BEGIN');
    await client.exec(baseline.reset);
    for (const [table, blob] of baseline.rows) await client.query(`COPY ${table} FROM '/dev/blob' WITH (FORMAT binary)`, [], { blob });
    await client.exec('COMMIT');
    return true;
  } catch {
    return false;
  }
}

/**
 * The schema and settings a file could change, as one digest: relations and their columns, constraints, indexes,
 * triggers (and whether enabled), functions, rules, policies, schemas, extensions, roles and per-database settings.
 */
async function schemaOf(client: PGlite): Promise<string> {
  const [row] = (await client.query<{ digest: string }>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(format('%s.%s:%s:%s', n.nspname, c.relname, c.relkind, c.relpersistence), ',' ORDER BY n.nspname, c.relname)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NAMESPACE}),
      (SELECT string_agg(format('%s.%s:%s:%s:%s:%s', a.attrelid::regclass::text, a.attname, a.atttypid, a.attnotnull, a.attisdropped, pg_get_expr(d.adbin, d.adrelid)), ',' ORDER BY a.attrelid::regclass::text, a.attnum)
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attnum > 0 AND ${USER_NAMESPACE}),
      (SELECT string_agg(format('%s:%s', conrelid::regclass::text, pg_get_constraintdef(oid)), ',' ORDER BY conrelid::regclass::text, conname) FROM pg_constraint WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)),
      (SELECT string_agg(pg_get_indexdef(indexrelid), ',' ORDER BY indexrelid::regclass::text) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NAMESPACE}),
      (SELECT string_agg(format('%s:%s:%s', tgrelid::regclass::text, tgname, tgenabled), ',' ORDER BY tgrelid::regclass::text, tgname) FROM pg_trigger),
      (SELECT string_agg(format('%s.%s:%s', n.nspname, p.proname, md5(p.prosrc)), ',' ORDER BY n.nspname, p.proname, p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NAMESPACE}),
      (SELECT string_agg(format('%s:%s', ev_class::regclass::text, rulename), ',' ORDER BY ev_class::regclass::text, rulename) FROM pg_rewrite WHERE ev_class >= 16384),
      (SELECT string_agg(format('%s:%s', polrelid::regclass::text, polname), ',' ORDER BY polrelid::regclass::text, polname) FROM pg_policy),
      (SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace),
      (SELECT string_agg(format('%s:%s', extname, extversion), ',' ORDER BY extname) FROM pg_extension),
      (SELECT string_agg(format('%s:%s:%s', rolname, rolsuper, rolcanlogin), ',' ORDER BY rolname) FROM pg_roles),
      (SELECT string_agg(array_to_string(setconfig, ';'), ',' ORDER BY setdatabase, setrole) FROM pg_db_role_setting)
    )) AS digest`)).rows;
  return row!.digest;
}
