import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import * as billerStore from './billers.store.js';
import * as payableStore from './payables.store.js';

export type { BillerRow } from './billers.store.js';
export type { PayableRow, PayableLookup, OverdueDebt } from './payables.store.js';
export { amountDue, OPEN_STATUSES } from './payables.store.js';

// Billers change rarely and are read on every inquiry: a short cache saves a query per request.
const CACHE_MS = 30_000;
let cache: { at: number; byCode: Map<string, billerStore.BillerRow> } | undefined;

export async function listBillers(ctx: Ctx): Promise<billerStore.BillerRow[]> {
  return [...(await billerMap(ctx)).values()];
}

export async function getBiller(ctx: Ctx, code: string): Promise<billerStore.BillerRow> {
  const biller = (await billerMap(ctx)).get(code) ?? (await billerStore.findBiller(ctx.db, code));
  if (!biller) throw new AppError('biller_not_found', { biller: code });
  return biller;
}

async function billerMap(ctx: Ctx): Promise<Map<string, billerStore.BillerRow>> {
  const now = Date.now();
  if (!cache || now - cache.at > CACHE_MS) {
    const rows = await billerStore.listBillers(ctx.db);
    cache = { at: now, byCode: new Map(rows.map((r) => [r.code, r])) };
  }
  return cache.byCode;
}

export function forgetBillerCache(): void {
  cache = undefined;
}

export const payables = {
  find: (ctx: Ctx, id: string) => payableStore.findPayable(ctx.db, id),
  findMany: (ctx: Ctx, ids: string[]) => payableStore.findPayablesByIds(ctx.db, ids),
  findBySource: (ctx: Ctx, billerCode: string, kind: payableStore.PayableRow['kind'], sourceId: string) => payableStore.findPayableBySource(ctx.db, billerCode, kind, sourceId),
  lock: (ctx: Ctx, ids: string[]) => payableStore.lockPayables(ctx.db, ids),
  findOpen: (ctx: Ctx, lookup: payableStore.PayableLookup, limit?: number) => payableStore.findOpenPayables(ctx.db, lookup, limit),
  historyOf: (ctx: Ctx, civilId: string, limit?: number) => payableStore.findPayablesOfCivilId(ctx.db, civilId, limit),
  applyPayment: (ctx: Ctx, id: string, amount: bigint) => payableStore.applyPaymentToPayable(ctx.db, id, amount, ctx.clock.now()),
  /** The whole strict check and the update in one statement; undefined when any rule refuses. */
  applyStrictPayment: (ctx: Ctx, id: string, amount: bigint, currency: string) => payableStore.applyStrictPaymentToPayable(ctx.db, id, amount, currency, ctx.clock.now()),
  /** The same rules for several items, as a part (CTE `payables_paid`, returning the ids paid) of a one-statement posting. */
  strictPaymentPart: (ctx: Ctx, items: { payableId: string; amount: bigint }[], currency: string) => payableStore.strictPaymentPart(items, currency, ctx.clock.now()),
  reversePayment: (ctx: Ctx, id: string, amount: bigint) => payableStore.reversePaymentOnPayable(ctx.db, id, amount, ctx.clock.now()),
  updateAmount: (ctx: Ctx, id: string, amount: bigint) => payableStore.updatePayableAmount(ctx.db, id, amount, ctx.clock.now()),
  cancel: (ctx: Ctx, id: string) => payableStore.cancelPayable(ctx.db, id, ctx.clock.now()),
  setHold: (ctx: Ctx, id: string, hold: Parameters<typeof payableStore.setPayableHold>[2]) => payableStore.setPayableHold(ctx.db, id, hold, ctx.clock.now()),
  assignOwner: (ctx: Ctx, id: string, owner: { personId: string | null; civilId: string | null }) => payableStore.assignPayableOwner(ctx.db, id, owner, ctx.clock.now()),
  /** A page of one biller's payables to remind of a due date (see openPayablesDueOn). */
  openDueOn: (ctx: Ctx, filter: Parameters<typeof payableStore.openPayablesDueOn>[1]) => payableStore.openPayablesDueOn(ctx.db, filter),
  /** Overdue collectable debt per account (requests: the disconnection list and the reconnection check). */
  overdueByAccount: (ctx: Ctx, filter: Parameters<typeof payableStore.overdueDebtByAccount>[1]) => payableStore.overdueDebtByAccount(ctx.db, filter),
};

/**
 * The ledger account that holds what is owed on a payable: per customer, keyed by the utility account number, or
 * the civil ID, or the plate, whichever the biller knows. Billing, payments and fines must all use this one.
 */
export function receivableAccountOf(payable: Pick<payableStore.PayableRow, 'billerCode' | 'accountNumber' | 'civilId' | 'plate' | 'id'>): string {
  const party = payable.accountNumber ? `acct-${payable.accountNumber}` : payable.civilId ? `cid-${payable.civilId}` : payable.plate ? `plate-${payable.plate}` : `payable-${payable.id}`;
  return `receivable:${payable.billerCode}:${party}`;
}
