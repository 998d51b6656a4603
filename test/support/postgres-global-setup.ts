// Before a PostgreSQL run: drop databases left by runs that died more than two hours ago, then make this run's
// templates: one database migrated once, and one per demo seed (seeds.ts). Each test file copies one
// (CREATE DATABASE … TEMPLATE, test/support/database.ts) instead of migrating or seeding its own; the templates are
// dropped when the run ends. Every name starts with TEST_DATABASE_PREFIX and the time it was made.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database.js';
import { runSeed, SEEDS, type SeedName, type Snapshots } from './seeds.js';
import { copyDatabase, TEST_DATABASE_PREFIX } from './template-database.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  await dropDatabasesOfDeadRuns(url);

  const templates: ScratchDatabase[] = [];
  const dropTemplates = async () => {
    for (const template of templates.reverse()) await template.drop().catch(() => undefined);
  };
  try {
    const migrated = await createScratchDatabase(url, TEST_DATABASE_PREFIX);
    templates.push(migrated);
    const handle = await openDatabase({ databaseUrl: migrated.url, poolSize: 2 });
    try {
      await migrateDatabase(handle);
    } finally {
      await handle.close();
    }
    const seeds = {} as Extract<Snapshots, { kind: 'postgres' }>['seeds'];
    for (const name of Object.keys(SEEDS) as SeedName[]) {
      const seeded = await copyDatabase(url, migrated.name);
      templates.push(seeded);
      const seededHandle = await openDatabase({ databaseUrl: seeded.url, poolSize: 2 });
      try {
        seeds[name] = { database: seeded.name, data: await runSeed(seededHandle, name) };
      } finally {
        await seededHandle.close();
      }
    }
    project.provide('tasdeedSnapshots', { kind: 'postgres', migrated: migrated.name, seeds });
  } catch (error) {
    await dropTemplates();
    throw error;
  }
  return dropTemplates;
}

async function dropDatabasesOfDeadRuns(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEST_DATABASE_PREFIX}%`]);
    const cutoff = Date.now() - 2 * 60 * 60 * 1000;
    for (const { datname } of rows) {
      const madeAt = Number(datname.split('_')[2]);
      if (Number.isFinite(madeAt) && madeAt < cutoff) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  } finally {
    await client.end();
  }
}
