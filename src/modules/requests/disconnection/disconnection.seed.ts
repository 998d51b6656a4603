// Demo data for disconnection, made by the engine itself (never by hand): the list is run as it would have run two
// weeks ago (warnings to the accounts then in debt, each with its notice), then today (the grace periods are over:
// disconnection orders for those still in debt), and the field crew carries out the first order of a Kuwaiti account. So the
// disconnections report and the field staff's list have something to show. Idempotent: an account with an open case
// is never warned again, and an order is carried out only on the run that made it.
import type { DemoSeeder } from '../../../db/seed/index.js';
import type { Actor } from '../../../platform/actor.js';
import { runDisconnectionCycle } from './list.service.js';
import { completeOrder, listOrders } from './orders.service.js';
import * as store from './disconnection.store.js';

const DAY_MS = 86_400_000;
/** Longer than every default rule's grace period (14 days at most). */
const WARNED_DAYS_AGO = 15;
const FIELD_CREW: Actor = { kind: 'staff', id: 'seed-field-crew', role: 'service' };

export const disconnectionDemoSeeder: DemoSeeder = {
  name: 'disconnection (warnings two weeks ago, orders today, one carried out)',
  run: async (ctx, seed) => {
    const now = ctx.clock.now();
    const back = new Date(now.getTime() - WARNED_DAYS_AGO * DAY_MS);
    const { warned } = await runDisconnectionCycle({ ...ctx, clock: { now: () => back } });
    const { ordered } = await runDisconnectionCycle(ctx);
    const open = ordered.length > 0 ? await listOrders(ctx, FIELD_CREW, { status: 'open', kind: 'disconnect' }) : [];
    // A Kuwaiti (KWD) account: the Saudi biller has only a few demo accounts, and cutting one of them off could
    // leave it none to bill. No Kuwaiti order, none carried out.
    const currencies = await Promise.all(open.map(async (order) => (await store.findCase(ctx.db, order.caseId))?.currency));
    const first = open.find((_order, index) => currencies[index] === 'KWD');
    if (first) await completeOrder(ctx, FIELD_CREW, first.id, 'Demo: meter sealed.');
    seed.log(`disconnection: ${warned.length} warned, ${ordered.length} ordered${first ? ', 1 carried out' : ''}`);
  },
};
