// A PostgreSQL database made for one test file or one benchmark run and dropped afterwards, on the server that
// `adminUrl` names. The name carries the time it was made, so a run that died can be cleaned up later.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** An empty database, or a copy of `template` (which nobody may be connected to while it is copied). */
export async function createScratchDatabase(adminUrl: string, prefix: string, options: { template?: string } = {}): Promise<ScratchDatabase> {
  const name = `${prefix}${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, options.template ? `CREATE DATABASE "${name}" TEMPLATE "${options.template}"` : `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a dropped connection fails the query below, never the process
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
