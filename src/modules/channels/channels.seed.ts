// Demo data: the demo bank collects for every demo biller, with the default window (same business day).
import type { Ctx } from '../../platform/context.js';
import { listBillers } from '../billers/index.js';
import { apiClientIdOfKey } from '../identity/index.js';
import { allowBankForBiller } from './banks.service.js';

export const DEMO_BANK_KEY_ID = 'demo-bank';

export const channelsDemoSeeder = {
  name: 'channels (demo bank collects for every biller)',
  async run(ctx: Ctx): Promise<void> {
    const clientId = await apiClientIdOfKey(ctx, DEMO_BANK_KEY_ID);
    if (!clientId) return;
    for (const biller of await listBillers(ctx)) await allowBankForBiller(ctx, { clientId, billerCode: biller.code });
  },
};
