// The demo data sets a test file can start from already seeded (createTestDatabase({ seeded: 'demo' })). Each is made
// once per run, in the global set-up, into a snapshot (PGlite) or a template database (PostgreSQL), instead of
// seedDemo in every file's beforeAll. A seed is seedDemo with fixed options at a fixed time with testConfig(): a
// file may use one only if it would have seeded exactly that (same people count, same clock, default config).
import type { DatabaseHandle } from '../../src/db/client.js';
import { seedDemo } from '../../src/db/seed/index.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { fixedClock } from '../../src/platform/clock.js';
import { testConfig } from './config.js';

export const SEEDS = {
  /** seedDemo(ctx, { people: 5 }) at 2026-03-15T09:00Z: people, cars, licences, fines and a year of bills. */
  demo: { people: 5, now: '2026-03-15T09:00:00.000Z' },
} as const satisfies Record<string, { people: number; now: string }>;

export type SeedName = keyof typeof SEEDS;

/** What the seed returned that tests use (the people, with their ids). */
export interface SeededData {
  people: SeededPerson[];
}

export async function runSeed(handle: DatabaseHandle, name: SeedName): Promise<SeededData> {
  const { people, now } = SEEDS[name];
  const seeded = await seedDemo({ db: handle.db, clock: fixedClock(now), config: testConfig() }, { people });
  return { people: seeded.people };
}

/** What the global set-up hands each test file (vitest provide/inject): where the snapshots are. */
export type Snapshots =
  | { kind: 'pglite'; migrated: string; seeds: Record<SeedName, { file: string; data: SeededData }> }
  | { kind: 'postgres'; migrated: string; seeds: Record<SeedName, { database: string; data: SeededData }> };

declare module 'vitest' {
  export interface ProvidedContext {
    tasdeedSnapshots: Snapshots;
  }
}
