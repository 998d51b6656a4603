// Multi-host connection strings (src/db/multi-host.ts): how they are read, and on PostgreSQL which host the pool
// connects to: past a closed port, away from a host that goes away, never to one whose transactions are read-only.
// The failover itself (a pg_auto_failover standby taking over) is test/failover/failover.test.ts.
import { createServer, type AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { isDatabaseUnavailable, isDatabaseUrl, isMultiHost, needsHostChoice, parseConnectionString } from '../../src/db/multi-host.js';
import { toAppError } from '../../src/http/errors.js';
import { queryRows } from '../../src/db/query-rows.js';
import { loadConfig } from '../../src/config.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/database.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { eventually } from '../support/wait.js';

describe('a multi-host connection string', () => {
  it('reads the form pg_autoctl prints: hosts in order, the session target, and one string per host for node-postgres', () => {
    const parsed = parseConnectionString('postgres://app:s%40cret@10.0.0.1:6001,10.0.0.2:6002/tasdeed?target_session_attrs=read-write&sslmode=prefer');
    expect(parsed.hosts).toEqual([{ host: '10.0.0.1', port: 6001 }, { host: '10.0.0.2', port: 6002 }]);
    expect(parsed.target).toBe('read-write');
    expect(needsHostChoice(parsed)).toBe(true);
    expect(parsed.forHost(parsed.hosts[1]!)).toBe('postgres://app:s%40cret@10.0.0.2:6002/tasdeed?sslmode=prefer');
  });

  it('gives hosts without a port the default (or the port parameter), and reads IPv6 addresses in brackets', () => {
    expect(parseConnectionString('postgresql://db-a,db-b/x').hosts).toEqual([{ host: 'db-a', port: 5432 }, { host: 'db-b', port: 5432 }]);
    expect(parseConnectionString('postgres://u@db-a,db-b:7000/x?port=6500').hosts).toEqual([{ host: 'db-a', port: 6500 }, { host: 'db-b', port: 7000 }]);
    const v6 = parseConnectionString('postgres://u@[::1]:6001,[fd00::2]/x?target_session_attrs=primary');
    expect(v6.hosts).toEqual([{ host: '::1', port: 6001 }, { host: 'fd00::2', port: 5432 }]);
    expect(v6.target).toBe('read-write');
    expect(v6.forHost(v6.hosts[0]!)).toBe('postgres://u@[::1]:6001/x');
  });

  it('leaves a one-host string without a session target to node-postgres as it is', () => {
    expect(isMultiHost('postgres://postgres@127.0.0.1:5432/test')).toBe(false);
    expect(needsHostChoice(parseConnectionString('postgres://postgres@127.0.0.1:5432/test'))).toBe(false);
    expect(isMultiHost('postgres://postgres@127.0.0.1:5432/test?target_session_attrs=read-write')).toBe(true);
  });

  it('refuses what it cannot honour, and the configuration says which variable is wrong', () => {
    expect(() => parseConnectionString('postgres://a:1,b:2/x?target_session_attrs=standby')).toThrow(/standby is not supported/);
    expect(() => parseConnectionString('postgres://a:99999,b/x')).toThrow(/not a port/);
    expect(() => parseConnectionString('postgres://a:1,,b/x')).toThrow(/not a host/);
    expect(() => parseConnectionString('mysql://a,b/x')).toThrow(/not a postgres/);
    expect(isDatabaseUrl('postgres://u@a:1,b:2/x?target_session_attrs=read-write')).toBe(true);
    expect(isDatabaseUrl('postgres://u@a:1,b:x/x')).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@a:1,b:2/x?target_session_attrs=read-write' }).DATABASE_URL).toBe('postgres://u@a:1,b:2/x?target_session_attrs=read-write');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@a:1,b:x/x' })).toThrow(/DATABASE_URL/);
  });
});

describe('a lost database, as the API answers it', () => {
  it('is 503 database_unavailable (send again later), not 500, however deep the driver wrapped it', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6001'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const wrapped = new Error('Failed query: insert into "payments" …', { cause: new Error('Connection terminated unexpectedly') });
    for (const error of [refused, shutdown, wrapped, new Error('no database host accepts writes (…)')]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect([toAppError(error).code, toAppError(error).status]).toEqual(['database_unavailable', 503]);
    }
    // A query that is wrong stays a 500: it will not succeed by being sent again.
    const wrong = new Error('Failed query: …', { cause: Object.assign(new Error('column "x" does not exist'), { code: '42703' }) });
    expect(isDatabaseUnavailable(wrong)).toBe(false);
    expect([toAppError(wrong).code, toAppError(wrong).status]).toEqual(['internal_error', 500]);
  });
});

const onPostgres = testDatabaseKind() === 'postgres';

describe.runIf(onPostgres)('a pool on several hosts', () => {
  let database: TestDatabase;
  const opened: DatabaseHandle[] = [];
  const proxies: TcpProxy[] = [];

  beforeAll(async () => { database = await createTestDatabase(); });
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    for (const proxy of proxies) await proxy.close();
    await database?.destroy();
  });

  /** The test database's connection string with these host:port entries instead of its own host. */
  function withHosts(hosts: string[], query = '?target_session_attrs=read-write'): string {
    const direct = new URL(database.url!);
    return `postgres://${direct.username}${direct.password ? `:${direct.password}` : ''}@${hosts.join(',')}${direct.pathname}${query}`;
  }
  function serverAddress(): string {
    const direct = new URL(database.url!);
    return `${direct.hostname}:${direct.port || 5432}`;
  }
  async function open(url: string): Promise<DatabaseHandle> {
    const handle = await openDatabase({ databaseUrl: url, poolSize: 4 });
    opened.push(handle);
    return handle;
  }
  async function currentDatabase(handle: DatabaseHandle): Promise<string> {
    const [row] = await queryRows<{ name: string }>(handle.db, sql`SELECT current_database() AS name`);
    return row!.name;
  }
  async function proxy(): Promise<TcpProxy> {
    const direct = new URL(database.url!);
    const started = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    proxies.push(started);
    return started;
  }

  it('goes past a host that refuses connections to the next one', async () => {
    const closed = await closedPort();
    const handle = await open(withHosts([`127.0.0.1:${closed}`, serverAddress()]));
    expect(await currentDatabase(handle)).toBe(new URL(database.url!).pathname.slice(1));
  });

  it('moves its new connections to the next host when the one it used goes away', async () => {
    const [a, b] = [await proxy(), await proxy()];
    const handle = await open(withHosts([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]));
    await currentDatabase(handle);
    expect(a.accepted()).toBeGreaterThan(0);
    expect(b.accepted()).toBe(0);

    a.cut(); // its connections die and it refuses new ones, as a stopped primary does
    // The query in flight when the host went may fail; the pool discards that connection and the next one reaches b.
    await eventually(async () => { await currentDatabase(handle); });
    expect(b.accepted()).toBeGreaterThan(0);
    await expect(handle.ping()).resolves.toBeUndefined();
  });

  it('does not keep a connection whose transactions are read-only, and connects again once the host accepts writes', async () => {
    const name = new URL(database.url!).pathname.slice(1);
    const admin = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, poolSize: 1 });
    opened.push(admin);
    const handle = await open(withHosts([serverAddress()]));
    await admin.db.execute(sql.raw(`ALTER DATABASE "${name}" SET default_transaction_read_only = on`));
    try {
      await expect(handle.ping()).rejects.toThrow(/no database host accepts writes/);
      // The same string without a session target takes the read-only host.
      const anyHost = await open(withHosts([serverAddress()], ''));
      await expect(anyHost.ping()).resolves.toBeUndefined();
    } finally {
      await admin.db.execute(sql.raw(`ALTER DATABASE "${name}" RESET default_transaction_read_only`));
    }
    await expect(handle.ping()).resolves.toBeUndefined();
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
