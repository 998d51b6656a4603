// `tasdeed seed --demo`: the foundation's data, then each module's demo data in dependency order.
// A module adds its seeder to DEMO_SEEDERS; each must be idempotent (running the seed twice adds nothing).
import type { Ctx } from '../../platform/context.js';
import { seedFoundation, type SeededPerson } from './foundation.seed.js';
import { finesDemoSeeder } from '../../modules/fines/index.js';
import { billingDemoSeeder } from '../../modules/billing/index.js';
import { channelsDemoSeeder, counterDemoSeeder } from '../../modules/channels/index.js';
import { disconnectionDemoSeeder, seedRequestTypes } from '../../modules/requests/index.js';

export interface DemoSeedContext {
  people: SeededPerson[];
  /** How many people were asked for: modules scale their own data from it. */
  scale: number;
  log: (line: string) => void;
}

export type DemoSeeder = { name: string; run: (ctx: Ctx, seed: DemoSeedContext) => Promise<void> };

const DEMO_SEEDERS: DemoSeeder[] = [
  finesDemoSeeder,
  billingDemoSeeder,
  channelsDemoSeeder,
  counterDemoSeeder,
  // The service request types are the utility's own data (a real deployment seeds them too), so the demo has them.
  { name: 'service request types', run: (ctx) => seedRequestTypes(ctx) },
  // After billing: the list warns and orders the demo accounts that the billing seed left in debt.
  disconnectionDemoSeeder,
];

export async function seedDemo(ctx: Ctx, options: { people?: number; log?: (line: string) => void } = {}): Promise<DemoSeedContext> {
  const log = options.log ?? (() => undefined);
  const scale = options.people ?? 40;
  const { people } = await seedFoundation(ctx, { people: scale });
  log(`seeded ${people.length} people, 3 billers, demo staff and API clients`);
  const seedContext: DemoSeedContext = { people, scale, log };
  for (const seeder of DEMO_SEEDERS) {
    await seeder.run(ctx, seedContext);
    log(`seeded ${seeder.name}`);
  }
  return seedContext;
}

/** True when the database has no people yet: `npm start` seeds the demo only then. */
export async function isEmpty(ctx: Ctx): Promise<boolean> {
  const { people } = await import('../schema/index.js');
  const rows = await ctx.db.select({ id: people.id }).from(people).limit(1);
  return rows.length === 0;
}
