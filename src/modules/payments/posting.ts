// Posting: the one place money lands. Every channel (card, bank, counter, credit) goes through here, inside one
// database transaction: the payable rows are locked in id order, amounts applied under the billers' guarded
// UPDATE, one balanced ledger transaction written, a receipt number drawn and the receipt queued in the outbox.
//
// Two modes. `strict` (bank, counter, credit): anything that does not fit is refused and nothing posts — the
// payer still holds the money. `captured` (a card payment the gateway confirmed): the money is already taken, so
// what no longer fits (the bill was paid meanwhile at a counter) becomes the party's credit, never lost.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { formatAmount } from '../../shared/money.js';
import { payables, receivableAccountOf, type Payable } from '../billers/index.js';
import * as ledger from '../ledger/index.js';
import { emitEvent, type EventToEmit } from '../../platform/outbox.js';
import { paymentApplied } from '../../platform/payment-listeners.js';
import { assertPayable, applicableAmount } from './payment-rules.js';
import { creditAccountOf } from './parties.js';
import { receiptVerifyUrl } from './receipt-signature.js';
import type { PaymentItemRow, PaymentRow, ReceiptPoint } from './payments.store.js';

/** `kiosk`: a KNET card payment taken at a self-service kiosk (its own receipt point, KNET's clearing account). */
export type PaymentChannel = 'knet' | 'kiosk' | 'bank' | 'counter' | 'credit';

export const RECEIPT_POINT_OF_CHANNEL = { knet: 'WEB', kiosk: 'KSK', bank: 'BNK', counter: 'CTR', credit: 'CRD' } as const satisfies Record<PaymentChannel, ReceiptPoint>;

/** Channels whose money is a card payment captured by the card gateway (refunded through it, settled by it). */
export const CARD_CHANNELS: ReadonlySet<string> = new Set(['knet', 'kiosk']);

export interface PlannedItem {
  payableId: string;
  amount: bigint;
}

export interface AppliedItem {
  payable: Payable;
  amount: bigint;
}

export interface ApplyOutcome {
  applied: AppliedItem[];
  /** captured mode: what each planned item really got (0 when nothing fitted), in planned order. */
  appliedByPayable: Map<string, bigint>;
  leftover: bigint;
}

/** The items in payable id order, the order every path locks payables in (two payers of the same bills never deadlock). */
export function inPayableIdOrder<T extends { payableId: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.payableId < b.payableId ? -1 : a.payableId > b.payableId ? 1 : 0));
}

/** Applies the items to their payables under row locks, taken in id order: two payers of the same bills never deadlock. */
export async function applyItems(ctx: Ctx, items: PlannedItem[], currency: string, mode: 'strict' | 'captured'): Promise<ApplyOutcome> {
  const ordered = inPayableIdOrder(items);
  const applied: AppliedItem[] = [];
  const appliedByPayable = new Map<string, bigint>();
  // Strict: one round trip per item on the way that succeeds, the guarded UPDATE checking every rule itself (in id
  // order, so rows are locked in the same order as below). A refusal rolls the whole payment back, so the first
  // refusal only needs its reason: the locked path below finds it (or, if the row changed meanwhile, pays it).
  if (mode === 'strict') {
    for (const item of ordered) {
      const row = item.amount > 0n ? await payables.applyStrictPayment(ctx, item.payableId, item.amount, currency) : undefined;
      if (!row) return applyItemsLocked(ctx, ordered, currency, mode, { applied, appliedByPayable });
      applied.push({ payable: row, amount: item.amount });
      appliedByPayable.set(item.payableId, item.amount);
    }
    await paymentApplied(ctx, applied.map(({ payable, amount }) => ({ payableId: payable.id, billerCode: payable.billerCode, accountNumber: payable.accountNumber, amount })));
    return { applied, appliedByPayable, leftover: 0n };
  }
  return applyItemsLocked(ctx, ordered, currency, mode, { applied, appliedByPayable });
}

/** Locks the payables (in id order), checks each item and applies it; `done` holds the items already applied. */
async function applyItemsLocked(ctx: Ctx, ordered: PlannedItem[], currency: string, mode: 'strict' | 'captured', done: Pick<ApplyOutcome, 'applied' | 'appliedByPayable'>): Promise<ApplyOutcome> {
  const rest = ordered.filter((item) => !done.appliedByPayable.has(item.payableId));
  const locked = await payables.lock(ctx, rest.map((item) => item.payableId));
  const byId = new Map(locked.map((row) => [row.id, row]));
  const applied: AppliedItem[] = [...done.applied];
  const appliedByPayable = new Map(done.appliedByPayable);
  let leftover = 0n;
  for (const item of rest) {
    const payable = byId.get(item.payableId);
    let amount = 0n;
    if (mode === 'strict') {
      if (!payable) throw new AppError('payable_not_found', { payableId: item.payableId });
      if (payable.currency !== currency) throw new AppError('payment_currency_mixed', { payableId: payable.id });
      assertPayable(payable, item.amount);
      amount = item.amount;
    } else if (payable && payable.currency === currency) {
      amount = applicableAmount(payable, item.amount);
    }
    if (amount > 0n) {
      const row = await payables.applyPayment(ctx, item.payableId, amount);
      // Cannot happen under the lock; if it ever does, nothing may post.
      if (!row) throw new AppError('conflict', { payableId: item.payableId });
      applied.push({ payable: row, amount });
    }
    appliedByPayable.set(item.payableId, amount);
    leftover += item.amount - amount;
  }
  // Other modules react in this transaction (requests: reconnection once a debt is paid), never refusing it.
  await paymentApplied(ctx, applied.map(({ payable, amount }) => ({ payableId: payable.id, billerCode: payable.billerCode, accountNumber: payable.accountNumber, amount })));
  return { applied, appliedByPayable, leftover };
}

/**
 * The payment's ledger transaction: debit where the money came from (the channel's clearing account, or the
 * party's credit when credit pays), credit each receivable, and credit the party with what was left over.
 */
export function paymentLines(source: string, total: bigint, applied: AppliedItem[], credit?: { party: string; amount: bigint }): ledger.LedgerLine[] {
  const byAccount = new Map<string, bigint>();
  const add = (account: string, amount: bigint) => byAccount.set(account, (byAccount.get(account) ?? 0n) + amount);
  add(source, total);
  for (const item of applied) add(receivableAccountOf(item.payable), -item.amount);
  if (credit && credit.amount > 0n) add(creditAccountOf(credit.party), -credit.amount);
  return [...byAccount].filter(([, amount]) => amount !== 0n).map(([account, amount]) => ({ account, amount }));
}

export function sourceAccountOf(channel: PaymentChannel, creditAccount?: string): string {
  if (channel === 'credit') {
    if (!creditAccount) throw new AppError('validation_failed', { field: 'creditAccount' });
    return creditAccount;
  }
  // A kiosk's card payments are captured by KNET like the web's: the money waits in the same clearing account.
  return ledger.accounts.clearing(channel === 'kiosk' ? 'knet' : channel);
}

export async function postPaymentLedger(ctx: Ctx, payment: Pick<PaymentRow, 'id' | 'channel' | 'currency' | 'amount' | 'receiptNumber'>, lines: ledger.LedgerLine[]): Promise<void> {
  await ledger.post(ctx, { kind: 'payment', sourceRef: payment.id, currency: payment.currency, lines, memo: { channel: payment.channel, receiptNumber: payment.receiptNumber } });
}

// The business year of a receipt number. One formatter per time zone: making one per payment costs more than the
// rest of the year's arithmetic (it showed in the benchmark's profile).
const yearFormatters = new Map<string, Intl.DateTimeFormat>();

export function receiptYear(ctx: Ctx): string {
  const timeZone = ctx.config.TZ_BUSINESS;
  let formatter = yearFormatters.get(timeZone);
  if (!formatter) yearFormatters.set(timeZone, (formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' })));
  return formatter.format(ctx.clock.now());
}

/** Queues the receipt (email/SMS) in the payment's own transaction: it leaves only if the payment commits. */
export async function queueReceipt(ctx: Ctx, payment: PaymentRow, applied: AppliedItem[]): Promise<void> {
  const event = receiptEventOf(ctx, payment, applied);
  if (event) await emitEvent(ctx, event.topic, event.payload, { dedupeKey: event.dedupeKey });
}

/** The receipt's event, or undefined when there is no number yet or nobody to tell. */
export function receiptEventOf(ctx: Ctx, payment: PaymentRow, applied: AppliedItem[]): (EventToEmit<'payment.received'> & { dedupeKey: string }) | undefined {
  if (!payment.receiptNumber) return undefined;
  const owner = applied.find((item) => item.payable.personId) ?? applied.find((item) => item.payable.civilId);
  const personId = payment.personId ?? owner?.payable.personId ?? null;
  const civilId = payment.civilId ?? owner?.payable.civilId ?? null;
  if (!personId && !civilId) return undefined; // nobody to tell: a plate nobody owns yet, paid at a counter
  const amount = formatAmount(payment.amount, payment.currency);
  const items = applied.map((item) => `${item.payable.reference} ${formatAmount(item.amount, payment.currency)}`).join(', ');
  return {
    topic: 'payment.received',
    payload: {
      personId,
      civilId,
      paymentId: payment.id,
      receiptNumber: payment.receiptNumber,
      vars: {
        receiptNumber: payment.receiptNumber,
        amount,
        currency: payment.currency,
        paidAt: (payment.postedAt ?? ctx.clock.now()).toISOString(),
        verifyUrl: receiptVerifyUrl(ctx.config, payment.receiptNumber, amount, payment.currency),
        items: items.length > 200 ? `${items.slice(0, 197)}...` : items,
      },
    },
    dedupeKey: `payment.received:${payment.id}`,
  };
}

export function sumItems(items: Pick<PaymentItemRow, 'amount'>[] | PlannedItem[]): bigint {
  return items.reduce((total, item) => total + item.amount, 0n);
}
