// Loads the reference tariffs once; a version already there (same schedule and start day) is left as it is.
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { systemActor } from '../../platform/actor.js';
import { REFERENCE_TARIFFS } from './tariffs.seed-data.js';
import { insertTariffVersion } from './tariffs.service.js';
import * as store from './tariffs.store.js';

export async function seedReferenceTariffs(ctx: Ctx): Promise<number> {
  let added = 0;
  await inTransaction(ctx, async (tx) => {
    for (const input of REFERENCE_TARIFFS) {
      if (await store.versionExists(tx.db, input.billerCode, input.category, input.effectiveFrom)) continue;
      await insertTariffVersion(tx, systemActor('seed'), input);
      added += 1;
    }
  });
  return added;
}
