// One database handle for the whole program: PGlite in a folder when DATABASE_URL is unset, PostgreSQL when it
// is set. Both are typed as one PgDatabase so modules never care which one they talk to. Drizzle's
// node-postgres driver over PGlite breaks on parameterised queries (CONVENTIONS.md), so each gets its own driver.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.js';
import { HostLocator, hostChoosingClient, isMultiHost, needsHostChoice, parseConnectionString } from './multi-host.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or a transaction. Store functions take this. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Runs a statement outside Drizzle's typing (health checks, bulk SQL in benchmarks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// Drizzle's camelCase property → snake_case column mapping, declared once for every table.
const drizzleOptions = { schema, casing: 'snake_case' as const };

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for PGlite; `memory://` for a throw-away database (tests). */
  dataDir?: string;
  /** In-memory PGlite only: start from this `dumpDataDir()` tarball instead of running initdb (tests' snapshots). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  if (loadDataDir && !inMemory) throw new Error('loadDataDir is for an in-memory PGlite (dataDir memory://) only');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = inMemory ? new PGlite(loadDataDir ? { loadDataDir } : {}) : new PGlite(join(dataDir, 'pglite'));
  await client.waitReady;
  return pgliteHandle(client, { inMemory });
}

/**
 * The handle over a PGlite already open: openDatabase's, and the tests' in-memory databases, which a test worker
 * keeps from one file to the next (test/support/pglite-reuse.ts). Closing the handle closes the client.
 */
export function pgliteHandle(client: PGlite, options: { inMemory: boolean }): DatabaseHandle {
  const db = drizzlePglite({ client, ...drizzleOptions }) as unknown as Database;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    ping: async () => { await client.query('select 1'); },
    close: async () => {
      if (closed) return;
      closed = true;
      // PGlite cannot fsync on its own schedule: a checkpoint before closing leaves a clean data folder.
      if (!options.inMemory) await client.query('CHECKPOINT').catch(() => undefined);
      await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  // A connection that cannot be made within this time fails the query (and /ready answers 503) instead of hanging.
  const pool = createPool(url, { max: poolSize, connectionTimeoutMillis: 10_000 });
  guardPool(pool);
  const db = drizzlePg({ client: pool, ...drizzleOptions }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    ping: async () => { await pool.query('select 1'); },
    close: async () => { await pool.end(); },
  };
}

/**
 * A pg.Pool for `url`. A connection string with several hosts, or with target_session_attrs (src/db/multi-host.ts),
 * gets a pool whose new connections go to the host that is primary now; any other is given to node-postgres as is.
 */
export function createPool(url: string, options: { max: number; connectionTimeoutMillis: number }): pg.Pool {
  const parsed = isMultiHost(url) ? parseConnectionString(url) : null;
  if (!parsed || !needsHostChoice(parsed)) return new pg.Pool({ connectionString: url, ...options });
  const locator = new HostLocator(parsed, { connectionTimeoutMillis: options.connectionTimeoutMillis });
  return new pg.Pool({ connectionString: parsed.forHost(parsed.hosts[0]!), ...options, Client: hostChoosingClient(locator) });
}

/**
 * Losing the database must not end the process. pg emits 'error' on the pool for an idle connection that drops,
 * and on the client itself for a connection that drops while checked out but between queries (inside a
 * transaction, a LISTEN connection): an 'error' event without a listener throws and kills the process. The
 * query in flight, if any, is rejected by pg anyway, and the pool replaces a broken connection on next use.
 */
export function guardPool(pool: pg.Pool, onError: (error: Error) => void = () => undefined): void {
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
    client.on('end', () => giveBackDead(client));
  });
  pool.on('acquire', (client) => {
    checkedOut.add(client);
    // The pool sets `release` just after this event and hands the client over in a later microtask at the earliest.
    queueMicrotask(() => releaseOnlyOnce(client));
  });
  pool.on('release', (_error, client) => { checkedOut.delete(client); });
}

/** Connections handed out by a pool and not yet given back. */
const checkedOut = new WeakSet<pg.PoolClient>();

/**
 * A connection that ends (the database went away) while someone holds it is given back to its pool at once, marked
 * broken so the pool drops it. Holders are meant to give it back themselves, but one does not: drizzle's
 * `transaction()` sends BEGIN outside its try/finally, so a connection cut between its checkout and BEGIN is never
 * released, and the pool's end() (the process's stop) then waits for it forever.
 */
function giveBackDead(client: pg.PoolClient): void {
  if (checkedOut.has(client)) client.release(new Error('connection ended while checked out'));
}

/** Giving a connection back twice (the holder after giveBackDead) is then harmless instead of throwing. */
function releaseOnlyOnce(client: pg.PoolClient): void {
  const release = client.release.bind(client);
  let released = false;
  client.release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    release(error);
  };
}

/** Applies the generated SQL migrations. On PostgreSQL an advisory lock lets several processes start at once. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  const { $client: pool } = handle.db as unknown as { $client: pg.Pool };
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7247001)');
    await migratePg(drizzlePg({ client, ...drizzleOptions }), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(7247001)').catch(() => undefined);
    client.release();
  }
}
