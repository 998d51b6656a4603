// Issue #15 point 7, the shared-database case: `serve --demo` makes its own secret per data directory, which is right
// for PGlite (the data lives there) but not for PostgreSQL, where several servers, or the next one, share the
// database and must open the keys and links the first one sealed and signed. Without TASDEED_SECRET it refuses to
// start, says why in Arabic and English, and touches neither the database nor the data directory. On PostgreSQL the
// refusal is checked against a fresh empty database; on PGlite runs against an address nothing listens on (the
// refusal comes before any connection).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDatabaseKind } from '../support/database.js';
import { TEST_DATABASE_PREFIX } from '../support/template-database.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database.js';
import { startTasdeed } from '../../src/server.js';
import { ConfigError } from '../../src/config.js';

const onPostgres = testDatabaseKind() === 'postgres';
let scratch: ScratchDatabase | undefined;
let databaseUrl = 'postgres://tasdeed@127.0.0.1:9/nothing_listens_here';
let dataDir = '';

beforeAll(async () => {
  if (onPostgres) {
    scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, TEST_DATABASE_PREFIX);
    databaseUrl = scratch.url;
  }
  dataDir = await mkdtemp(join(tmpdir(), 'tasdeed-demo-secret-'));
});
afterAll(async () => {
  await scratch?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function environmentWithoutSecret(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, TASDEED_DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'silent' };
  delete env.TASDEED_SECRET;
  delete env.MIGRATION_DATABASE_URL;
  return env;
}

async function tablesIn(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('serve --demo with DATABASE_URL and no TASDEED_SECRET', () => {
  it('refuses to start, in Arabic and English, and writes nothing to the database or the data directory', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--demo', '--port', '0', '--host', '0.0.0.0'], {
      env: environmentWithoutSecret(), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code, output).toBe(1);
    expect(output).toContain('TASDEED_SECRET: required for `serve --demo` with DATABASE_URL (PostgreSQL)');
    expect(output).toContain('مطلوب لتشغيل العرض التجريبي (serve --demo) مع قاعدة بيانات PostgreSQL');
    expect(output).not.toContain('Tasdeed is running');
    expect(await readdir(dataDir)).toEqual([]); // no per-directory secret was made
    if (onPostgres) expect(await tablesIn(databaseUrl)).toBe(0); // not migrated, not seeded
  });

  it('is refused the same way when started in-process, before the database is opened', async () => {
    const previous = { secret: process.env.TASDEED_SECRET };
    delete process.env.TASDEED_SECRET;
    try {
      const starting = startTasdeed({ port: 0, host: '127.0.0.1', demo: true, databaseUrl, dataDir, config: { LOG_LEVEL: 'silent', NODE_ENV: 'development' } });
      await expect(starting).rejects.toBeInstanceOf(ConfigError);
      await expect(starting).rejects.toThrow(/TASDEED_SECRET: مطلوب/);
    } finally {
      if (previous.secret !== undefined) process.env.TASDEED_SECRET = previous.secret;
    }
    expect(await readdir(dataDir)).toEqual([]);
    if (onPostgres) expect(await tablesIn(databaseUrl)).toBe(0);
  });
});
