// Multi-host PostgreSQL connection strings, as libpq reads them and as pg_auto_failover prints them
// (`pg_autoctl show uri --formation default`):
//
//   postgres://user@10.0.0.1:5432,10.0.0.2:5432/tasdeed?target_session_attrs=read-write
//
// node-postgres takes one host only. Here every new pool connection goes to the host that is the primary now: the
// hosts are tried in order until one accepts a connection and, with target_session_attrs=read-write (or primary),
// answers that its transactions are not read-only. The answer is kept until a connection to that host fails or turns
// out read-only; then the next connection looks again. After a failover the pool's old connections fail (the pool
// discards them) and new ones reach the promoted standby.
import pg from 'pg';

export interface DatabaseHost {
  host: string;
  port: number;
}

export type SessionTarget = 'any' | 'read-write';

export interface ParsedConnectionString {
  hosts: DatabaseHost[];
  target: SessionTarget;
  /** The same connection string for one of the hosts, without target_session_attrs (what node-postgres reads). */
  forHost(host: DatabaseHost): string;
}

const DEFAULT_PORT = 5432;

/** Reads a postgres:// (or postgresql://) connection string with one host or several. Throws on anything else. */
export function parseConnectionString(url: string): ParsedConnectionString {
  const match = /^(postgres(?:ql)?):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?$/.exec(url);
  if (!match) throw new Error('not a postgres:// connection string');
  const [, scheme, authority, path, query] = match as unknown as [string, string, string, string, string | undefined];
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hostList = at >= 0 ? authority.slice(at + 1) : authority;
  const params = new URLSearchParams(query ? query.slice(1) : '');

  const defaultPort = params.has('port') ? parsePort(params.get('port')!) : DEFAULT_PORT;
  const hosts = hostList.split(',').map((entry) => parseHost(entry, defaultPort));
  if (hosts.length === 0) throw new Error('no host in the connection string');

  const attrs = params.get('target_session_attrs') ?? 'any';
  if (attrs !== 'any' && attrs !== 'read-write' && attrs !== 'primary') {
    throw new Error(`target_session_attrs=${attrs} is not supported (any, read-write or primary)`);
  }
  const target: SessionTarget = attrs === 'any' ? 'any' : 'read-write';
  params.delete('target_session_attrs');
  params.delete('port');
  const rest = params.toString();

  return {
    hosts,
    target,
    forHost: ({ host, port }) => `${scheme}://${userinfo}${host.includes(':') ? `[${host}]` : host}:${port}${path}${rest ? `?${rest}` : ''}`,
  };
}

function parseHost(entry: string, defaultPort: number): DatabaseHost {
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d*))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? parsePort(bracketed[2]) : defaultPort };
  const plain = /^([^:[\]]+)(?::(\d*))?$/.exec(entry);
  if (!plain) throw new Error(`not a host[:port]: "${entry}"`);
  return { host: decodeURIComponent(plain[1]!), port: plain[2] ? parsePort(plain[2]) : defaultPort };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new Error(`not a port: "${text}"`);
  return port;
}

/** A host list (a comma before the path) or a session target: what only this reading understands. */
export function isMultiHost(url: string): boolean {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  return authority.includes(',') || /[?&]target_session_attrs=/.test(url);
}

/** A URL, or a multi-host connection string that parses (configuration checks DATABASE_URL with this). */
export function isDatabaseUrl(url: string): boolean {
  if (!isMultiHost(url)) return URL.canParse(url);
  try {
    parseConnectionString(url);
    return true;
  } catch {
    return false;
  }
}

/** True for a connection string node-postgres cannot take as it is (several hosts, or a session target). */
export function needsHostChoice(parsed: ParsedConnectionString): boolean {
  return parsed.hosts.length > 1 || parsed.target !== 'any';
}

export interface HostLocatorOptions {
  /** Bounds each attempt to reach a host. */
  connectionTimeoutMillis: number;
}

/** Finds, and remembers, the host that new connections should go to. */
export class HostLocator {
  private current: DatabaseHost | null = null;
  private search: Promise<DatabaseHost> | null = null;

  constructor(readonly parsed: ParsedConnectionString, private readonly options: HostLocatorOptions) {}

  /** The remembered host, or the first host in order that qualifies (several callers share one search). */
  async choose(): Promise<DatabaseHost> {
    if (this.current) return this.current;
    this.search ??= this.find().finally(() => { this.search = null; });
    return this.search;
  }

  /** A connection to `host` failed or was read-only: the next connection looks again. */
  forget(host: DatabaseHost): void {
    if (this.current === host) this.current = null;
  }

  private async find(): Promise<DatabaseHost> {
    const refusals: string[] = [];
    // The whole search fits in one connection's time limit, so the pool never gives up on a connection still searching.
    const perHost = Math.max(1, Math.floor(this.options.connectionTimeoutMillis / this.parsed.hosts.length));
    for (const host of this.parsed.hosts) {
      const client = new pg.Client({ connectionString: this.parsed.forHost(host), connectionTimeoutMillis: perHost });
      client.on('error', () => undefined); // a host dying during the probe fails the probe, never the process
      try {
        await client.connect();
        if (this.parsed.target === 'any' || !(await isReadOnly(client))) {
          this.current = host;
          return host;
        }
        refusals.push(`${host.host}:${host.port} is read-only`);
      } catch (error) {
        refusals.push(`${host.host}:${host.port}: ${(error as Error).message}`);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    const wanted = this.parsed.target === 'read-write' ? 'accepts writes' : 'accepts connections';
    throw new Error(`no database host ${wanted} (${refusals.join('; ')})`);
  }
}

export async function isReadOnly(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
  return rows[0]?.transaction_read_only !== 'off';
}

/**
 * A pg.Client class for pg.Pool's `Client` option: each client connects to the locator's host, checks it is still
 * writable when that is asked for, and makes the locator look again when its host fails it.
 */
export function hostChoosingClient(locator: HostLocator): typeof pg.Client {
  return class HostChoosingClient extends pg.Client {
    private chosen: DatabaseHost | null = null;

    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // A connection lost later (the host died, or was demoted and restarted): new connections look again.
      this.on('error', () => { if (this.chosen) locator.forget(this.chosen); });
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: (error: Error | null, client?: pg.Client) => void): void;
    override connect(callback?: (error: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
      const connected = this.connectToChosenHost();
      if (!callback) return connected;
      connected.then((client) => callback(null, client), (error: Error) => callback(error));
    }

    private async connectToChosenHost(): Promise<pg.Client> {
      const host = await locator.choose();
      // The pool gave up on this connection while the search went on (it destroyed the socket): connect no more.
      if ((this as unknown as { connection?: { stream?: { destroyed?: boolean } } }).connection?.stream?.destroyed) {
        throw new Error('connection attempt given up while looking for a database host');
      }
      this.chosen = host;
      // What pg.Client reads when it opens the socket (and when it cancels a query).
      this.host = host.host;
      this.port = host.port;
      try {
        await super.connect();
      } catch (error) {
        locator.forget(host);
        throw error;
      }
      if (locator.parsed.target === 'read-write') {
        let readOnly: boolean;
        try {
          readOnly = await isReadOnly(this);
        } catch (error) {
          locator.forget(host);
          await this.end().catch(() => undefined);
          throw error;
        }
        if (readOnly) {
          locator.forget(host);
          await this.end().catch(() => undefined);
          throw new Error(`database host ${host.host}:${host.port} no longer accepts writes`);
        }
      }
      return this;
    }
  };
}

// SQLSTATE classes and codes that mean the database is not there (or not the primary) rather than that the request
// was wrong: connection exceptions (08…), a server shutting down or starting (57P01-57P03). Not 25006 (a write in a
// read-only transaction): connections are checked writable when made, so that one is a bug (the reports' read-only
// transactions), not a failover.
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123])$/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const UNAVAILABLE_MESSAGES = /^(Connection terminated|no database host accepts|database host .* no longer accepts writes|connection attempt given up|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/**
 * True when `error` (or what it wraps, as Drizzle's query errors do) says the database could not be reached or is
 * not the primary: the request may be sent again once the database is back (HTTP 503, not 500).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
    if (UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}
