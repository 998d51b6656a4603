// Cash drawers. A cashier opens one at a counter of their office with a float, takes payments into it, and closes
// it with the cash counted. What the drawer should hold is the float plus cash taken less change given (voided
// payments excluded: their cash went back). The difference, over or short, is recorded on the drawer and posted to
// the office's over/short account against the counters' clearing account, so the ledger says what the till held.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/clock.js';
import { newId } from '../../shared/ids.js';
import { parseAmount } from '../../shared/money.js';
import * as ledger from '../ledger/index.js';
import { officeOfStaff, officeToManage } from './counter.access.js';
import { auditedCounterRefusals } from './counter.audit.js';
import * as store from './counter.store.js';

/** Where a drawer's over or short lands: one account per office, for a supervisor to investigate. */
export const overShortAccountOf = (officeCode: string) => `suspense:counter-over-short:${officeCode}`;

export async function openDrawer(ctx: Ctx, actor: Actor, input: { counterCode: string; openingFloat: string }): Promise<store.DrawerRow> {
  return auditedCounterRefusals(ctx, actor, 'counter.drawer.open', null, { counterCode: input.counterCode, openingFloat: input.openingFloat }, async () => {
    const office = await officeOfStaff(ctx, actor, 'cashier');
    const cashierId = actor.kind === 'staff' ? actor.id : '';
    const currency = ctx.config.TASDEED_CURRENCY;
    const openingFloat = parseAmount(input.openingFloat, currency);
    return inTransaction(ctx, async (tx) => {
      await store.lockOffice(tx.db, office.id);
      const businessDate = businessToday(tx);
      if (await store.findDayClose(tx.db, office.id, businessDate)) throw new AppError('counter_day_closed', { officeCode: office.code, businessDate });
      const counter = await store.findCounter(tx.db, office.id, input.counterCode);
      if (!counter || !counter.active) throw new AppError('counter_unknown', { officeCode: office.code, counterCode: input.counterCode });
      if (await store.findOpenDrawer(tx.db, { cashierId })) throw new AppError('counter_drawer_already_open');
      if (await store.findOpenDrawer(tx.db, { counterId: counter.id })) throw new AppError('counter_busy', { counterCode: counter.code });
      const drawer = await store.insertDrawer(tx.db, {
        id: newId('drw'), officeId: office.id, counterId: counter.id, cashierId, businessDate, currency, status: 'open', openingFloat, openedAt: tx.clock.now(),
      });
      // A twin request that committed between the checks and the insert.
      if (!drawer) throw new AppError('counter_busy', { counterCode: counter.code });
      await recordAudit(tx, actor, { action: 'counter.drawer.open', entityType: 'counter_drawer', entityId: drawer.id, detail: { officeCode: office.code, counterCode: counter.code, openingFloat: openingFloat.toString() } });
      return drawer;
    });
  });
}

/** The cashier's open drawer, if any, with the cash it should hold now. */
export async function currentDrawer(ctx: Ctx, actor: Actor): Promise<{ drawer: store.DrawerRow; expectedCash: bigint } | null> {
  await officeOfStaff(ctx, actor, 'cashier');
  const drawer = await store.findOpenDrawer(ctx.db, { cashierId: actor.kind === 'staff' ? actor.id : '' });
  if (!drawer) return null;
  return { drawer, expectedCash: drawer.openingFloat + (await store.netCashOfDrawer(ctx.db, drawer.id)) };
}

/** Closes a drawer with the cash counted: its cashier, or a supervisor of its office (or an admin). Once only. */
export async function closeDrawer(ctx: Ctx, actor: Actor, drawerId: string, input: { countedCash: string; note?: string | undefined }): Promise<store.DrawerRow> {
  return auditedCounterRefusals(ctx, actor, 'counter.drawer.close', drawerId, { countedCash: input.countedCash }, async () => {
    const found = await store.findDrawer(ctx.db, drawerId);
    if (!found) throw new AppError('counter_drawer_unknown', { drawerId });
    const office = await store.findOfficeById(ctx.db, found.officeId);
    const ownCashier = actor.kind === 'staff' && actor.role === 'cashier' && actor.id === found.cashierId;
    if (!ownCashier) await officeToManage(ctx, actor, office!.code);
    const countedCash = parseAmount(input.countedCash, found.currency);
    return inTransaction(ctx, async (tx) => {
      const drawer = await store.findDrawer(tx.db, drawerId, { lock: true });
      if (drawer!.status !== 'open') throw new AppError('counter_drawer_already_closed', { drawerId });
      const expectedCash = drawer!.openingFloat + (await store.netCashOfDrawer(tx.db, drawerId));
      const difference = countedCash - expectedCash;
      const closed = await store.closeDrawer(tx.db, drawerId, { expectedCash, countedCash, difference, closeNote: input.note?.trim() || null, closedAt: tx.clock.now() });
      if (!closed) throw new AppError('counter_drawer_already_closed', { drawerId });
      if (difference !== 0n) {
        // Over: the till holds more than the payments say (debit clearing, credit over/short); short: the mirror.
        await ledger.post(tx, {
          kind: 'counter_over_short', sourceRef: drawerId, currency: drawer!.currency,
          lines: [{ account: ledger.accounts.clearing('counter'), amount: difference }, { account: overShortAccountOf(office!.code), amount: -difference }],
          memo: { officeCode: office!.code, businessDate: drawer!.businessDate, expectedCash: expectedCash.toString(), countedCash: countedCash.toString() },
        });
      }
      await recordAudit(tx, actor, {
        action: 'counter.drawer.close', entityType: 'counter_drawer', entityId: drawerId,
        detail: { expectedCash: expectedCash.toString(), countedCash: countedCash.toString(), difference: difference.toString(), note: closed.closeNote },
      });
      return closed;
    });
  });
}
