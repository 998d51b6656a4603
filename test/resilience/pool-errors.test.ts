// The crash from issue 15 point 2, in miniature: a connection checked out of the pool and idle between two queries of
// a transaction (or holding LISTEN) is cut. pg then emits 'error' on that client, and an 'error' event nobody
// listens to ends the process. openDatabase's pool listens on every connection: the cut fails the transaction, the
// pool replaces the connection, and the next query after the database returns works. PostgreSQL only.
import type { EventEmitter } from 'node:events';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/database.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitUntil } from '../support/wait.js';

const onPostgres = testDatabaseKind() === 'postgres';
let database: TestDatabase;
let proxy: TcpProxy;
let handle: DatabaseHandle;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  const direct = new URL(database.url!);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  handle = await openDatabase({ databaseUrl: throughProxy(database.url!, proxy), poolSize: 4 });
});

afterAll(async () => {
  await handle?.close();
  await proxy?.close();
  await database?.destroy();
});

describe.runIf(onPostgres)('a pooled connection cut between queries', () => {
  it('fails its transaction, not the process; ping fails while cut and works once the database is back', async () => {
    let cut!: () => void;
    const cutDone = new Promise<void>((resolve) => { cut = resolve; });
    const transaction = handle.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
      // The connection drops while this transaction holds it, between two queries; wait until pg has noticed.
      const client = (tx as unknown as { session: { client: EventEmitter } }).session.client;
      const ended = new Promise((resolve) => client.once('end', resolve)); // (events.once would reject on 'error')
      proxy.cut();
      await ended;
      cut();
      await tx.execute(sql`SELECT 2`);
    });
    await cutDone;
    await expect(transaction).rejects.toThrow();
    await expect(handle.ping()).rejects.toThrow();
    proxy.restore();
    await waitUntil(() => handle.ping().then(() => true, () => false), 'the pool to reconnect');
    expect(process.exitCode ?? 0).toBe(0);
  });
});

describe.runIf(onPostgres)('a connection cut between its checkout and BEGIN', () => {
  it('is given back to the pool, so closing the pool does not wait for it forever', async () => {
    // drizzle sends BEGIN outside its try/finally: a connection that breaks right after checkout is never released
    // by it. Seen in test/resilience/database-cuts.test.ts as a `serve` that never ended after SIGTERM.
    const own = await openDatabase({ databaseUrl: database.url!, poolSize: 2 });
    const pool = (own.db as unknown as { $client: pg.Pool }).$client;
    await own.ping(); // one idle connection, handed to the transaction below
    pool.once('acquire', (client: pg.PoolClient) => {
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    });
    await expect(own.db.transaction(async (tx) => { await tx.execute(sql`SELECT 1`); })).rejects.toThrow();
    await waitUntil(() => pool.totalCount === 0 || undefined, 'the broken connection given back and dropped');
    await own.close(); // would wait forever for a connection never given back
    expect(pool.totalCount).toBe(0);
  });

  it('tolerates the holder giving it back too, and serves the next query', async () => {
    const own = await openDatabase({ databaseUrl: database.url!, poolSize: 2 });
    const pool = (own.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    const ended = new Promise((resolve) => client.once('end', resolve));
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await ended;
    expect(() => client.release()).not.toThrow(); // already given back when it ended
    await own.ping();
    await own.close();
  });
});
