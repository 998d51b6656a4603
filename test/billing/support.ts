// Shared set-up for the billing tests: the demo billers and people, the reference tariffs, accounts with meters
// and readings entered as a staff member would.
import type { Ctx } from '../../src/shared/context.js';
import { seedDemo } from '../../src/db/seed/index.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { systemActor } from '../../src/modules/identity/actor.js';
import { seedReferenceTariffs } from '../../src/modules/tariffs/tariffs.seed.js';
import { openAccount } from '../../src/modules/metering/meters.service.js';
import { submitReading } from '../../src/modules/metering/readings.service.js';
import type { Category } from '../../src/modules/accounts/accounts.service.js';

export const staff = systemActor('test');

export async function seedBilling(ctx: Ctx, people = 5): Promise<SeededPerson[]> {
  const seeded = await seedDemo(ctx, { people });
  await seedReferenceTariffs(ctx);
  return seeded.people;
}

let counter = 0;

export async function openTestAccount(ctx: Ctx, input: { billerCode?: string; civilId?: string | null; category?: Category; installedOn: string; initialReading?: bigint; dials?: number; multiplier?: number }) {
  counter += 1;
  return openAccount(ctx, staff, {
    billerCode: input.billerCode ?? 'mew-electricity',
    accountNumber: `7${String(Date.now() % 1_000_000).padStart(6, '0')}${String(counter).padStart(3, '0')}`,
    ownerCivilId: input.civilId ?? null,
    ownerName: input.civilId ? null : { ar: 'وزارة التربية', en: 'Ministry of Education' },
    category: input.category ?? 'residential',
    meter: { installedOn: input.installedOn, initialReading: input.initialReading ?? 0n, dials: input.dials, multiplier: input.multiplier },
  });
}

export async function read(ctx: Ctx, meterNumber: string, value: number | string, readOn: string) {
  return submitReading(ctx, staff, { meterNumber, value, readOn });
}
