// `tasdeed import-statement FILE --data-dir DIR` as a child process on a fresh PGlite folder: one JSON line, and
// the same file a second time is recognised as a duplicate.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dataDir: string;

beforeAll(async () => { dataDir = await mkdtemp(join(tmpdir(), 'tasdeed-recon-cli-')); });
afterAll(async () => { if (dataDir) await rm(dataDir, { recursive: true, force: true }); });

async function importStatementCli(file: string): Promise<Record<string, unknown>> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.MIGRATION_DATABASE_URL;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'import-statement', file, '--data-dir', dataDir], { env, timeout: 280_000 });
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('tasdeed import-statement', () => {
  it('prints one JSON line with the counts and balances, and recognises the same file again', async () => {
    const first = await importStatementCli('test/fixtures/camt/kwd-day.camt053.xml');
    expect(first).toEqual({
      file: 'kwd-day.camt053.xml', format: 'camt.053.001.08', entries: 5, booked: 4, pending: 1, matched: 0, suspense: 4, reversed: 0,
      duplicate: false, openingBalance: '100.000', closingBalance: '110.875', balanced: true,
    });
    const second = await importStatementCli('test/fixtures/camt/kwd-day.camt053.xml');
    expect(second).toMatchObject({ duplicate: true, entries: 5, suspense: 4 });
  }, 300_000);
});
