// A cashier takes a payment at a counter: one or several payables of any biller, for any address (every office
// collects for every biller), paid with cash, card (KNET POS) and cheques that add up. The payment posts through
// the payments module (strict: more than due is refused, nothing posts) with the counter's own receipt number.
//
// Idempotent on the client's id, so the offline journal can replay through this same call: the same id with the
// same content answers the first result and writes nothing; with other content it is refused (counter_replay_conflict).
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { parseAmount, parsePositiveAmount } from '../../shared/money.js';
import { payables } from '../billers/index.js';
import { findDues, postCounterPayment, type Dues, type DuesLookup } from '../payments/index.js';
import { officeOfStaff } from './counter.access.js';
import { auditedCounterRefusals } from './counter.audit.js';
import { blockOfOfflineReceipt, overOfflineLimit, receiptNumberOf } from './counter.offline.service.js';
import { changeFor, counterRequestHash, type Tender } from './counter.tenders.js';
import * as store from './counter.store.js';

export type TenderInput =
  | { kind: 'cash'; amount: string }
  | { kind: 'card'; amount: string; reference: string }
  | { kind: 'cheque'; amount: string; chequeNumber: string; bank: string };

export interface CounterPaymentInput {
  /** The counter page's (or offline journal's) own id for this payment. */
  id: string;
  currency?: string | undefined;
  items: { payableId: string; amount: string }[];
  tenders: TenderInput[];
  language?: 'ar' | 'en' | undefined;
  /**
   * Taken while the page could not reach the server (replayed from its journal): the cash is already in the drawer,
   * so a bill paid meanwhile elsewhere does not refuse it; what no longer fits becomes the account's credit.
   */
  takenOffline?: boolean | undefined;
  /** Taken offline: the receipt number the page printed, the next of its block (counter.offline.service.ts). */
  offlineReceiptNumber?: string | undefined;
}

export interface CounterPaymentResult {
  payment: store.CounterPaymentRow;
  items: store.CounterPaymentItemRow[];
  tenders: store.TenderRow[];
  officeCode: string;
  counterCode: string;
  replayed: boolean;
}

/** Open dues by civil ID, account, meter or plate, across every biller, for a cashier at their office. */
export async function counterDues(ctx: Ctx, actor: Actor, lookup: DuesLookup): Promise<Dues> {
  await officeOfStaff(ctx, actor, 'cashier');
  return findDues(ctx, actor, lookup);
}

function parseTender(t: TenderInput, currency: string): Tender {
  // Zero and negative tenders are refused by changeFor with the tender named; here only the text's shape.
  const amount = parseAmount(t.amount, currency);
  if (t.kind === 'card') return { kind: 'card', amount, reference: t.reference.trim() };
  if (t.kind === 'cheque') return { kind: 'cheque', amount, chequeNumber: t.chequeNumber.trim(), bank: t.bank.trim() };
  return { kind: 'cash', amount };
}

// Thrown inside the transaction when the id turns out taken: roll everything back and answer the first payment.
class CounterIdTaken extends Error {}

export async function takeCounterPayment(ctx: Ctx, actor: Actor, input: CounterPaymentInput): Promise<CounterPaymentResult> {
  return auditedCounterRefusals(ctx, actor, 'counter.payment', input.id, { items: input.items, tenders: input.tenders }, async () => {
    const office = await officeOfStaff(ctx, actor, 'cashier');
    const cashierId = actor.kind === 'staff' ? actor.id : '';
    const existing = await store.findCounterPayment(ctx.db, input.id);
    const drawer = existing ? undefined : await store.findOpenDrawer(ctx.db, { cashierId });
    const currency = existing?.currency ?? drawer?.currency ?? ctx.config.TASDEED_CURRENCY;
    if (input.currency && input.currency !== currency) throw new AppError('counter_tender_currency', { currency: input.currency, drawerCurrency: currency });
    const items = input.items.map((i) => ({ payableId: i.payableId, amount: parsePositiveAmount(i.amount, currency) }));
    const tenders = input.tenders.map((t) => parseTender(t, currency));
    const requestHash = counterRequestHash({ currency, items, tenders });
    if (existing) return replayOf(ctx, existing, requestHash);
    if (!drawer) throw new AppError('counter_no_open_drawer');
    const total = items.reduce((sum, i) => sum + i.amount, 0n);
    const changeGiven = changeFor(total, tenders);
    try {
      return await inTransaction(ctx, async (tx) => {
        const locked = await store.findDrawer(tx.db, drawer.id, { lock: true });
        if (locked!.status !== 'open') throw new AppError('counter_no_open_drawer');
        const counter = (await store.findCounterById(tx.db, drawer.counterId))!;
        const takenOffline = input.takenOffline === true || input.offlineReceiptNumber !== undefined;
        const block = input.offlineReceiptNumber === undefined ? null : await blockOfOfflineReceipt(tx, office, counter, input.offlineReceiptNumber);
        const receiptNumber = input.offlineReceiptNumber ?? receiptNumberOf(office.code, counter.code, await store.takeReceiptSeq(tx.db, counter.id));
        const overLimit = takenOffline && (await overOfflineLimit(tx, office, drawer.id, total));
        const { payment, replayed, credited } = await postCounterPayment(tx, actor, { externalId: input.id, receiptNumber, currency, items, language: input.language ?? 'ar', keepTheMoney: takenOffline });
        if (replayed) throw new CounterIdTaken();
        const now = tx.clock.now();
        const row = await store.insertCounterPayment(tx.db, {
          id: input.id, drawerId: drawer.id, officeId: office.id, counterId: counter.id, cashierId, businessDate: drawer.businessDate,
          paymentId: payment.id, receiptNumber, currency, amount: total, changeGiven, takenOffline, receiptBlockId: block?.id ?? null, overOfflineLimit: overLimit, credited, requestHash, status: 'posted',
          voidReason: null, voidedBy: null, voidedAt: null, voidRef: null, createdAt: now,
        });
        if (!row) throw new CounterIdTaken();
        const billerOf = new Map((await payables.findMany(tx, items.map((i) => i.payableId))).map((p) => [p.id, p.billerCode]));
        await store.insertPaymentDetails(
          tx.db,
          items.map((i) => ({ counterPaymentId: row.id, payableId: i.payableId, billerCode: billerOf.get(i.payableId)!, amount: i.amount })),
          tenders.map((t, position) => ({
            counterPaymentId: row.id, position, kind: t.kind, amount: t.amount,
            reference: t.kind === 'card' ? t.reference : null, chequeNumber: t.kind === 'cheque' ? t.chequeNumber : null, chequeBank: t.kind === 'cheque' ? t.bank : null,
          })),
        );
        await recordAudit(tx, actor, {
          action: 'counter.payment', entityType: 'counter_payment', entityId: row.id,
          detail: { paymentId: payment.id, receiptNumber, amount: total.toString(), changeGiven: changeGiven.toString(), officeCode: office.code, counterCode: counter.code, takenOffline, receiptBlockId: block?.id ?? null, overOfflineLimit: overLimit, credited: credited.toString() },
        });
        if (overLimit) {
          await recordAudit(tx, actor, {
            action: 'counter.offline_over_limit', entityType: 'counter_payment', entityId: row.id,
            detail: { amount: total.toString(), maxPerPayment: office.offlineMaxPayment?.toString() ?? null, maxTotal: office.offlineMaxTotal?.toString() ?? null, drawerId: drawer.id },
          });
        }
        const details = await store.detailsOf(tx.db, [row.id]);
        return { payment: row, ...details, officeCode: office.code, counterCode: counter.code, replayed: false };
      });
    } catch (error) {
      // The id was taken meanwhile (a twin that committed first, or the same id posted by this cashier's journal):
      // that payment is the answer, if its content is the same.
      const taken = await store.findCounterPayment(ctx.db, input.id);
      if (taken) return replayOf(ctx, taken, requestHash);
      // Its offline receipt number posted meanwhile under another id (two journals with one block): refused by name.
      if (input.offlineReceiptNumber && (await store.findCounterPaymentByReceipt(ctx.db, input.offlineReceiptNumber))) {
        throw new AppError('counter_offline_receipt_used', { receiptNumber: input.offlineReceiptNumber });
      }
      if (error instanceof CounterIdTaken) throw new AppError('conflict', { id: input.id });
      throw error;
    }
  });
}

async function replayOf(ctx: Ctx, existing: store.CounterPaymentRow, requestHash: string): Promise<CounterPaymentResult> {
  if (existing.requestHash !== requestHash) throw new AppError('counter_replay_conflict', { id: existing.id, receiptNumber: existing.receiptNumber });
  return { ...(await resultOf(ctx, existing)), replayed: true };
}

export async function resultOf(ctx: Ctx, payment: store.CounterPaymentRow): Promise<CounterPaymentResult> {
  const [details, office, counter] = await Promise.all([
    store.detailsOf(ctx.db, [payment.id]), store.findOfficeById(ctx.db, payment.officeId), store.findCounterById(ctx.db, payment.counterId),
  ]);
  return { payment, ...details, officeCode: office!.code, counterCode: counter!.code, replayed: false };
}

/** Many payments with their details, in two queries (a day's list for the supervisor). */
export async function resultsOf(ctx: Ctx, rows: store.CounterPaymentRow[]): Promise<CounterPaymentResult[]> {
  const [details, counters, offices] = await Promise.all([
    store.detailsOf(ctx.db, rows.map((r) => r.id)), store.countersOf(ctx.db, [...new Set(rows.map((r) => r.officeId))]), store.listOffices(ctx.db),
  ]);
  const counterCode = new Map(counters.map((c) => [c.id, c.code]));
  const officeCode = new Map(offices.map((o) => [o.id, o.code]));
  return rows.map((payment) => ({
    payment,
    items: details.items.filter((i) => i.counterPaymentId === payment.id),
    tenders: details.tenders.filter((t) => t.counterPaymentId === payment.id),
    officeCode: officeCode.get(payment.officeId) ?? '', counterCode: counterCode.get(payment.counterId) ?? '', replayed: false,
  }));
}
