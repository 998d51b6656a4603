// Once per run, before any PGlite test file: initdb and the migrations in one in-memory PGlite, dumped to a tarball,
// and each demo seed (seeds.ts) on top of that, dumped too. Every test file then loads a tarball (loadDataDir)
// instead of paying initdb (5–7 s of CPU) and, where it asks for a seed, seedDemo. The tarballs live in a folder
// of their own under the system's temporary directory, unique to this run, so two runs at once never share one;
// the folder is removed when the run ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { runSeed, SEEDS, type SeedName, type Snapshots } from './seeds.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'tasdeed-test-snapshots-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    const base = await openDatabase({ dataDir: 'memory://' });
    let migrated: Blob;
    try {
      await migrateDatabase(base);
      migrated = await dump(base, join(dir, 'migrated.tar'));
    } finally {
      await base.close();
    }
    const seeds = {} as Extract<Snapshots, { kind: 'pglite' }>['seeds'];
    for (const name of Object.keys(SEEDS) as SeedName[]) {
      const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: migrated });
      try {
        const data = await runSeed(handle, name);
        const file = join(dir, `seed-${name}.tar`);
        await dump(handle, file);
        seeds[name] = { file, data };
      } finally {
        await handle.close();
      }
    }
    project.provide('tasdeedSnapshots', { kind: 'pglite', migrated: join(dir, 'migrated.tar'), seeds });
  } catch (error) {
    removeDir();
    throw error;
  }
  return removeDir;
}

/** Writes the database's data folder as an uncompressed tarball (loads about twice as fast as gzip) and returns it. */
async function dump(handle: DatabaseHandle, file: string): Promise<Blob> {
  const client = (handle.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
  const tarball = await client.dumpDataDir('none');
  writeFileSync(file, new Uint8Array(await tarball.arrayBuffer()));
  return tarball;
}
